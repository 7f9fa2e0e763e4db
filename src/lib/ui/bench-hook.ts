/**
 * For bench/import-browser.mjs only: with `?bench` in the data page's URL, the page offers the baseline
 * the importer is measured against, duckdb-wasm's own read_csv of the same file in the same engine
 * (`window.standortwahlBench.rawReadCsv(file)`: explicit column types, sniffer off, as bench/import.ts).
 * It reads a file the user chose into a scratch table and drops it; it sends nothing anywhere.
 */
import { readCsvSql } from '../data/read-csv-sql.ts';
import type { TableName } from '../data/schema.ts';
import { startApp } from './app.svelte.ts';

export function installBenchHook(): void {
	(globalThis as { standortwahlBench?: unknown }).standortwahlBench = {
		/** Milliseconds for CREATE TABLE … AS SELECT * FROM read_csv(file) with the table's column types. */
		async rawReadCsv(file: File, table: TableName, headers: string[], delimiter = ','): Promise<number> {
			const db = await startApp();
			const name = `__bench_${Date.now()}.csv`;
			await db.registerFile!(name, file);
			try {
				const t0 = performance.now();
				await db.exec(`CREATE OR REPLACE TABLE __bench_raw AS SELECT * FROM ${readCsvSql(table, name, headers, { delimiter })}`);
				return performance.now() - t0;
			} finally {
				await db.exec('DROP TABLE IF EXISTS __bench_raw');
				await db.dropFile?.(name);
			}
		}
	};
}
