/**
 * The streaming reader's parts: the byte-level CSV tokenizer under every chunk split, byte parsing of
 * times and numbers, the id table, the streamed reader against the in-memory one on the Zug feed (any
 * entry order, a sub-folder), progress and cancellation, and the network-file round trip.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { CsvReader, MAX_RECORD_BYTES, type CsvHeader, type CsvRow } from '../../src/lib/reach/gtfs/csv.ts';
import { IdTable } from '../../src/lib/reach/gtfs/ids.ts';
import {
	GtfsError,
	parseGtfs,
	parseGtfsTime,
	PtMatrix,
	readFeedValidity,
	readGtfs,
	timetableFromNetFile,
	timetableProvenance,
	timetableToNetFile,
	type GtfsStage
} from '../../src/lib/reach/gtfs/index.ts';
import { regionAround } from '../../src/lib/reach/region.ts';
import { bytesSource } from '../../src/lib/util/bytes.ts';
import { mulberry32 } from '../../bench/gtfs-copies.ts';

const ZUG = new Uint8Array(readFileSync('data/networks/gtfs_ch_zug.zip'));
const DATE = '2021-06-15';

/** Rows of `bytes` fed in the given chunk sizes (cycled), as decoded string arrays + record numbers. */
function rowsOf(bytes: Uint8Array, sizes: number[] = [bytes.length]): { header: string[]; rows: Array<[number, string[]]> } {
	let header: string[] = [];
	const rows: Array<[number, string[]]> = [];
	const r = new CsvReader('t.txt', {
		header: (h: CsvHeader) => (header = h.names),
		row: (row: CsvRow) => rows.push([row.line, Array.from({ length: row.count }, (_, i) => row.text(i))])
	});
	for (let p = 0, k = 0; p < bytes.length; k++) {
		const n = Math.max(1, sizes[k % sizes.length]);
		r.push(bytes.subarray(p, p + n));
		p += n;
	}
	r.end();
	return { header, rows };
}

describe('byte-level CSV tokenizer', () => {
	const text =
		'\uFEFFtrip_id,stop_name, note \r\n' +
		'T1,"Zug, Bahnhof","say ""hi"""\r\n' +
		'\r\n' +
		'T2,Zürich HB,"two\nlines"\n' +
		'T3,,\r' +
		'T4,"",x\n' +
		'T5,Genève,"end"'; // no final line break
	const bytes = strToU8(text);
	const expected = {
		header: ['trip_id', 'stop_name', 'note'],
		rows: [
			[2, ['T1', 'Zug, Bahnhof', 'say "hi"']],
			[4, ['T2', 'Zürich HB', 'two\nlines']],
			[5, ['T3', '', '']],
			[6, ['T4', '', 'x']],
			[7, ['T5', 'Genève', 'end']]
		]
	};

	it('reads quotes, escaped quotes, line breaks in quotes, CRLF/LF/CR, a BOM, blank lines and a last row without break', () => {
		expect(rowsOf(bytes)).toEqual(expected);
	});

	it('gives the same rows for every split into chunks (fields, quotes, CRLF and UTF-8 characters cut)', () => {
		for (let size = 1; size <= 12; size++) expect(rowsOf(bytes, [size])).toEqual(expected);
		const rnd = mulberry32(7);
		for (let k = 0; k < 200; k++) {
			const sizes = Array.from({ length: 20 }, () => 1 + Math.floor(rnd() * 9));
			expect(rowsOf(bytes, sizes)).toEqual(expected);
		}
	});

	it('reads the real stop_times.txt identically in 1 byte, 7 byte and 64 KiB chunks', () => {
		const st = unzipSync(ZUG, { filter: (f) => f.name === 'stop_times.txt' })['stop_times.txt'].subarray(0, 200_000);
		const whole = rowsOf(st);
		expect(whole.rows.length).toBeGreaterThan(3000);
		expect(rowsOf(st, [7])).toEqual(whole);
		expect(rowsOf(st, [65536])).toEqual(whole);
		expect(rowsOf(st.subarray(0, 20_000), [1])).toEqual(rowsOf(st.subarray(0, 20_000)));
	});

	it('refuses an unterminated quote and an endless row with file and row', () => {
		const e1 = (() => {
			try {
				rowsOf(strToU8('a,b\n1,"open\n2,3\n'));
			} catch (e) {
				return e as GtfsError;
			}
		})()!;
		expect(e1).toBeInstanceOf(GtfsError);
		expect(e1.code).toBe('bad_csv');
		expect(e1.location).toEqual({ file: 't.txt', row: 2 });
		const long = new Uint8Array(MAX_RECORD_BYTES + 10).fill(0x61);
		expect(() => rowsOf(long, [1 << 20])).toThrow(/longer than 8 MiB/);
	});

	it('parses times and numbers from bytes like parseGtfsTime and Number', () => {
		const samples = ['08:05:30', '7:00:00', '25:10:00', '  ', ' 08:00:00', '08:00:00 ', '8h00', '08:61:00', '08:00', '1:2:3', '08::00', '100:00:00'];
		const csv = strToU8('t\n' + samples.map((s) => `"${s}"`).join('\n') + '\n');
		const got: number[] = [];
		const r = new CsvReader('x', { header: () => {}, row: (row) => got.push(row.time(0)) });
		r.push(csv);
		r.end();
		expect(got).toEqual(samples.map(parseGtfsTime));
		const nums: number[] = [];
		const r2 = new CsvReader('x', { header: () => {}, row: (row) => nums.push(row.num(0)) });
		r2.push(strToU8('n\n0\n42\n007\n 5\n1e2\n-3\n2.5\nx\n'));
		r2.end();
		expect(nums).toEqual([0, 42, 7, 5, 100, -3, 2.5, NaN]);
	});
});

describe('id table', () => {
	it('interns byte keys, finds them again and survives growth', () => {
		const t = new IdTable();
		const enc = new TextEncoder();
		for (let i = 0; i < 50_000; i++) expect(t.addString(`8502${i}:0:${i % 7}`)).toBe(i);
		expect(t.size).toBe(50_000);
		for (let i = 0; i < 50_000; i += 997) {
			const b = enc.encode(`xx8502${i}:0:${i % 7}yy`);
			expect(t.find(b, 2, b.length - 2)).toBe(i);
			expect(t.key(i)).toBe(`8502${i}:0:${i % 7}`);
		}
		expect(t.findString('nope')).toBe(-1);
		expect(t.addString('8502100:0:2')).toBe(100);
		expect(t.addString('')).toBe(50_000);
		expect(t.findString('')).toBe(50_000);
	});
});

describe('streamed reader on the Zug feed', () => {
	const mem = parseGtfs(ZUG, { date: DATE });

	it('gives the same timetable streamed as in memory, with progress to 1', async () => {
		const seen: Array<[GtfsStage, number]> = [];
		const r = await readGtfs(bytesSource(ZUG, 'gtfs_ch_zug.zip'), { date: DATE, onProgress: (s, f) => seen.push([s, f]) });
		expect(r.timetable).toEqual(mem.timetable);
		expect(r.warnings).toEqual(mem.warnings);
		expect(r.counts).toEqual(mem.counts);
		expect(r.feed).toEqual({ publisher: 'SBB', version: '20210614', start: '20201213', end: '20211211' });
		expect(r.validity).toMatchObject({ start: '20201213', end: '20211211' });
		expect(r.date).toBe(DATE);
		expect(r.dateSuggested).toBe(false);
		const fr = seen.map(([, f]) => f);
		for (let i = 1; i < fr.length; i++) expect(fr[i]).toBeGreaterThanOrEqual(fr[i - 1] - 1e-9);
		expect(seen.at(-1)).toEqual(['pack', 1]);
		expect(new Set(seen.map(([s]) => s))).toEqual(new Set(['calendar', 'routes', 'trips', 'stops', 'stop_times', 'transfers', 'pack']));
	});

	it('does not care about entry order or a sub-folder', async () => {
		const files = unzipSync(ZUG);
		const reversed = Object.fromEntries(Object.entries(files).reverse().map(([k, v]) => [`gtfs_fp2021/${k}`, v]));
		const r = await readGtfs(bytesSource(zipSync(reversed, { level: 0 })), { date: DATE });
		expect(r.timetable.connDepTime).toEqual(mem.timetable.connDepTime);
		expect(r.timetable.stopIds).toEqual(mem.timetable.stopIds);
	});

	it('chooses the representative Tuesday when no day is given', async () => {
		const v = await readFeedValidity(bytesSource(ZUG));
		const r = await readGtfs(bytesSource(ZUG));
		expect(r.date).toBe(v.validity.suggested);
		expect(r.dateSuggested).toBe(true);
		expect(new Date(`${r.date}T12:00:00Z`).getUTCDay()).toBe(2);
	});

	it('stops when cancelled', async () => {
		const ctrl = new AbortController();
		const p = readGtfs(bytesSource(ZUG), { date: DATE, signal: ctrl.signal, onProgress: (s) => s === 'stop_times' && ctrl.abort(new Error('cancelled by the user')) });
		await expect(p).rejects.toThrow('cancelled by the user');
	});
});

describe('network file', () => {
	it('round-trips a cut timetable: identical arrays and travel times, provenance kept', async () => {
		const zones = [
			{ id: 'Zug', lon: 8.5153, lat: 47.1733 },
			{ id: 'Baar', lon: 8.5268, lat: 47.1961 },
			{ id: 'Cham', lon: 8.463, lat: 47.1817 },
			{ id: 'Steinhausen', lon: 8.486, lat: 47.195 }
		];
		const region = regionAround(zones, 25);
		const r = await readGtfs(bytesSource(ZUG), { date: DATE, region });
		const prov = timetableProvenance(r, { name: 'gtfs_ch_zug.zip', bytes: ZUG.length, createdBy: 'test' }, region);
		const { bytes, provenance } = await timetableToNetFile(r.timetable, prov);
		const back = await timetableFromNetFile(bytes);
		expect(back.timetable).toEqual(r.timetable);
		expect(back.provenance).toEqual(provenance);
		expect(provenance).toMatchObject({ kind: 'pt', serviceDate: DATE, feed: { publisher: 'SBB', version: '20210614' }, region: { bufferKm: 25 } });
		expect(provenance.counts.tripsKept).toBe(r.counts.tripsKept);
		const site = { lon: 8.5153, lat: 47.1738 };
		expect(new PtMatrix(back.timetable, zones).toTarget(site)).toEqual(new PtMatrix(r.timetable, zones).toTarget(site));
		// A second reach worker works on a structured-clone copy (worker networks()/adoptNetworks()): streamed and reopened timetables survive it.
		for (const tt of [r.timetable, back.timetable]) expect(new PtMatrix(structuredClone(tt), zones).toTarget(site)).toEqual(new PtMatrix(r.timetable, zones).toTarget(site));
		// a changed byte is refused
		const bad = bytes.slice();
		bad[bad.length - 5] ^= 1;
		await expect(timetableFromNetFile(bad)).rejects.toThrow(/checksum/);
	});
});
