/**
 * For bench/import-browser.mjs only: with `?bench` in the data page's URL, the page offers the baseline
 * the importer is measured against, duckdb-wasm's own read_csv of the same file in the same engine
 * (`window.standortwahlBench.rawReadCsv(file)`: explicit column types, sniffer off, as bench/import.ts).
 * It reads a file the user chose into a scratch table and drops it; it sends nothing anywhere.
 */
import { rows } from '../data/db/connector.ts';
import { readCsvSql } from '../data/read-csv-sql.ts';
import type { TableName } from '../data/schema.ts';
import { startApp } from './app.svelte.ts';

export function installBenchHook(): void {
	(globalThis as { standortwahlBench?: unknown }).standortwahlBench = {
		/** DuckDB's thread count (1 in the `eh` bundle; more in `coi` on a cross-origin-isolated page). */
		async threads(): Promise<number> {
			const [r] = await rows<{ n: number }>(await startApp(), "SELECT current_setting('threads')::INTEGER AS n");
			return r.n;
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
				const [r] = await rows<{ n: number }>(db, 'SELECT count(*)::INTEGER AS n FROM __bench_raw');
				return { ms, rows: r.n };
			} finally {
				await db.exec('DROP TABLE IF EXISTS __bench_raw');
				await db.dropFile?.(name);
			}
		}
	};
}
