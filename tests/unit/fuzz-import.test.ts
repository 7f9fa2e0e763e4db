/**
 * Seeded, bounded fuzz of the importer (issue 6 item 1, issue 13): good files are mutated at random (byte
 * flips, deleted/duplicated lines, swapped delimiters, truncation, random unicode, huge numbers, empty cells,
 * quoting: quoted cells and line breaks, escaped and unclosed quotes; a sep= line, a title row; and the
 * encodings Excel writes: UTF-8 with BOM, Windows-1252, a UTF-8 BOM on Windows-1252, UTF-16 LE/BE)
 * and each run must come back with a result or issues — never an unexpected exception (the generic
 * 'unreadable' fallback of importFile counts as one), never a hang — and data with errors must never
 * be committed. The seed is fixed, so a failure is reproducible: the message names seed and mutation.
 */
import { CP850_CHARS, MAC_ROMAN_CHARS } from '../../src/lib/util/code-pages.ts';
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
	},
	// ---- quoting (issue 13 item 1): quoted cells, escaped quotes, quoted line breaks, quotes never closed
	quoteCells: (s, r) => {
		const ls = lines(s);
		const i = pickLine(ls, r);
		const d = [',', ';', '\t'].find((x) => ls[0].includes(x)) ?? ',';
		ls[i] = ls[i]
			.split(d)
			.map((c) => (r.next() < 0.5 ? `"${c.replaceAll('"', '""')}"` : c))
			.join(d);
		return ls.join('\n');
	},
	quotedBreak: (s, r) => {
		const ls = lines(s);
		const i = pickLine(ls, r);
		ls[i] = ls[i].replace(/^([^,;\t]*)/, (c) => `"${c}\r\n${c}"`);
		return ls.join('\n');
	},
	escapedQuote: (s, r) => {
		const ls = lines(s);
		const i = pickLine(ls, r);
		ls[i] = ls[i].replace(/^([^,;\t]*)/, (c) => '"' + c + '""x"""');
		return ls.join('\n');
	},
	unterminatedQuote: (s, r) => {
		const ls = lines(s);
		const i = pickLine(ls, r);
		const at = Math.max(ls[i].lastIndexOf(','), ls[i].lastIndexOf(';'), ls[i].lastIndexOf('\t'));
		ls[i] = ls[i].slice(0, at + 1) + '"' + ls[i].slice(at + 1);
		return ls.join('\n');
	},
	textAfterQuote: (s, r) => {
		const ls = lines(s);
		const i = pickLine(ls, r);
		ls[i] = ls[i].replace(/^([^,;\t]*)/, (c) => `"${c}"x`);
		return ls.join('\n');
	},
	sepLine: (s) => `sep=${[',', ';', '\t', '|'].find((x) => lines(s)[0].includes(x)) ?? ','}\n${s}`,
	titleRow: (s) => `Titel der Tabelle\n\n${s}`,
	lineEnds: (s, r) => s.replaceAll('\n', ['\r\n', '\r', '\n\n'][r.int(3)])
};

/** The same text in the encodings Excel and friends write (issue 13 item 2). */
const encodeAs = (chars: readonly string[]) => {
	const byte = new Map(chars.map((c, b) => [c, b]));
	return (s: string) => Uint8Array.from(s, (c) => byte.get(c) ?? 63);
};
const ENCODINGS: Record<string, (s: string) => Uint8Array> = {
	'utf-8': (s) => new TextEncoder().encode(s),
	'utf-8 BOM': (s) => new TextEncoder().encode('\uFEFF' + s),
	'windows-1252': (s) => Uint8Array.from(s, (c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 63)),
	'utf-8 BOM + windows-1252': (s) => new Uint8Array([0xef, 0xbb, 0xbf, ...Uint8Array.from(s, (c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 63))]),
	// Excel for Mac's plain "CSV" (characters Mac Roman lacks written as «?», as Excel does).
	'mac roman': encodeAs(MAC_ROMAN_CHARS),
	// Excel's "CSV (MS-DOS)": code page 850.
	'cp850': encodeAs(CP850_CHARS),
	'utf-16le BOM': (s) => utf16(s, false),
	'utf-16be BOM': (s) => utf16(s, true)
};
function utf16(s: string, be: boolean): Uint8Array {
	const b = new Uint8Array(2 + 2 * s.length);
	b.set(be ? [0xfe, 0xff] : [0xff, 0xfe]);
	for (let i = 0; i < s.length; i++) {
		const c = s.charCodeAt(i);
		b[2 + 2 * i + (be ? 1 : 0)] = c & 0xff;
		b[2 + 2 * i + (be ? 0 : 1)] = c >> 8;
	}
	return b;
}
/** Byte mutations for any file. */
function flipBytes(b: Uint8Array, r: Rng): Uint8Array {
	const out = b.slice();
	for (let k = 1 + r.int(8); k > 0 && out.length; k--) out[r.int(out.length)] ^= 1 << r.int(8);
	return out;
}
const truncateBytes = (b: Uint8Array, r: Rng) => b.slice(0, r.int(b.length + 1));

function mutate(src: Source, r: Rng): { bytes: Uint8Array; how: string } {
	const kind = r.int(src.text ? 12 : 2);
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
	// Text sources: some runs also change the encoding (CSV only: a GeoJSON is UTF-8 by definition).
	const encodings = Object.keys(ENCODINGS);
	const enc = src.fileName.endsWith('.csv') && kind >= 10 ? encodings[r.int(encodings.length)] : 'utf-8';
	if (enc !== 'utf-8') hows.push(enc);
	return { bytes: ENCODINGS[enc](s), how: hows.join('+') };
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
				// (The reader's structural refusals may name the header row itself: a quote opened there.)
				const structural = ['unterminated_quote', 'field_too_long', 'row_too_long', 'too_many_columns'].includes(i.code);
				const firstRow = structural || /\.(geojson|parquet)$/.test(src.fileName) ? 1 : 2;
				expect(i.row === null || (Number.isInteger(i.row) && i.row >= firstRow), `${label}: row ${i.row} ${i.code} ${i.message.en}`).toBe(true);
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

describe('fuzz: encodings', () => {
	it('the same file in every encoding Excel writes gives the same table and the same messages', async () => {
		const rng = createRng(SEED + 1);
		for (const src of SOURCES.filter((x) => x.fileName.endsWith('.csv'))) {
			for (const name of ['quoteCells', 'quotedBreak', 'escapedQuote', 'lineEnds', 'sepLine', 'titleRow']) {
				// A lightly mutated text (quoting, line ends, umlauts), then each encoding of it.
				const text = TEXT_MUTATIONS[name](new TextDecoder().decode(src.bytes).replaceAll('AK', 'Bü'), rng);
				const runs: [string, string][] = [];
				for (const [enc, f] of Object.entries(ENCODINGS)) {
					const r = await importFile(src.table, { fileName: src.fileName, bytes: f(text) }, { refs });
					const issues = r.issues.filter((i) => i.code !== 'bom_mismatch' && i.code !== 'code_page').map((i) => [i.severity, i.row, i.column, i.code, i.message.en]);
					runs.push([enc, JSON.stringify([issues, r.result?.stats.rows, r.result?.preview])]);
				}
				const want = runs[0][1];
				for (const [enc, got] of runs) expect([src.fileName, name, enc, got]).toEqual([src.fileName, name, enc, want]);
			}
		}
	}, 180_000);
});
