import { rows } from '../../src/lib/data/db/connector.ts';
import { NativeDb } from '../../src/lib/data/db/native.ts';
import { openDb } from './_data.ts';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import { loadDataFolder } from '../../src/lib/data/import/index.ts';
import { readInputs } from '../../src/lib/data/import/node-files.ts';
import { formatIssueTable } from '../../src/lib/data/import/issue-table.ts';
import { createTableSql, ident, tables, type TableName } from '../../src/lib/data/schema.ts';
import type { Db } from '../../src/lib/data/db/connector.ts';
import { lit } from '../../src/lib/data/db/connector.ts';
import { ENGINE_HELP, engine, option, lang as langOf } from './_args.ts';
import { ADDRESS_HELP, addressesFromArgs } from './_addresses.ts';
import { fileArgument } from './_usage.ts';

export const summary = 'Validate a data folder and load it into DuckDB (all or nothing); print row counts';

export async function run(args: string[]): Promise<number> {
	const target = fileArgument('import', args);
	if (args.includes('--help') || !target) {
		console.log('Usage: npm run cli -- import <folder> [--out file.duckdb] [--sheet name] [--header-row N] [--lang de|en] [--engine native|wasm] [--addresses directory.zip]');
		console.log('--sheet: the XLSX worksheet (default: the first visible one); --header-row: the row (XLSX) or line (CSV) holding the column names in every file (default: found per file).');
		console.log(ADDRESS_HELP);
		console.log('--out also writes the loaded tables into a DuckDB database file (native DuckDB, replaced table by table).');
		console.log(ENGINE_HELP);
		console.log('Loads staff/offices/customers/sites/zones/travel_times files (CSV, XLSX, Parquet, GeoJSON) by name (e.g. staff.csv, staff_2026.xlsx).');
		return args.includes('--help') ? 0 : 2;
	}
	const lang = langOf(args);
	const out = option(args, '--out');
	const addresses = await addressesFromArgs(args, lang);
	const db = await openDb(engine(args));
	try {
		const headerRow = option(args, '--header-row') ? Number(option(args, '--header-row')) : undefined;
		const r = await loadDataFolder(db, readInputs(target), { refs: { ...loadGeoRefs(), addresses: addresses ?? undefined }, sheet: option(args, '--sheet'), headerRow });
		if (r.issues.length) console.log(formatIssueTable(r.issues, lang));
		if (!r.committed) {
			console.log(lang === 'de' ? `\n${r.errors} Fehler: nichts geladen.` : `\n${r.errors} ${r.errors === 1 ? 'error' : 'errors'}: nothing loaded.`);
			return 1;
		}
		console.log(lang === 'de' ? '\nGeladen (Zeilen je Tabelle):' : '\nLoaded (rows per table):');
		for (const t of r.tables) {
			const [{ n }] = await rows<{ n: number }>(db, `SELECT count(*) AS n FROM ${ident(t.table)}`);
			console.log(`  ${t.table.padEnd(13)} ${String(n).padStart(8)}  (${t.file})`);
		}
		if (out) {
			await writeDuckdbFile(db, out, r.tables.map((t) => t.table));
			console.log(lang === 'de' ? `\nGeschrieben: ${out}` : `\nWritten: ${out}`);
		}
		return 0;
	} finally {
		await db.close();
	}
}



/** Copy tables from the in-memory engine into a native DuckDB file (@duckdb/node-api), in one transaction. */
async function writeDuckdbFile(db: Db, file: string, names: TableName[]): Promise<void> {
	if (db instanceof NativeDb) {
		// Same engine: attach the file and copy table by table inside DuckDB.
		await db.exec(`ATTACH ${lit(file)} AS out_file`);
		try {
			await db.exec('BEGIN TRANSACTION');
			try {
				for (const name of names) await db.exec(`CREATE OR REPLACE TABLE out_file.${ident(name)} AS SELECT * FROM memory.${ident(name)}`);
				await db.exec('COMMIT');
			} catch (e) {
				await db.exec('ROLLBACK');
				throw e;
			}
		} finally {
			await db.exec('DETACH out_file');
		}
		return;
	}
	const { DuckDBInstance } = await import('@duckdb/node-api');
	const inst = await DuckDBInstance.create(file);
	const conn = await inst.connect();
	await conn.run('BEGIN TRANSACTION');
	try {
		for (const name of names) {
			const def = tables[name];
			await conn.run(createTableSql(def));
			const data = await rows<Record<string, string | number | boolean | null>>(db, `SELECT * FROM ${ident(name)}`);
			for (let i = 0; i < data.length; i += 1000) {
				const values = data.slice(i, i + 1000).map((r) => '(' + def.columns.map((c) => lit(r[c.name] ?? null)).join(', ') + ')');
				await conn.run(`INSERT INTO ${ident(name)} VALUES ${values.join(', ')}`);
			}
		}
		await conn.run('COMMIT');
	} catch (e) {
		await conn.run('ROLLBACK');
		throw e;
	} finally {
		conn.closeSync?.();
	}
}
