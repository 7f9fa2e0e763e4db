/**
 * Windows-1252 ("ANSI", Excel's plain "CSV" on a Swiss or German Windows) by the WHATWG Encoding Standard.
 * The platform's decoder is not trusted for it: Node's TextDecoder reads the label as ISO-8859-1, so «€»,
 * «’», «„…“» and «–» (bytes 0x80–0x9F) came out as invisible control characters (nodejs/node#56542),
 * while browsers read them right. Here the platform decodes ISO-8859-1 (fast and the same everywhere for
 * every other byte) and the 32 bytes that differ are mapped by the standard's table.
 */

/** Bytes 0x80–0x9F (WHATWG index-windows-1252); the five it leaves undefined stay their own code point. */
const C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const C1_RANGE = /[\u0080-\u009f]/g;
const fixC1 = (s: string) => s.replace(C1_RANGE, (c) => C1[c.charCodeAt(0) - 0x80]);

/** The character of each byte. */
export const WINDOWS_1252_CHARS: readonly string[] = Array.from({ length: 256 }, (_, b) => (b >= 0x80 && b < 0xa0 ? C1[b - 0x80] : String.fromCharCode(b)));

/** What the code here needs of a TextDecoder (streaming decode). */
export interface TextDecoderLike {
	decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}

/** A decoder for Windows-1252 (one byte per character: nothing to carry between chunks). */
export function windows1252Decoder(): TextDecoderLike {
	// 'iso-8859-1' is windows-1252 to a browser and ISO-8859-1 to Node: after fixC1 the same either way.
	const latin = new TextDecoder('iso-8859-1');
	return { decode: (input, options) => fixC1(latin.decode(input, options)) };
}

/** UTF-8 of each byte (1–3 bytes). */
const UTF8_LENGTH = new Uint8Array(256);
const UTF8 = new Uint8Array(256 * 3);
{
	const enc = new TextEncoder();
	for (let b = 0; b < 256; b++) {
		const u = enc.encode(WINDOWS_1252_CHARS[b]);
		UTF8_LENGTH[b] = u.length;
		UTF8.set(u, 3 * b);
	}
}

/**
 * Windows-1252 bytes as UTF-8 bytes: the same text, for a reader that takes UTF-8 only (DuckDB's CSV
 * reader, in the fast path). A table lookup per byte (decoding to a string and encoding it is ~3× slower);
 * ASCII comes back as it is.
 */
export function windows1252ToUtf8(bytes: Uint8Array): Uint8Array {
	let n = 0;
	for (let i = 0; i < bytes.length; i++) n += UTF8_LENGTH[bytes[i]];
	if (n === bytes.length) return bytes;
	const out = new Uint8Array(n);
	let o = 0;
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (b < 0x80) out[o++] = b;
		else {
			const k = 3 * b;
			out[o++] = UTF8[k];
			out[o++] = UTF8[k + 1]; // every byte above ASCII is 2 or 3 bytes in UTF-8
			if (UTF8_LENGTH[b] === 3) out[o++] = UTF8[k + 2];
		}
	}
	return out;
}
