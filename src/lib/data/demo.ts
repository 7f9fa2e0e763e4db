/**
 * Loads the embedded Lucerne default scenario (data/demo/*.csv, written by scripts/generate-demo.ts)
 * into the schema tables. Where the text comes from is the caller's business (`readText`: fetch in
 * the browser, fs in Node), so this module runs in the app, the CLI and tests alike.
 *
 * Each CSV is parsed to an all-text Arrow table, inserted into a staging table and copied into the
 * schema table with explicit casts, so the column types always come from schema.ts.
 */
import { parseCsvText as readCsvText } from '../util/csv.ts';
import { Table } from 'apache-arrow';
import { utf8Vector } from './arrow.ts';
import type { Db } from './db/connector.ts';
import { createTableSql, duckType, ident, tables, type TableName } from './schema.ts';

/** Schema table → file in data/demo, in load order. */
export const DEMO_TABLE_FILES: readonly (readonly [TableName, string])[] = [
	['zones', 'zones.csv'],
	['offices', 'offices.csv'],
	['sites', 'sites.csv'],
	['staff', 'staff.csv'],
	['customers', 'customers.csv']
];

/** Provenance of the default scenario (key,value rows). */
export const DEMO_META_FILE = 'meta.csv';

/** Every file of the default scenario (all in data/demo). */
export const DEFAULT_SCENARIO_FILES: readonly string[] = [...DEMO_TABLE_FILES.map(([, f]) => f), DEMO_META_FILE];

/** The `meta` table of the default scenario (key, value): provenance, seed, synthetic parts. */
export const META_DDL = 'CREATE OR REPLACE TABLE meta ("key" VARCHAR, "value" VARCHAR)';

/** What the app shows about the loaded default scenario. */
export interface DemoMeta {
	/** Always true for the default: staff, customers and most attributes are generated. */
	synthetic: boolean;
	seed: number;
	/** Fixed date from the data (not the wall clock), ISO yyyy-mm-dd. */
	generatedAt: string;
	scenario: string;
	sources: string[];
	/** Which parts are synthetic, for the UI label. */
	syntheticParts: { de: string; en: string };
	/** Rows loaded per table. */
	rows: Partial<Record<TableName, number>>;
}

/** An error in a shipped demo file, with a German and an English message. */
export class DemoLoadError extends Error {
	constructor(readonly messages: { de: string; en: string }) {
		super(messages.en);
		this.name = 'DemoLoadError';
	}
}

/** Parse CSV text (header row) into header and string rows; empty cells become null. */
export function parseCsvText(name: string, text: string): { header: string[]; rows: (string | null)[][] } {
	const { header, rows, lines } = readCsvText(text);
	const width = header.length;
	const bad = rows.findIndex((r) => r.length !== width);
	if (bad >= 0)
		throw new DemoLoadError({
			de: `${name}, Zeile ${lines[bad]}: ${rows[bad].length} statt ${width} Spalten`,
			en: `${name}, line ${lines[bad]}: ${rows[bad].length} instead of ${width} columns`
		});
	return { header, rows: rows.map((r) => r.map((v) => (v === '' ? null : v))) };
}

/** Meta rows (key,value; `source` may repeat) to a DemoMeta without row counts. */
export function parseMeta(text: string): Omit<DemoMeta, 'rows'> {
	const { rows } = parseCsvText(DEMO_META_FILE, text);
	const get = (k: string) => rows.find((r) => r[0] === k)?.[1] ?? '';
	const seed = Number(get('seed'));
	if (!Number.isInteger(seed)) throw new DemoLoadError({ de: `${DEMO_META_FILE}: Seed fehlt`, en: `${DEMO_META_FILE}: seed missing` });
	return {
		synthetic: get('synthetic') === 'true',
		seed,
		generatedAt: get('generated_at'),
		scenario: get('scenario'),
		sources: rows.filter((r) => r[0] === 'source').map((r) => r[1] ?? ''),
		syntheticParts: { de: get('synthetic_parts_de'), en: get('synthetic_parts_en') }
	};
}

/** Load one CSV text into its schema table (replacing it); returns the row count. */
export async function loadCsvIntoTable(db: Db, table: TableName, file: string, text: string): Promise<number> {
	const def = tables[table];
	const { header, rows } = parseCsvText(file, text);
	const expected = def.columns.map((c) => c.name);
	if (header.join(',') !== expected.join(',')) {
		throw new DemoLoadError({
			de: `${file}: Spalten ${header.join(', ')} – erwartet ${expected.join(', ')}`,
			en: `${file}: columns ${header.join(', ')} – expected ${expected.join(', ')}`
		});
	}
	const staging = `__demo_${table}`;
	const columns = Object.fromEntries(expected.map((c, j) => [c, utf8Vector(rows.map((r) => r[j] ?? null))]));
	await db.insertArrow(new Table(columns), staging, 'create');
	await db.exec(createTableSql(def));
	const casts = def.columns.map((c) => `CAST(${ident(c.name)} AS ${duckType(c.type)})`).join(', ');
	try {
		await db.exec(`INSERT INTO ${ident(table)} SELECT ${casts} FROM ${ident(staging)}`);
	} finally {
		await db.exec(`DROP TABLE IF EXISTS ${ident(staging)}`);
	}
	return rows.length;
}

/**
 * Load the default scenario: the five demo tables (replaced), an empty `travel_times` if none exists
 * yet, and a `meta` table (key, value) that marks the scenario as synthetic with its seed and sources.
 */
export async function loadDemo(db: Db, readText: (name: string) => Promise<string>): Promise<DemoMeta> {
	const texts = await Promise.all(DEFAULT_SCENARIO_FILES.map((f) => readText(f)));
	const byFile = new Map(DEFAULT_SCENARIO_FILES.map((f, i) => [f, texts[i]]));
	const meta = parseMeta(byFile.get(DEMO_META_FILE)!);
	const counts: Partial<Record<TableName, number>> = {};
	for (const [table, file] of DEMO_TABLE_FILES) counts[table] = await loadCsvIntoTable(db, table, file, byFile.get(file)!);
	await db.exec(createTableSql(tables.travel_times).replace('CREATE OR REPLACE TABLE', 'CREATE TABLE IF NOT EXISTS'));
	await writeMetaTable(db, meta);
	return { ...meta, rows: counts };
}

async function writeMetaTable(db: Db, meta: Omit<DemoMeta, 'rows'>): Promise<void> {
	const pairs: [string, string][] = [
		['scenario', meta.scenario],
		['synthetic', String(meta.synthetic)],
		['seed', String(meta.seed)],
		['generated_at', meta.generatedAt],
		['synthetic_parts_de', meta.syntheticParts.de],
		['synthetic_parts_en', meta.syntheticParts.en],
		...meta.sources.map((s): [string, string] => ['source', s])
	];
	await db.exec(META_DDL);
	await db.insertArrow(
		new Table({
			key: utf8Vector(pairs.map((p) => p[0])),
			value: utf8Vector(pairs.map((p) => p[1]))
		}),
		'meta',
		'append'
	);
}
