/**
 * The OSM PBF container: frames of [4-byte length][BlobHeader][Blob], the Blob's compression, and the
 * OSMHeader block. Sizes are checked against the format's limits before anything is read or inflated,
 * and inflated output is counted while it is produced (a declared raw_size is never trusted).
 */
import { Unzlib } from 'fflate';
import { ProtoReader, utf8String } from './protobuf.ts';
import { concatBytes } from '../../util/bytes.ts';
import {
	blobTooLarge,
	corrupt,
	headerTooLarge,
	inflatesTooLarge,
	MAX_BLOB_BYTES,
	MAX_HEADER_BYTES,
	unsupportedCompression,
	unsupportedFeature
} from './pbf-errors.ts';

/** A decoded BlobHeader: its type and where the Blob lies in the file. */
export interface Frame {
	type: string;
	/** File offset of the frame (the 4-byte length). */
	pos: number;
	/** Blob bytes [start, end) in the file. */
	start: number;
	end: number;
}

/** Decode a BlobHeader (`bytes` = exactly its bytes) of the frame at `pos`. */
export function decodeBlobHeader(bytes: Uint8Array, pos: number): Frame {
	const r = new ProtoReader(bytes);
	let type: string | null = null;
	let size = -1;
	try {
		while (r.next()) {
			if (r.field === 1 && r.wire === 2) type = utf8String(r.bytes());
			else if (r.field === 3 && r.wire === 0) size = r.int();
			else r.skip();
		}
	} catch (e) {
		throw corrupt(pos, (e as Error).message);
	}
	if (type === null || size < 0) throw corrupt(pos, 'block header without type or size');
	if (size > MAX_BLOB_BYTES) throw blobTooLarge(size, pos);
	const start = pos + 4 + bytes.length;
	return { type, pos, start, end: start + size };
}

/** Length of the BlobHeader from the frame's first 4 bytes (big-endian). */
export function headerLength(b: Uint8Array, pos: number): number {
	const len = b[0] * 0x1000000 + ((b[1] << 16) | (b[2] << 8) | b[3]);
	if (len === 0) throw corrupt(pos, 'empty block header');
	if (len > MAX_HEADER_BYTES) throw headerTooLarge(len, pos);
	return len;
}

/** A Blob's payload: raw block bytes, or zlib data still to inflate. */
export type BlobPayload = { raw: Uint8Array } | { zlib: Uint8Array; rawSize: number | null };

const OTHER_COMPRESSION: Record<number, string> = { 4: 'lzma', 5: 'bzip2', 6: 'lz4', 7: 'zstd' };

/** Decode a Blob message of the frame at `pos`. */
export function decodeBlob(bytes: Uint8Array, pos: number): BlobPayload {
	const r = new ProtoReader(bytes);
	let rawSize: number | null = null;
	let out: BlobPayload | null = null;
	try {
		while (r.next()) {
			if (r.field === 1 && r.wire === 2) out = { raw: r.bytes() };
			else if (r.field === 2 && r.wire === 0) rawSize = r.int();
			else if (r.field === 3 && r.wire === 2) out = { zlib: r.bytes(), rawSize: null };
			else if (OTHER_COMPRESSION[r.field]) throw unsupportedCompression(OTHER_COMPRESSION[r.field], pos);
			else r.skip();
		}
	} catch (e) {
		if ((e as Error).name === 'NotPbfError') throw e;
		throw corrupt(pos, (e as Error).message);
	}
	if (!out) throw corrupt(pos, 'block without data');
	if ('zlib' in out) out.rawSize = rawSize;
	return out;
}

/** Check an inflated block against the declared raw_size (when given) and return it. */
function checkRawSize(out: Uint8Array, rawSize: number | null, pos: number): Uint8Array {
	if (rawSize !== null && out.length !== rawSize) throw corrupt(pos, `inflates to ${out.length} bytes, ${rawSize} declared`);
	return out;
}


/**
 * Input slice fed to the inflater at a time. Deflate expands at most ~1032:1, so one slice yields at
 * most ~16.5 MiB before the output count is checked again: memory stays bounded by the 32 MiB limit.
 */
const SLICE = 16 * 1024;

/** Inflate zlib data with fflate, synchronously, stopping past 32 MiB of output. */
export function inflateSync(data: Uint8Array, rawSize: number | null, pos: number): Uint8Array {
	const parts: Uint8Array[] = [];
	let n = 0;
	let over = false;
	const inf = new Unzlib((chunk) => {
		n += chunk.length;
		if (n > MAX_BLOB_BYTES) over = true;
		else parts.push(chunk);
	});
	try {
		for (let p = 0; p < data.length; p += SLICE) {
			const end = Math.min(data.length, p + SLICE);
			inf.push(data.subarray(p, end), end === data.length);
			if (over) throw inflatesTooLarge(pos);
		}
		if (data.length === 0) throw new Error('no data');
	} catch (e) {
		if ((e as Error).name === 'NotPbfError') throw e;
		throw corrupt(pos, `zlib: ${(e as Error).message}`);
	}
	return checkRawSize(concatBytes(parts), rawSize, pos);
}

type DSCtor = new (format: string) => { writable: WritableStream<Uint8Array>; readable: ReadableStream<Uint8Array> };
const DS = (globalThis as unknown as { DecompressionStream?: DSCtor }).DecompressionStream;

/** Whether the platform has DecompressionStream (Chromium, Firefox, Safari, Node ≥ 18). */
export const hasNativeInflate = typeof DS === 'function';

/** Inflate zlib data with the platform's DecompressionStream('deflate'), stopping past 32 MiB of output. */
export async function inflateNative(data: Uint8Array, rawSize: number | null, pos: number): Promise<Uint8Array> {
	const ds = new DS!('deflate');
	const writer = ds.writable.getWriter();
	const reader = ds.readable.getReader();
	// Feed in slices (a browser inflates a whole written chunk at once) while reading concurrently.
	const pump = (async () => {
		for (let p = 0; p < data.length; p += SLICE) await writer.write(data.subarray(p, Math.min(data.length, p + SLICE)));
		await writer.close();
	})();
	pump.catch(() => {});
	const parts: Uint8Array[] = [];
	let n = 0;
	try {
		for (;;) {
			const r = await reader.read();
			if (r.done) break;
			n += r.value.length;
			if (n > MAX_BLOB_BYTES) {
				reader.cancel().catch(() => {});
				throw inflatesTooLarge(pos);
			}
			parts.push(r.value);
		}
		await pump;
	} catch (e) {
		if ((e as Error).name === 'NotPbfError') throw e;
		throw corrupt(pos, `zlib: ${(e as Error).message}`);
	}
	return checkRawSize(concatBytes(parts), rawSize, pos);
}

/** What the OSMHeader block says about the file. */
export interface OsmHeaderInfo {
	/** [west, south, east, north] in degrees, when the header has a bounding box. */
	bbox?: [number, number, number, number];
	/** osmosis_replication_timestamp as ISO 8601 (the data's state), when present. */
	replicationTimestamp?: string;
	replicationSequence?: number;
	writingProgram?: string;
	source?: string;
	requiredFeatures: string[];
	optionalFeatures: string[];
}

const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes']);

/** Decode the OSMHeader block; refuses required features the reader does not implement. */
export function decodeHeaderBlock(block: Uint8Array, pos: number): OsmHeaderInfo {
	const info: OsmHeaderInfo = { requiredFeatures: [], optionalFeatures: [] };
	const r = new ProtoReader(block);
	try {
		while (r.next()) {
			if (r.field === 1 && r.wire === 2) {
				const b = r.sub();
				const v = [0, 0, 0, 0]; // left, right, top, bottom in nanodegrees
				while (b.next()) {
					if (b.field >= 1 && b.field <= 4 && b.wire === 0) v[b.field - 1] = b.svarint();
					else b.skip();
				}
				info.bbox = [v[0] / 1e9, v[3] / 1e9, v[1] / 1e9, v[2] / 1e9];
			} else if (r.field === 4 && r.wire === 2) info.requiredFeatures.push(utf8String(r.bytes()));
			else if (r.field === 5 && r.wire === 2) info.optionalFeatures.push(utf8String(r.bytes()));
			else if (r.field === 16 && r.wire === 2) info.writingProgram = utf8String(r.bytes());
			else if (r.field === 17 && r.wire === 2) info.source = utf8String(r.bytes());
			else if (r.field === 32 && r.wire === 0) {
				const t = r.int();
				if (t > 0 && t < 1e11) info.replicationTimestamp = new Date(t * 1000).toISOString().replace('.000Z', 'Z');
			} else if (r.field === 33 && r.wire === 0) info.replicationSequence = r.int();
			else r.skip();
		}
	} catch (e) {
		throw corrupt(pos, `header block: ${(e as Error).message}`);
	}
	for (const f of info.requiredFeatures) if (!SUPPORTED_FEATURES.has(f)) throw unsupportedFeature(f);
	return info;
}
