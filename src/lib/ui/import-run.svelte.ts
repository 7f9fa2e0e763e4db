/**
 * One import on the data page as state: the chosen table and file, the worker run (read → map →
 * validate → stage) with progress and cancel, the result and its issues, and "load" (commit) or
 * forget. Only one run at a time; a new one waits until the previous one dropped its staging table.
 * The page only renders this state and calls its methods.
 */
import { ident, tables, type TableName } from '../data/schema.ts';
import type { MatrixFormat, MatrixMode } from '../data/travel-time-formats.ts';
import { suggestMapping, tablesFitting, type ColumnMapping, type ImportIssue, type MappingSuggestion } from '../data/import/index.ts';
import { runStreamingImport, putInWorker, commitStaged, dropStaged, type StagedImport, type StreamedFile, type StreamedResult } from './import-client.ts';
import { getDb, startApp, userTableChanged, keepUserTable, restoreDefault, clearAllData } from './app.svelte.ts';
import { loadDefaultNetworks, travelTimesAfterDataChange } from './reach.svelte.ts';
import { forgetAddressDirectory } from './address-client.ts';
import { errorText, t, tr } from './i18n/index.svelte.ts';

export const FORMAT_LABEL = { r5r: 'data.matrix.format.r5r', conveyal: 'data.matrix.format.conveyal', otp: 'data.matrix.format.otp' } as const satisfies Record<MatrixFormat, string>;

/** Issues shown at most (the rest are counted). */
const SHOW_ISSUES = 200;

export class ImportRun {
	table = $state<TableName>('staff');
	source = $state<StreamedFile | null>(null);
	suggestion = $state<MappingSuggestion | null>(null);
	/** Other tables the file's columns fit, when they do not fit the chosen one. */
	fits = $state<TableName[]>([]);
	mapping = $state<ColumnMapping>({});
	result = $state<StreamedResult | null>(null);
	fileIssues = $state<ImportIssue[]>([]);
	busy = $state<null | 'reading' | 'validating'>(null);
	progress = $state(0);
	rowsRead = $state(0);
	message = $state<{ kind: 'ok' | 'error' | 'info'; text: string } | null>(null);
	/** Rows validated without errors, waiting in DuckDB's staging table for "load". */
	staged = $state.raw<StagedImport | null>(null);
	/** travel_times from r5r/Conveyal/OTP (or without a mode column): the mode the user gives every row. */
	matrixMode = $state<MatrixMode | null>(null);
	/** Counts "delete all my data" (panels that keep their own state remount on it). */
	cleared = $state(0);
	/** XLSX worksheet and header row the user chose (undefined: the reader's choice). */
	sheet = $state<string | undefined>(undefined);
	headerRow = $state<number | undefined>(undefined);
	/** The user confirmed the values beyond what is usual (schema warnMin/warnMax): needed before "load". */
	unusualConfirmed = $state(false);
	/** Milliseconds of the last commit: the swap into the table, and keeping it for the next visit (IndexedDB). */
	commitMs = $state<{ swap: number; keep: number | null } | null>(null);
	/** The last loaded table being kept for the next visit (it is usable at once; keeping follows). */
	keeping = $state<'saving' | 'kept' | 'failed' | null>(null);
	/** How the last run read the file: DuckDB directly (fast path) or the reference reader, with step times. */
	readPath = $state<{ fast: boolean; reason?: string; ms: Record<string, number> } | null>(null);


	issues = $derived([...this.fileIssues, ...(this.result?.issues ?? [])]);
	shownIssues = $derived(this.issues.slice(0, SHOW_ISSUES));
	errors = $derived(this.fileIssues.length + (this.result?.stats.errors ?? 0));
	hiddenIssues = $derived(this.fileIssues.length + (this.result ? this.result.stats.errors + this.result.stats.warnings : 0) - this.shownIssues.length);
	/** Unusual values that still wait for the user's confirmation. */
	unusual = $derived(this.result?.stats.unusual ?? 0);
	canCommit = $derived(this.errors === 0 && this.busy === null && this.staged !== null && (this.unusual === 0 || this.unusualConfirmed));

	/** The chosen file (a handle: every run re-reads it in chunks, nothing is held in memory). */
	private file: File | null = null;
	private controller: AbortController | null = null;
	/** The current run (a new one waits for the previous one to clean up its staging table). */
	private running: Promise<void> = Promise.resolve();

	constructor(table?: TableName) {
		if (table) this.table = table;
	}

	private reset(): void {
		this.source = null;
		this.suggestion = null;
		this.fits = [];
		this.result = null;
		this.fileIssues = [];
		this.mapping = {};
		this.unusualConfirmed = false;
	}

	private forgetStaged(): void {
		if (this.staged) void dropStaged(getDb(), this.staged).catch(() => {});
		this.staged = null;
	}

	/** A file was chosen or dropped. */
	choose(f: File): void {
		this.file = f;
		this.reset();
		this.message = null;
		this.matrixMode = null;
		this.sheet = undefined;
		this.headerRow = undefined;
		this.start({});
	}

	/** The user picked a worksheet (XLSX): read it from its own header row. */
	chooseSheet(name: string): void {
		this.sheet = name || undefined;
		this.headerRow = undefined;
		this.mapping = {};
		this.start({});
	}

	/** The user named the header row (0 or empty: found automatically). */
	chooseHeaderRow(row: number): void {
		this.headerRow = Number.isInteger(row) && row > 0 ? row : undefined;
		this.mapping = {};
		this.start({});
	}

	/** Read the chosen file for another table (one its columns fit). */
	useTable(t: TableName): void {
		this.table = t;
		this.mapping = {};
		this.changeTable();
	}

	/** The target table changed: re-read the file for it, or forget what was there. */
	changeTable(): void {
		if (this.file && this.source) this.start({});
		else {
			this.forgetStaged();
			this.reset();
		}
	}

	/** The user mapped a column (or unmapped it: ''). */
	mapColumn(column: string, header: string): void {
		const next = { ...this.mapping, [column]: header };
		this.mapping = next;
		this.start(next);
	}

	chooseMode(m: MatrixMode): void {
		this.matrixMode = m;
		this.start(this.mapping);
	}

	/** Stream the file through the import worker with `userMapping`. */
	start(userMapping: ColumnMapping): void {
		if (!this.file) return;
		this.controller?.abort();
		this.forgetStaged();
		const ac = new AbortController();
		this.controller = ac;
		const f = this.file;
		const tbl = this.table;
		const prev = this.running;
		this.busy = this.source ? 'validating' : 'reading';
		this.progress = 0;
		this.rowsRead = 0;
		this.result = null;
		this.fileIssues = [];
		this.unusualConfirmed = false;
		this.readPath = null;
		const sheet = this.sheet;
		const headerRow = this.headerRow;
		const started = performance.now();
		this.running = (async () => {
			await prev;
			if (ac.signal.aborted) return;
			try {
				const db = await startApp();
				const out = await runStreamingImport(db, {
					table: tbl,
					file: f,
					mapping: $state.snapshot(userMapping),
					sheet,
					headerRow,
					matrixMode: tbl === 'travel_times' ? this.matrixMode : null,
					signal: ac.signal,
					onFastPath: (o) => {
						if (this.controller === ac) this.readPath = o.ok ? { fast: true, ms: o.ms } : { fast: false, reason: o.reason, ms: o.ms };
					},
					onOpen: (src, m) => {
						this.source = src;
						// Keep the user's explicit "no column" choices ('' = unmapped), or an alias would map them again.
						const merged = { ...m, ...Object.fromEntries(Object.entries(userMapping).filter(([, h]) => h === '')) };
						this.mapping = merged;
						const sug = (this.suggestion = suggestMapping(tbl, src.headers, merged));
						this.fits = sug.missing.length || sug.missingLocation ? tablesFitting(src.headers, tbl) : [];
						this.busy = 'validating';
					},
					onProgress: (fraction, rows) => {
						this.progress = fraction;
						this.rowsRead = rows;
					}
				});
				if (out.kind === 'needs-mode') {
					// Waits for the mode choice (the control shows; nothing was read or staged).
				} else if (out.kind === 'cancelled') {
					if (this.controller === ac) this.message = { kind: 'info', text: t('data.cancelled') };
				} else if (out.kind === 'file-error') this.fileIssues = out.issues;
				else if (this.controller === ac) {
					this.result = out.result;
					this.staged = out.staged;
					// The whole read as the page saw it (file chosen → rows staged), beside the fast path's own steps.
					if (this.readPath) this.readPath = { ...this.readPath, ms: { ...this.readPath.ms, total: Math.round(performance.now() - started) } };
				} else if (out.staged) void dropStaged(db, out.staged);
			} catch (e) {
				this.message = { kind: 'error', text: t('data.failed', { message: errorText(e) }) };
			} finally {
				if (this.controller === ac) {
					this.busy = null;
					this.controller = null;
				}
			}
		})();
	}

	/** Validate the chosen file again (e.g. an address directory was loaded: rows geocode differently). */
	revalidate(): void {
		if (this.file && this.source) this.start(this.mapping);
	}

	cancel(): void {
		this.controller?.abort();
		this.busy = null;
		this.controller = null;
		this.message = { kind: 'info', text: t('data.cancelled') };
	}

	/** Swap the staged rows into the table and keep them for the next visit. */
	async commit(): Promise<void> {
		if (!this.result || !this.staged || !this.canCommit) return;
		const s = this.staged;
		this.staged = null;
		try {
			const db = getDb();
			const t0 = performance.now();
			const n = await commitStaged(db, s);
			const t1 = performance.now();
			userTableChanged(s.table);
			this.commitMs = { swap: Math.round(t1 - t0), keep: null };
			// Keeping it for the next visit follows in the background (a million rows take a second): the table
			// is in use already. Rows DuckDB read itself (the fast path) are written out as DuckDB holds them.
			this.keeping = 'saving';
			void (async () => {
				const keep = s.ipc ?? (db.ipc ? [await db.ipc(`SELECT * FROM ${ident(s.table)}`)] : await db.arrow(`SELECT * FROM ${ident(s.table)}`));
				const ok = await keepUserTable(s.table, keep, putInWorker);
				this.keeping = ok ? 'kept' : 'failed';
				this.commitMs = { swap: Math.round(t1 - t0), keep: Math.round(performance.now() - t1) };
			})().catch(() => (this.keeping = 'failed'));
			travelTimesAfterDataChange(s.table);
			this.message = { kind: 'ok', text: t('data.committed', { n, table: tr(tables[s.table].label) }) };
			this.file = null;
			this.reset();
		} catch (e) {
			this.message = { kind: 'error', text: t('data.failed', { message: errorText(e) }) };
		}
	}

	/** Forget every stored table and scenario (after the user confirmed). */
	async clearAll(): Promise<void> {
		await clearAllData();
		await forgetAddressDirectory().catch(() => {});
		this.cleared++;
		this.message = { kind: 'ok', text: t('data.cleared') };
		await loadDefaultNetworks(); // the user's cut networks were deleted with everything else
		travelTimesAfterDataChange('all');
	}

	async restoreDefault(): Promise<void> {
		await restoreDefault();
		travelTimesAfterDataChange('all');
	}

	/** Leaving the page: stop the run, drop staged rows. */
	destroy(): void {
		this.controller?.abort();
		this.forgetStaged();
	}
}
