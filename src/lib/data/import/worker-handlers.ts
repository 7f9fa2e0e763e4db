/**
 * The importer as RPC handlers (util/rpc.ts `serve`), so parse + validate run in a Web Worker and the
 * page stays responsive. Kept apart from the worker entry (../import-worker.ts) so Node tests can serve
 * them on a MessageChannel.
 */
import { tableToIPC } from 'apache-arrow';
import { buildGeoRefs, type GeoRefs } from '../geocode.ts';
import type { TableName } from '../schema.ts';
import type { HandlerContext } from '../../util/rpc.ts';
import { importFile } from './import-file.ts';
import type { ColumnMapping } from './mapping.ts';
import type { ImportIssue } from './types.ts';
import type { ValidationResult } from './validate.ts';

/** Payload of `importFile`: the file's bytes (transfer them) and the usual importFile options. */
export interface WorkerImportRequest {
	table: TableName;
	fileName: string;
	bytes: Uint8Array;
	mapping?: ColumnMapping;
	sheet?: string;
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

/** Build the handlers; reference data (PLZ, centroids, municipality polygons) is set once with `setRefs`. */
export function importHandlers(initialRefs: GeoRefs = {}) {
	let refs = initialRefs;
	return {
		setRefs(src: Parameters<typeof buildGeoRefs>[0]): boolean {
			refs = buildGeoRefs(src);
			return true;
		},
		async importFile(p: WorkerImportRequest, ctx: HandlerContext): Promise<WorkerImportResponse> {
			const r = await importFile(p.table, { fileName: p.fileName, bytes: p.bytes }, {
				refs,
				mapping: p.mapping,
				sheet: p.sheet,
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
