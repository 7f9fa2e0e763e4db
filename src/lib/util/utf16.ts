/**
 * UTF-16 (Excel's "Unicode text") to UTF-8 bytes in one pass over the code units, chunk by chunk: the text
 * TextDecoder('utf-16le'/'utf-16be') gives, without building it as a string first (decoding to a string and
 * encoding it took ~2 s for 80 MB in chromium; this ~10× less). Unpaired surrogates and a last odd byte
 * become U+FFFD, as the WHATWG decoder makes them.
 */
export class Utf16ToUtf8 {
	/** A lead surrogate at the end of the previous chunk, waiting for its trail (-1: none). */
	private lead = -1;
	/** An odd byte at the end of the previous chunk (-1: none). */
	private odd = -1;
	constructor(private readonly littleEndian: boolean) {}

	/** The UTF-8 of `bytes`; `final` ends the stream (a waiting lead surrogate or odd byte becomes U+FFFD). */
	push(bytes: Uint8Array, final = false): Uint8Array {
		let src = bytes;
		if (this.odd >= 0) {
			src = new Uint8Array(bytes.length + 1);
			src[0] = this.odd;
			src.set(bytes, 1);
			this.odd = -1;
		}
		const units = src.length >> 1;
		if (src.length & 1) this.odd = src[src.length - 1];
		// At most 3 bytes per unit (a pair of units is 4 bytes), plus a pending lead and the final U+FFFDs.
		const out = new Uint8Array(3 * units + 9);
		let o = 0;
		const le = this.littleEndian;
		let lead = this.lead;
		const fffd = () => {
			out[o++] = 0xef;
			out[o++] = 0xbf;
			out[o++] = 0xbd;
		};
		for (let i = 0; i < units; i++) {
			const u = le ? src[2 * i] | (src[2 * i + 1] << 8) : (src[2 * i] << 8) | src[2 * i + 1];
			if (lead >= 0) {
				if (u >= 0xdc00 && u <= 0xdfff) {
					const cp = 0x10000 + ((lead - 0xd800) << 10) + (u - 0xdc00);
					out[o++] = 0xf0 | (cp >> 18);
					out[o++] = 0x80 | ((cp >> 12) & 63);
					out[o++] = 0x80 | ((cp >> 6) & 63);
					out[o++] = 0x80 | (cp & 63);
					lead = -1;
					continue;
				}
				fffd();
				lead = -1;
			}
			if (u < 0x80) out[o++] = u;
			else if (u < 0x800) {
				out[o++] = 0xc0 | (u >> 6);
				out[o++] = 0x80 | (u & 63);
			} else if (u >= 0xd800 && u <= 0xdbff) lead = u;
			else if (u >= 0xdc00 && u <= 0xdfff) fffd();
			else {
				out[o++] = 0xe0 | (u >> 12);
				out[o++] = 0x80 | ((u >> 6) & 63);
				out[o++] = 0x80 | (u & 63);
			}
		}
		if (final) {
			// One U+FFFD for whatever is left waiting (WHATWG: a lead surrogate and a lead byte together are one error).
			if (lead >= 0 || this.odd >= 0) fffd();
			lead = -1;
			this.odd = -1;
		}
		this.lead = lead;
		return out.subarray(0, o);
	}
}
