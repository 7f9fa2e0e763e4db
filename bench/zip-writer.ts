/**
 * A small streaming zip64 writer (Node; benchmarks and test fixtures only): entries are deflated with
 * node:zlib as their bytes are produced, so a 2 GB stop_times.txt is never held in memory. fflate's
 * streaming Zip writes no zip64 records, which a > 4 GiB entry or archive needs.
 *
 * Every entry is written zip64-style: local header with general-purpose bit 3 (sizes follow the data)
 * and a zip64 extra field, a zip64 data descriptor (8-byte sizes), and a central-directory record whose
 * sizes and offset live in the zip64 extra field; the archive ends with the zip64 end-of-directory
 * record, its locator and the classic end record (all counters saturated). `unzip -t` and Python's
 * zipfile read it.
 */
import zlib from 'node:zlib';

/** Where the archive's bytes go (a file descriptor writer, or an in-memory collector). */
export interface ByteSink {
	write(b: Uint8Array): void;
}

interface Written {
	name: Uint8Array;
	crc: number;
	csize: number;
	usize: number;
	offset: number;
	method: number;
}

const enc = new TextEncoder();
/** DOS time 00:00, date 2021-06-25 (the Zug feed's day; deterministic output). */
const DOS_TIME_DATE = 0 + ((((2021 - 1980) << 9) | (6 << 5) | 25) << 16);

function le(n: number, bytes: number): number[] {
	const out: number[] = [];
	for (let i = 0; i < bytes; i++) out.push(Math.floor(n / 2 ** (8 * i)) & 0xff);
	return out;
}

export class ZipWriter {
	private offset = 0;
	private readonly entries: Written[] = [];
	constructor(private readonly out: ByteSink) {}

	private put(b: Uint8Array | number[]): void {
		const u = b instanceof Uint8Array ? b : Uint8Array.from(b);
		this.out.write(u);
		this.offset += u.length;
	}

	/**
	 * Add an entry from chunks of its content (strings are UTF-8 encoded). level 0 stores it.
	 * Resolves when the entry is fully written.
	 */
	async add(name: string, chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, level = 6): Promise<void> {
		const nameBytes = enc.encode(name);
		const offset = this.offset;
		const method = level === 0 ? 0 : 8;
		// local header: version 45 (zip64), flag bit 3 (data descriptor) + bit 11 (UTF-8), sizes in the descriptor
		this.put([...le(0x04034b50, 4), ...le(45, 2), ...le(0x0808, 2), ...le(method, 2), ...le(DOS_TIME_DATE, 4), ...le(0, 4), ...le(0xffffffff, 4), ...le(0xffffffff, 4), ...le(nameBytes.length, 2), ...le(20, 2)]);
		this.put(nameBytes);
		this.put([...le(0x0001, 2), ...le(16, 2), ...le(0, 8), ...le(0, 8)]);
		let crc = 0, usize = 0, csize = 0;
		const emit = (b: Uint8Array) => {
			csize += b.length;
			this.put(b);
		};
		if (method === 0) {
			for await (const c of chunks) {
				const b = typeof c === 'string' ? enc.encode(c) : c;
				crc = zlib.crc32(b, crc);
				usize += b.length;
				emit(b);
			}
		} else {
			const d = zlib.createDeflateRaw({ level });
			d.on('data', (b: Buffer) => emit(b));
			const done = new Promise<void>((resolve, reject) => {
				d.on('end', resolve);
				d.on('error', reject);
			});
			for await (const c of chunks) {
				const b = typeof c === 'string' ? enc.encode(c) : c;
				crc = zlib.crc32(b, crc);
				usize += b.length;
				if (!d.write(b)) await new Promise((r) => d.once('drain', r));
			}
			d.end();
			await done;
		}
		this.put([...le(0x08074b50, 4), ...le(crc, 4), ...le(csize, 8), ...le(usize, 8)]);
		this.entries.push({ name: nameBytes, crc, csize, usize, offset, method });
	}

	/** Write the central directory and the end records. */
	finish(): void {
		const cdStart = this.offset;
		for (const e of this.entries) {
			this.put([
				...le(0x02014b50, 4), ...le(45, 2), ...le(45, 2), ...le(0x0808, 2), ...le(e.method, 2), ...le(DOS_TIME_DATE, 4), ...le(e.crc, 4),
				...le(0xffffffff, 4), ...le(0xffffffff, 4), ...le(e.name.length, 2), ...le(28, 2), ...le(0, 2), ...le(0, 2), ...le(0, 2), ...le(0, 4),
				...le(0xffffffff, 4)
			]);
			this.put(e.name);
			this.put([...le(0x0001, 2), ...le(24, 2), ...le(e.usize, 8), ...le(e.csize, 8), ...le(e.offset, 8)]);
		}
		const cdSize = this.offset - cdStart;
		const rec = this.offset;
		const n = this.entries.length;
		this.put([...le(0x06064b50, 4), ...le(44, 8), ...le(45, 2), ...le(45, 2), ...le(0, 4), ...le(0, 4), ...le(n, 8), ...le(n, 8), ...le(cdSize, 8), ...le(cdStart, 8)]);
		this.put([...le(0x07064b50, 4), ...le(0, 4), ...le(rec, 8), ...le(1, 4)]);
		this.put([...le(0x06054b50, 4), ...le(0, 2), ...le(0, 2), ...le(0xffff, 2), ...le(0xffff, 2), ...le(0xffffffff, 4), ...le(0xffffffff, 4), ...le(0, 2)]);
	}
}

/** A whole zip in memory (test fixtures): name → content, deflated at `level` (0 = stored). */
export async function zipInMemory(files: Iterable<[string, Uint8Array | string]>, level = 1): Promise<Uint8Array> {
	const parts: Uint8Array[] = [];
	const w = new ZipWriter({ write: (b) => void parts.push(b.slice()) });
	for (const [name, content] of files) await w.add(name, [content], level);
	w.finish();
	return Buffer.concat(parts);
}
