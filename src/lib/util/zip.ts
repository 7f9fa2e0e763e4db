/**
 * A streaming zip reader over a random-access {@link ByteSource}: reads the central directory from the
 * end of the file (zip64 included: national GTFS feeds hold a stop_times.txt of several GB), then
 * decompresses one entry at a time as a stream of chunks. Nothing is ever held whole.
 *
 * Hostile input: declared sizes are not trusted. Every entry's real output is counted while it is
 * inflated and the stream stops with a {@link ZipError} `too_large` as soon as it exceeds
 * `maxBytes` or `maxRatio` × its compressed size (zip bombs), or `size_mismatch` when it differs from
 * the size the directory declares; the CRC-32 is checked at the end (`bad_crc`).
 *
 * Inflate uses the platform's DecompressionStream('deflate-raw') (Chromium, Node ≥ 20) when present,
 * else fflate. No DOM or Node types.
 */
import { Inflate } from 'fflate';
import { concatBytes, type ByteSource } from './bytes.ts';

/** A bilingual message (German first: the app's default language). */
export interface ZipMsg {
	de: string;
	en: string;
}

export type ZipErrorCode = 'not_zip' | 'bad_zip' | 'unsupported' | 'too_large' | 'size_mismatch' | 'bad_crc';

/** A zip that cannot be read safely; `message` is English, `msg` has both languages. */
export class ZipError extends Error {
	constructor(
		readonly code: ZipErrorCode,
		readonly msg: ZipMsg,
		/** Entry name, when the error concerns one entry. */
		readonly entry?: string
	) {
		super(msg.en);
		this.name = 'ZipError';
	}
}

export interface ZipEntry {
	/** Full path inside the archive. */
	name: string;
	/** 0 = stored, 8 = deflate. */
	method: number;
	compressedSize: number;
	/** As declared by the central directory (checked against the real output while reading). */
	uncompressedSize: number;
	crc32: number;
	localHeaderOffset: number;
	encrypted: boolean;
}

export interface EntryReadOptions {
	/** Stop when the real output exceeds this many bytes. Default 16 GiB. */
	maxBytes?: number;
	/**
	 * Stop when the output exceeds ratio × compressed size + 1 MiB. Text compresses 5–20×; deflate can
	 * reach ~1000× only on degenerate input. Default 200.
	 */
	maxRatio?: number;
	/** Size of the compressed reads. Default 4 MiB. */
	chunkBytes?: number;
	/** Check the CRC-32 at the end (default true). */
	checkCrc?: boolean;
	/** Inflate with the platform's DecompressionStream (default when present) or with fflate. */
	engine?: 'native' | 'fflate';
	signal?: AbortSignal;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const u16 = (b: Uint8Array, p: number) => b[p] | (b[p + 1] << 8);
const u32 = (b: Uint8Array, p: number) => (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16)) + b[p + 3] * 0x1000000;
const u64 = (b: Uint8Array, p: number) => u32(b, p) + u32(b, p + 4) * 0x100000000;

const notZip = () => new ZipError('not_zip', { de: 'Die Datei ist kein ZIP-Archiv', en: 'The file is not a zip archive' });
const corrupt = (why: string, entry?: string) =>
	new ZipError('bad_zip', { de: `ZIP-Archiv ist beschädigt (${why})`, en: `Zip archive is corrupt (${why})` }, entry);

/** Read the central directory. Throws ZipError `not_zip` / `bad_zip`. */
export async function readZipDirectory(src: ByteSource): Promise<ZipEntry[]> {
	if (src.size < 22) throw notZip();
	checkHead(await src.read(0, 4));
	const tailLen = Math.min(src.size, 22 + 0xffff);
	const end = findEnd(await src.read(src.size - tailLen, src.size), src.size);
	if (end.zip64At >= 0) Object.assign(end, parseZip64End(await src.read(end.zip64At, end.zip64At + 56)));
	checkDirRange(end, src.size);
	return parseCentralDirectory(await src.read(end.cdOffset, end.cdOffset + end.cdSize), end.count);
}

/** The same for a zip already in memory, synchronously (small feeds, tests). */
export function readZipDirectorySync(bytes: Uint8Array): ZipEntry[] {
	if (bytes.length < 22) throw notZip();
	checkHead(bytes.subarray(0, 4));
	const tailLen = Math.min(bytes.length, 22 + 0xffff);
	const end = findEnd(bytes.subarray(bytes.length - tailLen), bytes.length);
	if (end.zip64At >= 0) Object.assign(end, parseZip64End(bytes.subarray(end.zip64At, end.zip64At + 56)));
	checkDirRange(end, bytes.length);
	return parseCentralDirectory(bytes.subarray(end.cdOffset, end.cdOffset + end.cdSize), end.count);
}

interface DirEnd {
	count: number;
	cdSize: number;
	cdOffset: number;
	/** Offset of the zip64 end record, or -1. */
	zip64At: number;
}

function checkHead(head: Uint8Array): void {
	if (head[0] !== 0x50 || head[1] !== 0x4b) throw notZip();
}

/** Find the end-of-directory record in the file's last bytes (`tail`) of a file of `size` bytes. */
function findEnd(tail: Uint8Array, size: number): DirEnd {
	let e = -1;
	for (let p = tail.length - 22; p >= 0; p--) if (u32(tail, p) === EOCD) { e = p; break; }
	if (e < 0) throw corrupt('no end-of-directory record');
	const end: DirEnd = { count: u16(tail, e + 10), cdSize: u32(tail, e + 12), cdOffset: u32(tail, e + 16), zip64At: -1 };
	const locAt = e - 20;
	if (locAt >= 0 && u32(tail, locAt) === EOCD64_LOCATOR) {
		end.zip64At = u64(tail, locAt + 8);
		if (end.zip64At + 56 > size) throw corrupt('zip64 record beyond the end');
	}
	return end;
}

function parseZip64End(rec: Uint8Array): Pick<DirEnd, 'count' | 'cdSize' | 'cdOffset'> {
	if (rec.length < 56 || u32(rec, 0) !== EOCD64) throw corrupt('bad zip64 record');
	return { count: u64(rec, 32), cdSize: u64(rec, 40), cdOffset: u64(rec, 48) };
}

function checkDirRange(end: DirEnd, size: number): void {
	if (end.cdOffset + end.cdSize > size || end.cdSize > 512 << 20) throw corrupt('central directory out of range');
}

function parseCentralDirectory(cd: Uint8Array, count: number): ZipEntry[] {
	const entries: ZipEntry[] = [];
	const dec = new TextDecoder('utf-8');
	let p = 0;
	for (let i = 0; i < count; i++) {
		if (p + 46 > cd.length || u32(cd, p) !== CENTRAL) throw corrupt(`central directory entry ${i + 1}`);
		const flags = u16(cd, p + 8);
		const method = u16(cd, p + 10);
		const crc32 = u32(cd, p + 16);
		let compressedSize = u32(cd, p + 20);
		let uncompressedSize = u32(cd, p + 24);
		const nameLen = u16(cd, p + 28);
		const extraLen = u16(cd, p + 30);
		const commentLen = u16(cd, p + 32);
		let localHeaderOffset = u32(cd, p + 42);
		const name = dec.decode(cd.subarray(p + 46, p + 46 + nameLen));
		// zip64 extra field: only the fields whose 32-bit value is saturated are present, in this order.
		let x = p + 46 + nameLen;
		const xEnd = x + extraLen;
		while (x + 4 <= xEnd) {
			const id = u16(cd, x), len = u16(cd, x + 2);
			if (id === 0x0001) {
				let q = x + 4;
				if (uncompressedSize === 0xffffffff) { uncompressedSize = u64(cd, q); q += 8; }
				if (compressedSize === 0xffffffff) { compressedSize = u64(cd, q); q += 8; }
				if (localHeaderOffset === 0xffffffff) { localHeaderOffset = u64(cd, q); q += 8; }
			}
			x += 4 + len;
		}
		entries.push({ name, method, compressedSize, uncompressedSize, crc32, localHeaderOffset, encrypted: (flags & 1) === 1 });
		p += 46 + nameLen + extraLen + commentLen;
	}
	return entries;
}

/** Where an entry's compressed bytes start, from its local header `h` (≥ 30 bytes) in a file of `size` bytes. */
function dataStartFrom(h: Uint8Array, e: ZipEntry, size: number): number {
	if (h.length < 30 || u32(h, 0) !== LOCAL) throw corrupt('bad local header', e.name);
	const start = e.localHeaderOffset + 30 + u16(h, 26) + u16(h, 28);
	if (start + e.compressedSize > size) throw corrupt('entry runs past the end of the file', e.name);
	return start;
}

let CRC_TABLE: Int32Array | null = null;
/** Update a CRC-32 (IEEE) with `b`; start with 0. Slicing-by-8: ~4× the byte-wise loop. */
export function crc32(crc: number, b: Uint8Array): number {
	if (!CRC_TABLE) {
		// table k (k = 0…7) at k*256: the CRC of a byte followed by k zero bytes
		const t = new Int32Array(8 * 256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			t[n] = c;
		}
		for (let n = 0; n < 256; n++) for (let k = 1; k < 8; k++) t[k * 256 + n] = (t[(k - 1) * 256 + n] >>> 8) ^ t[t[(k - 1) * 256 + n] & 0xff];
		CRC_TABLE = t;
	}
	const t = CRC_TABLE;
	let c = ~crc;
	let i = 0;
	const n = b.length, end8 = n - (n % 8);
	for (; i < end8; i += 8) {
		const a = c ^ (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24));
		c =
			t[1792 + (a & 0xff)] ^
			t[1536 + ((a >>> 8) & 0xff)] ^
			t[1280 + ((a >>> 16) & 0xff)] ^
			t[1024 + (a >>> 24)] ^
			t[768 + b[i + 4]] ^
			t[512 + b[i + 5]] ^
			t[256 + b[i + 6]] ^
			t[b[i + 7]];
	}
	for (; i < n; i++) c = t[(c ^ b[i]) & 0xff] ^ (c >>> 8);
	return ~c >>> 0;
}

/** Compressed bytes per fflate push (bounds one push's output to ~64 MiB even for a bomb). */
const INFLATE_STEP = 64 << 10;

const hasNativeInflate = typeof (globalThis as { DecompressionStream?: unknown }).DecompressionStream === 'function';

/** Inflate raw deflate chunks (platform stream when available, else fflate). */
async function* inflate(chunks: AsyncIterable<Uint8Array>, native: boolean): AsyncGenerator<Uint8Array> {
	if (native) {
		// The platform stream inflates whatever it is given, ahead of the reader (through pipeThrough, Node's
		// DecompressionStream held ~150 MB for stop_times.txt). So a feeder writes INFLATE_STEP pieces, and
		// only while the reader waits for output: little more than one piece's output is ever queued.
		const DS = (globalThis as unknown as { DecompressionStream: new (f: string) => TransformStream<Uint8Array, Uint8Array> }).DecompressionStream;
		const ds = new DS('deflate-raw');
		const writer = ds.writable.getWriter();
		const reader = ds.readable.getReader();
		let waiting = false, stopped = false;
		let wake = (): void => {};
		const feeder = (async () => {
			try {
				for await (const c of chunks) {
					for (let o = 0; o < c.length; o += INFLATE_STEP) {
						while (!waiting && !stopped) await new Promise<void>((r) => (wake = r));
						if (stopped) return;
						await writer.write(c.slice(o, o + INFLATE_STEP));
					}
				}
				await writer.close();
			} catch (e) {
				await writer.abort(e).catch(() => {});
				throw e;
			}
		})();
		feeder.catch(() => {}); // a failure also errors the readable side, where the reader sees it
		try {
			for (;;) {
				waiting = true;
				wake();
				const r = await reader.read().catch(async (e) => {
					await feeder; // the feeder's own error (e.g. a read error, an abort) is the better message
					throw e;
				});
				waiting = false;
				if (r.done) break;
				yield r.value;
			}
			await feeder;
			return;
		} finally {
			stopped = true;
			wake();
			reader.cancel().catch(() => {});
		}
	}
	const out: Uint8Array[] = [];
	const inf = new Inflate((chunk) => void out.push(chunk));
	for await (const c of chunks) {
		// Small pushes: deflate expands up to ~1000×, so one big push could allocate GBs before the
		// caller's size guard sees the output.
		for (let o = 0; o < c.length; o += INFLATE_STEP) {
			inf.push(c.subarray(o, o + INFLATE_STEP), false);
			while (out.length) yield out.shift()!;
		}
	}
	inf.push(new Uint8Array(0), true);
	while (out.length) yield out.shift()!;
}

/**
 * Counts an entry's real output against its limits and checks size and CRC-32 at the end: shared by the
 * streaming and the in-memory reader so both refuse the same archives.
 */
class EntryGuard {
	private total = 0;
	private crc = 0;
	private readonly limit: number;
	private readonly check: boolean;
	constructor(
		private readonly e: ZipEntry,
		opts: EntryReadOptions
	) {
		const maxBytes = opts.maxBytes ?? 16 * 2 ** 30;
		this.limit = Math.min(maxBytes, (opts.maxRatio ?? 200) * e.compressedSize + (1 << 20));
		this.check = opts.checkCrc !== false;
		if (e.encrypted) throw new ZipError('unsupported', { de: `${e.name} ist verschlüsselt`, en: `${e.name} is encrypted` }, e.name);
		if (e.method !== 0 && e.method !== 8)
			throw new ZipError(
				'unsupported',
				{
					de: `${e.name} ist mit Methode ${e.method}${e.method === 9 ? ' (Deflate64)' : ''} komprimiert; bitte mit Standard-Deflate neu packen (z. B. zip -r)`,
					en: `${e.name} uses compression method ${e.method}${e.method === 9 ? ' (Deflate64)' : ''}; re-zip it with standard deflate (e.g. zip -r)`
				},
				e.name
			);
	}
	add(chunk: Uint8Array): void {
		const e = this.e;
		this.total += chunk.length;
		if (this.total > this.limit)
			throw new ZipError(
				'too_large',
				{
					de: `${e.name} entpackt sich auf mehr als ${fmtBytes(this.limit)} (aus ${fmtBytes(e.compressedSize)}): abgebrochen (ZIP-Bombe oder beschädigt)`,
					en: `${e.name} expands to more than ${fmtBytes(this.limit)} (from ${fmtBytes(e.compressedSize)}): stopped (zip bomb or corrupt)`
				},
				e.name
			);
		if (this.total > e.uncompressedSize) throw mismatch(e, this.total);
		if (this.check) this.crc = crc32(this.crc, chunk);
	}
	finish(): void {
		const e = this.e;
		if (this.total !== e.uncompressedSize) throw mismatch(e, this.total);
		if (this.check && this.crc !== e.crc32)
			throw new ZipError('bad_crc', { de: `${e.name}: Prüfsumme (CRC-32) stimmt nicht`, en: `${e.name}: checksum (CRC-32) does not match` }, e.name);
	}
}

/**
 * The entry's uncompressed bytes as a stream of chunks (sizes vary). Throws ZipError while streaming
 * on a zip bomb, a size or CRC mismatch, an unsupported method or corrupt data.
 */
export async function* readEntry(src: ByteSource, e: ZipEntry, opts: EntryReadOptions = {}): AsyncGenerator<Uint8Array> {
	const chunkBytes = opts.chunkBytes ?? 4 << 20;
	const guard = new EntryGuard(e, opts);
	const start = dataStartFrom(await src.read(e.localHeaderOffset, e.localHeaderOffset + 30), e, src.size);
	const end = start + e.compressedSize;
	async function* compressed(): AsyncGenerator<Uint8Array> {
		for (let p = start; p < end; p += chunkBytes) {
			if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('aborted');
			yield await src.read(p, Math.min(end, p + chunkBytes));
		}
	}
	try {
		const native = hasNativeInflate && opts.engine !== 'fflate';
		const stream = e.method === 0 ? compressed() : inflate(compressed(), native);
		for await (const chunk of stream) {
			guard.add(chunk);
			yield chunk;
		}
	} catch (err) {
		if (err instanceof ZipError || opts.signal?.aborted) throw err;
		throw corrupt((err as Error).message || 'inflate failed', e.name);
	}
	guard.finish();
}

/**
 * The same for a zip in memory, synchronously (fflate): decompressed chunks of at most 64 KiB of input
 * each, with the same limits and checks. For small feeds and tests; large files stream.
 */
export function* readEntrySync(bytes: Uint8Array, e: ZipEntry, opts: EntryReadOptions = {}): Generator<Uint8Array> {
	const chunkBytes = Math.min(opts.chunkBytes ?? INFLATE_STEP, INFLATE_STEP);
	const guard = new EntryGuard(e, opts);
	const start = dataStartFrom(bytes.subarray(e.localHeaderOffset, e.localHeaderOffset + 30), e, bytes.length);
	const end = start + e.compressedSize;
	const out: Uint8Array[] = [];
	try {
		const inf = e.method === 8 ? new Inflate((chunk) => void out.push(chunk)) : null;
		let p = start;
		do {
			const q = Math.min(end, p + chunkBytes);
			if (inf) inf.push(bytes.subarray(p, q), q >= end);
			else out.push(bytes.subarray(p, q));
			p = q;
			while (out.length) {
				const c = out.shift()!;
				guard.add(c);
				yield c;
			}
		} while (p < end);
	} catch (err) {
		if (err instanceof ZipError) throw err;
		throw corrupt((err as Error).message || 'inflate failed', e.name);
	}
	guard.finish();
}

function mismatch(e: ZipEntry, got: number): ZipError {
	return new ZipError(
		'size_mismatch',
		{
			de: `${e.name}: Grösse ${fmtBytes(got)} statt der angegebenen ${fmtBytes(e.uncompressedSize)} (beschädigt oder manipuliert)`,
			en: `${e.name}: size ${fmtBytes(got)} instead of the declared ${fmtBytes(e.uncompressedSize)} (corrupt or tampered)`
		},
		e.name
	);
}

function fmtBytes(n: number): string {
	if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GiB`;
	if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
	if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
	return `${n} B`;
}

/** Read a (small) entry whole, with the same limits. */
export async function readEntryBytes(src: ByteSource, e: ZipEntry, opts: EntryReadOptions = {}): Promise<Uint8Array> {
	const parts: Uint8Array[] = [];
	for await (const c of readEntry(src, e, opts)) parts.push(c);
	return concatBytes(parts);
}

/** Base name of a path inside the archive ("gtfs/stops.txt" → "stops.txt"). */
export function zipBaseName(p: string): string {
	const i = p.lastIndexOf('/');
	return i < 0 ? p : p.slice(i + 1);
}
