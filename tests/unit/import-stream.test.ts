/**
 * Streaming import (issue 6 item 2): the chunked CSV reader gives the same rows and row numbers at any
 * chunk size (boundaries inside quoted fields, inside multi-byte UTF-8 characters, inside CRLF),
 * Windows-1252 is still detected when the first non-UTF-8 byte comes late, validation messages keep
 * the user's row numbers across chunks, issues are capped, and importToDb / the worker's open-next
 * protocol stage batches and commit atomically or leave the previous table as it was.
 */
import { MessageChannel } from 'node:worker_threads';
import { tableFromIPC } from 'apache-arrow';
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import {
	bytesSource,
	CsvReader,
	CsvRowParser,
	ImportSession,
	importFile,
	importToDb,
	type ImportIssue
} from '../../src/lib/data/import/index.ts';
import { importHandlers, type StreamNextResponse, type StreamOpenResponse } from '../../src/lib/data/import/worker-handlers.ts';
import { client, serve, type Endpoint } from '../../src/lib/util/rpc.ts';
import type { ImportHandlers } from '../../src/lib/data/import/worker-handlers.ts';

const refs = loadGeoRefs();
const enc = (s: string) => new TextEncoder().encode(s);
const where = (issues: ImportIssue[]) => issues.map((i) => [i.severity, i.row, i.column, i.code]);

/** The rows and start lines an open CsvReader gives from here to the end. */
async function rest(r: CsvReader) {
	const out: { rows: unknown[][]; lines: number[] } = { rows: [], lines: [] };
	for (let c = await r.next(); c; c = await r.next()) {
		out.rows.push(...c.rows);
		out.lines.push(...c.rowNumbers);
	}
	return out;
}

/** All rows and start lines of a CSV read by CsvReader in chunks of `chunkBytes`. */
async function readAll(bytes: Uint8Array, chunkBytes: number) {
	const r = await CsvReader.open(bytesSource(bytes), { chunkBytes });
	return { headers: r.headers, info: r.info, ...(await rest(r)) };
}

// Quoted delimiters, quoted CRLF and LF newlines, escaped quotes, a blank line, 2-, 3- and 4-byte
// UTF-8 characters, a trailing empty field, CRLF line ends and no final newline.
const TRICKY = [
	'id;name;note;n',
	'1;"Zürich; Süd";"a ""quoted"" word";1',
	'2;"multi\r\nline\nvalue";€ 5;2',
	'',
	'3;😀 emoji;"";3',
	'4;plain;x;',
	'5;"ends with ""quote""";"αβγ";5'
].join('\r\n');

describe('chunked CSV reader', () => {
	it('gives the same rows and line numbers at every chunk size', async () => {
		const bytes = enc(TRICKY);
		const whole = await readAll(bytes, 1 << 20);
		expect(whole.headers).toEqual(['id', 'name', 'note', 'n']);
		expect(whole.info).toEqual({ delimiter: ';', encoding: 'utf-8' });
		expect(whole.rows).toEqual([
			['1', 'Zürich; Süd', 'a "quoted" word', '1'],
			['2', 'multi\r\nline\nvalue', '€ 5', '2'],
			['3', '😀 emoji', '', '3'],
			['4', 'plain', 'x', ''],
			['5', 'ends with "quote"', 'αβγ', '5']
		]);
		// Header = line 1; row 2 spans lines 3-5; line 6 is blank.
		expect(whole.lines).toEqual([2, 3, 7, 8, 9]);
		for (let size = 1; size <= bytes.length + 1; size++) {
			const r = await readAll(bytes, size);
			expect([size, r.rows, r.lines]).toEqual([size, whole.rows, whole.lines]);
		}
	});

	it('parses text pushed in arbitrary pieces like in one piece', () => {
		const one = new CsvRowParser(';').push(TRICKY, true);
		for (const cut of [1, 2, 3, 5, 8, 13]) {
			const p = new CsvRowParser(';');
			const rows: string[][] = [];
			const lines: number[] = [];
			for (let i = 0; i < TRICKY.length; i += cut) {
				const r = p.push(TRICKY.slice(i, i + cut), i + cut >= TRICKY.length);
				rows.push(...r.rows);
				lines.push(...r.lines);
			}
			expect({ rows, lines }).toEqual(one);
		}
	});

	it('refuses an unterminated quote, naming the row and column where it opened, at every chunk size', async () => {
		const text = 'a,b\n1,x\n2,"open\n3,4\n5,6\n';
		for (const size of [1, 4, 7, 1 << 20]) {
			const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...enc(text)]);
			await expect(readAll(bom, size)).rejects.toMatchObject({ code: 'unterminated_quote', where: { row: 3, column: 'b' } });
		}
		// A BOM stays out of the header.
		const ok = await readAll(new Uint8Array([0xef, 0xbb, 0xbf, ...enc('a,b\n1,"closed\n2"\n')]), 4);
		expect(ok.headers).toEqual(['a', 'b']);
		expect(ok.rows).toEqual([['1', 'closed\n2']]);
	});

	it('detects Windows-1252 even when the first non-UTF-8 byte lies chunks into the file', async () => {
		const head = 'person_id;unit;fte;office_id;lon;lat\n' + Array.from({ length: 50 }, (_, i) => `P${i};AK;1;X;8.31;47.05`).join('\n') + '\n';
		const tail = 'P99;B\xfcro S\xfcd;0,5;W\xfcrzenbach;8.31;47.05\n'; // ü as the single byte 0xFC
		const bytes = new Uint8Array([...enc(head), ...Array.from(tail, (c) => c.charCodeAt(0))]);
		const r = await readAll(bytes, 64);
		expect(r.info).toEqual({ delimiter: ';', encoding: 'windows-1252' });
		expect(r.rows.at(-1)).toEqual(['P99', 'Büro Süd', '0,5', 'Würzenbach', '8.31', '47.05']);
		expect(r.lines.at(-1)).toBe(52);
	});

	it.each([',', ';'])('opened for the fast path (head only, small reads), finds the same header and delimiter %s behind title rows longer than a read', async (d) => {
		// Longer than a head read (64 KB), under the field limit; holding the other delimiter once.
		const title = `Kundenliste${d === ',' ? ';' : ','} Stand 2025 ` + 'x'.repeat(80_000);
		const text = [title, title, ['id', 'name', 'n'].join(d), ...Array.from({ length: 3000 }, (_, i) => [i, `Name ${i}`, i % 7].join(d))].join('\n');
		const src = () => bytesSource(enc(text));
		const full = await CsvReader.open(src());
		const head = await CsvReader.open(src(), { headOnly: true });
		expect(head.headers).toEqual(['id', 'name', 'n']);
		expect([head.headers, head.headerLine, head.info, head.start]).toEqual([full.headers, full.headerLine, full.info, full.start]);
		expect(head.info.headerRow).toBe(3);
		expect(head.info.delimiter).toBe(d);
		// Read on, it gives the same rows (and lines) as a reader opened in full chunks.
		const rows = await rest(head);
		expect(rows.rows).toHaveLength(3000);
		expect(rows).toEqual(await rest(full));
	});

	it('reads a file that is only blank lines as empty', async () => {
		await expect(CsvReader.open(bytesSource(enc('\n\r\n  \n')), { chunkBytes: 2 })).rejects.toMatchObject({ code: 'empty_file' });
	});
});

describe('streaming validation', () => {
	// Row 3 (line 3) has a quoted two-line unit, so later rows sit one line further down.
	const staff =
		'person_id,unit,fte,office_id,lon,lat\n' +
		'P1,AK,1,X,8.31,47.05\n' +
		'P2,"A\nK",1,X,8.31,47.05\n' +
		Array.from({ length: 300 }, (_, i) => `Q${i},AK,${i === 250 ? 'viel' : '0.5'},X,8.31,47.05`).join('\n') +
		'\nP1,AK,1,X,2.35,48.85\n';

	it('names the same rows and columns in chunks as in one piece', async () => {
		const whole = await importFile('staff', { fileName: 'staff.csv', bytes: enc(staff) }, { refs });
		const expected = [
			['error', 255, 'fte', 'bad_number'],
			['error', 305, 'person_id', 'duplicate_key'],
			['error', 305, 'lon', 'outside_switzerland']
		];
		expect(where(whole.issues)).toEqual(expected);
		for (const chunkBytes of [16, 100, 1000]) {
			const s = await ImportSession.open('staff', { fileName: 'staff.csv', bytes: enc(staff) }, { refs, chunkBytes });
			let batches = 0;
			let n = 0;
			for (let c = await s.next(); c; c = await s.next()) {
				batches++;
				n += c.batch.numRows;
			}
			const res = s.finish();
			expect(where(res.issues)).toEqual(expected);
			expect(res.issues[1].message.en).toBe('Duplicate id "P1" (already in row 2). One row per person: add up several contracts of one person into one FTE.');
			expect([res.stats.rows, n]).toEqual([303, 303]);
			expect(batches).toBeGreaterThan(chunkBytes === 1000 ? 5 : 50);
			expect(res.preview[1]).toMatchObject({ person_id: 'P2', unit: 'A\nK' });
		}
	});

	it('keeps the first issues and counts the rest', async () => {
		const bad = 'customer_id,group,visits_per_year,lon,lat\n' + Array.from({ length: 5000 }, (_, i) => `C${i},nobody,1,8.3,47.05`).join('\n');
		const s = await ImportSession.open('customers', { fileName: 'c.csv', bytes: enc(bad) }, { refs, chunkBytes: 4096, maxIssues: 100 });
		while (await s.next());
		const res = s.finish();
		expect(res.stats.errors).toBe(5000);
		expect(res.issues).toHaveLength(101);
		expect(res.issues[0]).toMatchObject({ row: 2, column: 'group', code: 'not_allowed' });
		expect(res.issues[99].row).toBe(101);
		expect(res.issues[100]).toMatchObject({ row: null, code: 'truncated' });
		expect(res.issues[100].message.en).toMatch(/4900 more errors \(5000 in total\)/);
	});
});

describe('importToDb: staged batches, atomic commit', () => {
	const good = (n: number, prefix = 'C') =>
		enc('customer_id,group,count,visits_per_year,lon,lat\n' + Array.from({ length: n }, (_, i) => `${prefix}${i},insured,1,2,8.3,47.05`).join('\n'));

	it('commits every row; errors or a cancel leave the previous table as it was', async () => {
		const db = await openNodeDb();
		const first = await importToDb(db, 'customers', { fileName: 'a.csv', bytes: good(1000, 'A') }, { refs, chunkBytes: 8192 });
		expect(first).toMatchObject({ committed: true, cancelled: false, issues: [] });
		const count = async () => (await rows<{ n: number; k: string }>(db, 'SELECT count(*)::INTEGER AS n, min(customer_id) AS k FROM customers'))[0];
		expect(await count()).toEqual({ n: 1000, k: 'A0' });

		const bad = enc(new TextDecoder().decode(good(1000, 'B')) + '\nB-bad,nobody,1,2,8.3,47.05');
		const refused = await importToDb(db, 'customers', { fileName: 'b.csv', bytes: bad }, { refs, chunkBytes: 8192 });
		expect(refused.committed).toBe(false);
		expect(where(refused.issues)).toEqual([['error', 1002, 'group', 'not_allowed']]);
		expect(await count()).toEqual({ n: 1000, k: 'A0' });

		const ac = new AbortController();
		const seen: number[] = [];
		// The streaming (reference) path, chunk by chunk; the fast path has its own cancel test (import-fast).
		const cancelled = await importToDb(db, 'customers', { fileName: 'c.csv', blob: new Blob([good(20_000, 'C')]) }, {
			refs,
			fast: false,
			chunkBytes: 16_384,
			signal: ac.signal,
			onProgress: (f) => (seen.push(f), f > 0.3 && ac.abort())
		});
		expect(cancelled).toMatchObject({ cancelled: true, committed: false });
		expect(where(cancelled.issues)).toEqual([['error', null, null, 'cancelled']]);
		expect(seen.length).toBeGreaterThan(2);
		expect(await count()).toEqual({ n: 1000, k: 'A0' });
		// No staging table is left behind.
		expect(await rows(db, "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '__import_%'")).toEqual([]);

		const big = await importToDb(db, 'customers', { fileName: 'c.csv', blob: new Blob([good(20_000, 'C')]) }, { refs, chunkBytes: 16_384 });
		expect(big.committed).toBe(true);
		expect(await count()).toEqual({ n: 20_000, k: 'C0' });
		await db.close();
	});

	it('streams Parquet from a Blob row group by row group', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'import-stream-'));
		const file = path.join(dir, 'c.parquet');
		const con = await (await DuckDBInstance.create(':memory:')).connect();
		await con.run(`COPY (SELECT 'P' || i AS customer_id, 'employer' AS "group", 2 AS count, 1.5 AS visits_per_year, 8.3 AS lon, 47.05 AS lat
			FROM range(25000) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 5000)`);
		const blob = new Blob([readFileSync(file)]);
		rmSync(dir, { recursive: true, force: true });
		const s = await ImportSession.open('customers', { fileName: 'c.parquet', blob }, { refs });
		const sizes: number[] = [];
		const fractions: number[] = [];
		for (let c = await s.next(); c; c = await s.next()) {
			sizes.push(c.rows);
			fractions.push(c.fraction);
		}
		// DuckDB rounds row groups to its vector size: several groups, one chunk each.
		expect(sizes.length).toBeGreaterThanOrEqual(4);
		expect(sizes.reduce((a, b) => a + b)).toBe(25_000);
		expect(fractions).toEqual(sizes.map((_, i) => sizes.slice(0, i + 1).reduce((a, b) => a + b) / 25_000));
		expect(s.finish().stats).toMatchObject({ rows: 25_000, errors: 0 });
	});
});

describe('import worker: open / next / close over RPC', () => {
	function connect() {
		const ch = new MessageChannel();
		serve(ch.port1 as unknown as Endpoint, importHandlers(refs));
		const call = client<ImportHandlers>(ch.port2 as unknown as Endpoint);
		return { call, close: () => (ch.port1.close(), ch.port2.close()) };
	}

	it('hands out Arrow IPC batches and a summary; a damaged file is a file-level issue', async () => {
		const { call, close } = connect();
		const csv = 'person_id,unit,fte,office_id,lon,lat\n' + Array.from({ length: 3000 }, (_, i) => `P${i},AK,1,X,8.31,47.05`).join('\n');
		const o = await call.open({ table: 'staff', fileName: 'staff.csv', file: new Blob([csv]), chunkBytes: 20_000 });
		if (!o.ok) throw new Error('open failed');
		expect(o.headers).toEqual(['person_id', 'unit', 'fte', 'office_id', 'lon', 'lat']);
		expect(o.info).toEqual({ delimiter: ',', encoding: 'utf-8' });
		let n = 0;
		let last: StreamNextResponse;
		for (;;) {
			last = await call.next({ session: o.session });
			if (last.done) break;
			const t = tableFromIPC(last.ipc);
			expect(t.schema.fields.map((f) => f.name)).toContain('zone_id');
			n += t.numRows;
		}
		expect(n).toBe(3000);
		expect(last).toMatchObject({ done: true, ok: true, issues: [], stats: { rows: 3000, errors: 0 } });
		const empty = await call.open({ table: 'staff', fileName: 'x.csv', file: new Blob([]) });
		expect(empty).toMatchObject({ ok: false, cancelled: false });
		expect(!empty.ok && empty.issues.map((i) => i.code)).toEqual(['empty_file']);
		const broken = await call.open({ table: 'customers', fileName: 'x.parquet', file: new Blob([enc('PAR1 not really')]) });
		expect(!broken.ok && broken.issues.map((i) => i.code)).toEqual(['parquet_unreadable']);
		close();
	});
});

describe('rows with errors are not staged', () => {
	it('stops sending batches after the first error but still counts every problem', async () => {
		const ch = new MessageChannel();
		serve(ch.port1 as unknown as Endpoint, importHandlers(refs));
		const call = client<ImportHandlers>(ch.port2 as unknown as Endpoint);
		const csv =
			'customer_id,group,visits_per_year,lon,lat\n' + Array.from({ length: 4000 }, (_, i) => `C${i},${i === 1500 || i === 3500 ? 'nobody' : 'insured'},1,8.3,47.05`).join('\n');
		const o = await call.open({ table: 'customers', fileName: 'c.csv', file: new Blob([csv]), chunkBytes: 8192 });
		if (!o.ok) throw new Error('open failed');
		const sizes: number[] = [];
		let last: StreamNextResponse;
		for (;;) {
			last = await call.next({ session: o.session });
			if (last.done) break;
			sizes.push(last.errors > 0 ? -last.ipc.length : last.ipc.length);
		}
		ch.port1.close();
		ch.port2.close();
		expect(sizes.length).toBeGreaterThan(5);
		// Batches with data up to the chunk holding row 1502 (the first error), empty ones after.
		const firstBad = sizes.findIndex((x) => x <= 0);
		expect(firstBad).toBeGreaterThan(0);
		expect(sizes.slice(0, firstBad).every((x) => x > 0)).toBe(true);
		expect(sizes.slice(firstBad).every((x) => x === 0)).toBe(true);
		expect(last).toMatchObject({ done: true, ok: true, stats: { rows: 4000, errors: 2 } });
		expect(last.done && where(last.issues)).toEqual([
			['error', 1502, 'group', 'not_allowed'],
			['error', 3502, 'group', 'not_allowed']
		]);
	});
});
