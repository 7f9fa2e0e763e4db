/**
 * Seeded, bounded fuzz of the importer (issue 6 item 1): good files are mutated at random (byte flips,
 * deleted/duplicated lines, swapped delimiters, truncation, random unicode, huge numbers, empty cells)
 * and each run must come back with a result or issues — never an unexpected exception (the generic
 * 'unreadable' fallback of importFile counts as one), never a hang — and data with errors must never
 * be committed. The seed is fixed, so a failure is reproducible: the message names seed and mutation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import { commitImport, importFile, ImportRefused } from '../../src/lib/data/import/index.ts';
import { createRng, type Rng } from '../../src/lib/data/prng.ts';
import type { TableName } from '../../src/lib/data/schema.ts';

const ROOT = path.resolve(__dirname, '../..');
const refs = loadGeoRefs();
const SEED = Number(process.env.FUZZ_SEED ?? 20260601);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const PER_RUN_MS = 5_000;

interface Source {
	table: TableName;
	fileName: string;
	bytes: Uint8Array;
	text: boolean;
}
const read = (rel: string) => new Uint8Array(readFileSync(path.join(ROOT, rel)));
const firstLines = (rel: string, n: number) => new TextEncoder().encode(readFileSync(path.join(ROOT, rel), 'utf8').split('\n').slice(0, n).join('\n'));
const SOURCES: Source[] = [
	{ table: 'staff', fileName: 'staff.csv', bytes: read('tests/fixtures/import/good/staff.csv'), text: true },
	{ table: 'staff', fileName: 'staff_semicolon.csv', bytes: read('tests/fixtures/import/good/staff_semicolon.csv'), text: true },
	{ table: 'customers', fileName: 'customers.csv', bytes: firstLines('data/demo/customers.csv', 40), text: true },
	{ table: 'offices', fileName: 'offices.csv', bytes: firstLines('data/demo/offices.csv', 12), text: true },
	{ table: 'sites', fileName: 'sites.geojson', bytes: read('tests/fixtures/import/good/sites.geojson'), text: true },
	{ table: 'offices', fileName: 'offices.xlsx', bytes: read('tests/fixtures/import/good/offices.xlsx'), text: false },
	{ table: 'customers', fileName: 'customers.parquet', bytes: read('tests/fixtures/import/good/customers.parquet'), text: false }
];

const UNICODE = ['\u0000', '\uFEFF', '\u202E', 'ä', '€', '😀', '\uD800', '"', '\r', '\n', ';', ',', '\t', "'", '\u00A0', '𝟙'];
const HUGE = ['1e400', '-1e400', '99999999999999999999999999', 'NaN', 'Infinity', '-0', '9007199254740993', '1' + '0'.repeat(400)];

type Mutation = (s: string, rng: Rng) => string;
const lines = (s: string) => s.split('\n');
const pickLine = (ls: string[], rng: Rng) => rng.int(ls.length);
/** Text mutations; each returns the mutated text. */
const TEXT_MUTATIONS: Record<string, Mutation> = {
	deleteLine: (s, r) => {
		const ls = lines(s);
		ls.splice(pickLine(ls, r), 1);
		return ls.join('\n');
	},
	duplicateLine: (s, r) => {
		const ls = lines(s);
		const i = pickLine(ls, r);
		ls.splice(i, 0, ls[i]);
		return ls.join('\n');
	},
	swapDelimiters: (s, r) => {
		const from = [',', ';', '\t'][r.int(3)];
		const to = [',', ';', '\t', '|', ':'][r.int(5)];
		return r.next() < 0.5 ? s.split(from).join(to) : lines(s).map((l, i) => (i === 1 ? l.split(from).join(to) : l)).join('\n');
	},
	truncate: (s, r) => s.slice(0, r.int(s.length + 1)),
	unicode: (s, r) => {
		let out = s;
		for (let k = 1 + r.int(4); k > 0; k--) {
			const at = r.int(out.length + 1);
			out = out.slice(0, at) + UNICODE[r.int(UNICODE.length)] + out.slice(at);
		}
		return out;
	},
	hugeNumber: (s, r) => {
		const nums = [...s.matchAll(/-?\d+([.,]\d+)?/g)];
		if (!nums.length) return s;
		const m = nums[r.int(nums.length)];
		return s.slice(0, m.index) + HUGE[r.int(HUGE.length)] + s.slice(m.index! + m[0].length);
	},
	emptyCells: (s, r) => {
		const ls = lines(s);
		const i = pickLine(ls, r);
		ls[i] = ls[i].replace(/[^,;\t"]+/g, (cell) => (r.next() < 0.5 ? '' : cell));
		return ls.join('\n');
	},
	quoteChaos: (s, r) => {
		const at = r.int(s.length + 1);
		return s.slice(0, at) + '"' + s.slice(at);
	}
};
/** Byte mutations for any file. */
function flipBytes(b: Uint8Array, r: Rng): Uint8Array {
	const out = b.slice();
	for (let k = 1 + r.int(8); k > 0 && out.length; k--) out[r.int(out.length)] ^= 1 << r.int(8);
	return out;
}
const truncateBytes = (b: Uint8Array, r: Rng) => b.slice(0, r.int(b.length + 1));

function mutate(src: Source, r: Rng): { bytes: Uint8Array; how: string } {
	const kind = r.int(src.text ? 10 : 2);
	if (kind === 0) return { bytes: flipBytes(src.bytes, r), how: 'flipBytes' };
	if (kind === 1) return { bytes: truncateBytes(src.bytes, r), how: 'truncateBytes' };
	const names = Object.keys(TEXT_MUTATIONS);
	let s = new TextDecoder().decode(src.bytes);
	const hows: string[] = [];
	for (let k = 1 + r.int(3); k > 0; k--) {
		const name = names[r.int(names.length)];
		s = TEXT_MUTATIONS[name](s, r);
		hows.push(name);
	}
	return { bytes: new TextEncoder().encode(s), how: hows.join('+') };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
	let t: ReturnType<typeof setTimeout>;
	return Promise.race([p, new Promise<T>((_, rej) => (t = setTimeout(() => rej(new Error(`hang: ${what}`)), ms)))]).finally(() => clearTimeout(t));
}

describe('fuzz: mutated good files', () => {
	let db: Db;
	beforeAll(async () => {
		db = await openNodeDb();
	});
	afterAll(async () => db?.close());

	it(`${RUNS} seeded mutations: result or issues, never a crash, never commits errors`, async () => {
		const rng = createRng(SEED);
		const counts = { ok: 0, withErrors: 0, fileLevel: 0 };
		for (let run = 0; run < RUNS; run++) {
			const src = SOURCES[rng.int(SOURCES.length)];
			const { bytes, how } = mutate(src, rng);
			const label = `seed ${SEED} run ${run}: ${src.fileName} ${how}`;
			const r = await withTimeout(importFile(src.table, { fileName: src.fileName, bytes }, { refs }), PER_RUN_MS, label);

			// Never the generic fallback for an unexpected exception.
			const unexpected = r.issues.find((i) => i.code === 'unreadable');
			expect(unexpected, `${label}: ${unexpected?.message.en}`).toBeUndefined();
			// Issues are well-formed: file named, bilingual text, a real row number or none.
			for (const i of r.issues) {
				expect(i.file, label).toBe(src.fileName);
				expect(i.message.de && i.message.en, label).toBeTruthy();
				// CSV/XLSX: line number, header = 1, so data starts at 2; GeoJSON/Parquet: feature/record number from 1.
				const firstRow = /\.(geojson|parquet)$/.test(src.fileName) ? 1 : 2;
				expect(i.row === null || (Number.isInteger(i.row) && i.row >= firstRow), `${label}: row ${i.row}`).toBe(true);
				if (i.column !== null && r.parsed) expect(r.parsed.headers, `${label}: column ${i.column}`).toContain(i.column);
			}
			if (!r.result) {
				expect(r.issues.some((i) => i.severity === 'error'), label).toBe(true);
				counts.fileLevel++;
				continue;
			}
			expect(r.result.stats.errors, label).toBe(r.issues.filter((i) => i.severity === 'error').length);
			expect(r.result.arrow.numRows, label).toBe(r.result.stats.rows);
			if (r.result.stats.errors > 0) {
				counts.withErrors++;
				await db.exec('DROP TABLE IF EXISTS ' + src.table);
				await expect(commitImport(db, src.table, r.result), label).rejects.toBeInstanceOf(ImportRefused);
				expect((await rows(db, `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '${src.table}'`))[0].n, label).toBe(0);
			} else {
				counts.ok++;
				expect(await commitImport(db, src.table, r.result), label).toBe(r.result.stats.rows);
			}
		}
		// The mutations must exercise all three outcomes, or the fuzz is not testing anything.
		expect(counts.ok).toBeGreaterThan(10);
		expect(counts.withErrors).toBeGreaterThan(10);
		expect(counts.fileLevel).toBeGreaterThan(10);
	}, Math.max(60_000, RUNS * 200));
});
