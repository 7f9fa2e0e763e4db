/**
 * Node coordinates kept from the PBF's node blocks, without a JS Map: one chunk of sorted typed arrays
 * per block (ids as float64, coordinates as int32 in 1e-7 degrees), found again by two binary searches
 * (chunk by its first id, then the id inside it). 16–17 bytes per kept node, no per-node objects.
 *
 * OSM PBF files are sorted (nodes ascending by id, block after block); the store checks that as it grows.
 * If a file breaks the order, `merge()` sorts everything into one chunk (slower, same result).
 */

/** One block's kept nodes, ascending by id. */
interface Chunk {
	ids: Float64Array;
	/** Coordinates in 1e-7 degrees (int32) when the block's granularity allows it, else degrees. */
	lon: Int32Array | Float64Array;
	lat: Int32Array | Float64Array;
	scaled: boolean;
	/** 1 = used by a kept way (set while ways are cut; drives the node-tag pass). */
	used: Uint8Array;
	/** Index of the block (frame) the nodes came from, for the node-tag pass; per node after a merge. */
	frame: number;
	frameOf?: Int32Array;
}

export class NodeStore {
	private chunks: Chunk[] = [];
	private firsts = new Float64Array(16);
	/** False once an id arrived that is not above all ids before it. */
	sorted = true;
	count = 0;
	private lastId = -Infinity;
	// Scratch for the block being read.
	private sIds = new Float64Array(8192);
	private sLonI = new Int32Array(8192);
	private sLatI = new Int32Array(8192);
	private sLonD = new Float64Array(8192);
	private sLatD = new Float64Array(8192);
	private sN = 0;
	private sScaled = true;
	// Result of the last successful find().
	private lastChunk = 0;
	hitChunk = 0;
	hitIndex = 0;

	/** Start collecting one block's nodes; `scaled` = coordinates come as integers of 1e-7 degrees. */
	begin(scaled: boolean): void {
		this.sN = 0;
		this.sScaled = scaled;
	}

	private grow(): void {
		const n = this.sIds.length * 2;
		const g = <T extends Float64Array | Int32Array>(a: T, C: new (n: number) => T): T => {
			const b = new C(n);
			b.set(a);
			return b;
		};
		this.sIds = g(this.sIds, Float64Array);
		this.sLonI = g(this.sLonI, Int32Array);
		this.sLatI = g(this.sLatI, Int32Array);
		this.sLonD = g(this.sLonD, Float64Array);
		this.sLatD = g(this.sLatD, Float64Array);
	}

	/** Add a node; lon/lat in 1e-7 degrees when the block is scaled, else in degrees. */
	add(id: number, lon: number, lat: number): void {
		if (this.sN === this.sIds.length) this.grow();
		if (!(id > this.lastId)) this.sorted = false;
		this.lastId = id;
		const k = this.sN++;
		this.sIds[k] = id;
		if (this.sScaled) {
			this.sLonI[k] = lon;
			this.sLatI[k] = lat;
		} else {
			this.sLonD[k] = lon;
			this.sLatD[k] = lat;
		}
	}

	/** Close the block: its nodes become a chunk of exactly sized arrays. */
	end(frame: number): void {
		const n = this.sN;
		if (n === 0) return;
		const c: Chunk = {
			ids: this.sIds.slice(0, n),
			lon: this.sScaled ? this.sLonI.slice(0, n) : this.sLonD.slice(0, n),
			lat: this.sScaled ? this.sLatI.slice(0, n) : this.sLatD.slice(0, n),
			scaled: this.sScaled,
			used: new Uint8Array(n),
			frame
		};
		if (this.chunks.length === this.firsts.length) {
			const f = new Float64Array(this.firsts.length * 2);
			f.set(this.firsts);
			this.firsts = f;
		}
		this.firsts[this.chunks.length] = c.ids[0];
		this.chunks.push(c);
		this.count += n;
		this.sN = 0;
	}

	/**
	 * Look up an id; on success `hitChunk`/`hitIndex` say where it is. Only valid while `sorted`
	 * (or after `merge()`).
	 */
	find(id: number): boolean {
		const chunks = this.chunks;
		const nc = chunks.length;
		if (nc === 0) return false;
		// Ways use nodes close together in the file: try the last chunk first.
		let c = this.lastChunk;
		const ch = chunks[c];
		if (!(id >= ch.ids[0] && id <= ch.ids[ch.ids.length - 1])) {
			let lo = 0;
			let hi = nc - 1;
			const f = this.firsts;
			if (id < f[0]) return false;
			while (lo < hi) {
				const mid = (lo + hi + 1) >> 1;
				if (f[mid] <= id) lo = mid;
				else hi = mid - 1;
			}
			c = lo;
		}
		const ids = chunks[c].ids;
		let lo = 0;
		let hi = ids.length - 1;
		while (lo <= hi) {
			const mid = (lo + hi) >> 1;
			const v = ids[mid];
			if (v < id) lo = mid + 1;
			else if (v > id) hi = mid - 1;
			else {
				this.lastChunk = this.hitChunk = c;
				this.hitIndex = mid;
				return true;
			}
		}
		return false;
	}

	lon(c: number, i: number): number {
		const ch = this.chunks[c];
		// Integer 1e-7 degrees divided once: the same double as (offset + granularity × raw) / 1e9.
		return ch.scaled ? ch.lon[i] / 1e7 : ch.lon[i];
	}

	lat(c: number, i: number): number {
		const ch = this.chunks[c];
		return ch.scaled ? ch.lat[i] / 1e7 : ch.lat[i];
	}

	markUsed(c: number, i: number): void {
		this.chunks[c].used[i] = 1;
	}

	isUsed(c: number, i: number): boolean {
		return this.chunks[c].used[i] === 1;
	}

	/** Frames (block indexes) holding at least one node used by a kept way, ascending. */
	framesWithUsedNodes(): number[] {
		const out = new Set<number>();
		for (const c of this.chunks) {
			for (let i = 0; i < c.used.length; i++) {
				if (!c.used[i]) continue;
				if (!c.frameOf) {
					out.add(c.frame);
					break;
				}
				out.add(c.frameOf[i]);
			}
		}
		return [...out].sort((a, b) => a - b);
	}

	/** Sort all nodes into one chunk (for files that break the id order); the first of duplicate ids wins. */
	merge(): void {
		const n = this.count;
		const ids = new Float64Array(n);
		const lon = new Float64Array(n);
		const lat = new Float64Array(n);
		const frameOf = new Int32Array(n);
		let k = 0;
		for (let c = 0; c < this.chunks.length; c++) {
			const ch = this.chunks[c];
			for (let i = 0; i < ch.ids.length; i++, k++) {
				ids[k] = ch.ids[i];
				lon[k] = this.lon(c, i);
				lat[k] = this.lat(c, i);
				frameOf[k] = ch.frame;
			}
		}
		const order = new Uint32Array(n);
		for (let i = 0; i < n; i++) order[i] = i;
		// Stable sort by id: equal ids keep file order, so the first occurrence comes first.
		order.sort((a, b) => ids[a] - ids[b] || a - b);
		const out: Chunk = { ids: new Float64Array(n), lon: new Float64Array(n), lat: new Float64Array(n), scaled: false, used: new Uint8Array(0), frame: -1, frameOf: new Int32Array(n) };
		let m = 0;
		for (let j = 0; j < n; j++) {
			const i = order[j];
			if (m > 0 && out.ids[m - 1] === ids[i]) continue;
			out.ids[m] = ids[i];
			out.lon[m] = lon[i];
			out.lat[m] = lat[i];
			out.frameOf![m] = frameOf[i];
			m++;
		}
		this.chunks = [
			{ ids: out.ids.slice(0, m), lon: out.lon.slice(0, m), lat: out.lat.slice(0, m), scaled: false, used: new Uint8Array(m), frame: -1, frameOf: out.frameOf!.slice(0, m) }
		];
		this.firsts = new Float64Array(1);
		this.firsts[0] = m ? this.chunks[0].ids[0] : 0;
		if (m === 0) this.chunks = [];
		this.count = m;
		this.lastChunk = 0;
		this.sorted = true;
	}

	/** Bytes held by the kept nodes (for figures). */
	bytes(): number {
		let b = 0;
		for (const c of this.chunks) b += c.ids.byteLength + c.lon.byteLength + c.lat.byteLength + c.used.byteLength + (c.frameOf?.byteLength ?? 0);
		return b;
	}
}
