/**
 * A minimal protocol-buffers wire reader, just enough for the OSM PBF format.
 * Varints are decoded into JavaScript numbers: exact up to 2^53, which covers OSM ids and
 * coordinates (int64 on the wire, far smaller in practice).
 */
export class ProtoReader {
	pos: number;
	readonly end: number;
	constructor(
		readonly buf: Uint8Array,
		start = 0,
		end = buf.length
	) {
		this.pos = start;
		this.end = end;
	}

	/** Unsigned varint as a number (exact below 2^53). */
	varint(): number {
		const b = this.buf;
		let result = 0;
		// First 28 bits with bit operations (stay positive in int32), the rest by multiplication.
		for (let shift = 0; shift < 28; shift += 7) {
			if (this.pos >= this.end) throw new Error('truncated varint');
			const byte = b[this.pos++];
			result |= (byte & 0x7f) << shift;
			if (byte < 0x80) return result;
		}
		let mul = 2 ** 28;
		for (let i = 0; i < 6; i++) {
			if (this.pos >= this.end) throw new Error('truncated varint');
			const byte = b[this.pos++];
			result += (byte & 0x7f) * mul;
			if (byte < 0x80) return result;
			mul *= 128;
		}
		throw new Error('varint too long');
	}

	/** Zigzag-decoded signed varint (sint32/sint64). */
	svarint(): number {
		const n = this.varint();
		return n % 2 === 1 ? -(n + 1) / 2 : n / 2;
	}

	/** int32/int64 encoded as plain varint (two's complement for negatives: 10 bytes). */
	int(): number {
		const n = this.varint();
		return n >= 2 ** 63 ? n - 2 ** 64 : n;
	}

	/** Tag of the next field: field number and wire type. Returns false at the end. */
	next(): boolean {
		if (this.pos >= this.end) return false;
		const t = this.varint();
		this.field = Math.floor(t / 8);
		this.wire = t & 7;
		return true;
	}
	field = 0;
	wire = 0;

	/** Length-delimited payload as a sub-range [start, end) of the same buffer. */
	lenRange(): [number, number] {
		const len = this.varint();
		const start = this.pos;
		this.pos += len;
		if (this.pos > this.end) throw new Error('truncated length-delimited field');
		return [start, this.pos];
	}

	bytes(): Uint8Array {
		const [s, e] = this.lenRange();
		return this.buf.subarray(s, e);
	}

	/** A reader over the current length-delimited field (a sub-message or a packed array). */
	sub(): ProtoReader {
		const [s, e] = this.lenRange();
		return new ProtoReader(this.buf, s, e);
	}

	skip(): void {
		switch (this.wire) {
			case 0:
				this.varint();
				break;
			case 1:
				this.pos += 8;
				break;
			case 2:
				this.lenRange();
				break;
			case 5:
				this.pos += 4;
				break;
			default:
				throw new Error(`unsupported wire type ${this.wire}`);
		}
	}
}

const utf8 = new TextDecoder();
/** Decode UTF-8 bytes. */
export function utf8String(b: Uint8Array): string {
	return utf8.decode(b);
}
