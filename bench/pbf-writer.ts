/**
 * A small OSM PBF writer (and a decoder of whole files into entity tables) for test fixtures and the
 * national-size benchmark input: DenseNodes with metadata, ways, relations, zlib or raw blobs, and
 * copies of the same data at other ids and coordinates. Node only (node:zlib). Not used by the app.
 *
 * Output is checked with libosmium in tests/unit/road-pbf-large.test.ts (`osmium fileinfo` when
 * installed) and read back by our reader.
 */
import { deflateSync } from 'node:zlib';
import { ProtoReader } from '../src/lib/reach/road/protobuf.ts';
import { Block } from '../src/lib/reach/road/pbf-block.ts';
import { decodeBlob, decodeBlobHeader, headerLength, inflateSync } from '../src/lib/reach/road/pbf-blob.ts';
import { concatBytes } from '../src/lib/util/bytes.ts';

/** Metadata kept per entity (what Geofabrik's public extracts carry). */
export interface Meta {
	version: number;
	/** Seconds since 1970. */
	timestamp: number;
	changeset: number;
}

export interface OsmNodes {
	count: number;
	ids: Float64Array;
	/** 1e-7 degrees. */
	lat7: Int32Array;
	lon7: Int32Array;
	version: Int32Array;
	timestamp: Float64Array;
	changeset: Float64Array;
	/** Tags of tagged nodes by node index. */
	tags: Map<number, Array<[string, string]>>;
}
export interface OsmWay extends Meta {
	id: number;
	tags: Array<[string, string]>;
	refs: number[];
}
export interface OsmRelation extends Meta {
	id: number;
	tags: Array<[string, string]>;
	members: Array<{ type: 0 | 1 | 2; ref: number; role: string }>;
}
export interface OsmData {
	nodes: OsmNodes;
	ways: OsmWay[];
	relations: OsmRelation[];
	bbox?: [number, number, number, number];
	replicationTimestamp?: number;
}

// ---------- encoding ----------

/** Growable protobuf encoder. */
export class Pb {
	buf = new Uint8Array(1024);
	len = 0;
	private room(n: number): void {
		if (this.len + n <= this.buf.length) return;
		let c = this.buf.length * 2;
		while (c < this.len + n) c *= 2;
		const b = new Uint8Array(c);
		b.set(this.buf.subarray(0, this.len));
		this.buf = b;
	}
	varint(v: number): this {
		this.room(10);
		if (v < 0) v += 2 ** 64; // int64 two's complement (exact enough for the small negatives used here)
		while (v >= 128) {
			this.buf[this.len++] = (v % 128) | 128;
			v = Math.floor(v / 128);
		}
		this.buf[this.len++] = v;
		return this;
	}
	svarint(v: number): this {
		return this.varint(v < 0 ? -2 * v - 1 : 2 * v);
	}
	tag(field: number, wire: number): this {
		return this.varint(field * 8 + wire);
	}
	uint(field: number, v: number): this {
		return this.tag(field, 0).varint(v);
	}
	sint(field: number, v: number): this {
		return this.tag(field, 0).svarint(v);
	}
	bytes(field: number, b: Uint8Array): this {
		this.tag(field, 2).varint(b.length);
		this.room(b.length);
		this.buf.set(b, this.len);
		this.len += b.length;
		return this;
	}
	string(field: number, s: string): this {
		return this.bytes(field, new TextEncoder().encode(s));
	}
	msg(field: number, m: Pb): this {
		return this.bytes(field, m.done());
	}
	packed(field: number, vals: ArrayLike<number>, signed = false): this {
		const p = new Pb();
		for (let i = 0; i < vals.length; i++) signed ? p.svarint(vals[i]) : p.varint(vals[i]);
		return this.msg(field, p);
	}
	/** Packed, delta-coded signed values. */
	delta(field: number, vals: ArrayLike<number>): this {
		const p = new Pb();
		let prev = 0;
		for (let i = 0; i < vals.length; i++) {
			p.svarint(vals[i] - prev);
			prev = vals[i];
		}
		return this.msg(field, p);
	}
	done(): Uint8Array {
		return this.buf.subarray(0, this.len);
	}
}

/** String table of one block (index 0 is the empty string, as the format requires). */
class Strings {
	private map = new Map<string, number>([['', 0]]);
	list: string[] = [''];
	id(s: string): number {
		let i = this.map.get(s);
		if (i === undefined) {
			i = this.list.length;
			this.map.set(s, i);
			this.list.push(s);
		}
		return i;
	}
	encode(): Pb {
		const p = new Pb();
		for (const s of this.list) p.string(1, s);
		return p;
	}
}

function info(m: Meta): Pb {
	return new Pb().uint(1, m.version).uint(2, m.timestamp).uint(3, m.changeset);
}

export type Compression = 'zlib' | 'none' | 'lzma' | 'lz4' | 'zstd';
/** Blob field per compression; the others carry deflate bytes too (enough to test refusals). */
const BLOB_FIELD: Record<Exclude<Compression, 'none'>, number> = { zlib: 3, lzma: 4, lz4: 6, zstd: 7 };

export interface WriterOptions {
	compression?: Compression;
	/** Entities per block (osmium writes 8000). */
	blockSize?: number;
}

/** Shift applied to a copy: ids + idOffset, coordinates + (dLon7, dLat7). */
export interface Copy {
	idOffset: number;
	dLon7: number;
	dLat7: number;
}
const SAME: Copy = { idOffset: 0, dLon7: 0, dLat7: 0 };

/** Writes frames to a sink (array of chunks or a file). */
export class PbfWriter {
	readonly blockSize: number;
	private compression: Compression;
	constructor(
		private sink: (bytes: Uint8Array) => void,
		opts: WriterOptions = {}
	) {
		this.blockSize = opts.blockSize ?? 8000;
		this.compression = opts.compression ?? 'zlib';
	}

	/** One frame: [length][BlobHeader][Blob]. */
	frame(type: string, block: Uint8Array, compression = this.compression): void {
		const blob = new Pb();
		if (compression === 'none') blob.bytes(1, block);
		else {
			blob.uint(2, block.length);
			const z = deflateSync(block);
			blob.bytes(BLOB_FIELD[compression], z);
		}
		this.blobFrame(type, blob.done());
	}

	/** A frame around Blob bytes as given (for hand-made, e.g. broken, blobs). */
	blobFrame(type: string, blobBytes: Uint8Array, declaredSize = blobBytes.length): void {
		const header = new Pb().string(1, type).uint(3, declaredSize).done();
		const len = new Uint8Array(4);
		new DataView(len.buffer).setUint32(0, header.length);
		this.sink(len);
		this.sink(header.slice());
		this.sink(blobBytes.slice());
	}

	header(h: { bbox?: [number, number, number, number]; replicationTimestamp?: number; required?: string[]; optional?: string[]; program?: string }): void {
		const p = new Pb();
		if (h.bbox) {
			const [w, s, e, n] = h.bbox.map((x) => Math.round(x * 1e9));
			p.msg(1, new Pb().sint(1, w).sint(2, e).sint(3, n).sint(4, s));
		}
		for (const f of h.required ?? ['OsmSchema-V0.6', 'DenseNodes']) p.string(4, f);
		for (const f of h.optional ?? ['Sort.Type_then_ID']) p.string(5, f);
		p.string(16, h.program ?? 'standortwahl bench/pbf-writer.ts');
		if (h.replicationTimestamp) p.uint(32, h.replicationTimestamp);
		this.frame('OSMHeader', p.done());
	}

	/**
	 * Dense node blocks for nodes [from, to) of the table (in table order). `coding` writes another
	 * granularity (nanodegrees per unit) and offsets (nanodegrees) than the usual 100 and 0.
	 */
	nodes(t: OsmNodes, copy: Copy = SAME, from = 0, to = t.count, coding: { granularity: number; latOffset: number; lonOffset: number } = { granularity: 100, latOffset: 0, lonOffset: 0 }): void {
		const { granularity: gran, latOffset, lonOffset } = coding;
		const raw = (deg7: number, off: number) => {
			const v = (deg7 * 100 - off) / gran;
			if (!Number.isInteger(v)) throw new Error('coordinate not representable at this granularity');
			return v;
		};
		for (let a = from; a < to; a += this.blockSize) {
			const b = Math.min(to, a + this.blockSize);
			const st = new Strings();
			const n = b - a;
			const ids = new Float64Array(n);
			const lat = new Float64Array(n);
			const lon = new Float64Array(n);
			const kv: number[] = [];
			let anyTags = false;
			for (let i = a; i < b; i++) {
				ids[i - a] = t.ids[i] + copy.idOffset;
				lat[i - a] = raw(t.lat7[i] + copy.dLat7, latOffset);
				lon[i - a] = raw(t.lon7[i] + copy.dLon7, lonOffset);
				const tg = t.tags.get(i);
				if (tg) {
					anyTags = true;
					for (const [k, v] of tg) kv.push(st.id(k), st.id(v));
				}
				kv.push(0);
			}
			const dinfo = new Pb().packed(1, t.version.subarray(a, b)).delta(2, t.timestamp.subarray(a, b)).delta(3, t.changeset.subarray(a, b));
			const dense = new Pb().delta(1, ids).msg(5, dinfo).delta(8, lat).delta(9, lon);
			if (anyTags) dense.packed(10, kv);
			const group = new Pb().msg(2, dense);
			const block = new Pb().msg(1, st.encode()).msg(2, group);
			if (gran !== 100) block.uint(17, gran);
			if (latOffset) block.uint(19, latOffset);
			if (lonOffset) block.uint(20, lonOffset);
			this.frame('OSMData', block.done());
		}
	}

	ways(ways: OsmWay[], copy: Copy = SAME): void {
		for (let a = 0; a < ways.length; a += this.blockSize) {
			const st = new Strings();
			const group = new Pb();
			for (const w of ways.slice(a, a + this.blockSize)) {
				const m = new Pb().uint(1, w.id + copy.idOffset);
				m.packed(2, w.tags.map(([k]) => st.id(k))).packed(3, w.tags.map(([, v]) => st.id(v)));
				m.msg(4, info(w));
				m.delta(8, w.refs.map((r) => r + copy.idOffset));
				group.msg(3, m);
			}
			this.frame('OSMData', new Pb().msg(1, st.encode()).msg(2, group).done());
		}
	}

	relations(rels: OsmRelation[], copy: Copy = SAME): void {
		for (let a = 0; a < rels.length; a += this.blockSize) {
			const st = new Strings();
			const group = new Pb();
			for (const r of rels.slice(a, a + this.blockSize)) {
				const m = new Pb().uint(1, r.id + copy.idOffset);
				m.packed(2, r.tags.map(([k]) => st.id(k))).packed(3, r.tags.map(([, v]) => st.id(v)));
				m.msg(4, info(r));
				m.packed(8, r.members.map((x) => st.id(x.role)));
				m.delta(9, r.members.map((x) => x.ref + copy.idOffset));
				m.packed(10, r.members.map((x) => x.type));
				group.msg(4, m);
			}
			this.frame('OSMData', new Pb().msg(1, st.encode()).msg(2, group).done());
		}
	}
}

/** Concatenate chunks (an in-memory sink). */
export const concatChunks = concatBytes;

/** Write `data` (and copies of it) to bytes in memory: all nodes, then all ways, then relations. */
export function writePbf(data: OsmData, copies: Copy[] = [SAME], opts: WriterOptions = {}): Uint8Array {
	const chunks: Uint8Array[] = [];
	const w = new PbfWriter((b) => chunks.push(b), opts);
	w.header({ bbox: data.bbox, replicationTimestamp: data.replicationTimestamp });
	for (const c of copies) w.nodes(data.nodes, c);
	for (const c of copies) w.ways(data.ways, c);
	for (const c of copies) w.relations(data.relations, c);
	return concatChunks(chunks);
}

// ---------- decoding a whole file (for fixtures; small files only) ----------

function tagPairs(b: Block, keys: number[], vals: number[]): Array<[string, string]> {
	return keys.map((k, i) => [b.str(k), b.str(vals[i])]);
}

function packed(r: ProtoReader): number[] {
	const out: number[] = [];
	if (r.wire !== 2) return [r.varint()];
	const p = r.sub();
	while (p.pos < p.end) out.push(p.varint());
	return out;
}

function deltas(r: ProtoReader): number[] {
	const out: number[] = [];
	const p = r.sub();
	let v = 0;
	while (p.pos < p.end) out.push((v += p.svarint()));
	return out;
}

function readInfo(r: ProtoReader): Meta {
	const m: Meta = { version: 0, timestamp: 0, changeset: 0 };
	const p = r.sub();
	while (p.next()) {
		if (p.field === 1) m.version = p.varint();
		else if (p.field === 2) m.timestamp = p.varint();
		else if (p.field === 3) m.changeset = p.varint();
		else p.skip();
	}
	return m;
}

/** Decode a (small, dense-node) PBF into entity tables, in file order. */
export function decodeOsm(bytes: Uint8Array): OsmData {
	const ids: number[] = [];
	const lat7: number[] = [];
	const lon7: number[] = [];
	const version: number[] = [];
	const timestamp: number[] = [];
	const changeset: number[] = [];
	const ntags = new Map<number, Array<[string, string]>>();
	const ways: OsmWay[] = [];
	const relations: OsmRelation[] = [];
	const data: OsmData = { nodes: null!, ways, relations };
	for (let pos = 0; pos < bytes.length; ) {
		const hl = headerLength(bytes.subarray(pos, pos + 4), pos);
		const f = decodeBlobHeader(bytes.subarray(pos + 4, pos + 4 + hl), pos);
		pos = f.end;
		const p = decodeBlob(bytes.subarray(f.start, f.end), f.pos);
		const block = 'raw' in p ? p.raw : inflateSync(p.zlib, p.rawSize, f.pos);
		if (f.type === 'OSMHeader') {
			const r = new ProtoReader(block);
			while (r.next()) {
				if (r.field === 1) {
					const b = r.sub();
					const v = [0, 0, 0, 0];
					while (b.next()) v[b.field - 1] = b.svarint();
					data.bbox = [v[0] / 1e9, v[3] / 1e9, v[1] / 1e9, v[2] / 1e9];
				} else if (r.field === 32) data.replicationTimestamp = r.varint();
				else r.skip();
			}
			continue;
		}
		const b = new Block(block);
		if (b.granularity !== 100 || b.latOffset || b.lonOffset) throw new Error('decodeOsm: only granularity 100 without offsets');
		for (const [gs, ge] of b.groups) {
			const g = new ProtoReader(block, gs, ge);
			while (g.next()) {
				if (g.field === 2) {
					const d = g.sub();
					let dIds: number[] = [], dLat: number[] = [], dLon: number[] = [], kv: number[] = [];
					let ver: number[] = [], ts: number[] = [], cs: number[] = [];
					while (d.next()) {
						if (d.field === 1) dIds = deltas(d);
						else if (d.field === 8) dLat = deltas(d);
						else if (d.field === 9) dLon = deltas(d);
						else if (d.field === 10) kv = packed(d);
						else if (d.field === 5) {
							const di = d.sub();
							while (di.next()) {
								if (di.field === 1) ver = packed(di);
								else if (di.field === 2) ts = deltas(di);
								else if (di.field === 3) cs = deltas(di);
								else di.skip();
							}
						} else d.skip();
					}
					let k = 0;
					for (let i = 0; i < dIds.length; i++) {
						const idx = ids.length;
						ids.push(dIds[i]);
						lat7.push(dLat[i]);
						lon7.push(dLon[i]);
						version.push(ver[i] ?? 1);
						timestamp.push(ts[i] ?? 0);
						changeset.push(cs[i] ?? 0);
						if (kv.length) {
							const t: Array<[string, string]> = [];
							for (; kv[k] !== 0; k += 2) t.push([b.str(kv[k]), b.str(kv[k + 1])]);
							k++;
							if (t.length) ntags.set(idx, t);
						}
					}
				} else if (g.field === 3) {
					const w = g.sub();
					const way: OsmWay = { id: 0, tags: [], refs: [], version: 0, timestamp: 0, changeset: 0 };
					let keys: number[] = [], vals: number[] = [];
					while (w.next()) {
						if (w.field === 1) way.id = w.varint();
						else if (w.field === 2) keys = packed(w);
						else if (w.field === 3) vals = packed(w);
						else if (w.field === 4) Object.assign(way, readInfo(w));
						else if (w.field === 8) way.refs = deltas(w);
						else w.skip();
					}
					way.tags = tagPairs(b, keys, vals);
					ways.push(way);
				} else if (g.field === 4) {
					const r = g.sub();
					const rel: OsmRelation = { id: 0, tags: [], members: [], version: 0, timestamp: 0, changeset: 0 };
					let keys: number[] = [], vals: number[] = [], roles: number[] = [], mids: number[] = [], types: number[] = [];
					while (r.next()) {
						if (r.field === 1) rel.id = r.varint();
						else if (r.field === 2) keys = packed(r);
						else if (r.field === 3) vals = packed(r);
						else if (r.field === 4) Object.assign(rel, readInfo(r));
						else if (r.field === 8) roles = packed(r);
						else if (r.field === 9) mids = deltas(r);
						else if (r.field === 10) types = packed(r);
						else r.skip();
					}
					rel.tags = tagPairs(b, keys, vals);
					rel.members = mids.map((ref, i) => ({ ref, type: types[i] as 0 | 1 | 2, role: b.str(roles[i]) }));
					relations.push(rel);
				} else if (g.field === 1) throw new Error('decodeOsm: plain nodes are not supported');
				else g.skip();
			}
		}
	}
	data.nodes = {
		count: ids.length,
		ids: Float64Array.from(ids),
		lat7: Int32Array.from(lat7),
		lon7: Int32Array.from(lon7),
		version: Int32Array.from(version),
		timestamp: Float64Array.from(timestamp),
		changeset: Float64Array.from(changeset),
		tags: ntags
	};
	return data;
}
