/**
 * OSM PBF → road ways, read block by block from a {@link ByteSource} and cut to a study region.
 *
 * Order: nodes first, then ways, in one sequential pass (PBF files are sorted nodes → ways → relations).
 *   1. Node blocks: keep id and coordinates of every node inside the region, in sorted typed arrays
 *      (node-store.ts; no JS Map).
 *   2. Way blocks: a way with a highway tag whose nodes include at least one kept node is offered to
 *      `keepWay`; a kept way is cut where it leaves the region (split at every node not kept; pieces
 *      of fewer than two nodes vanish), exactly like a way whose nodes are missing from an extract.
 *   3. Only with `onWayNodeTags`: the node blocks holding nodes of kept ways are read once more for
 *      their tags (e.g. traffic signals).
 * Why nodes first: memory then follows the region (its nodes, ~17 bytes each) and not the file; ways
 * first would have to keep every highway way of the file until the nodes tell where they are.
 * Files that break the order (a node block after a way block, or ids not ascending) are still read
 * right: the nodes are sorted after the pass and the way blocks are read a second time.
 *
 * The core is a generator that asks for bytes and inflated blocks; one driver serves it from a
 * ByteSource (async: File/Blob in a worker, file handle in Node) and one from bytes in memory (sync).
 */
import type { ByteSource } from '../../util/bytes.ts';
import { describeRegion, inRegion, type StudyRegion } from '../region.ts';
import { keepsWay } from './build.ts';
import { NodeStore } from './node-store.ts';
import { Block, GROUP_DENSE, GROUP_NODES, GROUP_WAYS } from './pbf-block.ts';
import {
	decodeBlob,
	decodeBlobHeader,
	decodeHeaderBlock,
	hasNativeInflate,
	headerLength,
	inflateNative,
	inflateSync,
	type Frame,
	type OsmHeaderInfo
} from './pbf-blob.ts';
import { corrupt, notPbf, RoadError, sniffFormat, truncated } from './pbf-errors.ts';
import { ProtoReader } from './protobuf.ts';
import type { RoadWay } from './types.ts';

export type ReadStage = 'read' | 'ways' | 'tags';

export interface OsmRoadsOptions {
	/** Keep only roads inside this region (cut where they leave it). Without: the whole file. */
	region?: StudyRegion | null;
	/**
	 * Keep a way when this returns true for its tags; only ways with a `highway` tag are offered.
	 * Default for `readOsmRoads`: the car profile's `keepsWay`.
	 */
	keepWay?: (tags: Record<string, string>) => boolean;
	/** Called for every tagged node that a kept way uses (inside the region), e.g. traffic signals. */
	onWayNodeTags?: (id: number, tags: Record<string, string>) => void;
	/** Progress per block: stage and fraction of that stage's bytes. */
	onProgress?: (stage: ReadStage, fraction: number) => void;
	/** Cancels between blocks (throws the signal's reason). */
	signal?: AbortSignal;
	/** Awaited about every 100 ms, e.g. a worker's checkpoint that lets a cancel message in (may throw). */
	checkpoint?: () => Promise<void>;
	/** Inflate with the platform's DecompressionStream (default when present) or with fflate. */
	inflate?: 'native' | 'fflate';
	/** Return an empty result instead of refusing a file without roads in the region. */
	allowEmpty?: boolean;
	/** Sequential read size (default 8 MiB). */
	readAheadBytes?: number;
}

export interface OsmReadCounts {
	/** Data blocks in the file. */
	blobs: number;
	nodes: number;
	/** Nodes inside the region (kept in memory while reading). */
	nodesKept: number;
	ways: number;
	/** Ways with a highway tag. */
	highwayWays: number;
	/** Ways kept (keepWay, at least one node in the region). */
	waysKept: number;
	/** Road ways returned (kept ways cut at the region's edge). */
	roadWays: number;
	/** Passes over the way blocks (2 for a file that breaks the sort order). */
	passes: number;
}

export interface OsmRoads {
	ways: RoadWay[];
	counts: OsmReadCounts;
	header: OsmHeaderInfo;
	/** Whether the file was sorted (nodes before ways, ids ascending). */
	sorted: boolean;
	/** Bytes of node coordinates held at the peak (memory figure). */
	nodeBytes: number;
}

type Step =
	| { op: 'read'; start: number; end: number; seq: boolean }
	| { op: 'inflate'; data: Uint8Array; rawSize: number | null; pos: number; next: number; seq: boolean }
	| { op: 'tick'; stage: ReadStage; fraction: number };
type Gen<T> = Generator<Step, T, unknown>;

function* read(start: number, end: number, seq = true): Gen<Uint8Array> {
	return (yield { op: 'read', start, end, seq }) as Uint8Array;
}

const SIGNATURE = [0x0a, 0x09, ...Array.from('OSMHeader', (c) => c.charCodeAt(0))];

/** The file must start with a frame whose BlobHeader says "OSMHeader"; else tell what it is. */
function* checkSignature(size: number): Gen<void> {
	const head = size === 0 ? new Uint8Array(0) : yield* read(0, Math.min(size, 512));
	const expect = [0, 0, -1, -1, ...SIGNATURE]; // -1: any byte (the header's length)
	const n = Math.min(head.length, expect.length);
	let ok = head.length > 0;
	for (let i = 0; i < n; i++) if (expect[i] >= 0 && head[i] !== expect[i]) ok = false;
	if (!ok) throw notPbf(sniffFormat(head));
	if (n < expect.length) throw truncated(0, expect.length, size);
}

function* readFrame(size: number, pos: number, seq = true): Gen<Frame> {
	if (pos + 4 > size) throw truncated(pos, 4, size);
	const len = headerLength(yield* read(pos, pos + 4, seq), pos);
	if (pos + 4 + len > size) throw truncated(pos, 4 + len, size);
	const f = decodeBlobHeader(yield* read(pos + 4, pos + 4 + len, seq), pos);
	if (f.end > size) throw truncated(pos, f.end - pos, size);
	return f;
}

function* readBlock(f: Frame, seq = true): Gen<Uint8Array> {
	const bytes = yield* read(f.start, f.end, seq);
	if (bytes.length !== f.end - f.start) throw truncated(f.pos, f.end - f.pos, f.start + bytes.length);
	const p = decodeBlob(bytes, f.pos);
	if ('raw' in p) return p.raw;
	return (yield { op: 'inflate', data: p.zlib, rawSize: p.rawSize, pos: f.pos, next: f.end, seq }) as Uint8Array;
}

/** An error thrown by a caller's callback (keepWay, onWayNodeTags): passed on as it is. */
class CallbackError {
	constructor(readonly cause: unknown) {}
}

/** Run a caller's callback so that its errors are not mistaken for a damaged block. */
function callback<T>(fn: () => T): T {
	try {
		return fn();
	} catch (e) {
		throw new CallbackError(e);
	}
}

/** Decode a block, turning protobuf errors into a `corrupt` refusal that names the block. */
function withBlock<T>(f: Frame, fn: () => T): T {
	try {
		return fn();
	} catch (e) {
		if (e instanceof CallbackError) throw e.cause;
		if (e instanceof RoadError) throw e;
		throw corrupt(f.pos, (e as Error).message);
	}
}

/** Keep the nodes of a DenseNodes group that lie in the region. */
function readDense(b: Block, range: [number, number], store: NodeStore, region: StudyRegion | null | undefined, counts: OsmReadCounts): void {
	const d = new ProtoReader(b.buf, range[0], range[1]);
	let ids: [number, number] | null = null;
	let lats: [number, number] | null = null;
	let lons: [number, number] | null = null;
	while (d.next()) {
		if (d.field === 1 && d.wire === 2) ids = d.lenRange();
		else if (d.field === 8 && d.wire === 2) lats = d.lenRange();
		else if (d.field === 9 && d.wire === 2) lons = d.lenRange();
		else d.skip();
	}
	if (!ids || !lats || !lons) return;
	const ri = new ProtoReader(b.buf, ids[0], ids[1]);
	const rla = new ProtoReader(b.buf, lats[0], lats[1]);
	const rlo = new ProtoReader(b.buf, lons[0], lons[1]);
	const toDeg = b.scaled ? 1e-7 : 1;
	let id = 0;
	let la = 0;
	let lo = 0;
	let n = 0;
	while (ri.pos < ri.end) {
		id += ri.svarint();
		la += rla.svarint();
		lo += rlo.svarint();
		n++;
		const lat = b.lat(la);
		const lon = b.lon(lo);
		if (region && !inRegion(region, lon * toDeg, lat * toDeg)) continue;
		store.add(id, lon, lat);
	}
	counts.nodes += n;
}

/** One plain Node message: [id, lon, lat, keys range, vals range]. */
function plainNode(b: Block, range: [number, number]): { id: number; rawLat: number; rawLon: number; keys: [number, number] | null; vals: [number, number] | null } {
	const n = new ProtoReader(b.buf, range[0], range[1]);
	const out = { id: 0, rawLat: 0, rawLon: 0, keys: null as [number, number] | null, vals: null as [number, number] | null };
	while (n.next()) {
		if (n.field === 1 && n.wire === 0) out.id = n.svarint();
		else if (n.field === 8 && n.wire === 0) out.rawLat = n.svarint();
		else if (n.field === 9 && n.wire === 0) out.rawLon = n.svarint();
		else if (n.field === 2 && n.wire === 2) out.keys = n.lenRange();
		else if (n.field === 3 && n.wire === 2) out.vals = n.lenRange();
		else n.skip();
	}
	return out;
}

/** Tags from packed key and value string indexes. */
function tagsOf(b: Block, keys: [number, number], vals: [number, number]): Record<string, string> {
	const tags: Record<string, string> = {};
	const kr = new ProtoReader(b.buf, keys[0], keys[1]);
	const vr = new ProtoReader(b.buf, vals[0], vals[1]);
	while (kr.pos < kr.end && vr.pos < vr.end) tags[b.str(kr.varint())] = b.str(vr.varint());
	return tags;
}

/** Cuts kept ways at nodes that are not in the store; collects the road ways. */
class WayCutter {
	out: RoadWay[] = [];
	private refs = new Float64Array(2048);
	private hitC = new Int32Array(2048);
	private hitI = new Int32Array(2048);

	constructor(
		private store: NodeStore,
		private keep: (tags: Record<string, string>) => boolean,
		private counts: OsmReadCounts
	) {}

	reset(): void {
		this.out = [];
		this.counts.ways = this.counts.highwayWays = this.counts.waysKept = this.counts.roadWays = 0;
	}

	/** All ways of a way group. */
	group(b: Block, range: [number, number]): void {
		const hw = b.indexOf('highway');
		const g = new ProtoReader(b.buf, range[0], range[1]);
		while (g.next()) {
			if (g.field === GROUP_WAYS && g.wire === 2) {
				const [s, e] = g.lenRange();
				this.counts.ways++;
				if (hw >= 0) this.way(b, s, e, hw);
			} else g.skip();
		}
	}

	private way(b: Block, s: number, e: number, hw: number): void {
		const w = new ProtoReader(b.buf, s, e);
		let id = 0;
		let keys: [number, number] | null = null;
		let vals: [number, number] | null = null;
		let refs: [number, number] | null = null;
		while (w.next()) {
			if (w.field === 1 && w.wire === 0) id = w.int();
			else if (w.field === 2 && w.wire === 2) keys = w.lenRange();
			else if (w.field === 3 && w.wire === 2) vals = w.lenRange();
			else if (w.field === 8 && w.wire === 2) refs = w.lenRange();
			else w.skip();
		}
		if (!keys || !vals || !refs) return;
		const kr = new ProtoReader(b.buf, keys[0], keys[1]);
		let isHighway = false;
		while (kr.pos < kr.end) if (kr.varint() === hw) isHighway = true;
		if (!isHighway) return;
		this.counts.highwayWays++;
		// Node refs (delta-coded) and where each one is in the store (-1 = not in the region).
		const store = this.store;
		const rr = new ProtoReader(b.buf, refs[0], refs[1]);
		let n = 0;
		let found = 0;
		let ref = 0;
		while (rr.pos < rr.end) {
			if (n === this.refs.length) this.growScratch();
			ref += rr.svarint();
			this.refs[n] = ref;
			if (store.find(ref)) {
				this.hitC[n] = store.hitChunk;
				this.hitI[n] = store.hitIndex;
				found++;
			} else this.hitC[n] = -1;
			n++;
		}
		if (found === 0) return;
		const tags = tagsOf(b, keys, vals);
		if (!callback(() => this.keep(tags))) return;
		this.counts.waysKept++;
		let first = -1;
		for (let k = 0; k <= n; k++) {
			if (k < n && this.hitC[k] >= 0) {
				store.markUsed(this.hitC[k], this.hitI[k]);
				if (first < 0) first = k;
				continue;
			}
			if (first >= 0 && k - first >= 2) this.piece(id, tags, first, k);
			first = -1;
		}
	}

	private piece(id: number, tags: Record<string, string>, from: number, to: number): void {
		const len = to - from;
		const coords = new Float64Array(2 * len);
		const nodeIds = new Float64Array(len);
		for (let k = 0; k < len; k++) {
			const c = this.hitC[from + k];
			const i = this.hitI[from + k];
			coords[2 * k] = this.store.lon(c, i);
			coords[2 * k + 1] = this.store.lat(c, i);
			nodeIds[k] = this.refs[from + k];
		}
		this.out.push({ id, tags, coords, nodeIds });
		this.counts.roadWays++;
	}

	private growScratch(): void {
		const n = this.refs.length * 2;
		const r = new Float64Array(n);
		r.set(this.refs);
		const c = new Int32Array(n);
		c.set(this.hitC);
		const i = new Int32Array(n);
		i.set(this.hitI);
		this.refs = r;
		this.hitC = c;
		this.hitI = i;
	}
}

/** Call `onTags` for the tagged nodes of a node group that kept ways use. */
function nodeTags(b: Block, range: [number, number], store: NodeStore, onTags: (id: number, tags: Record<string, string>) => void): void {
	const g = new ProtoReader(b.buf, range[0], range[1]);
	while (g.next()) {
		if (g.field === GROUP_DENSE && g.wire === 2) {
			const d = g.sub();
			let ids: [number, number] | null = null;
			let kv: [number, number] | null = null;
			while (d.next()) {
				if (d.field === 1 && d.wire === 2) ids = d.lenRange();
				else if (d.field === 10 && d.wire === 2) kv = d.lenRange();
				else d.skip();
			}
			if (!ids || !kv) continue;
			const ri = new ProtoReader(b.buf, ids[0], ids[1]);
			const rkv = new ProtoReader(b.buf, kv[0], kv[1]);
			let id = 0;
			while (ri.pos < ri.end && rkv.pos < rkv.end) {
				id += ri.svarint();
				// keys_vals: per node, key/value string indexes, ended by 0.
				let k = rkv.varint();
				if (k === 0) continue;
				const use = store.find(id) && store.isUsed(store.hitChunk, store.hitIndex);
				let tags: Record<string, string> | null = use ? {} : null;
				for (; k !== 0; k = rkv.varint()) {
					const v = rkv.varint();
					if (tags) tags[b.str(k)] = b.str(v);
				}
				if (tags) callback(() => onTags(id, tags!));
			}
		} else if (g.field === GROUP_NODES && g.wire === 2) {
			const nd = plainNode(b, g.lenRange());
			if (!nd.keys || !nd.vals || nd.keys[0] === nd.keys[1]) continue;
			if (store.find(nd.id) && store.isUsed(store.hitChunk, store.hitIndex)) {
				const tags = tagsOf(b, nd.keys, nd.vals);
				callback(() => onTags(nd.id, tags));
			}
		} else g.skip();
	}
}

function noRoads(counts: OsmReadCounts, region: StudyRegion | null | undefined): RoadError {
	if (counts.highwayWays === 0)
		return new RoadError('no_roads', {
			de: `Keine Strassen: die Datei enthält keinen Weg mit highway-Merkmal (${counts.ways.toLocaleString('de-CH')} Wege gelesen); das Strassennetz bleibt unverändert`,
			en: `No roads: the file has no way with a highway tag (${counts.ways} ways read); the road network stays as it was`
		});
	if (region) {
		const d = describeRegion(region);
		const [w, s, e, n] = region.bbox.map((x) => x.toFixed(2));
		return new RoadError('no_roads', {
			de: `Keine Strassen im Untersuchungsgebiet: keiner der ${counts.highwayWays.toLocaleString('de-CH')} Strassenwege der Datei liegt im Gebiet: ${d.de}, ${w}–${e}° O, ${s}–${n}° N. Ist es ein Auszug der richtigen Gegend? Das Strassennetz bleibt unverändert`,
			en: `No roads in the study region: none of the file's ${counts.highwayWays} highway ways lies in the region: ${d.en}, ${w}–${e}° E, ${s}–${n}° N. Is it an extract of the right area? The road network stays as it was`
		});
	}
	return new RoadError('no_roads', {
		de: `Keine Strassen für Autos: die ${counts.highwayWays.toLocaleString('de-CH')} Strassenwege der Datei sind alle für Autos gesperrt oder keine Fahrstrassen; das Strassennetz bleibt unverändert`,
		en: `No roads for cars: none of the file's ${counts.highwayWays} highway ways is open to cars; the road network stays as it was`
	});
}

/** The reader itself; see the module comment. */
function* cutRoads(size: number, opts: OsmRoadsOptions, defaultKeep: (tags: Record<string, string>) => boolean): Gen<OsmRoads> {
	yield* checkSignature(size);
	const region = opts.region ?? null;
	const counts: OsmReadCounts = { blobs: 0, nodes: 0, nodesKept: 0, ways: 0, highwayWays: 0, waysKept: 0, roadWays: 0, passes: 1 };
	const store = new NodeStore();
	const cutter = new WayCutter(store, opts.keepWay ?? defaultKeep, counts);
	const frames: Frame[] = [];
	const wayFrames: number[] = [];
	let header: OsmHeaderInfo | null = null;
	let waysSeen = false;
	let orderBroken = false;

	for (let pos = 0; pos < size; ) {
		const f = yield* readFrame(size, pos);
		pos = f.end;
		if (f.type === 'OSMHeader') {
			const block = yield* readBlock(f);
			header ??= decodeHeaderBlock(block, f.pos);
		} else if (f.type === 'OSMData') {
			const index = frames.push(f) - 1;
			counts.blobs++;
			const block = yield* readBlock(f);
			withBlock(f, () => {
				const b = new Block(block);
				// Node groups first (into the store), then way groups: a mixed block still works.
				const wayGroups: Array<[number, number]> = [];
				store.begin(b.scaled);
				for (const [gs, ge] of b.groups) {
					const g = new ProtoReader(block, gs, ge);
					let hasWays = false;
					while (g.next()) {
						if ((g.field === GROUP_DENSE || g.field === GROUP_NODES) && g.wire === 2) {
							if (waysSeen) orderBroken = true;
							if (g.field === GROUP_DENSE) readDense(b, g.lenRange(), store, region, counts);
							else {
								const nd = plainNode(b, g.lenRange());
								counts.nodes++;
								const lat = b.lat(nd.rawLat);
								const lon = b.lon(nd.rawLon);
								const k = b.scaled ? 1e-7 : 1;
								if (!region || inRegion(region, lon * k, lat * k)) store.add(nd.id, lon, lat);
							}
						} else {
							if (g.field === GROUP_WAYS) hasWays = true;
							g.skip();
						}
					}
					if (hasWays) wayGroups.push([gs, ge]);
				}
				store.end(index);
				if (wayGroups.length) {
					waysSeen = true;
					wayFrames.push(index);
					// Cut at once while the file keeps its order; otherwise wait for the second pass.
					if (!orderBroken && store.sorted) for (const r of wayGroups) cutter.group(b, r);
				}
			});
		}
		yield { op: 'tick', stage: 'read', fraction: pos / size };
	}
	if (!header) throw corrupt(0, 'no OSMHeader block');
	counts.nodesKept = store.count;
	const nodeBytes = store.bytes();

	const sorted = !orderBroken && store.sorted;
	if (!sorted) {
		// Second pass over the way blocks, now that all nodes are known (and sorted).
		if (!store.sorted) store.merge();
		cutter.reset();
		counts.passes = 2;
		for (let i = 0; i < wayFrames.length; i++) {
			const f = frames[wayFrames[i]];
			const block = yield* readBlock(f, false);
			withBlock(f, () => {
				const b = new Block(block);
				for (const r of b.groups) cutter.group(b, r);
			});
			yield { op: 'tick', stage: 'ways', fraction: (i + 1) / wayFrames.length };
		}
	}

	if (opts.onWayNodeTags) {
		const list = store.framesWithUsedNodes();
		for (let i = 0; i < list.length; i++) {
			const f = frames[list[i]];
			const block = yield* readBlock(f, false);
			withBlock(f, () => {
				const b = new Block(block);
				for (const r of b.groups) nodeTags(b, r, store, opts.onWayNodeTags!);
			});
			yield { op: 'tick', stage: 'tags', fraction: (i + 1) / list.length };
		}
	}

	if (cutter.out.length === 0 && !opts.allowEmpty) throw noRoads(counts, region);
	return { ways: cutter.out, counts, header, sorted, nodeBytes };
}

/** Sequential reads in large windows (few calls into File/Blob or the file system). */
class ReadWindow {
	private buf: Uint8Array = new Uint8Array(0);
	private start = 0;
	constructor(
		private src: ByteSource,
		private ahead: number
	) {}

	async read(start: number, end: number, seq: boolean): Promise<Uint8Array> {
		if (start >= this.start && end <= this.start + this.buf.length) return this.buf.subarray(start - this.start, end - this.start);
		const want = seq ? Math.max(end, Math.min(this.src.size, start + this.ahead)) : end;
		this.buf = await this.src.read(start, want);
		this.start = start;
		return this.buf.subarray(0, Math.min(end - start, this.buf.length));
	}

	/** Bytes [start, end) if the window holds them, else null (never reads). */
	peek(start: number, end: number): Uint8Array | null {
		return start >= this.start && end <= this.start + this.buf.length ? this.buf.subarray(start - this.start, end - this.start) : null;
	}
}

/**
 * Inflates with the platform's DecompressionStream and, while reading sequentially, starts on the next
 * block before the current one is decoded: Node inflates on its thread pool, so decoding and inflating
 * overlap (the CLI on two cores). Errors of a block inflated ahead surface only when it is asked for.
 */
class Inflater {
	private ahead: { pos: number; out: Promise<Uint8Array> } | null = null;
	constructor(
		private native: boolean,
		private win: ReadWindow,
		private size: number
	) {}

	async inflate(s: Extract<Step, { op: 'inflate' }>): Promise<Uint8Array> {
		if (!this.native) return inflateSync(s.data, s.rawSize, s.pos);
		const ready = this.ahead?.pos === s.pos ? this.ahead.out : inflateNative(s.data, s.rawSize, s.pos);
		this.ahead = null;
		if (s.seq && s.next < this.size) this.prefetch(s.next);
		return ready;
	}

	/** Start inflating the block of the frame at `pos` if it lies in the read window already. */
	private prefetch(pos: number): void {
		try {
			const head = this.win.peek(pos, pos + 4);
			if (!head) return;
			const len = headerLength(head, pos);
			const hb = this.win.peek(pos + 4, pos + 4 + len);
			if (!hb) return;
			const f = decodeBlobHeader(hb, pos);
			const blob = this.win.peek(f.start, f.end);
			if (!blob) return;
			const p = decodeBlob(blob, f.pos);
			if ('raw' in p) return;
			const out = inflateNative(p.zlib, p.rawSize, f.pos);
			out.catch(() => {}); // reported when the reader asks for this block
			this.ahead = { pos: f.pos, out };
		} catch {
			// A broken frame: the reader will meet it and refuse it with the right message.
		}
	}
}

/**
 * Read the roads of an OSM PBF from a random-access source, cut to `opts.region`.
 * @throws NotPbfError for files that are not a readable OSM PBF, RoadError `no_roads` when no road is
 *   left in the region (unless `allowEmpty`), the signal's reason when cancelled.
 */
export async function readOsmRoads(src: ByteSource, opts: OsmRoadsOptions = {}): Promise<OsmRoads> {
	const win = new ReadWindow(src, opts.readAheadBytes ?? 8 << 20);
	const inflater = new Inflater(hasNativeInflate && opts.inflate !== 'fflate', win, src.size);
	const gen = cutRoads(src.size, opts, (t) => keepsWay(t));
	let last = 0; // the first block ends with a checkpoint, then about every 100 ms
	let r = gen.next();
	while (!r.done) {
		const s = r.value;
		let v: unknown;
		if (s.op === 'read') v = await win.read(s.start, s.end, s.seq);
		else if (s.op === 'inflate') v = await inflater.inflate(s);
		else {
			opts.onProgress?.(s.stage, s.fraction);
			opts.signal?.throwIfAborted();
			if (opts.checkpoint && Date.now() - last >= 100) {
				await opts.checkpoint();
				last = Date.now();
			}
		}
		r = gen.next(v);
	}
	return r.value;
}

/**
 * The same reader over bytes already in memory, synchronously (fflate). For small files and tests;
 * the default keeps every highway way (like `parseOsmPbf`).
 */
export function readOsmRoadsSync(bytes: Uint8Array, opts: Omit<OsmRoadsOptions, 'signal' | 'checkpoint' | 'inflate'> = {}): OsmRoads {
	const gen = cutRoads(bytes.length, opts, () => true);
	let r = gen.next();
	while (!r.done) {
		const s = r.value;
		let v: unknown;
		if (s.op === 'read') v = bytes.subarray(s.start, Math.min(s.end, bytes.length));
		else if (s.op === 'inflate') v = inflateSync(s.data, s.rawSize, s.pos);
		else opts.onProgress?.(s.stage, s.fraction);
		r = gen.next(v);
	}
	return r.value;
}
