/**
 * Interned ids keyed by their UTF-8 bytes: stop_times.txt of a national feed has tens of millions of rows,
 * and looking their trip and stop ids up without making a string per row is most of what keeps the
 * reader fast. Keys live back to back in one byte arena; an open-addressing table (linear probing, load
 * ≤ 1/2) maps FNV-1a hashes to key indices. Strings are made only for the keys asked for (`key(i)`).
 *
 * Memory: about (key bytes + 16) per key, e.g. ~40 MB for 1 M trip ids of 25 bytes.
 */
import type { CsvRow } from './csv.ts';

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

export class IdTable {
	private arena = new Uint8Array(1 << 12);
	private arenaLen = 0;
	/** Key i spans arena[offs[i], offs[i + 1]). */
	private offs: Int32Array = new Int32Array(1 << 10);
	private hashes: Int32Array = new Int32Array(1 << 10);
	/** Slot → key index + 1 (0 = empty). */
	private slots = new Int32Array(1 << 11);
	private mask = (1 << 11) - 1;
	size = 0;
	private scratch = new Uint8Array(256);

	/** Index of the key bytes[s, e), or -1. */
	find(bytes: Uint8Array, s: number, e: number): number {
		const h = hash(bytes, s, e);
		const slots = this.slots, mask = this.mask;
		for (let k = h & mask; ; k = (k + 1) & mask) {
			const v = slots[k];
			if (v === 0) return -1;
			if (this.hashes[v - 1] === h && this.equals(v - 1, bytes, s, e)) return v - 1;
		}
	}

	/** Index of the key bytes[s, e), added when new. */
	add(bytes: Uint8Array, s: number, e: number): number {
		const h = hash(bytes, s, e);
		const mask = this.mask;
		let k = h & mask;
		for (; ; k = (k + 1) & mask) {
			const v = this.slots[k];
			if (v === 0) break;
			if (this.hashes[v - 1] === h && this.equals(v - 1, bytes, s, e)) return v - 1;
		}
		const i = this.size++;
		if (this.size + 1 > this.offs.length) {
			this.offs = growI32(this.offs, this.offs.length * 2);
			this.hashes = growI32(this.hashes, this.offs.length);
		}
		const n = e - s;
		if (this.arenaLen + n > this.arena.length) {
			let cap = this.arena.length * 2;
			while (cap < this.arenaLen + n) cap *= 2;
			const a = new Uint8Array(cap);
			a.set(this.arena.subarray(0, this.arenaLen));
			this.arena = a;
		}
		this.arena.set(bytes.subarray(s, e), this.arenaLen);
		this.offs[i] = this.arenaLen;
		this.arenaLen += n;
		this.offs[i + 1] = this.arenaLen;
		this.hashes[i] = h;
		this.slots[k] = i + 1;
		if (this.size * 2 > this.slots.length) this.rehash();
		return i;
	}

	/** Field `i` of a CSV row (doubled quotes unescaped). */
	findField(r: CsvRow, i: number): number {
		if (i < 0 || i >= r.count) return this.find(r.buf, 0, 0);
		if (!r.esc[i]) return this.find(r.buf, r.start[i], r.end[i]);
		const n = this.unescape(r, i);
		return this.find(this.scratch, 0, n);
	}

	addField(r: CsvRow, i: number): number {
		if (i < 0 || i >= r.count) return this.add(r.buf, 0, 0);
		if (!r.esc[i]) return this.add(r.buf, r.start[i], r.end[i]);
		const n = this.unescape(r, i);
		return this.add(this.scratch, 0, n);
	}

	findString(s: string): number {
		const b = encoder.encode(s);
		return this.find(b, 0, b.length);
	}

	addString(s: string): number {
		const b = encoder.encode(s);
		return this.add(b, 0, b.length);
	}

	/** Key i as a string. */
	key(i: number): string {
		return decoder.decode(this.arena.subarray(this.offs[i], this.offs[i + 1]));
	}

	/** Whether key i equals bytes[s, e). */
	equals(i: number, bytes: Uint8Array, s: number, e: number): boolean {
		const a = this.arena;
		let o = this.offs[i];
		if (this.offs[i + 1] - o !== e - s) return false;
		for (let p = s; p < e; p++, o++) if (a[o] !== bytes[p]) return false;
		return true;
	}

	/** Bytes held (arena and tables), for the memory figures. */
	get bytes(): number {
		return this.arena.length + this.offs.byteLength + this.hashes.byteLength + this.slots.byteLength;
	}

	private unescape(r: CsvRow, i: number): number {
		const b = r.buf, e = r.end[i];
		if (this.scratch.length < e - r.start[i]) this.scratch = new Uint8Array((e - r.start[i]) * 2);
		let n = 0;
		for (let p = r.start[i]; p < e; p++) {
			this.scratch[n++] = b[p];
			if (b[p] === 34 && b[p + 1] === 34) p++;
		}
		return n;
	}

	private rehash(): void {
		const slots = new Int32Array(this.slots.length * 2);
		const mask = slots.length - 1;
		for (let i = 0; i < this.size; i++) {
			let k = this.hashes[i] & mask;
			while (slots[k] !== 0) k = (k + 1) & mask;
			slots[k] = i + 1;
		}
		this.slots = slots;
		this.mask = mask;
	}
}

function hash(b: Uint8Array, s: number, e: number): number {
	let h = 0x811c9dc5;
	for (let p = s; p < e; p++) h = Math.imul(h ^ b[p], 0x01000193);
	// final avalanche so that the low bits used for the slot depend on every byte
	h ^= h >>> 15;
	h = Math.imul(h, 0x2c1b3c6d);
	h ^= h >>> 12;
	return h;
}

function growI32(a: Int32Array, n: number): Int32Array {
	const b = new Int32Array(n);
	b.set(a);
	return b;
}
