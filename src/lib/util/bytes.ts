/**
 * Random-access byte sources: the one way the core reads large inputs (GTFS zips, OSM PBF, address
 * directories, CSV imports) without holding the whole file. A File/Blob in the browser and workers,
 * a file handle in Node (util/node-bytes.ts), or bytes already in memory. No DOM or Node types.
 */

/** Anything that can hand out byte ranges [start, end). */
export interface ByteSource {
	readonly size: number;
	/** File name for messages (optional). */
	readonly name?: string;
	read(start: number, end: number): Promise<Uint8Array>;
}

/** Minimal Blob shape (File in the browser and workers, Blob in Node 20). */
export interface BlobLike {
	readonly size: number;
	readonly name?: string;
	slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** Bytes already in memory. */
export function bytesSource(bytes: Uint8Array, name?: string): ByteSource {
	return { size: bytes.length, name, read: async (start, end) => bytes.subarray(start, Math.min(end, bytes.length)) };
}

/** A File or Blob, read slice by slice. */
export function blobSource(blob: BlobLike): ByteSource {
	return { size: blob.size, name: blob.name, read: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()) };
}

/** Read [start, end) in chunks of `chunkBytes`, in order. */
export async function* readChunks(src: ByteSource, start = 0, end = src.size, chunkBytes = 4 << 20): AsyncGenerator<Uint8Array> {
	for (let p = start; p < end; p += chunkBytes) yield await src.read(p, Math.min(end, p + chunkBytes));
}

/** Byte chunks as one array (the one chunk itself when there is only one). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
	if (parts.length === 1) return parts[0];
	let n = 0;
	for (const p of parts) n += p.length;
	const out = new Uint8Array(n);
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}
