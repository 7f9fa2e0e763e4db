/**
 * For bench/import-browser.mjs only: with `?bench` in the data page's URL, the page offers the baseline
 * the importer is measured against, duckdb-wasm's own read_csv of the same file in the same engine
 * (`window.standortwahlBench.rawReadCsv(file)`: explicit column types, sniffer off, as bench/import.ts).
 * Beside it, `fastSqlAlone(file)`: the importer's own DuckDB statement (import/fast/sql.ts) over the same
 * file with no JavaScript work beside it, i.e. DuckDB's share of an import, measured rather than estimated.
 * It reads a file the user chose into a scratch table and drops it; it sends nothing anywhere.
 */
import { rows, type Db } from '../data/db/connector.ts';
import { tableFromColumns } from '../data/arrow.ts';
import { readCsvSql } from '../data/read-csv-sql.ts';
import { createTableSql, GEOCODE_QUALITIES, tables, type TableName } from '../data/schema.ts';
import { addFlagSql, FAST_LOC, sliceInsertSql, type FastColumn } from '../data/import/fast/sql.ts';
import { EDGE_NONE } from '../data/import/fast/scan.ts';
import { startApp } from './app.svelte.ts';

export function installBenchHook(): void {
	(globalThis as { standortwahlBench?: unknown }).standortwahlBench = {
		/** DuckDB's thread count (1 in the `eh` bundle; more in `coi` on a cross-origin-isolated page). */
		async threads(): Promise<number> {
			const [r] = await rows<{ n: number }>(await startApp(), "SELECT current_setting('threads')::INTEGER AS n");
			return r.n;
		},
		/**
		 * Milliseconds for the fast path's insert statement over the whole file as one slice (the location
		 * step's zone column given: `rows` data rows), into a scratch staging table, and the rows it holds.
		 * The file's header names the table's columns; as for a clean file, no edge whitespace, decimal points.
		 */
		async fastSqlAlone(file: File, table: TableName, headers: string[], rowCount: number, opts: { delimiter?: string } = {}): Promise<{ ms: number; rows: number }> {
			const db = await startApp();
			const def = tables[table];
			const name = `__bench_${Date.now()}.csv`;
			const staging = '__bench_fast';
			const columns: FastColumn[] = headers.map((h, index) => ({ def: def.columns.find((c) => c.name === h)!, index })).filter((c) => c.def);
			const point = def.location === 'point';
			const plan = { table, file: name, delimiter: opts.delimiter ?? ',', headerLine: 1, width: headers.length, columns, commaColumns: [], edges: headers.map(() => EDGE_NONE) };
			await db.registerFile!(name, file);
			try {
				await db.exec(createTableSql(def, staging));
				await db.exec(addFlagSql(staging));
				const t0 = performance.now();
				if (point) await db.insertArrow(tableFromColumns([{ name: '__zone', type: 'number', values: new Float64Array(rowCount).fill(1061) }]), FAST_LOC, 'create');
				await db.exec(sliceInsertSql(plan, staging, point ? { lonLat: false, q: GEOCODE_QUALITIES.indexOf('coordinates') } : null));
				const ms = performance.now() - t0;
				return { ms, rows: await countRows(db, staging) };
			} finally {
				await db.exec(`DROP TABLE IF EXISTS ${staging}`);
				await db.exec(`DROP TABLE IF EXISTS ${FAST_LOC}`);
				await db.dropFile?.(name);
			}
		},
		/** Milliseconds for CREATE TABLE … AS SELECT * FROM read_csv(file) with the table's column types, and the rows read. */
		async rawReadCsv(file: File, table: TableName, headers: string[], opts: { delimiter?: string; buffer?: boolean } = {}): Promise<{ ms: number; rows: number }> {
			const db = await startApp();
			const name = `__bench_${Date.now()}.csv`;
			// As the importer registers it (a File, read slice by slice), or its bytes copied into the engine first.
			await db.registerFile!(name, opts.buffer ? new Uint8Array(await file.arrayBuffer()) : file);
			try {
				const t0 = performance.now();
				await db.exec(`CREATE OR REPLACE TABLE __bench_raw AS SELECT * FROM ${readCsvSql(table, name, headers, { delimiter: opts.delimiter ?? ',' })}`);
				const ms = performance.now() - t0;
				return { ms, rows: await countRows(db, '__bench_raw') };
			} finally {
				await db.exec('DROP TABLE IF EXISTS __bench_raw');
				await db.dropFile?.(name);
			}
		}
	};
}

async function countRows(db: Db, table: string): Promise<number> {
	const [r] = await rows<{ n: number }>(db, `SELECT count(*)::INTEGER AS n FROM ${table}`);
	return r.n;
}
