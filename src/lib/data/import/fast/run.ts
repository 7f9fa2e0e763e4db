/**
 * The fast path of a CSV import: DuckDB reads and types the file itself (its C++ CSV reader, ~15× faster
 * than parsing in JavaScript) straight into the staging table, and JavaScript does only what SQL cannot:
 * the byte scan that proves DuckDB saw the rows our parser sees (fast/scan.ts), and the location step
 * (coordinate systems, the national outline, zones by point-in-polygon) on the location columns alone.
 * The file goes in slices of whole rows: DuckDB reads slice k while the worker scans and locates slice
 * k+1, so the two run side by side and every slice is read knowing what its scan found. In the app the
 * worker hands over the slice's bytes it read for the scan (FastSlice.bytes): the browser reads the file
 * once, and DuckDB reads the slice from memory.
 *
 * It is an accelerator, not a second validator: it takes a file only when it can prove the reference
 * path (ImportSession, validate.ts) would give no row-level message and the same values. Any doubt (a
 * quote read differently, a number format only numbers.ts reads, a flagged cell, a duplicate key, a
 * location message) returns `{ ok: false }` and the caller runs the reference path, which names file, row
 * and column. So every message comes from one place, and the fast path never decides one.
 *
 *   const side = new FastSide(session, byteSource);          // in the app: in the import worker (RPC)
 *   const out = await fastImport(db, side, file);            // rows staged in __import_<table>, or a reason
 *   if (out.ok) …stageCommit(db, table)… else …the reference path…
 */
import { tableFromColumns } from '../../arrow.ts';
import { rows as queryRows, type Db, type RegisterableFile } from '../../db/connector.ts';
import { importStaging, queued, stageBegin, stageDrop } from '../../replace.ts';
import { ident } from '../../schema.ts';
import { NOT_UTF8, type ScanResult } from './scan.ts';
import type { FastPrep, FastSlice } from './side.ts';
import type { ValidationResult } from '../validate.ts';
import { addFlagSql, checkSql, dropFlagSql, FAST_LOC, sliceInsertSql, type FastPlan } from './sql.ts';
import type { CellValue } from '../../arrow.ts';
import { ImportCancelled } from '../issues.ts';

/** The JS half (FastSide), possibly across a worker boundary: every method may be async. */
export interface FastJs {
	plan(): Promise<{ prep: FastPrep } | { reason: string }> | { prep: FastPrep } | { reason: string };
	/** The next slice (FastSide.slice), null after the last. */
	slice(prep: FastPrep, onProgress?: (fraction: number) => void): Promise<FastSlice | null>;
	finish(preview: Record<string, CellValue>[]): Promise<Omit<ValidationResult, 'arrow'>> | Omit<ValidationResult, 'arrow'>;
}

export type FastOutcome =
	| { ok: true; result: Omit<ValidationResult, 'arrow'>; rows: number; ms: Record<string, number> }
	| { ok: false; reason: string; ms: Record<string, number> };

/**
 * Whether to try the fast path once more, on the file opened with its whole encoding check. The fast open
 * checks UTF-8 on the first chunk only (SessionOptions.fastOpen): a Windows-1252 ("ANSI") file whose first
 * megabytes are ASCII (umlauts only further down) opens as UTF-8 until the scan meets the first other byte.
 * Opened as the reference path opens it (encoding.ts sniffEncoding over the whole file), it reads in the
 * encoding the reference path reads it in, and the fast path may take it in that.
 */
export function notUtf8AfterAll(out: FastOutcome, opened: string | undefined): boolean {
	return !out.ok && out.reason === `scan: ${NOT_UTF8}` && opened === 'utf-8';
}

/**
 * The number columns written with a decimal comma, or why the scan says DuckDB's reading cannot be
 * trusted. `partial`: the scan so far, where a "1,500" may still be decided by a later sample row.
 */
function readable(scan: ScanResult, prep: FastPrep, partial = false): { commaColumns: number[] } | { doubt: string } {
	if (!scan.safe) return { doubt: `scan: ${scan.reason}` };
	const commaColumns: number[] = [];
	// «1.500» is 1.5, unless the file's other columns write a decimal comma (validate.ts sample): then the validator decides.
	const anyComma = prep.numberColumns.some((j) => scan.columns[j].comma);
	for (const j of prep.numberColumns) {
		const c = scan.columns[j];
		if (!c.plain) return { doubt: `column ${j + 1}: not plain numbers` };
		if (prep.integerColumns.includes(j) && (c.dot || c.comma)) return { doubt: `column ${j + 1}: separators in whole numbers` };
		if (c.dot && c.comma) return { doubt: `column ${j + 1}: decimal point and comma` };
		if (c.ambiguousDot && anyComma) return { doubt: `column ${j + 1}: a point that may group thousands` };
		// "1,500" is a decimal comma only where the column shows an unambiguous one (numbers.ts decideStyle).
		if (!partial && c.ambiguousComma && !c.commaEvidence) return { doubt: `column ${j + 1}: ambiguous numbers` };
		if (c.comma) commaColumns.push(j);
	}
	return { commaColumns };
}

/** Bytes [from, to) of the file, to register as one slice. */
function sliceOf(file: RegisterableFile, from: number, to: number): RegisterableFile {
	return file instanceof Uint8Array ? file.subarray(from, to) : (file.slice(from, to) as unknown as RegisterableFile);
}

/**
 * Try the fast path for `file` (already opened by the session behind `js`). On success the rows are in
 * the staging table `__import_<table>`; on `{ ok: false }` nothing is staged and nothing is left behind.
 * Each slice: the worker's scan and location step first (a doubt stops at once), then DuckDB appends it
 * to the staging table while the worker goes on with the next; the checks run once on the whole table.
 */
export async function fastImport(
	db: Db,
	js: FastJs,
	file: RegisterableFile,
	opts: { signal?: AbortSignal; onProgress?: (fraction: number) => void; previewRows?: number } = {}
): Promise<FastOutcome> {
	const ms: Record<string, number> = {};
	let t0 = performance.now();
	const lap = (k: string) => {
		const now = performance.now();
		ms[k] = (ms[k] ?? 0) + Math.round(now - t0);
		t0 = now;
	};
	if (!db.registerFile) return { ok: false, reason: 'engine cannot read files', ms };
	const planned = await js.plan();
	if ('reason' in planned) return { ok: false, reason: planned.reason, ms };
	const prep = planned.prep;
	const table = prep.table;
	const staging = importStaging(table);
	const names: string[] = [];
	const abort = () => {
		if (opts.signal?.aborted) throw new ImportCancelled();
	};
	let staged = false;
	let pending: Promise<FastSlice | null> | null = null;
	const ask = () => {
		const p = js.slice(prep, (f) => opts.onProgress?.(0.9 * f));
		p.catch(() => {}); // awaited below
		return p;
	};
	try {
		pending = ask(); // the worker scans the first slice while the staging table is made
		staged = true;
		await stageBegin(db, table);
		await queued(db, () => db.exec(addFlagSql(staging)));
		lap('plan');
		let scan: ScanResult | null = null;
		let worker: Record<string, number> = {};
		let rows = 0;
		for (;;) {
			const slice = await pending;
			pending = null;
			lap('scan (waiting)');
			if (!slice) break;
			scan = slice.scan;
			worker = slice.ms;
			const how = readable(scan, prep, !slice.done);
			if ('doubt' in how) return { ok: false, reason: how.doubt, ms };
			if (slice.located === false) return { ok: false, reason: 'location messages', ms };
			if (!slice.done) pending = ask(); // the worker scans on while DuckDB reads this slice
			abort();
			rows += slice.rows;
			if (slice.rows === 0) continue;
			const name = `__fast_${table}_${Math.random().toString(36).slice(2)}_${names.length}.csv`;
			names.push(name);
			// The slice's bytes as the worker read them for its scan (the engine reads them from memory), else the file's.
			await db.registerFile(name, slice.bytes ?? sliceOf(file, slice.from, slice.to));
			const plan: FastPlan = { ...prep, file: name, headerLine: slice.from === 0 ? prep.headerLine : 0, commaColumns: how.commaColumns, edges: scan.columns.map((c) => c.edge) };
			const located = slice.located;
			const failed = await queued(db, async () => {
				if (located !== 'none') {
					const cols = [
						...(located.lon && located.lat ? [{ name: '__lon', type: 'number' as const, values: located.lon }, { name: '__lat', type: 'number' as const, values: located.lat }] : []),
						{ name: '__zone', type: 'number' as const, values: located.zone },
						...(typeof located.q === 'number' ? [] : [{ name: '__q', type: 'number' as const, values: located.q }])
					];
					await db.insertArrow(tableFromColumns(cols), FAST_LOC, 'create');
					lap('located into DuckDB');
				}
				await db.exec(sliceInsertSql(plan, staging, located === 'none' ? null : { lonLat: !!located.lon, q: typeof located.q === 'number' ? located.q : null }));
				return null;
			}).catch((e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]);
			await db.dropFile?.(name).catch(() => {});
			names.pop();
			lap('read');
			if (failed) return { ok: false, reason: `DuckDB: ${failed}`, ms };
		}
		abort();
		opts.onProgress?.(0.95);
		// Beside the page's steps: the worker's, which ran alongside DuckDB's reading.
		for (const [k, v] of Object.entries(worker)) ms[`worker: ${k}`] = v;
		const [check] = await queryRows<{ n: number; flagged: number; dup: number }>(db, checkSql(prep, staging));
		lap('check');
		if (!scan || check.n !== scan.rows || check.n !== rows) return { ok: false, reason: `rows: DuckDB ${check.n}, scan ${scan?.rows ?? 0}`, ms };
		if (check.n === 0) return { ok: false, reason: 'no rows', ms };
		if (check.flagged) return { ok: false, reason: `${check.flagged} rows to report`, ms };
		if (check.dup) return { ok: false, reason: 'duplicate keys', ms };
		await queued(db, () => db.exec(dropFlagSql(staging)));
		const preview = await queryRows<Record<string, CellValue>>(db, `SELECT * FROM ${ident(staging)} LIMIT ${opts.previewRows ?? 20}`);
		const result = await js.finish(preview);
		lap('finish');
		if (result.stats.errors) return { ok: false, reason: 'file-level errors', ms };
		opts.onProgress?.(1);
		staged = false;
		return { ok: true, result, rows: check.n, ms };
	} finally {
		// A slice still being scanned when the fast path gave up: let it end before the session closes.
		await pending?.catch(() => {});
		await queued(db, () => db.exec(`DROP TABLE IF EXISTS ${FAST_LOC}`)).catch(() => {});
		if (staged) await stageDrop(db, table).catch(() => {});
		for (const name of names) await db.dropFile?.(name).catch(() => {});
	}
}
