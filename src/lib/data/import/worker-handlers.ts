/**
 * The importer as RPC handlers (util/rpc.ts `serve`), so parse + validate run in a Web Worker and the
 * page stays responsive. Kept apart from the worker entry (../import-worker.ts) so Node tests can serve
 * them on a MessageChannel.
 */
import { tableToIPC } from 'apache-arrow';
import { buildGeoRefs, zoneGrid, type GeoRefs } from '../geocode.ts';
import type { TableName } from '../schema.ts';
import type { HandlerContext } from '../../util/rpc.ts';
import type { BlobLike } from './csv-stream.ts';
import { importFile } from './import-file.ts';
import { fileError, fileIssue, ImportCancelled, ImportFileError, MSG_CANCELLED } from './issues.ts';
import type { ColumnMapping } from './mapping.ts';
import { ImportSession, type MatrixInfo } from './stream.ts';
import { FastSide, type FastPrep } from './fast/side.ts';
import type { MatrixMode } from '../travel-time-formats.ts';
import type { FileFormat, ImportIssue, Msg, ParsedFile } from './types.ts';
import type { ValidationResult } from './validate.ts';
import { blobSource } from '../../util/bytes.ts';
import { ZipError } from '../../util/zip.ts';
import { regionAround } from '../../reach/region.ts';
import { readAddressDirectory } from '../address/read.ts';
import { AddressIndex } from '../address/match.ts';
import { AddressDirectoryError, isAddressDirectory, type AddressDirectory, type AddressDirectoryMeta } from '../address/directory.ts';

/** Payload of `importFile`: the file's bytes (transfer them) and the usual importFile options. */
export interface WorkerImportRequest {
	table: TableName;
	fileName: string;
	bytes: Uint8Array;
	mapping?: ColumnMapping;
	sheet?: string;
	headerRow?: number;
	maxIssues?: number;
}

/** Result of `importFile`: the typed table as Arrow IPC stream bytes (null if unreadable/cancelled). */
export interface WorkerImportResponse {
	ipc: Uint8Array | null;
	issues: ImportIssue[];
	preview: ValidationResult['preview'];
	stats: ValidationResult['stats'] | null;
	mapping: ValidationResult['mapping'] | null;
	headers: string[];
	cancelled: boolean;
}

/** Payload of `open`: the File itself (structured clone passes a handle, not the bytes). */
export interface StreamOpenRequest {
	table: TableName;
	fileName: string;
	file: BlobLike;
	mapping?: ColumnMapping;
	sheet?: string;
	/** Row (XLSX) or line (CSV) of the header; default: found from the first rows. */
	headerRow?: number;
	maxIssues?: number;
	/** Rows in the preview (default 20). */
	previewRows?: number;
	chunkBytes?: number;
	/** travel_times: mode of every row when the file has none (see MatrixInfo). */
	matrixMode?: MatrixMode | null;
	/** For the fast path only (see SessionOptions.fastOpen). */
	fastOpen?: boolean;
}

/** Result of `open`: the file's shape, or the file-level issue that makes it unusable. */
export type StreamOpenResponse =
	| { ok: true; session: number; headers: string[]; format: FileFormat; info: ParsedFile['info']; mapping: ColumnMapping; matrix: MatrixInfo | null }
	| { ok: false; issues: ImportIssue[]; cancelled: boolean };

/** Result of `next`: one batch as Arrow IPC (transferred), or the summary after the last batch. */
export type StreamNextResponse =
	| { done: false; ipc: Uint8Array; rows: number; total: number; fraction: number; errors: number }
	| {
			done: true;
			/** False when the file turned out unusable midway (issues then hold the file-level error). */
			ok: boolean;
			issues: ImportIssue[];
			preview: ValidationResult['preview'];
			stats: ValidationResult['stats'] | null;
			mapping: ColumnMapping | null;
			/** travel_times without a mode column: format, mode, dropped pairs and notes (else null). */
			matrix?: MatrixInfo | null;
	  };

/** Where the worker keeps the cut address directory and the page's large values across reloads (IndexedDB in the app; none in Node tests). */
export interface AddressStore {
	get(key: string): Promise<unknown>;
	put(key: string, value: unknown): Promise<unknown>;
	del(key: string): Promise<unknown>;
}

/** Store keys of the cut directory (typed columns) and its small summary. */
export const ADDRESS_KEYS = { directory: 'addresses:directory', meta: 'addresses:meta' } as const;

/** Payload of `loadAddresses`: the directory file (a handle) and the study region to cut it to. */
export interface AddressLoadRequest {
	file: BlobLike;
	name?: string;
	/** Points of the study region (zones, offices, sites); empty = keep the whole directory. */
	points: { lon: number; lat: number }[];
	bufferKm: number;
}

/** What the page shows about the loaded directory. */
export interface AddressSummary {
	meta: AddressDirectoryMeta;
	streets: number;
	entrances: number;
	/** Kept in the browser (IndexedDB) for the next visit. */
	cached: boolean;
}

export type AddressLoadResponse = { ok: true; summary: AddressSummary } | { ok: false; message: Msg };

function asIssue(fileName: string, e: unknown): { issues: ImportIssue[]; cancelled: boolean } {
	if (e instanceof ImportCancelled) return { issues: [fileError(fileName, 'cancelled', MSG_CANCELLED)], cancelled: true };
	if (e instanceof ImportFileError) return { issues: [fileIssue(fileName, e)], cancelled: false };
	const m = (e as Error)?.message ?? String(e);
	return { issues: [fileError(fileName, 'unreadable', { de: `Die Datei konnte nicht gelesen werden: ${m}`, en: `The file could not be read: ${m}` })], cancelled: false };
}

/** Build the handlers; reference data (PLZ, centroids, municipality polygons) is set once with `setRefs`. */
export function importHandlers(initialRefs: GeoRefs = {}, opts: { store?: AddressStore } = {}) {
	let refs = initialRefs;
	let addressSummary: AddressSummary | null = null;
	const useDirectory = (dir: AddressDirectory, cached: boolean): AddressSummary => {
		refs = { ...refs, addresses: new AddressIndex(dir) };
		addressSummary = { meta: dir.meta, streets: dir.streetLabel.length, entrances: dir.entLon.length, cached };
		return addressSummary;
	};
	let nextId = 1;
	const sessions = new Map<number, ImportSession>();
	/** The fast path's JS half of each session (import/fast/side.ts), created on first use. */
	const fast = new Map<number, FastSide>();
	const side = (id: number): FastSide => {
		let f = fast.get(id);
		if (!f) {
			const s = sessions.get(id);
			if (!s) throw new Error(`no import session ${id}`);
			f = new FastSide(s, blobSource(files.get(id)!), { keepBytes: true });
			fast.set(id, f);
		}
		return f;
	};
	const files = new Map<number, BlobLike>();
	return {
		/**
		 * Streaming import, step 1: open a file (headers, format, mapping). Then call `next` until
		 * `done`, sending each batch to DuckDB; `close` forgets a session early (cancel, new file).
		 */
		async open(p: StreamOpenRequest, ctx: HandlerContext): Promise<StreamOpenResponse> {
			try {
				const s = await ImportSession.open(p.table, { fileName: p.fileName, blob: p.file }, {
					refs,
					mapping: p.mapping,
					sheet: p.sheet,
					headerRow: p.headerRow,
					maxIssues: p.maxIssues,
					previewRows: p.previewRows,
					fastOpen: p.fastOpen,
					chunkBytes: p.chunkBytes,
					signal: ctx.signal,
					matrixMode: p.matrixMode
				});
				const session = nextId++;
				sessions.set(session, s);
				files.set(session, p.file);
				return { ok: true, session, headers: s.headers, format: s.format, info: s.info, mapping: s.mapping, matrix: s.matrix };
			} catch (e) {
				return { ok: false, ...asIssue(p.fileName, e) };
			}
		},
		async next(p: { session: number }, ctx: HandlerContext): Promise<StreamNextResponse> {
			const s = sessions.get(p.session);
			if (!s) throw new Error(`no import session ${p.session}`);
			try {
				const c = await s.next(ctx.signal, (f, rows) => ctx.progress(f, String(rows)));
				if (c) {
					// With errors the rows will not be committed: skip the encoding, only the checks go on.
					const ipc = s.errorCount === 0 ? tableToIPC(c.batch, 'stream') : new Uint8Array(0);
					ctx.transfer(ipc.buffer);
					return { done: false, ipc, rows: c.rows, total: s.rowCount, fraction: c.fraction, errors: s.errorCount };
				}
				sessions.delete(p.session);
				fast.delete(p.session);
				files.delete(p.session);
				const r = s.finish();
				return { done: true, ok: true, issues: r.issues, preview: r.preview, stats: r.stats, mapping: r.mapping, matrix: s.matrix };
			} catch (e) {
				sessions.delete(p.session);
				if (e instanceof ImportCancelled) throw e;
				return { done: true, ok: false, issues: asIssue(s.fileName, e).issues, preview: [], stats: null, mapping: null };
			}
		},
		close(p: { session: number }): boolean {
			fast.delete(p.session);
			files.delete(p.session);
			return sessions.delete(p.session);
		},
		// ---- the fast path's JS half (import/fast/run.ts drives it from the page, next to DuckDB)
		fastPlan(p: { session: number }) {
			return side(p.session).plan();
		},
		async fastSlice(p: { session: number; prep: FastPrep }, ctx: HandlerContext) {
			const r = await side(p.session).slice(p.prep, ctx.signal, (f) => ctx.progress(f));
			const l = r?.located;
			if (l && l !== 'none') for (const a of [l.lon, l.lat, l.zone, l.q]) if (a && typeof a !== 'number') ctx.transfer(a.buffer as ArrayBuffer);
			if (r?.bytes) ctx.transfer(r.bytes.buffer as ArrayBuffer);
			return r;
		},
		fastFinish(p: { session: number; preview: ValidationResult['preview'] }) {
			const r = side(p.session).finish(p.preview);
			fast.delete(p.session);
			files.delete(p.session);
			sessions.delete(p.session);
			return r;
		},
		setRefs(src: Parameters<typeof buildGeoRefs>[0]): boolean {
			refs = { ...buildGeoRefs(src), addresses: refs.addresses };
			// The worker starts with the data page: the zones' grid is ready before the first file, not in it.
			if (refs.zones) zoneGrid(refs.zones);
			return true;
		},
		/**
		 * Read the building address directory (zip or CSV), cut it to the study region, use it for every
		 * later import and keep the cut columns in the store. File-level problems come back as a message.
		 */
		async loadAddresses(p: AddressLoadRequest, ctx: HandlerContext): Promise<AddressLoadResponse> {
			let dir: AddressDirectory;
			try {
				const region = p.points.length ? regionAround(p.points, p.bufferKm) : null;
				dir = await readAddressDirectory(blobSource(p.file), {
					region,
					name: p.name,
					signal: ctx.signal,
					onProgress: (f, read, kept) => ctx.progress(f, `${read} ${kept}`)
				});
			} catch (e) {
				if (ctx.signal.aborted) throw e;
				if (e instanceof AddressDirectoryError || e instanceof ZipError) return { ok: false, message: e.msg };
				const m = (e as Error)?.message ?? String(e);
				return { ok: false, message: { de: `Das Adressverzeichnis konnte nicht gelesen werden: ${m}`, en: `The address directory could not be read: ${m}` } };
			}
			let cached = false;
			if (opts.store) {
				try {
					await opts.store.put(ADDRESS_KEYS.directory, dir);
					await opts.store.put(ADDRESS_KEYS.meta, { meta: dir.meta, streets: dir.streetLabel.length, entrances: dir.entLon.length });
					cached = true;
				} catch {
					/* no IndexedDB (private mode) or quota: the directory still serves this visit */
				}
			}
			return { ok: true, summary: useDirectory(dir, cached) };
		},
		/** Take the directory kept by an earlier visit back into use; null when there is none. */
		async restoreAddresses(): Promise<AddressSummary | null> {
			if (addressSummary) return addressSummary;
			if (!opts.store) return null;
			try {
				const dir = await opts.store.get(ADDRESS_KEYS.directory);
				return isAddressDirectory(dir) ? useDirectory(dir, true) : null;
			} catch {
				return null;
			}
		},
		addressStatus(): AddressSummary | null {
			return addressSummary;
		},
		/** Stop using the directory and delete the kept copy. */
		async forgetAddresses(): Promise<boolean> {
			refs = { ...refs, addresses: undefined };
			addressSummary = null;
			if (opts.store) {
				await opts.store.del(ADDRESS_KEYS.directory).catch(() => {});
				await opts.store.del(ADDRESS_KEYS.meta).catch(() => {});
			}
			return true;
		},
		/**
		 * Keep a value in the store from here: IndexedDB serialises a value on the thread that puts it, and
		 * a 1 M-row table put by the page held its main thread ~0.1 s. False without a store.
		 */
		async keep(p: { key: string; value: unknown }): Promise<boolean> {
			if (!opts.store) return false;
			await opts.store.put(p.key, p.value);
			return true;
		},
		async importFile(p: WorkerImportRequest, ctx: HandlerContext): Promise<WorkerImportResponse> {
			const r = await importFile(p.table, { fileName: p.fileName, bytes: p.bytes }, {
				refs,
				mapping: p.mapping,
				sheet: p.sheet,
				headerRow: p.headerRow,
				maxIssues: p.maxIssues,
				signal: ctx.signal,
				onProgress: (f) => ctx.progress(f)
			});
			return {
				ipc: r.result ? tableToIPC(r.result.arrow, 'stream') : null,
				issues: r.issues,
				preview: r.result?.preview ?? [],
				stats: r.result?.stats ?? null,
				mapping: r.result?.mapping ?? null,
				headers: r.parsed?.headers ?? [],
				cancelled: r.cancelled
			};
		}
	};
}

/** The import worker's API, for a typed `client<ImportHandlers>(worker)`. */
export type ImportHandlers = ReturnType<typeof importHandlers>;
