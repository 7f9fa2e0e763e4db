/**
 * The data page's side of a streaming import: the import worker (src/lib/data/import-worker.ts) reads,
 * validates and types the File chunk by chunk; each batch comes back as Arrow IPC and goes straight on
 * to DuckDB's staging table (DuckDB runs in its own worker), so the page thread only forwards bytes and
 * stays responsive. The real table is replaced only by `commit` (one transaction); cancel, errors or a
 * new file drop the staging table, so the data loaded before stays intact.
 */
import { tableFromIPC } from 'apache-arrow';
import { stageAppend, stageBegin, stageCommit, stageDrop } from '../data/replace.ts';
import { GEO_REF_FILES } from '../data/geocode.ts';
import type { TableName } from '../data/schema.ts';
import type { ColumnMapping } from '../data/import/mapping.ts';
import { formatOf } from '../data/import/content-format.ts';
import type { ImportHandlers, StreamNextResponse, StreamOpenResponse } from '../data/import/worker-handlers.ts';
import type { MatrixInfo } from '../data/import/stream.ts';
import type { MatrixMode } from '../data/travel-time-formats.ts';
import type { FileFormat, ImportIssue, ParsedFile } from '../data/import/types.ts';
import type { ValidationResult } from '../data/import/validate.ts';
import type { Db } from '../data/db/connector.ts';
import { buffersOf, CancelledError, client, type Endpoint, type Remote } from '../util/rpc.ts';
import { fastImport, notUtf8AfterAll, type FastJs, type FastOutcome } from '../data/import/fast/run.ts';
import { ImportCancelled } from '../data/import/issues.ts';
import { fetchText, geoFiles } from './assets.ts';

type Call = Remote<ImportHandlers>;
type Opened = Extract<StreamOpenResponse, { ok: true }>;

/** Rows the data page previews (a virtual table: only the visible ones are drawn). */
const PREVIEW_ROWS = 500;
let worker: Promise<Call> | null = null;

/**
 * The import worker, started once, with the geocoding reference data (PLZ, municipalities) set and the
 * address directory of an earlier visit (IndexedDB) back in use.
 */
export function importWorker(): Promise<Call> {
	worker ??= (async () => {
		const w = new Worker(new URL('../data/import-worker.ts', import.meta.url), { type: 'module' });
		const call = client<ImportHandlers>(w as unknown as Endpoint);
		const [plzCsv, centroidsCsv, municipalitiesGeojson, countryGeojson] = await Promise.all([
			fetchText(geoFiles, GEO_REF_FILES.plzCsv),
			fetchText(geoFiles, GEO_REF_FILES.centroidsCsv),
			fetchText(geoFiles, GEO_REF_FILES.municipalitiesGeojson),
			fetchText(geoFiles, GEO_REF_FILES.countryGeojson)
		]);
		await call.setRefs({ plzCsv, centroidsCsv, municipalitiesGeojson, countryGeojson });
		await call.restoreAddresses(undefined).catch(() => null);
		return call;
	})();
	worker.catch(() => (worker = null));
	return worker;
}

export interface StreamedFile {
	fileName: string;
	format: FileFormat;
	headers: string[];
	info: ParsedFile['info'];
	/** travel_times without a mode column (an engine's matrix, or `mode` missing): the page asks for one. */
	matrix: MatrixInfo | null;
}

export type StreamedResult = Omit<ValidationResult, 'arrow'> & {
	/** travel_times without a mode column: the engine's format, dropped pairs, notes. */
	matrix?: MatrixInfo | null;
};

export interface RunOptions {
	table: TableName;
	file: File;
	/** The user's mapping (schema column -> header); {} for the automatic one. */
	mapping: ColumnMapping;
	/** XLSX: the worksheet; XLSX/CSV: the header row (default: found). */
	sheet?: string;
	headerRow?: number;
	/** travel_times: mode of every row when the file has none (r5r/Conveyal/OTP matrices). */
	matrixMode?: MatrixMode | null;
	signal: AbortSignal;
	/** Called once the header is read (before any row is validated). */
	onOpen?: (f: StreamedFile, mapping: ColumnMapping) => void;
	onProgress?: (fraction: number, rows: number) => void;
	/** What the fast path did (taken, or why not, with step times): for the log and the benchmark. */
	onFastPath?: (o: FastOutcome) => void;
}

export type RunOutcome =
	| { kind: 'done'; result: StreamedResult; staged: StagedImport | null }
	| { kind: 'file-error'; issues: ImportIssue[] }
	/** An engine's travel-time matrix (r5r, Conveyal, OTP) and no `matrixMode` given: nothing read yet. */
	| { kind: 'needs-mode' }
	| { kind: 'cancelled' };

/** Rows waiting in DuckDB's staging table for the user's "load" click, with their IPC for IndexedDB. */
export interface StagedImport {
	table: TableName;
	rows: number;
	/** Arrow IPC stream of each batch (kept to persist the table for the next visit); null: DuckDB read the file itself. */
	ipc: Uint8Array[] | null;
}

/**
 * Stream `file` into the staging table of `table`. Without errors the rows stay staged (commit with
 * `commitStaged`); with errors, on cancel or failure the staging table is dropped again.
 */
export async function runStreamingImport(db: Db, o: RunOptions): Promise<RunOutcome> {
	const call = await importWorker();
	let openMs = 0;
	/**
	 * A session on the file, or how the run ends (cancelled, a file-level error). The page hears what was
	 * read each time (onOpen): a later session may read the file in another encoding than the first.
	 */
	const open = async (fastOpen: boolean): Promise<Opened | RunOutcome> => {
		const t0 = performance.now();
		const r = await call
			.open({ table: o.table, fileName: o.file.name, file: o.file, mapping: o.mapping, sheet: o.sheet, headerRow: o.headerRow, previewRows: PREVIEW_ROWS, matrixMode: o.matrixMode ?? null, fastOpen }, { signal: o.signal })
			.catch((e) => (e instanceof CancelledError ? null : Promise.reject(e)));
		if (!r || (!r.ok && r.cancelled) || o.signal.aborted) return { kind: 'cancelled' };
		if (!r.ok) return { kind: 'file-error', issues: r.issues };
		openMs = Math.round(performance.now() - t0);
		o.onOpen?.({ fileName: o.file.name, format: r.format, headers: r.headers, info: r.info, matrix: r.matrix }, r.mapping);
		return r;
	};
	// A CSV may take the fast path: its first session checks the encoding on the first chunk only.
	const csv = formatOf(o.file.name) === 'csv' && !!db.registerFile;
	let opened = await open(csv);
	if ('kind' in opened) return opened;
	if (opened.matrix?.format && !opened.matrix.mode) {
		call.close({ session: opened.session }).catch(() => {});
		return { kind: 'needs-mode' };
	}
	// Reports come from the batch being inserted and the one being validated: show only progress forward.
	let shown = 0;
	const report = (f: number, rows: number) => {
		if (f < shown) return;
		shown = f;
		o.onProgress?.(f, rows);
	};

	// ---- the fast path: DuckDB reads the CSV itself; the worker scans and locates (import/fast/run.ts)
	if (csv && opened.format === 'csv') {
		for (let retried = false; ; retried = true) {
			const session = opened.session;
			const js: FastJs = {
				plan: () => call.fastPlan({ session }),
				slice: (prep, onProgress) => call.fastSlice({ session, prep }, { signal: o.signal, onProgress: (f) => onProgress?.(f) }),
				finish: (preview) => call.fastFinish({ session, preview })
			};
			let fast: FastOutcome;
			try {
				fast = await fastImport(db, js, o.file, { signal: o.signal, previewRows: PREVIEW_ROWS, onProgress: (f) => report(f, 0) });
				fast.ms = { open: openMs, ...fast.ms }; // the session's first chunk (sniffing, mapping) before the fast path
				o.onFastPath?.(fast);
				if (fast.ok) {
					const result: StreamedResult = { ...fast.result, table: o.table, matrix: null };
					return { kind: 'done', result, staged: { table: o.table, rows: fast.rows, ipc: null } };
				}
			} catch (e) {
				call.close({ session }).catch(() => {});
				if (e instanceof CancelledError || e instanceof ImportCancelled || o.signal.aborted) return { kind: 'cancelled' };
				throw e;
			}
			// A fresh session opened with the whole file's encoding check: for the fast path once more when the file
			// turned out not to be UTF-8 (fast/run.ts notUtf8AfterAll), else for the reference path (the fast path
			// may have counted rows into this one).
			call.close({ session }).catch(() => {});
			shown = 0;
			const again = !retried && notUtf8AfterAll(fast, opened.info.encoding);
			opened = await open(false);
			if ('kind' in opened) return opened;
			if (!again) break;
		}
	}

	const session = opened.session;
	const ipc: Uint8Array[] = [];
	let staged = false;
	try {
		await stageBegin(db, o.table);
		staged = true;
		const ask = () => {
			const p = call.next({ session }, { signal: o.signal, onProgress: (f, rows) => report(f, Number(rows)) });
			p.catch(() => {}); // awaited below; this only keeps an early rejection from counting as unhandled
			return p;
		};
		// One batch ahead: the worker validates the next chunk while DuckDB inserts this one.
		let pending = ask();
		for (;;) {
			const r = await pending;
			if (r.done) {
				if (!r.ok) {
					await stageDrop(db, o.table);
					staged = false;
					return { kind: 'file-error', issues: r.issues };
				}
				const result: StreamedResult = { table: o.table, issues: r.issues, preview: r.preview, stats: r.stats!, mapping: r.mapping!, matrix: r.matrix ?? null };
				if (r.stats!.errors > 0) {
					await stageDrop(db, o.table);
					staged = false;
					return { kind: 'done', result, staged: null };
				}
				staged = false; // handed over to the caller
				return { kind: 'done', result, staged: { table: o.table, rows: r.stats!.rows, ipc } };
			}
			if (o.signal.aborted) throw new CancelledError();
			pending = ask();
			if (r.errors > 0) {
				// The commit will be refused: stop holding rows, only finish the checks (counts, messages).
				if (staged) await stageDrop(db, o.table);
				staged = false;
				ipc.length = 0;
			} else {
				await stageAppend(db, o.table, tableFromIPC(r.ipc));
				ipc.push(r.ipc);
			}
			report(r.fraction, r.total);
		}
	} catch (e) {
		call.close({ session }).catch(() => {});
		if (e instanceof CancelledError || o.signal.aborted) return { kind: 'cancelled' };
		throw e;
	} finally {
		if (staged) await stageDrop(db, o.table).catch(() => {});
	}
}

/**
 * persist.put, done by the import worker: IndexedDB serialises a value on the thread that puts it (a
 * 1 M-row table held the page ~0.1 s). The chunks' buffers move to the worker: unusable here afterwards.
 */
export async function putInWorker(key: string, chunks: Uint8Array[]): Promise<void> {
	const call = await importWorker();
	if (!(await call.keep({ key, value: chunks }, { transfer: buffersOf(chunks) }))) throw new Error('no store in the import worker');
}

/** Swap the staged rows into the real table (one transaction); returns the row count. */
export function commitStaged(db: Db, s: StagedImport): Promise<number> {
	return stageCommit(db, s.table);
}

/** Forget staged rows (new file, other table, leaving the page). */
export function dropStaged(db: Db, s: StagedImport): Promise<void> {
	return stageDrop(db, s.table);
}
