import { describe, expect, it } from 'vitest';
import { deflateSync, zipSync, strToU8 } from 'fflate';
import { bytesSource } from '../../src/lib/util/bytes.ts';
import { crc32, readEntry, readEntryBytes, readEntrySync, readZipDirectory, readZipDirectorySync, ZipError, type EntryReadOptions } from '../../src/lib/util/zip.ts';

interface RawEntry {
	name: string;
	data: Uint8Array;
	method?: 0 | 8 | 9;
	/** Write sizes and offset as zip64 (0xFFFFFFFF + extra field) and a zip64 end record. */
	zip64?: boolean;
	/** Override what the directory declares. */
	declaredSize?: number;
	crc?: number;
}

/** A minimal zip writer for crafted (and hostile) archives. */
function makeZip(entries: RawEntry[], zip64 = false): Uint8Array {
	const parts: number[] = [];
	const push = (...b: number[]) => parts.push(...b);
	const le = (v: number, n: number) => {
		for (let i = 0; i < n; i++) push(Math.floor(v / 2 ** (8 * i)) & 0xff);
	};
	const central: number[][] = [];
	for (const e of entries) {
		const method = e.method ?? 8;
		const body = method === 8 ? deflateSync(e.data) : e.data;
		const offset = parts.length;
		const name = strToU8(e.name);
		const crc = e.crc ?? crc32(0, e.data);
		const size = e.declaredSize ?? e.data.length;
		le(0x04034b50, 4), le(45, 2), le(0, 2), le(method, 2), le(0, 4), le(crc, 4);
		le(body.length, 4), le(size, 4), le(name.length, 2), le(0, 2);
		push(...name);
		for (const b of body) parts.push(b);
		const c: number[] = [];
		const cle = (v: number, n: number) => {
			for (let i = 0; i < n; i++) c.push(Math.floor(v / 2 ** (8 * i)) & 0xff);
		};
		const z = e.zip64 ?? false;
		cle(0x02014b50, 4), cle(45, 2), cle(45, 2), cle(0, 2), cle(method, 2), cle(0, 4), cle(crc, 4);
		cle(z ? 0xffffffff : body.length, 4), cle(z ? 0xffffffff : size, 4), cle(name.length, 2), cle(z ? 28 : 0, 2), cle(0, 2);
		cle(0, 2), cle(0, 2), cle(0, 4), cle(z ? 0xffffffff : offset, 4);
		c.push(...name);
		if (z) cle(0x0001, 2), cle(24, 2), cle(size, 8), cle(body.length, 8), cle(offset, 8);
		central.push(c);
	}
	const cdOffset = parts.length;
	for (const c of central) parts.push(...c);
	const cdSize = parts.length - cdOffset;
	if (zip64) {
		const rec = parts.length;
		le(0x06064b50, 4), le(44, 8), le(45, 2), le(45, 2), le(0, 4), le(0, 4), le(entries.length, 8), le(entries.length, 8), le(cdSize, 8), le(cdOffset, 8);
		le(0x07064b50, 4), le(0, 4), le(rec, 8), le(1, 4);
	}
	le(0x06054b50, 4), le(0, 2), le(0, 2), le(zip64 ? 0xffff : entries.length, 2), le(zip64 ? 0xffff : entries.length, 2);
	le(zip64 ? 0xffffffff : cdSize, 4), le(zip64 ? 0xffffffff : cdOffset, 4), le(0, 2);
	return Uint8Array.from(parts);
}

const text = (n: number) => strToU8(Array.from({ length: n }, (_, i) => `trip${i % 97},08:${String(i % 60).padStart(2, '0')}:00,stop${i}`).join('\n'));

async function collect(bytes: Uint8Array, name: string, opts: EntryReadOptions = {}): Promise<Uint8Array> {
	const src = bytesSource(bytes);
	const e = (await readZipDirectory(src)).find((x) => x.name === name)!;
	return readEntryBytes(src, e, opts);
}

describe('zip reader', () => {
	it('streams entries of an ordinary zip (sub-folder, stored and deflated), with both inflaters', async () => {
		const a = text(20_000), b = strToU8('stop_id,stop_name\n1,A\n');
		const zip = zipSync({ 'feed/stop_times.txt': a, 'feed/stops.txt': [b, { level: 0 }] });
		const dir = await readZipDirectory(bytesSource(zip));
		expect(dir.map((e) => e.name).sort()).toEqual(['feed/stop_times.txt', 'feed/stops.txt']);
		for (const engine of ['native', 'fflate'] as const) {
			expect(await collect(zip, 'feed/stop_times.txt', { engine, chunkBytes: 1000 })).toEqual(a);
			expect(await collect(zip, 'feed/stops.txt', { engine })).toEqual(b);
		}
	});

	it('reads zip64 directories and sizes', async () => {
		const a = text(5000), b = text(300);
		const zip = makeZip([{ name: 'stop_times.txt', data: a, zip64: true }, { name: 'stops.txt', data: b, method: 0, zip64: true }], true);
		const dir = await readZipDirectory(bytesSource(zip));
		expect(dir.map((e) => [e.name, e.uncompressedSize])).toEqual([['stop_times.txt', a.length], ['stops.txt', b.length]]);
		expect(await collect(zip, 'stop_times.txt')).toEqual(a);
		expect(await collect(zip, 'stops.txt')).toEqual(b);
	});

	it('stops a zip bomb by its real output, not its declared size', async () => {
		const zeros = new Uint8Array(40 << 20);
		// Declares 100 bytes: the reader must not trust it, and must stop long before 40 MiB.
		const zip = makeZip([{ name: 'stop_times.txt', data: zeros, declaredSize: 100 }]);
		await expect(collect(zip, 'stop_times.txt')).rejects.toMatchObject({ code: 'size_mismatch' });
		const honest = makeZip([{ name: 'stop_times.txt', data: zeros }]);
		for (const engine of ['native', 'fflate'] as const) {
			const err = await collect(honest, 'stop_times.txt', { engine }).catch((e) => e);
			expect(err).toBeInstanceOf(ZipError);
			expect(err.code).toBe('too_large');
			expect(err.msg.de).toMatch(/ZIP-Bombe/);
		}
		// A generous ratio lets the same entry through.
		expect((await collect(honest, 'stop_times.txt', { maxRatio: 5000 })).length).toBe(zeros.length);
	});

	it('refuses a declared size larger than the data, a bad CRC, encryption and unsupported methods', async () => {
		const a = text(1000);
		await expect(collect(makeZip([{ name: 'x.txt', data: a, declaredSize: a.length + 5 }]), 'x.txt')).rejects.toMatchObject({ code: 'size_mismatch' });
		await expect(collect(makeZip([{ name: 'x.txt', data: a, crc: 12345 }]), 'x.txt')).rejects.toMatchObject({ code: 'bad_crc' });
		const d64 = await collect(makeZip([{ name: 'x.txt', data: a, method: 9 }]), 'x.txt').catch((e) => e);
		expect(d64.code).toBe('unsupported');
		expect(d64.msg.en).toMatch(/Deflate64/);
	});

	it('says "not a zip" and "corrupt" clearly', async () => {
		await expect(readZipDirectory(bytesSource(strToU8('stop_id,name\n1,a\n'.repeat(10))))).rejects.toMatchObject({ code: 'not_zip' });
		const zip = zipSync({ 'a.txt': text(2000) });
		await expect(readZipDirectory(bytesSource(zip.subarray(0, zip.length - 30)))).rejects.toMatchObject({ code: 'bad_zip' });
		const broken = zip.slice();
		broken.fill(0x55, 40, 400); // garble the deflate stream
		const err = await collect(broken, 'a.txt').catch((e) => e);
		expect(err).toBeInstanceOf(ZipError);
		expect(['bad_zip', 'bad_crc', 'size_mismatch']).toContain(err.code);
	});

	it('yields chunks as it goes (a consumer can stop early)', async () => {
		const zip = zipSync({ 'big.txt': text(200_000) });
		const src = bytesSource(zip);
		const [e] = await readZipDirectory(src);
		let seen = 0;
		for await (const c of readEntry(src, e, { chunkBytes: 4096 })) {
			seen += c.length;
			if (seen > 10_000) break;
		}
		expect(seen).toBeLessThan(e.uncompressedSize);
	});

	it('the in-memory reader gives the same bytes and refuses the same archives', async () => {
		const a = text(20_000);
		const sync = (zip: Uint8Array, name: string, opts: EntryReadOptions = {}) => {
			const e = readZipDirectorySync(zip).find((x) => x.name === name)!;
			const parts = [...readEntrySync(zip, e, opts)];
			return Uint8Array.from(parts.flatMap((p) => [...p]));
		};
		const zip = makeZip([{ name: 'stop_times.txt', data: a, zip64: true }, { name: 's.txt', data: a, method: 0 }], true);
		expect(readZipDirectorySync(zip)).toEqual(await readZipDirectory(bytesSource(zip)));
		expect(sync(zip, 'stop_times.txt')).toEqual(a);
		expect(sync(zip, 's.txt')).toEqual(a);
		const bomb = makeZip([{ name: 'stop_times.txt', data: new Uint8Array(20 << 20) }]);
		expect(() => sync(bomb, 'stop_times.txt')).toThrow(expect.objectContaining({ code: 'too_large' }));
		expect(() => sync(makeZip([{ name: 'x.txt', data: a, crc: 1 }]), 'x.txt')).toThrow(expect.objectContaining({ code: 'bad_crc' }));
		expect(() => readZipDirectorySync(strToU8('not a zip at all, just text'))).toThrow(expect.objectContaining({ code: 'not_zip' }));
	});
});
