/**
 * Import several files at once, one per table, chosen by file name (staff.csv, offices.xlsx,
 * customers.parquet, sites.geojson, zones.csv, travel_times.csv). All files are validated first;
 * only if none has an error are they committed (all or nothing), each table atomically.
 */
import type { Db } from '../db/connector.ts';
import type { GeoRefs } from '../geocode.ts';
import { tableNames, type TableName } from '../schema.ts';
import { commitImport } from './commit.ts';
import { importFile } from './import-file.ts';
import { formatOf } from './parse.ts';
import type { FileInput, ImportIssue, ProgressOptions } from './types.ts';
import type { ValidationResult } from './validate.ts';

/** The table a file name stands for (`staff.csv` -> staff), or null (also for a format no reader takes). */
export function tableForFile(fileName: string): TableName | null {
	return formatOf(fileName) ? tableForStem(fileName) : null;
}

/** Spreadsheet formats no reader takes: named for a table, such a file is an error, not an ignored extra. */
const SPREADSHEET_ELSE = /\.(xls|xlsb|ods|fods|numbers)$/i;

/** The table the name before the extension stands for, whatever the format. */
function tableForStem(fileName: string): TableName | null {
	const base = fileName.split(/[\\/]/).pop()!.toLowerCase();
	const stem = base.includes('.') ? base.slice(0, base.lastIndexOf('.')) : base;
	// "staff.csv" or "staff_2026.xlsx" / "staff-lu.csv": the table name, optionally followed by a suffix.
	return (tableNames as TableName[]).find((t) => stem === t || stem.startsWith(t + '_') || stem.startsWith(t + '-')) ?? null;
}

export interface FolderResult {
	/** Validated tables (in the order of the files). */
	tables: { table: TableName; file: string; rows: number; result: ValidationResult | null }[];
	issues: ImportIssue[];
	errors: number;
	/** True if everything was written to the database. */
	committed: boolean;
	cancelled: boolean;
}

/**
 * Validate all `files` and, without errors, load them. `commit: false` only validates (CLI validate).
 */
export async function loadDataFolder(
	db: Db | null,
	files: FileInput[],
	opts: ProgressOptions & { refs?: GeoRefs; commit?: boolean; lang?: 'de' | 'en'; sheet?: string; headerRow?: number } = {}
): Promise<FolderResult> {
	const out: FolderResult = { tables: [], issues: [], errors: 0, committed: false, cancelled: false };
	const seen = new Map<TableName, string>();
	for (const f of files) {
		const table = tableForFile(f.fileName);
		const meant = table || !SPREADSHEET_ELSE.test(f.fileName) ? null : tableForStem(f.fileName);
		if (meant) {
			// A spreadsheet named for a table in a format no reader takes (staff.xls, offices.ods): the load would miss it.
			out.issues.push({
				severity: 'error',
				file: f.fileName,
				row: null,
				column: null,
				code: 'unsupported_format',
				message: {
					de: `Dateiformat nicht unterstützt (für die Tabelle ${meant}): bitte als CSV, XLSX, Parquet oder GeoJSON speichern.`,
					en: `Unsupported file format (for the table ${meant}): please save it as CSV, XLSX, Parquet or GeoJSON.`
				}
			});
			continue;
		}
		if (!table) {
			out.issues.push({
				severity: 'warning',
				file: f.fileName,
				row: null,
				column: null,
				code: 'unknown_file',
				message: {
					de: `Datei ignoriert: der Name passt zu keiner Tabelle (${tableNames.join(', ')}) oder das Format ist nicht unterstützt.`,
					en: `File ignored: its name matches no table (${tableNames.join(', ')}) or the format is not supported.`
				}
			});
			continue;
		}
		if (seen.has(table)) {
			out.issues.push({
				severity: 'error',
				file: f.fileName,
				row: null,
				column: null,
				code: 'duplicate_table',
				message: { de: `Tabelle ${table} kommt doppelt vor (auch ${seen.get(table)}).`, en: `Table ${table} given twice (also ${seen.get(table)}).` }
			});
			continue;
		}
		seen.set(table, f.fileName);
	}
	const chosen = files.filter((f) => tableForFile(f.fileName) && seen.get(tableForFile(f.fileName)!) === f.fileName);
	// Nothing to load is not a success (a single "Mitarbeitende.csv" gave exit 0 and an empty list).
	if (!chosen.length)
		out.issues.push({
			severity: 'error',
			file: files.map((f) => f.fileName).join(', ') || '–',
			row: null,
			column: null,
			code: 'no_table_file',
			message: {
				de: `Keine Datei passt zu einer Tabelle: nichts geladen. Dateien nach ihrer Tabelle benennen (${tableNames.map((t) => `${t}.csv`).join(', ')}; auch .xlsx, .parquet, .geojson).`,
				en: `No file matches a table: nothing loaded. Name the files after their table (${tableNames.map((t) => `${t}.csv`).join(', ')}; also .xlsx, .parquet, .geojson).`
			}
		});
	for (let k = 0; k < chosen.length; k++) {
		const f = chosen[k];
		const table = tableForFile(f.fileName)!;
		const r = await importFile(table, f, {
			refs: opts.refs,
			sheet: opts.sheet,
			headerRow: opts.headerRow,
			signal: opts.signal,
			onProgress: (x) => opts.onProgress?.((k + x) / chosen.length)
		});
		if (r.cancelled) {
			out.cancelled = true;
			out.issues.push(...r.issues);
			break;
		}
		out.tables.push({ table, file: f.fileName, rows: r.result?.stats.rows ?? 0, result: r.result });
		out.issues.push(...r.issues);
	}
	out.errors = out.issues.filter((i) => i.severity === 'error').length;
	if (db && opts.commit !== false && !out.cancelled && out.errors === 0) {
		for (const t of out.tables) await commitImport(db, t.table, t.result!);
		out.committed = true;
	}
	return out;
}
