/**
 * The fast path of a CSV import: DuckDB reads and types the file itself (its C++ CSV reader, ~15× faster
 * than parsing in JavaScript) straight into the staging table, and JavaScript does only what SQL cannot:
 * the byte scan that proves DuckDB saw the rows our parser sees (fast/scan.ts, in parallel with DuckDB),
 * and the location step (coordinate systems, the national outline, zones by point-in-polygon) on the
 * location columns alone.
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
import { queued, stageBegin, stageDrop } from '../../replace.ts';
import { tables } from '../../schema.ts';
import type { ScanResult } from './scan.ts';
import type { FastPrep, Located } from './side.ts';
import type { ValidationResult } from '../validate.ts';
import { checkSql, FAST_LOC, FAST_TYPED, fillStagingSql, typedTableSql, type FastPlan } from './sql.ts';
import type { CellValue } from '../../arrow.ts';
import { ImportCancelled } from '../issues.ts';

/** The JS half (FastSide), possibly across a worker boundary: every method may be async. */
export interface FastJs {
	plan(): Promise<{ prep: FastPrep } | { reason: string }> | { prep: FastPrep } | { reason: string };
	scan(prep: FastPrep, onProgress?: (fraction: number) => void): Promise<ScanResult>;
	locate(): Promise<Located | 'none' | false> | Located | 'none' | false;
	finish(preview: Record<string, CellValue>[]): Promise<Omit<ValidationResult, 'arrow'>> | Omit<ValidationResult, 'arrow'>;
}

export type FastOutcome =
	| { ok: true; result: Omit<ValidationResult, 'arrow'>; rows: number; ms: Record<string, number> }
	| { ok: false; reason: string; ms: Record<string, number> };

/** The number columns written with a decimal comma, or why the scan says DuckDB's reading cannot be trusted. */
function readable(scan: ScanResult, prep: FastPrep): { commaColumns: number[] } | { doubt: string } {
	if (!scan.safe) return { doubt: `scan: ${scan.reason}` };
	const commaColumns: number[] = [];
	for (const j of prep.numberColumns) {
		const c = scan.columns[j];
		if (!c.plain) return { doubt: `column ${j + 1}: not plain numbers` };
		if (prep.integerColumns.includes(j) && (c.dot || c.comma)) return { doubt: `column ${j + 1}: separators in whole numbers` };
		if (c.dot && c.comma) return { doubt: `column ${j + 1}: decimal point and comma` };
		// "1,500" is a decimal comma only where the column shows an unambiguous one (numbers.ts decideStyle).
		if (c.ambiguousComma && !c.commaEvidence) return { doubt: `column ${j + 1}: ambiguous numbers` };
		if (c.comma) commaColumns.push(j);
	}
	return { commaColumns };
}

/**
 * Try the fast path for `file` (already opened by the session behind `js`). On success the rows are in
 * the staging table `__import_<table>`; on `{ ok: false }` nothing is staged and nothing is left behind.
 * Order: the byte scan first (cheap; a file it doubts never reaches DuckDB), then DuckDB's read and the
 * location step side by side, then one copy into the staging table.
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
		ms[k] = Math.round(now - t0);
		t0 = now;
	};
	if (!db.registerFile) return { ok: false, reason: 'engine cannot read files', ms };
	const planned = await js.plan();
	if ('reason' in planned) return { ok: false, reason: planned.reason, ms };
	const prep = planned.prep;
	const table = prep.table;
	const name = `__fast_${table}_${Math.random().toString(36).slice(2)}.csv`;
	const abort = () => {
		if (opts.signal?.aborted) throw new ImportCancelled();
	};
	let staged = false;
	try {
		await db.registerFile(name, file);
		// DuckDB reads the file while the worker scans it (and then locates its rows): the read cannot wait for
		// the scan's findings, so it trims text exactly where a value may have whitespace at its edges, and
		// reads numbers with a decimal point; a decimal-comma file is read again once the scan has said so.
		const spec: FastPlan = { ...prep, file: name, commaColumns: [], edges: null };
		const read = (p: FastPlan) =>
			queued(db, () => db.exec(typedTableSql(p))).then(
				() => null,
				(e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0]
			);
		const reading = read(spec);
		const scan = await js.scan(prep, (f) => opts.onProgress?.(0.25 * f)).catch(async (e) => {
			await reading;
			throw e;
		});
		lap('scan');
		const how = readable(scan, prep);
		if ('doubt' in how) {
			await reading;
			return { ok: false, reason: how.doubt, ms };
		}
		// The location step (JavaScript, on the scanned location columns) while DuckDB may still be reading.
		const locating = Promise.resolve(js.locate());
		locating.catch(() => {}); // awaited below
		let failed = await reading;
		lap('read');
		const plan: FastPlan = { ...spec, commaColumns: how.commaColumns, edges: scan.columns.map((c) => c.edge) };
		if (how.commaColumns.length) {
			failed = await read(plan);
			lap('read (decimal commas)');
		}
		const located = await locating;
		lap('locate (after read)');
		if (failed) return { ok: false, reason: `DuckDB: ${failed}`, ms };
		abort();
		opts.onProgress?.(0.7);
		const [check] = await queryRows<{ n: number; flagged: number; dup: number }>(db, checkSql(plan));
		lap('check');
		if (check.n !== scan.rows) return { ok: false, reason: `rows: DuckDB ${check.n}, scan ${scan.rows}`, ms };
		if (check.n === 0) return { ok: false, reason: 'no rows', ms };
		if (check.flagged) return { ok: false, reason: `${check.flagged} rows to report`, ms };
		if (check.dup) return { ok: false, reason: 'duplicate keys', ms };
		if (located === false) return { ok: false, reason: 'location messages', ms };
		abort();
		const point = located !== 'none';
		await stageBegin(db, table);
		staged = true;
		await queued(db, async () => {
			if (point) {
				const cols = [
					...(located.lon && located.lat ? [{ name: 'lon', type: 'number' as const, values: located.lon }, { name: 'lat', type: 'number' as const, values: located.lat }] : []),
					{ name: 'zone', type: 'number' as const, values: located.zone },
					...(typeof located.q === 'number' ? [] : [{ name: 'q', type: 'number' as const, values: located.q }])
				];
				await db.insertArrow(tableFromColumns(cols), FAST_LOC, 'create');
			}
			await db.exec(fillStagingSql(plan, `__import_${table}`, point ? { lonLat: !!located.lon, q: typeof located.q === 'number' ? located.q : null } : null));
		});
		lap('stage');
		const preview = await queryRows<Record<string, CellValue>>(db, `SELECT * FROM "__import_${table}" LIMIT ${opts.previewRows ?? 20}`);
		const result = await js.finish(preview);
		lap('finish');
		if (result.stats.errors) return { ok: false, reason: 'file-level errors', ms };
		opts.onProgress?.(1);
		staged = false;
		return { ok: true, result, rows: check.n, ms };
	} finally {
		await queued(db, async () => {
			await db.exec(`DROP TABLE IF EXISTS ${FAST_TYPED}`);
			await db.exec(`DROP TABLE IF EXISTS ${FAST_LOC}`);
		}).catch(() => {});
		if (staged) await stageDrop(db, table).catch(() => {});
		await db.dropFile?.(name).catch(() => {});
	}
}
