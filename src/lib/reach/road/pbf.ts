/**
 * OSM PBF reader for roads: decodes the blob/protobuf format (raw or zlib blobs, via fflate) and returns
 * the highway ways with their node coordinates. Browser- and Node-safe: works on bytes only.
 *
 * Two passes keep memory small: pass 1 reads ways and records which node ids they need; pass 2 reads
 * only the node blocks and keeps the coordinates of those ids.
 */
import { unzlibSync } from 'fflate';
import { ProtoReader, utf8String } from './protobuf.ts';
import type { RoadWay } from './types.ts';

export interface PbfReadOptions {
	/** Keep a way when this returns true for its tags. Default: any way with a highway tag. */
	keepWay?: (tags: Record<string, string>) => boolean;
	/** Called for every tagged node that a kept way uses (e.g. to find traffic signals). */
	onWayNodeTags?: (id: number, tags: Record<string, string>) => void;
}

/** Thrown for input that is not a readable OSM PBF; the message starts with "not an OSM PBF: ". */
export class NotPbfError extends Error {
	constructor(reason: string) {
		super(`not an OSM PBF: ${reason}`);
		this.name = 'NotPbfError';
	}
}

const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes']);

interface BlobRef {
	type: string;
	start: number;
	end: number;
}

/** Split the file into its blobs (header + data) and check the frame structure. */
function listBlobs(bytes: Uint8Array): BlobRef[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const blobs: BlobRef[] = [];
	let pos = 0;
	while (pos < bytes.length) {
		if (pos + 4 > bytes.length) throw new NotPbfError(`truncated frame at byte ${pos}`);
		const headerLen = view.getUint32(pos);
		pos += 4;
		if (headerLen === 0 || headerLen > 64 * 1024 || pos + headerLen > bytes.length)
			throw new NotPbfError(`bad blob header length ${headerLen} at byte ${pos - 4}`);
		const h = new ProtoReader(bytes, pos, pos + headerLen);
		let type = '';
		let dataSize = -1;
		try {
			while (h.next()) {
				if (h.field === 1 && h.wire === 2) type = utf8String(h.bytes());
				else if (h.field === 3 && h.wire === 0) dataSize = h.varint();
				else h.skip();
			}
		} catch (e) {
			throw new NotPbfError(`unreadable blob header at byte ${pos} (${(e as Error).message})`);
		}
		pos += headerLen;
		if (blobs.length === 0 && type !== 'OSMHeader') throw new NotPbfError(`first blob is "${type.slice(0, 40)}", expected "OSMHeader"`);
		if (dataSize < 0 || pos + dataSize > bytes.length) throw new NotPbfError(`blob of ${dataSize} bytes runs past the end of the file`);
		blobs.push({ type, start: pos, end: pos + dataSize });
		pos += dataSize;
	}
	if (blobs.length === 0) throw new NotPbfError('empty file');
	return blobs;
}

/** Decompress one Blob message into its block bytes. */
function blobData(bytes: Uint8Array, ref: BlobRef): Uint8Array {
	const r = new ProtoReader(bytes, ref.start, ref.end);
	while (r.next()) {
		if (r.field === 1 && r.wire === 2) return r.bytes();
		if (r.field === 3 && r.wire === 2) return unzlibSync(r.bytes());
		if (r.field === 4 || r.field === 5 || r.field === 6 || r.field === 7) {
			const kind = ({ 4: 'lzma', 5: 'bzip2', 6: 'lz4', 7: 'zstd' } as Record<number, string>)[r.field];
			throw new NotPbfError(`${kind}-compressed blobs are not supported (use zlib, e.g. osmium cat -f pbf)`);
		}
		r.skip();
	}
	throw new NotPbfError('blob without data');
}

function checkHeader(block: Uint8Array): void {
	const r = new ProtoReader(block);
	while (r.next()) {
		if (r.field === 4 && r.wire === 2) {
			const feat = utf8String(r.bytes());
			if (!SUPPORTED_FEATURES.has(feat)) throw new NotPbfError(`required feature "${feat}" is not supported`);
		} else r.skip();
	}
}

interface BlockMeta {
	strings: string[];
	granularity: number;
	latOffset: number;
	lonOffset: number;
	groups: Array<[number, number]>;
}

function readBlockMeta(block: Uint8Array): BlockMeta {
	const r = new ProtoReader(block);
	const meta: BlockMeta = { strings: [], granularity: 100, latOffset: 0, lonOffset: 0, groups: [] };
	while (r.next()) {
		if (r.field === 1 && r.wire === 2) {
			const st = r.sub();
			while (st.next()) {
				if (st.field === 1 && st.wire === 2) meta.strings.push(utf8String(st.bytes()));
				else st.skip();
			}
		} else if (r.field === 2 && r.wire === 2) meta.groups.push(r.lenRange());
		else if (r.field === 17 && r.wire === 0) meta.granularity = r.int();
		else if (r.field === 19 && r.wire === 0) meta.latOffset = r.int();
		else if (r.field === 20 && r.wire === 0) meta.lonOffset = r.int();
		else r.skip();
	}
	return meta;
}

/** Packed uint32 indexes into the string table, e.g. way keys/values. */
function readPackedUints(r: ProtoReader): number[] {
	const out: number[] = [];
	if (r.wire !== 2) {
		out.push(r.varint());
		return out;
	}
	const p = r.sub();
	while (p.pos < p.end) out.push(p.varint());
	return out;
}

interface RawWay {
	id: number;
	tags: Record<string, string>;
	refs: number[];
}

function readWays(block: Uint8Array, meta: BlockMeta, keep: (t: Record<string, string>) => boolean, out: RawWay[]): boolean {
	let hasNodes = false;
	for (const [gs, ge] of meta.groups) {
		const g = new ProtoReader(block, gs, ge);
		while (g.next()) {
			if (g.field === 1 || g.field === 2) hasNodes = true;
			if (g.field !== 3 || g.wire !== 2) {
				g.skip();
				continue;
			}
			const w = g.sub();
			let id = 0;
			let keys: number[] = [];
			let vals: number[] = [];
			let refsRange: [number, number] | null = null;
			while (w.next()) {
				if (w.field === 1 && w.wire === 0) id = w.int();
				else if (w.field === 2) keys = readPackedUints(w);
				else if (w.field === 3) vals = readPackedUints(w);
				else if (w.field === 8 && w.wire === 2) refsRange = w.lenRange();
				else w.skip();
			}
			const tags: Record<string, string> = {};
			for (let i = 0; i < keys.length; i++) tags[meta.strings[keys[i]]] = meta.strings[vals[i]] ?? '';
			if (!keep(tags) || !refsRange) continue;
			const refs: number[] = [];
			const p = new ProtoReader(block, refsRange[0], refsRange[1]);
			let ref = 0;
			while (p.pos < p.end) {
				ref += p.svarint();
				refs.push(ref);
			}
			out.push({ id, tags, refs });
		}
	}
	return hasNodes;
}

/** Store coordinates of needed nodes from dense and plain node groups. */
function readNodes(
	block: Uint8Array,
	meta: BlockMeta,
	needed: Map<number, number>,
	lon: Float64Array,
	lat: Float64Array,
	onTags?: (id: number, tags: Record<string, string>) => void
): void {
	const keep = (id: number, rawLat: number, rawLon: number) => {
		const slot = needed.get(id);
		if (slot === undefined) return;
		// Integer nanodegrees first, one division last: keeps the decimal coordinates exact.
		lat[slot] = (meta.latOffset + meta.granularity * rawLat) / 1e9;
		lon[slot] = (meta.lonOffset + meta.granularity * rawLon) / 1e9;
	};
	for (const [gs, ge] of meta.groups) {
		const g = new ProtoReader(block, gs, ge);
		while (g.next()) {
			if (g.field === 2 && g.wire === 2) {
				const d = g.sub();
				let ids: [number, number] | null = null;
				let lats: [number, number] | null = null;
				let lons: [number, number] | null = null;
				let keyVals: [number, number] | null = null;
				while (d.next()) {
					if (d.field === 10 && d.wire === 2) keyVals = d.lenRange();
					else if (d.field === 1 && d.wire === 2) ids = d.lenRange();
					else if (d.field === 8 && d.wire === 2) lats = d.lenRange();
					else if (d.field === 9 && d.wire === 2) lons = d.lenRange();
					else d.skip();
				}
				if (!ids || !lats || !lons) continue;
				const ri = new ProtoReader(block, ids[0], ids[1]);
				const rla = new ProtoReader(block, lats[0], lats[1]);
				const rlo = new ProtoReader(block, lons[0], lons[1]);
				// keys_vals: per node, key/value string indexes ending in 0.
				const rkv = onTags && keyVals ? new ProtoReader(block, keyVals[0], keyVals[1]) : null;
				let id = 0;
				let la = 0;
				let lo = 0;
				while (ri.pos < ri.end) {
					id += ri.svarint();
					la += rla.svarint();
					lo += rlo.svarint();
					keep(id, la, lo);
					if (!rkv) continue;
					let tags: Record<string, string> | null = null;
					for (let k = rkv.varint(); k !== 0; k = rkv.varint()) (tags ??= {})[meta.strings[k]] = meta.strings[rkv.varint()];
					if (tags && needed.has(id)) onTags!(id, tags);
				}
			} else if (g.field === 1 && g.wire === 2) {
				const n = g.sub();
				let id = 0;
				let la = 0;
				let lo = 0;
				let keys: number[] = [];
				let vals: number[] = [];
				while (n.next()) {
					if (n.field === 2) keys = readPackedUints(n);
					else if (n.field === 3) vals = readPackedUints(n);
					else if (n.field === 1 && n.wire === 0) id = n.svarint();
					else if (n.field === 8 && n.wire === 0) la = n.svarint();
					else if (n.field === 9 && n.wire === 0) lo = n.svarint();
					else n.skip();
				}
				keep(id, la, lo);
				if (onTags && keys.length > 0 && needed.has(id)) {
					const tags: Record<string, string> = {};
					keys.forEach((k, i) => (tags[meta.strings[k]] = meta.strings[vals[i]]));
					onTags(id, tags);
				}
			} else g.skip();
		}
	}
}

/**
 * Read the highway ways of an OSM PBF file with their node coordinates.
 * Ways whose nodes are missing from the file (clipped extracts) are cut at the missing nodes.
 * @throws NotPbfError ("not an OSM PBF: ...") for input that is not a readable OSM PBF.
 */
export function parseOsmPbf(bytes: Uint8Array, opts: PbfReadOptions = {}): RoadWay[] {
	const keep = opts.keepWay ?? ((t) => t.highway !== undefined);
	const blobs = listBlobs(bytes);
	const raw: RawWay[] = [];
	const nodeBlobs: BlobRef[] = [];
	for (const ref of blobs) {
		if (ref.type === 'OSMHeader') {
			checkHeader(blobData(bytes, ref));
			continue;
		}
		if (ref.type !== 'OSMData') continue;
		const block = blobData(bytes, ref);
		if (readWays(block, readBlockMeta(block), keep, raw)) nodeBlobs.push(ref);
	}
	const needed = new Map<number, number>();
	for (const w of raw) for (const id of w.refs) if (!needed.has(id)) needed.set(id, needed.size);
	const lon = new Float64Array(needed.size).fill(NaN);
	const lat = new Float64Array(needed.size).fill(NaN);
	for (const ref of nodeBlobs) {
		const block = blobData(bytes, ref);
		readNodes(block, readBlockMeta(block), needed, lon, lat, opts.onWayNodeTags);
	}
	const ways: RoadWay[] = [];
	for (const w of raw) {
		// Split at nodes missing from the extract so that no edge jumps across the gap.
		let coords: number[] = [];
		let ids: number[] = [];
		const flush = () => {
			if (ids.length >= 2) ways.push({ id: w.id, tags: w.tags, coords, nodeIds: ids });
			coords = [];
			ids = [];
		};
		for (const id of w.refs) {
			const slot = needed.get(id)!;
			if (Number.isNaN(lon[slot])) {
				flush();
				continue;
			}
			coords.push(lon[slot], lat[slot]);
			ids.push(id);
		}
		flush();
	}
	return ways;
}
