/**
 * One PrimitiveBlock of an OSM PBF: its string table (decoded lazily, string by string, because most
 * blocks need few or none of its strings), coordinate granularity and offsets, and its groups.
 */
import { ProtoReader, utf8String } from './protobuf.ts';

/** Group kinds by PrimitiveGroup field number. */
export const GROUP_NODES = 1;
export const GROUP_DENSE = 2;
export const GROUP_WAYS = 3;
export const GROUP_RELATIONS = 4;

export class Block {
	readonly granularity: number;
	readonly latOffset: number;
	readonly lonOffset: number;
	/** Whether coordinates are whole multiples of 1e-7 degrees (the usual granularity 100, offsets 0). */
	readonly scaled: boolean;
	/** [start, end) of every PrimitiveGroup. */
	readonly groups: Array<[number, number]> = [];
	/** String table entries as [start, end) pairs. */
	private strStart: Int32Array = new Int32Array(0);
	private strEnd: Int32Array = new Int32Array(0);
	private strRange: [number, number] | null = null;
	private cache: Array<string | undefined> = [];
	private parsedStrings = false;

	constructor(readonly buf: Uint8Array) {
		const r = new ProtoReader(buf);
		let gran = 100;
		let latOff = 0;
		let lonOff = 0;
		while (r.next()) {
			if (r.field === 1 && r.wire === 2) this.strRange = r.lenRange();
			else if (r.field === 2 && r.wire === 2) this.groups.push(r.lenRange());
			else if (r.field === 17 && r.wire === 0) gran = r.int();
			else if (r.field === 19 && r.wire === 0) latOff = r.int();
			else if (r.field === 20 && r.wire === 0) lonOff = r.int();
			else r.skip();
		}
		this.granularity = gran;
		this.latOffset = latOff;
		this.lonOffset = lonOff;
		this.scaled = gran % 100 === 0 && latOff % 100 === 0 && lonOff % 100 === 0;
	}

	private parseStrings(): void {
		this.parsedStrings = true;
		if (!this.strRange) return;
		const starts: number[] = [];
		const ends: number[] = [];
		const r = new ProtoReader(this.buf, this.strRange[0], this.strRange[1]);
		while (r.next()) {
			if (r.field === 1 && r.wire === 2) {
				const [s, e] = r.lenRange();
				starts.push(s);
				ends.push(e);
			} else r.skip();
		}
		this.strStart = Int32Array.from(starts);
		this.strEnd = Int32Array.from(ends);
		this.cache = new Array(starts.length);
	}

	/** Number of strings in the table. */
	get stringCount(): number {
		if (!this.parsedStrings) this.parseStrings();
		return this.strStart.length;
	}

	/** String `i` of the table (decoded on first use). */
	str(i: number): string {
		if (!this.parsedStrings) this.parseStrings();
		let s = this.cache[i];
		if (s === undefined) {
			if (!(i >= 0 && i < this.strStart.length)) throw new Error(`string index ${i} out of range`);
			s = this.cache[i] = utf8String(this.buf.subarray(this.strStart[i], this.strEnd[i]));
		}
		return s;
	}

	/** Index of the string equal to `ascii` (compared as bytes, nothing decoded), or -1. */
	indexOf(ascii: string): number {
		if (!this.parsedStrings) this.parseStrings();
		const b = this.buf;
		const n = ascii.length;
		outer: for (let i = 0; i < this.strStart.length; i++) {
			const s = this.strStart[i];
			if (this.strEnd[i] - s !== n) continue;
			for (let k = 0; k < n; k++) if (b[s + k] !== ascii.charCodeAt(k)) continue outer;
			return i;
		}
		return -1;
	}

	/** Coordinate from a raw value: integer 1e-7 degrees when `scaled`, else degrees. */
	lat(raw: number): number {
		return this.scaled ? (this.latOffset + this.granularity * raw) / 100 : (this.latOffset + this.granularity * raw) / 1e9;
	}

	lon(raw: number): number {
		return this.scaled ? (this.lonOffset + this.granularity * raw) / 100 : (this.lonOffset + this.granularity * raw) / 1e9;
	}
}
