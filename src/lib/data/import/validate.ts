/**
 * Validation and typing against schema.ts: one pass over the parsed rows that types every cell,
 * checks required values, ranges, allowed values and duplicate keys, locates rows (lon/lat, LV95
 * or LV03 in any pair of columns, PLZ, BFS number) and builds the Arrow table with exactly the
 * schema's columns. Every problem becomes an issue with the user's row number and header name.
 */
import { Table } from 'apache-arrow';
import { tableFromColumns, type CellValue } from '../arrow.ts';
import { classifyPair, inSwissBox, toWgs84, SYSTEM_LABEL, type CoordSystem } from '../coords.ts';
import { currentBfs, distanceToPostcodeM, distanceToZoneM, geocodePlz, inSwitzerland, municipalityCentroid, NEAR_ZONE_M, zoneAt, zoneAtOrNear, type GeoRefs } from '../geocode.ts';
import { municipalityByName } from '../place-names.ts';
import { BOM_AS_TEXT, normaliseHeader, tables, type ColumnDef, type GeocodeQuality, type TableDef, type TableName } from '../schema.ts';
import { parseQuery, type AddressQuery } from '../address/match.ts';
import { hitText, missText, queryText } from '../address/messages.ts';
import { IssueList, ImportCancelled, ImportFileError } from './issues.ts';
import { CSV_LIMITS } from '../../util/csv.ts';
import { hasLocation, importColumns, PLACING_COLUMNS, perMonthHeader, suggestMapping, tablesFitting, type ColumnMapping } from './mapping.ts';
import { ColumnSums, firstFilled, sumRowColumns, sumRowLabel, unlabelledSumCandidate, type SumRowColumns } from './total-row.ts';
import { MAX_VALUE_CHARS, type ImportIssue, type Msg, type ParsedFile, type ProgressOptions, type RawCell, type ReadInfo, type ReaderNote } from './types.ts';
import { parseDate, show } from './values.ts';
import { allowedValue, valueList } from './allowed-values.ts';
import { readCoordinatePair } from './coordinate-text.ts';
import { hasFormatChars, withoutFormatChars } from '../../util/invisible.ts';
import { doubleEncodedThrough, undoDoubleEncoding, type DoubleEncodedThrough } from '../../util/double-encoding.ts';
import { ambiguousSeparator, decideStyle, fileStyle, type NumberStyle } from './numbers.ts';
import { identifierKey, identifierKind, maskIdentifier, Pseudonymiser } from './identifiers.ts';
import { isFteFraction, isNowWord, isProblem, numberInput, percentText, problemMessage, rangeIssue, readsAsPercent, typeCell, type WrittenAs } from './typing.ts';

export interface ValidateOptions extends ProgressOptions {
	/** Cap per severity (default 200); the rest is counted. */
	maxIssues?: number;
	/** Rows in the preview (default 20). */
	previewRows?: number;
}

export interface ValidationResult {
	table: TableName;
	/** Typed data with exactly the schema columns (null where a cell was invalid). */
	arrow: Table;
	issues: ImportIssue[];
	/** First rows as plain objects (schema column -> value). */
	preview: Record<string, CellValue>[];
	stats: {
		rows: number;
		errors: number;
		warnings: number;
		coordSystem: CoordSystem | null;
		geocoded: { plz: number; bfs: number };
		/** Point tables: rows per geocode_quality (address, street, postcode, …). */
		quality: Partial<Record<GeocodeQuality, number>>;
		/** Values beyond what is usual (warnings the user confirms before loading: schema.ts warnMin/warnMax). */
		unusual: number;
	};
	mapping: ColumnMapping;
}

/** For a point in one cell, WGS84's two orders are both plain: named by what comes first. */
const CELL_LABEL: Partial<Record<CoordSystem, Msg>> = {
	wgs84: { de: 'WGS84 (Länge zuerst)', en: 'WGS84 (longitude first)' },
	wgs84_swapped: { de: 'WGS84 (Breite zuerst)', en: 'WGS84 (latitude first)' }
};

const yieldNow = () => new Promise<void>((r) => setTimeout(r, 0));

/** Rows typed per step of validateAndType (between steps it yields and checks the abort signal). */
const SLICE_ROWS = 32_768;

/**
 * Rows whose values decide each number column's decimal separator ("1,500": see numbers.ts). The same
 * first rows in every reader and at every chunk size, so a file gives the same messages however it is read.
 */
export const SAMPLE_ROWS = 100_000;

/** Stages of the issue list (IssueList.order), in the order the user reads them. */
const STAGE = { file: 0, width: 1, type: 2, duplicate: 3, location: 4 } as const;

/**
 * Validate and type a parsed file for `table`. `mapping` overrides the automatic column mapping
 * (schema column -> header). `refs` provides PLZ/BFS geocoding and zone lookup.
 * The whole-file form of TableValidator: the rows are typed in slices, the batches joined in one table.
 */
export async function validateAndType(
	table: TableName,
	parsed: ParsedFile,
	mapping: ColumnMapping = {},
	refs: GeoRefs = {},
	opts: ValidateOptions = {}
): Promise<ValidationResult> {
	const v = new TableValidator(table, parsed.headers, parsed.fileName, mapping, refs, { ...opts, notes: parsed.info.notes, otherSheets: otherSheets(parsed.info), delimiter: parsed.info.delimiter });
	const n = parsed.rows.length;
	v.sample(parsed.rows.slice(0, SAMPLE_ROWS));
	const batches: Table[] = [];
	for (let s = 0; s < n; s += SLICE_ROWS) {
		if (opts.signal?.aborted) throw new ImportCancelled();
		opts.onProgress?.(s / n);
		batches.push(v.push(parsed.rows.slice(s, s + SLICE_ROWS), parsed.rowNumbers.slice(s, s + SLICE_ROWS)));
		if (s + SLICE_ROWS < n) await yieldNow();
	}
	if (opts.signal?.aborted) throw new ImportCancelled();
	const summary = v.finish();
	opts.onProgress?.(1);
	const arrow = batches.length === 0 ? v.emptyTable() : batches.length === 1 ? batches[0] : new Table(batches.flatMap((b) => b.batches));
	return { ...summary, arrow };
}

/** The 1-based position of a row's last filled cell. */
function lastFilled(row: readonly RawCell[]): number {
	let k = row.length;
	while (k > 0 && (row[k - 1] === null || row[k - 1] === '')) k--;
	return k;
}

/** The worksheets of a workbook other than the one read (none for other formats). */
export function otherSheets(info: ReadInfo): string[] {
	return (info.sheets ?? []).filter((s) => s.name !== info.sheet).map((s) => s.name);
}

/** Headers of persons' names (normalised): never read, named when the id column is missing. */
const PERSON_NAME_HEADERS = new Set(['name', 'vorname', 'nachname', 'familienname', 'name_vorname', 'vorname_name', 'first_name', 'firstname', 'last_name', 'lastname', 'surname', 'full_name', 'prenom', 'nom', 'nom_prenom', 'mitarbeiter', 'mitarbeiterin', 'mitarbeitende', 'employee']);

/** What the headers tell about a missing column, to add to its message (empty when nothing). */
function missingColumnHint(c: ColumnDef, headers: readonly string[]): Msg {
	// A list of persons by name («Name», «Vorname») has no id column: names are not read (data protection).
	const names = headers.filter((h) => PERSON_NAME_HEADERS.has(normaliseHeader(h)));
	if (c.pseudonymous && names.length)
		return {
			de: ` Namen (${names.join(', ')}) werden nicht gelesen und nicht gebraucht (Datenschutz): eine Spalte mit Personalnummern oder einer laufenden Nummer ergänzen und die Namen besser ganz weglassen.`,
			en: ` Names (${names.join(', ')}) are neither read nor needed (data protection): add a column of staff numbers or a running number, and better leave the names out altogether.`
		};
	// Values as columns, side by side (a pivot table: «Versicherte», «Arbeitgebende» as headers).
	const asColumns = c.values ? headers.filter((h) => allowedValue(c, h) !== undefined) : [];
	if (asColumns.length >= 2)
		return {
			de: ` Die Spalten ${asColumns.join(', ')} sind Werte von «${c.name}» nebeneinander (wie in einer Pivot-Tabelle): gebraucht wird eine Zeile pro Wert, der Wert in der Spalte «${c.name}» (in Excel: Daten › Aus Tabelle/Bereich › Spalten entpivotieren).`,
			en: ` The columns ${asColumns.join(', ')} are values of "${c.name}" side by side (as in a pivot table): one row per value is needed, the value in the column "${c.name}" (in Excel: Data › From Table/Range › Unpivot Columns).`
		};
	return { de: '', en: '' };
}

/** How far (m) a point may lie outside the municipality its row names (zone_id, or a postcode's municipalities) before a warning (checkZoneAgainstPoint, checkPlzAgainstPoint). */
const MAX_ZONE_GAP_M = 500;

/** Metres as kilometres with one decimal, for a message. */
const km = (m: number, locale: string) => (m / 1000).toLocaleString(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

/** A postcode and a locality in one cell («6003 Luzern», «CH-6280 Hochdorf»): [, postcode, locality]. */
/** The date systems write for «no end» (SAP, many HR and lease registers). */
const OPEN_END = '9999-12-31';
const POSTCODE_FIRST = /^\s*(?:ch\s?-\s?)?([1-9]\d{3})\s+(\D.*?)\s*$/i;
/** A postcode with the country before it: «CH-6003», «CH 6003». */
const SWISS_POSTCODE = /^\s*ch\s?-?\s?([1-9]\d{3})\s*$/i;

/** Count one more row for a column-wide warning: the first row (and what it showed) is kept, later ones counted. */
function tally<T extends object>(seen: Map<string, { rows: number; first: number } & T>, column: string, row: number, first: T): void {
	const t = seen.get(column);
	if (t) t.rows++;
	else seen.set(column, { rows: 1, first: row, ...first });
}

/** «3 Zeilen, erste in Zeile 7»: how many rows a column-wide warning concerns, and the first. */
function rowsAndFirst(x: { rows: number; first: number }): { de: string; en: string } {
	if (x.rows === 1) return { de: `Zeile ${x.first}`, en: `row ${x.first}` };
	return { de: `${x.rows} Zeilen, erste in Zeile ${x.first}`, en: `${x.rows} rows, first in row ${x.first}` };
}

/**
 * Validation and typing in chunks, for files that never sit in memory whole: construct it with the
 * file's headers (file-level checks run here), `push` each chunk of rows (returns the chunk's typed
 * Arrow table; issues and duplicate keys are remembered across chunks, issues capped), then `finish`.
 */
export class TableValidator {
	readonly def: TableDef;
	readonly mapping: ColumnMapping;
	private readonly issues: IssueList;
	private readonly idx: Record<string, number> = {};
	private readonly cols: readonly ColumnDef[];
	private readonly oneColumn: boolean;
	private readonly seenKeys = new Map<string, number>();
	/** Rows by their TableDef.rowKey values: the first row number of each. */
	private readonly seenRows = new Map<string, number>();
	private readonly votes: Map<CoordSystem, number>[] = [];
	private readonly pairHeaders: { header: string; kind: 'lonlat' | 'en' | 'cell' }[] = [];
	private readonly preview: Record<string, CellValue>[] = [];
	private readonly geocoded = { plz: 0, bfs: 0 };
	private readonly quality: Partial<Record<GeocodeQuality, number>> = {};
	/** Rows with an address that were placed without the address directory (none loaded). */
	private addressesWithoutDirectory = 0;
	/** Locality text that came with the postcode in one cell ("6005 Luzern" in the plz column), per row of the chunk. */
	private plzLocality: (string | null)[] = [];
	/** locateTyped's read-only blocks: nulls for absent inputs, zeros for the row numbers it does not know. */
	private nullBlock: null[] = [];
	private zeroBlock: number[] = [];
	private noRefWarned = false;
	/** Points in no municipality: given the nearest within NEAR_ZONE_M, or none beyond (see finish). */
	private readonly zoneless = { near: 0, none: 0 };
	/** Rows of the chunk whose place was given but could not be read (a bad postcode, say): that message is enough. */
	private placeUnread = new Uint8Array(0);
	private rows = 0;
	private unusual = 0;
	/** Decimal separator of each number column (schema column -> style), decided by `sample`. */
	private styles: Record<string, NumberStyle> | null = null;
	/** Identifiers replaced in id columns (one table of pseudonyms per import). */
	private readonly pseudonyms = new Pseudonymiser();
	/** `percent` columns written in percent (schema column names), decided by `sample`. */
	private readonly inPercent = new Set<string>();
	/** Per column in percent: values without a % sign that were already a share (not divided by 100). */
	private readonly sharesInPercent = new Map<string, { rows: number; first: number; value: number }>();
	/** Columns whose values do not tell their decimal separator, read in the file's: the header of the column that told. */
	private readonly styledByFile = new Map<string, string>();
	/** Values those columns read by the file's separator («250.000» as 250'000 beside decimal commas). */
	private readonly readByFileStyle = new Map<string, { rows: number; first: number; value: string; read: number }>();
	/** Text columns whose values had invisible format characters removed (util/invisible.ts): rows, first row. */
	private readonly formatChars = new Map<string, { rows: number; first: number }>();
	/** Text columns with values that look like UTF-8 misread through a code page («ZÃ¼rich», «Z√ºrich»): rows, first row, its value, which. */
	private readonly doubleEncoded = new Map<string, { rows: number; first: number; value: string; through: DoubleEncodedThrough }>();
	/** Start dates given as «sofort» (schema nowIsEmpty): rows, first row, its value. */
	private readonly readAsNow = new Map<string, { rows: number; first: number; value: string }>();
	/** Travel-time rows whose origin zone is no municipality of the region: rows, first row, the first few zones. */
	private readonly unknownOrigins = { rows: 0, first: undefined as number | undefined, zones: new Set<number>(), more: false };
	/** End dates given as 31.12.9999, read as open-ended (empty). */
	private readonly readAsOpenEnd = new Map<string, { rows: number; first: number; value: string }>();
	/** Columns counted per year that the file gives per month (schema column names): read × 12. */
	readonly perMonth = new Set<string>();
	/** What tells a sum row («Total», «Summe») from a record (total-row.ts). */
	private sumRow!: SumRowColumns;
	/** Sums of the number columns so far, for a sum row without a label (total-row.ts ColumnSums). */
	private sums!: ColumnSums;
	/** Whether the type stage adds this chunk's rows to `sums` (else withoutSumRows did, around a sum row). */
	private sumsInType = true;

	constructor(
		readonly table: TableName,
		readonly headers: string[],
		fileName: string,
		userMapping: ColumnMapping = {},
		private readonly refs: GeoRefs = {},
		private readonly opts: { maxIssues?: number; previewRows?: number; notes?: readonly ReaderNote[]; otherSheets?: readonly string[]; delimiter?: string } = {}
	) {
		// The CSV reader stops at its column limit while reading; a GeoJSON's property names, a sheet's or a
		// Parquet schema's columns meet the same limit here (a file of 100,000 property names froze the mapping).
		if (headers.length > CSV_LIMITS.maxColumns) {
			const [n, max] = [headers.length, CSV_LIMITS.maxColumns];
			throw new ImportFileError('too_many_columns', {
				de: `Die Datei hat ${n.toLocaleString('de-CH')} Spalten, mehr als ${max.toLocaleString('de-CH')}: keine Tabellendatei für Standortwahl.`,
				en: `The file has ${n.toLocaleString('en')} columns, more than ${max.toLocaleString('en')}: not a table file for Standortwahl.`
			});
		}
		const def = (this.def = tables[table]);
		const issues = (this.issues = new IssueList(fileName, opts.maxIssues ?? 200));
		const sug = suggestMapping(table, headers, userMapping);
		const map = (this.mapping = sug.mapping);
		this.cols = importColumns(table);

		// ---- file-level checks: columns. A single header holding separators means a wrong delimiter:
		// report only that, not every column as missing.
		const oneColumn = (this.oneColumn = headers.length === 1 && /[,;\t|:]/.test(headers[0]));
		if (oneColumn)
			issues.error(null, headers[0], 'one_column', {
				de: `Nur eine Spalte erkannt («${show(headers[0])}»): Trennzeichen prüfen (erlaubt: , ; Tabulator |).`,
				en: `Only one column found ("${show(headers[0])}"): check the delimiter (allowed: , ; tab |).`
			});
		else {
			for (const col of sug.missing) {
				if (def.location === 'point' && (col === 'lon' || col === 'lat')) continue;
				const c = def.columns.find((x) => x.name === col)!;
				const hint = missingColumnHint(c, headers);
				issues.error(null, null, 'missing_column', {
					de: `Pflichtspalte «${col}» fehlt (${c.description.de}). Erkannte Namen: ${[col, ...(c.aliases ?? [])].join(', ')}. Vorhandene Spalten: ${headers.join(', ')}.${hint.de}`,
					en: `Required column "${col}" is missing (${c.description.en}). Recognised names: ${[col, ...(c.aliases ?? [])].join(', ')}. Columns found: ${headers.join(', ')}.${hint.en}`
				});
			}
			if (sug.missingLocation)
				issues.error(null, null, 'missing_location', {
					de: `Keine Ortsangabe: nötig sind lon+lat (WGS84), e+n (LV95), ein Punkt in einer Spalte (coordinates, z. B. «47.0502, 8.3093»), eine Adresse (address, oder street und house_number), plz, zone_id (BFS-Nr.) oder der Gemeindename (municipality). Vorhandene Spalten: ${headers.join(', ')}.`,
					en: `No location: needs lon+lat (WGS84), e+n (LV95), a point in one column (coordinates, e.g. "47.0502, 8.3093"), an address (address, or street and house_number), plz, zone_id (BFS number) or the municipality's name (municipality). Columns found: ${headers.join(', ')}.`
				});
			// A workbook whose first sheet is not the table (instructions first): name the other sheets.
			if ((sug.missing.length || sug.missingLocation) && opts.otherSheets?.length)
				issues.warn(null, null, 'other_sheets', {
					de: `Die Arbeitsmappe hat weitere Tabellenblätter: ${opts.otherSheets.map((n) => `«${n}»`).join(', ')}. Steht die Tabelle dort, das Blatt wählen (App: Tabellenblatt; CLI: --sheet).`,
					en: `The workbook has other worksheets: ${opts.otherSheets.map((n) => `"${n}"`).join(', ')}. If the table is there, choose that sheet (app: worksheet; CLI: --sheet).`
				});
			// Right columns, wrong table (a customer list opened as staff): name the tables they fit.
			const fits = sug.missing.length || sug.missingLocation ? tablesFitting(headers, table) : [];
			if (fits.length)
				issues.warn(null, null, 'fits_other_table', {
					de: `Die Spalten passen zur Tabelle ${fits.map((t) => `«${tables[t].label.de}» (${t})`).join(' oder ')}: diese als Zieltabelle wählen.`,
					en: `The columns fit the table ${fits.map((t) => `"${tables[t].label.en}" (${t})`).join(' or ')}: choose it as the target table.`
				});
		}
		for (const [col, h] of Object.entries(userMapping))
			if (h && !headers.includes(h))
				issues.error(null, h, 'mapping_unknown_header', {
					de: `Zuordnung ${col} ← «${h}»: diese Spalte gibt es in der Datei nicht.`,
					en: `Mapping ${col} ← "${h}": the file has no such column.`
				});
		issues.order = [STAGE.file, 2];
		if (headers.length && BOM_AS_TEXT.test(headers[0]))
			issues.warn(null, headers[0], 'bom_as_text', {
				de: `Die Kopfzeile beginnt mit «${headers[0].match(BOM_AS_TEXT)![0]}»: eine Byte-Reihenfolge-Markierung (BOM), die ein Programm als Text gelesen und wieder gespeichert hat. Übergangen; die Spalte heisst «${headers[0].replace(BOM_AS_TEXT, '')}».`,
				en: `The header row starts with "${headers[0].match(BOM_AS_TEXT)![0]}": a byte order mark (BOM) a program read as text and saved again. Passed over; the column is "${headers[0].replace(BOM_AS_TEXT, '')}".`
			});
		// What the reader decided for the user (title rows skipped, a hidden sheet passed over, a BOM ignored).
		for (const note of opts.notes ?? []) issues.warn(null, null, note.code, note.message);
		if (!oneColumn) {
			for (const h of sug.unmapped) {
				if (h === '') continue;
				// Two headers for one column («Miete 2019», «Miete 2025»): the first is read, and the user should check it is the right one.
				const rival = sug.rivals?.find((r) => r.header === h);
				if (rival)
					issues.warn(null, h, 'column_rival', {
						de: `Spalte «${h}» passt wie «${rival.taken}» zu «${rival.column}»; gelesen wird «${rival.taken}», «${h}» nicht. Ist es die falsche, in der Zuordnung «${h}» wählen (CLI: die andere Spalte umbenennen).`,
						en: `Column "${h}" fits "${rival.column}" as "${rival.taken}" does; "${rival.taken}" is read, "${h}" is not. If that is the wrong one, choose "${h}" in the mapping (CLI: rename the other column).`
					});
				else issues.warn(null, h, 'unmapped_column', { de: `Spalte «${h}» wird nicht verwendet.`, en: `Column "${h}" is not used.` });
			}
			// Columns without a name (often trailing delimiters, ";;;" after the last header): one warning, by position.
			const unnamed = headers.flatMap((h, j) => (h === '' ? [j + 1] : []));
			if (unnamed.length) {
				const one = unnamed.length === 1;
				issues.warn(null, null, 'unnamed_columns', {
					de: `${one ? 'Spalte' : 'Spalten'} ${unnamed.join(', ')} ${one ? 'hat' : 'haben'} keinen Namen und ${one ? 'wird' : 'werden'} nicht verwendet.`,
					en: `${one ? 'Column' : 'Columns'} ${unnamed.join(', ')} ${one ? 'has' : 'have'} no name and ${one ? 'is' : 'are'} not used.`
				});
			}
		}

		if (sug.shared) {
			const { column, from } = sug.shared;
			const h = map[from];
			const staff = table === 'offices' && column === 'office_id' ? { de: ' In der Liste der Mitarbeitenden den Arbeitsort gleich schreiben.', en: ' Write the office the same way in the staff list.' } : { de: '', en: '' };
			issues.warn(null, h, 'shared_column', {
				de: `Keine eigene Spalte für «${column}»: «${h}» dient als ${from === 'name' ? 'Bezeichnung und als ID' : 'ID und als Bezeichnung'}.${staff.de}`,
				en: `No column of its own for "${column}": "${h}" serves as ${from === 'name' ? 'name and id' : 'id and name'}.${staff.en}`
			});
		}
		for (const [col, h] of Object.entries(map)) this.idx[col] = headers.indexOf(h);
		// A figure counted per year, given per month in the header («Miete pro Monat»): read × 12, said once.
		for (const c of this.cols)
			if (map[c.name] !== undefined && perMonthHeader(c, map[c.name])) {
				this.perMonth.add(c.name);
				const h = map[c.name];
				issues.warn(null, h, 'per_month', {
					de: `Spalte «${h}» ist pro Monat angegeben und wird mal 12 gerechnet (${c.name}, ${c.unit}).`,
					en: `Column "${h}" is given per month and is multiplied by 12 (${c.name}, ${c.unit}).`
				});
			}
		if (map.lon && map.lat) this.pairHeaders.push({ header: map.lon, kind: 'lonlat' });
		if (map.e && map.n) this.pairHeaders.push({ header: map.e, kind: 'en' });
		if (map.coordinates) this.pairHeaders.push({ header: map.coordinates, kind: 'cell' });
		for (let k = 0; k < this.pairHeaders.length; k++) this.votes.push(new Map());
		this.sumRow = sumRowColumns(this.cols, this.idx, def.location === 'point' ? PLACING_COLUMNS : []);
		this.sums = new ColumnSums(this.sumRow.numbers.length);
	}

	/** A row's values in the number columns as written (null where empty or no number), for ColumnSums. */
	private rowNumbers(row: readonly RawCell[]): (number | null)[] {
		return this.sumRow.numberCols.map((c, k) => {
			const v = typeCell(c, row[this.sumRow.numbers[k]], this.styles![c.name] ?? null);
			return typeof v === 'number' ? v : null;
		});
	}

	private addToSums(row: readonly RawCell[]): void {
		this.rowNumbers(row).forEach((v, k) => this.sums.add(k, v));
		this.sums.count(1);
	}

	/**
	 * The sum rows among `rows` in order (total-row.ts): index, label cell (-1: none) and how many rows a sum
	 * without a label adds up. `this.sums` holds the records before `rows`; the records of `rows` are added to
	 * it only once a sum row turns up (`summed`: then all of them), so a chunk without one costs a look per row.
	 */
	private findSumRows(rows: readonly RawCell[][]): { found: { i: number; label: number; n: number }[]; summed: boolean } {
		const found: { i: number; label: number; n: number }[] = [];
		let added = 0; // rows added to the sums so far
		for (let i = 0; i < rows.length; i++) {
			const label = sumRowLabel(rows[i], this.sumRow);
			if (label < 0 && !unlabelledSumCandidate(rows[i], this.sumRow)) continue;
			for (; added < i; added++) this.addToSums(rows[added]);
			added = i + 1;
			if (label >= 0) {
				this.sums.endBlock();
				found.push({ i, label, n: 0 });
				continue;
			}
			const n = this.sums.sums(this.rowNumbers(rows[i]));
			if (n) found.push({ i, label, n });
			else this.addToSums(rows[i]); // a record with gaps: its errors follow
		}
		const summed = added > 0;
		if (summed) for (; added < rows.length; added++) this.addToSums(rows[added]);
		return { found, summed };
	}

	/**
	 * The rows without sum rows (total-row.ts: «Total», «Summe», or numbers only that add up the rows above),
	 * each skipped one warned of by row and column. Rows and row numbers are returned as given when there is
	 * none (the usual case). Around a sum row the chunk's numbers are summed here, else in the type stage.
	 */
	private withoutSumRows(rows: RawCell[][], rowNo: number[]): [RawCell[][], number[]] {
		this.sumsInType = true;
		if (this.oneColumn) return [rows, rowNo];
		const { found, summed } = this.findSumRows(rows);
		this.sumsInType = !summed;
		let keep: boolean[] | null = null;
		for (const { i, label, n } of found) {
			this.issues.order = [STAGE.width, 1];
			if (label >= 0) {
				const text = show(String(rows[i][label]).trim());
				this.issues.warn(rowNo[i], this.headers[label], 'sum_row', {
					de: `Summenzeile («${text}») nicht eingelesen: sie zählt die Zeilen darüber zusammen und ist kein eigener Eintrag.`,
					en: `Sum row ("${text}") not read: it adds up the rows above and is no record of its own.`
				});
			} else
				this.issues.warn(rowNo[i], this.headers[firstFilled(rows[i])], 'sum_row', {
					de: `Summenzeile ohne Bezeichnung nicht eingelesen: nur Zahlen, jede die Summe der ${n} Zeilen darüber.`,
					en: `Sum row without a label not read: numbers only, each the sum of the ${n} rows above.`
				});
			keep ??= new Array<boolean>(rows.length).fill(true);
			keep[i] = false;
		}
		if (!keep) return [rows, rowNo];
		const k = keep;
		return [rows.filter((_, i) => k[i]), rowNo.filter((_, i) => k[i])];
	}

	/**
	 * Decide each number column's decimal separator from the first rows of the file (at most SAMPLE_ROWS;
	 * call before the first `push`, else the first pushed rows decide).
	 */
	sample(sampled: readonly RawCell[][]): void {
		// Only records decide: not a «Total» (4'500 % is no Pensum), nor a row of numbers that is no record (a
		// sum without a label, 230 below 80, 100 and 50, whether or not it adds up).
		const rows = sampled.slice(0, SAMPLE_ROWS).filter((r) => sumRowLabel(r, this.sumRow) < 0 && !unlabelledSumCandidate(r, this.sumRow));
		const styles: Record<string, NumberStyle> = {};
		const numeric = this.cols.filter((c) => (this.idx[c.name] ?? -1) >= 0 && (c.type === 'number' || c.type === 'integer' || c.type === 'lon' || c.type === 'lat'));
		for (const c of numeric) {
			const j = this.idx[c.name];
			const cells = rows.map((r) => r[j]);
			styles[c.name] = decideStyle(cells.map((v) => numberInput(c, v)));
			if (readsAsPercent(c, cells, styles[c.name])) {
				this.inPercent.add(c.name);
				const h = this.headers[j];
				const unit = c.unit ? ` ${c.unit}` : '';
				this.issues.order = [STAGE.file, 3];
				this.issues.warn(null, h, 'read_as_percent', {
					de: `Spalte «${h}» ist in Prozent angegeben und wird durch 100 geteilt (80 → 0.8${unit}).`,
					en: `Column "${h}" is given in percent and is divided by 100 (80 → 0.8${unit}).`
				});
			}
		}
		// A column whose values do not tell reads as the file's other number columns write: «250.000» beside
		// «1.250,5» and «8,3» groups thousands. (Otherwise 1.500 is 1.5, and 1,500 is refused: numbers.ts.)
		const byFile = fileStyle(Object.values(styles));
		const teller = numeric.find((c) => byFile && styles[c.name] === byFile);
		if (byFile && teller)
			for (const c of numeric)
				if (styles[c.name] === null && c.type === 'number') {
					styles[c.name] = byFile;
					this.styledByFile.set(c.name, this.headers[this.idx[teller.name]]);
				}
		this.styles = styles;
	}

	/** Type, check and locate one chunk of rows; returns its Arrow table (exactly the schema columns). */
	push(chunk: RawCell[][], chunkRowNo: number[]): Table {
		if (!this.styles) this.sample(chunk);
		const [rows, rowNo] = this.withoutSumRows(chunk, chunkRowNo);
		const { def, issues, headers, idx } = this;
		const n = rows.length;
		this.rows += n;
		this.plzLocality = [];

		// Rows with more cells than the header: usually an unquoted decimal comma ("0,8" in a comma CSV),
		// which shifts every later column. Report it on the row instead of typing shifted values.
		issues.order = [STAGE.width, 0];
		if (!this.oneColumn)
			for (let i = 0; i < n; i++) {
				const len = rows[i].length;
				if (len > headers.length && rows[i].slice(headers.length).some((v) => v !== null && v !== ''))
					issues.error(
						rowNo[i],
						null,
						'extra_cells',
						this.opts.delimiter !== undefined
							? {
									de: `Zeile hat ${len} Felder, die Kopfzeile ${headers.length}: Trennzeichen im Wert? (z. B. Dezimalkomma in einer Komma-CSV: Wert in Anführungszeichen setzen).`,
									en: `Row has ${len} fields, the header ${headers.length}: a delimiter inside a value? (e.g. a decimal comma in a comma CSV: quote the value).`
								}
							: {
									// A sheet or a Parquet file has no delimiter: the values stand right of the table.
									de: `Zeile hat Werte rechts neben der Tabelle (bis Spalte ${lastFilled(rows[i])}, die Kopfzeile hat ${headers.length}): der Kopfzeile einen Namen dafür geben oder die Zellen löschen.`,
									en: `Row has values right of the table (up to column ${lastFilled(rows[i])}, the header has ${headers.length}): give them a name in the header row or delete the cells.`
								}
					);
			}

		// ---- typed columns
		const values: Record<string, CellValue[]> = {};
		this.placeUnread = new Uint8Array(n);
		for (let k = 0; k < this.cols.length; k++) {
			const c = this.cols[k];
			const out = (values[c.name] = new Array<CellValue>(n).fill(null));
			const j = idx[c.name];
			if (j === undefined || j < 0) continue;
			issues.order = [STAGE.type, k];
			const header = headers[j];
			const checkRange = c.type !== 'lon' && c.type !== 'lat';
			const style = this.styles![c.name] ?? null;
			const isPlz = c.name === 'plz';
			const inPercent = this.inPercent.has(c.name);
			const byFile = this.styledByFile.has(c.name);
			const perMonth = this.perMonth.has(c.name);
			const sumAt = this.sumsInType ? this.sumRow.numberCols.indexOf(c) : -1;
			if (isPlz) this.plzLocality = new Array(n).fill(null);
			const placing = (PLACING_COLUMNS as readonly string[]).includes(c.name);
			for (let i = 0; i < n; i++) {
				let raw = rows[i][j];
				if (isPlz && typeof raw === 'string' && raw.length <= MAX_VALUE_CHARS) {
					// Postcode and locality in one cell: the postcode is typed, the locality helps the address match.
					const m = POSTCODE_FIRST.exec(raw);
					if (m) {
						raw = m[1];
						this.plzLocality[i] = m[2];
					} else raw = SWISS_POSTCODE.exec(raw)?.[1] ?? raw; // «CH-6003»
				}
				if (c.nowIsEmpty && isNowWord(raw)) {
					tally(this.readAsNow, c.name, rowNo[i], { value: String(raw).trim() });
					raw = null;
				}
				if (c.openEndIsEmpty && parseDate(raw) === OPEN_END) {
					tally(this.readAsOpenEnd, c.name, rowNo[i], { value: show(raw) });
					raw = null;
				}
				let typed = typeCell(c, raw, style);
				if (byFile && typeof typed === 'number' && typeof raw === 'string' && ambiguousSeparator(numberInput(c, raw))) tally(this.readByFileStyle, c.name, rowNo[i], { value: raw.trim(), read: typed });
				if (sumAt >= 0 && typeof typed === 'number') this.sums.add(sumAt, typed); // as written: before % and × 12
				if (typeof typed === 'string' && c.type === 'text' && hasFormatChars(typed)) {
					// Stored as it is seen: a bidi override or a zero-width space would make the text read or compare otherwise.
					typed = withoutFormatChars(typed).trim() || null;
					tally(this.formatChars, c.name, rowNo[i], {});
				}
				const through = typeof typed === 'string' && c.type === 'text' ? doubleEncodedThrough(typed) : null;
				if (through) {
					tally(this.doubleEncoded, c.name, rowNo[i], { value: typed as string, through });
				}
				// A value with a % sign is a percentage wherever it stands; the others when the column is in percent,
				// unless already a share («0,6» beside «80 %»: 0.6 FTE, not 0.006; «1/2» without a doubt).
				let written: WrittenAs | null = null;
				if (typeof typed === 'number' && c.percent && (inPercent || percentText(raw) !== null)) {
					if (percentText(raw) === null && c.max !== undefined && typed > 0 && typed <= c.max) {
						if (!isFteFraction(c, raw)) tally(this.sharesInPercent, c.name, rowNo[i], { value: typed });
					} else {
						written = { value: typed, as: 'percent' };
						typed /= 100;
					}
				}
				if (typeof typed === 'number' && perMonth) {
					written = { value: typed, as: 'month' };
					typed *= 12;
				}
				let v: CellValue;
				if (isProblem(typed)) {
					const p = problemMessage(typed, c, raw, style);
					issues.error(rowNo[i], header, p.code, p.msg);
					if (placing) this.placeUnread[i] = 1; // its row needs no second message for having no place
					v = null;
				} else if ((v = typed) === null) {
					if (c.required)
						issues.error(rowNo[i], header, 'required', { de: `Pflichtwert «${c.name}» fehlt.`, en: `Required value "${c.name}" is empty.` });
				} else if (typeof v === 'number' && checkRange) {
					const r = rangeIssue(c, v, written);
					if (r) {
						issues.add(r.severity, rowNo[i], header, r.code, r.msg);
						if (r.severity === 'warning') this.unusual++;
						// A place out of range (postcode 99999) is not looked up too: one message per cell.
						else if (placing) [v, this.placeUnread[i]] = [null, 1];
					}
				} else if (c.values && typeof v === 'string') {
					const canon = allowedValue(c, v);
					if (canon === undefined) {
						issues.error(rowNo[i], header, 'not_allowed', {
							de: `«${show(v)}» ist nicht erlaubt; erlaubt: ${valueList(c)}.`,
							en: `"${show(v)}" is not allowed; allowed: ${valueList(c)}.`
						});
						v = null;
					} else v = canon;
				}
				out[i] = v;
			}
		}

		if (this.sumsInType) this.sums.count(n);

		// ---- rows that name the same thing (no single key: an origin, destination and mode), remembered across chunks
		const rowKey = def.rowKey?.filter((c) => idx[c] !== undefined && idx[c] >= 0) ?? [];
		if (rowKey.length) {
			issues.order = [STAGE.duplicate, 1];
			const cols = rowKey.map((c) => values[c]);
			const required = rowKey.map((c) => !!this.cols.find((d) => d.name === c)?.required);
			for (let i = 0; i < n; i++) {
				if (cols.some((v, k) => v[i] === null && required[k])) continue; // already an error
				const key = cols.map((v) => (v[i] === null ? '' : String(v[i]))).join('\u0000');
				const first = this.seenRows.get(key);
				if (first === undefined) {
					this.seenRows.set(key, rowNo[i]);
					continue;
				}
				const named = rowKey.flatMap((c, k) => (cols[k][i] === null || cols[k][i] === undefined ? [] : [`${c} ${show(String(cols[k][i]))}`])).join(', ');
				issues.error(rowNo[i], this.mapping[rowKey[0]], 'duplicate_row', {
					de: `Doppelte Zeile: ${named} wie in Zeile ${first}. Eine Zeile je ${rowKey.join(', ')}: die doppelte löschen oder die beiden zusammenfassen.`,
					en: `Duplicate row: ${named} as in row ${first}. One row per ${rowKey.join(', ')}: delete the duplicate or merge the two.`
				});
			}
		}
		// ---- travel times from zones the region does not have (merged since, or elsewhere): nothing joins them
		const origins = def.name === 'travel_times' ? values.origin_zone : undefined;
		const known = this.refs.municipalities?.byBfs;
		if (origins && known)
			for (let i = 0; i < n; i++) {
				const z = origins[i];
				if (typeof z !== 'number' || known.has(z)) continue;
				const u = this.unknownOrigins;
				u.rows++;
				u.first ??= rowNo[i];
				if (u.zones.size < 5) u.zones.add(z);
				else if (!u.zones.has(z)) u.more = true;
			}
		// ---- pairs of columns in order (a p80 is never below its p50)
		for (const [lo, hi] of def.ordered ?? []) {
			const a = values[lo];
			const b = values[hi];
			if (!a || !b || idx[lo] === undefined || idx[hi] === undefined || idx[lo] < 0 || idx[hi] < 0) continue;
			issues.order = [STAGE.duplicate, 2];
			for (let i = 0; i < n; i++)
				if (typeof a[i] === 'number' && typeof b[i] === 'number' && (b[i] as number) < (a[i] as number))
					issues.error(rowNo[i], this.mapping[hi], 'out_of_order', {
						de: `«${this.mapping[hi]}» (${b[i]}) ist kleiner als «${this.mapping[lo]}» (${a[i]}); ${hi} kann nicht unter ${lo} liegen. Spalten vertauscht?`,
						en: `"${this.mapping[hi]}" (${b[i]}) is below "${this.mapping[lo]}" (${a[i]}); ${hi} cannot be below ${lo}. Columns swapped?`
					});
		}

		// ---- duplicate keys (remembered across chunks)
		if (def.key && idx[def.key] !== undefined) {
			issues.order = [STAGE.duplicate, 0];
			const keys = values[def.key];
			const header = this.mapping[def.key];
			const keyDef = this.cols.find((c) => c.name === def.key);
			for (let i = 0; i < n; i++) {
				const k = keys[i];
				if (k === null || k === undefined) continue;
				const s = String(k);
				// An AHV number or e-mail address is one id however it is written, and not repeated in full in a message.
				const kind = keyDef?.pseudonymous ? identifierKind(s) : null;
				const key = kind ? `\u0000${kind}:${identifierKey(s, kind)}` : s;
				const first = this.seenKeys.get(key);
				if (first !== undefined) {
					const shown = kind ? maskIdentifier(s, kind) : show(s);
					const perPerson = def.name === 'staff';
					issues.error(rowNo[i], header, 'duplicate_key', {
						de: `Doppelte ID «${shown}» (schon in Zeile ${first}).${perPerson ? ' Eine Zeile pro Person: mehrere Anstellungen einer Person zu einem Pensum zusammenzählen.' : ''}`,
						en: `Duplicate id "${shown}" (already in row ${first}).${perPerson ? ' One row per person: add up several contracts of one person into one FTE.' : ''}`
					});
				}
				else this.seenKeys.set(key, rowNo[i]);
			}
		}

		// ---- direct identifiers in id columns: replaced before anything is stored or previewed
		for (const c of this.cols)
			if (c.pseudonymous && idx[c.name] !== undefined && idx[c.name] >= 0) {
				const col = values[c.name];
				for (let i = 0; i < n; i++) {
					const v = col[i];
					const kind = typeof v === 'string' ? identifierKind(v) : null;
					if (kind) col[i] = this.pseudonyms.replace(v as string, kind, rowNo[i]);
				}
			}

		this.locationStep(values, rowNo, n);

		const want = (this.opts.previewRows ?? 20) - this.preview.length;
		for (let i = 0; i < Math.min(n, want); i++) this.preview.push(Object.fromEntries(def.columns.map((c) => [c.name, values[c.name][i]])));
		return tableFromColumns(def.columns.map((c) => ({ name: c.name, type: c.type, values: values[c.name] })));
	}

	/** Locate the rows of a point table (lon/lat/zone_id/geocode_quality), or check a zone table's lon/lat. */
	private locationStep(values: Record<string, CellValue[]>, rowNo: number[], n: number): void {
		const { def, issues, idx } = this;
		issues.order = [STAGE.location, 1];
		if (def.location === 'point' && hasLocation(this.table, this.mapping)) {
			this.locate(values, rowNo, n);
		} else if (def.location === 'none') {
			// zones: lon/lat are plain columns, but must still lie in Switzerland.
			if (values.lon && values.lat && idx.lon !== undefined && idx.lat !== undefined)
				for (let i = 0; i < n; i++) {
					const lon = values.lon[i];
					const lat = values.lat[i];
					if (typeof lon === 'number' && typeof lat === 'number' && !this.inCh(lon, lat)) {
						// This table takes WGS84 only: a pair that reads as a point in another system is named as such, converted.
						const s = classifyPair(lon, lat);
						const w = s !== 'wgs84' && s !== 'unknown' ? toWgs84(s, lon, lat) : null;
						if (w && this.inCh(w.lon, w.lat)) {
							const at = `${w.lon.toFixed(5)} / ${w.lat.toFixed(5)}`;
							issues.error(rowNo[i], this.mapping.lon, 'zone_point_not_wgs84', {
								de: `Punkt ${lon} / ${lat} ist ${SYSTEM_LABEL[s].de}; diese Tabelle nimmt Länge/Breite in WGS84: ${at} angeben.`,
								en: `Point ${lon} / ${lat} is ${SYSTEM_LABEL[s].en}; this table takes WGS84 lon/lat: give ${at}.`
							});
						} else outside(issues, rowNo[i], this.mapping.lon, lon, lat, !!this.refs.country);
					}
				}
		}
	}

	/**
	 * The fast path (fast/run.ts): rows DuckDB has read and typed, of which only the location inputs come
	 * here. Runs the same location step on them and counts them; false when any row got a message (its row
	 * number is not known here: the caller then reads the file the reference way, which names it).
	 */
	locateTyped(values: Record<string, CellValue[]>, n: number): boolean {
		const before = this.issues.errors + this.issues.warnings;
		// Absent inputs: one shared block of nulls (the location step writes only the columns it fills in).
		if (this.nullBlock.length !== n) [this.nullBlock, this.zeroBlock] = [new Array<null>(n).fill(null), new Array<number>(n).fill(0)];
		for (const c of this.cols) values[c.name] ??= LOCATED.has(c.name) ? new Array<CellValue>(n).fill(null) : this.nullBlock;
		this.plzLocality = this.nullBlock;
		this.locationStep(values, this.zeroBlock, n);
		this.rows += n;
		return this.issues.errors + this.issues.warnings === before;
	}

	/**
	 * The fast path's location step for a point table whose rows are placed by their coordinates alone:
	 * locate()'s decisions for that case (first pair in Switzerland wins, votes from every pair, zone by
	 * polygon, quality 'coordinates'), on typed columns (NaN = empty) without boxing a cell. Writes
	 * out[at..at+n). False, with nothing counted, when the mapping brings other location inputs (zone_id,
	 * geocode_quality) or a row is not placed by a pair: locateTyped then runs on the same rows.
	 */
	locateCoordinates(pairs: { a: Float64Array; b: Float64Array }[], from: number, n: number, out: { lon: Float64Array; lat: Float64Array; zone: Float64Array }, at: number): boolean {
		const map = this.mapping;
		if (this.def.location !== 'point' || map.zone_id !== undefined || map.geocode_quality !== undefined || pairs.length !== this.pairHeaders.length) return false;
		const zones = this.refs.zones;
		const votes = pairs.map(() => new Map<CoordSystem, number>());
		const zoneless = { near: 0, none: 0 };
		for (let i = 0; i < n; i++) {
			let placed = false;
			for (let k = 0; k < pairs.length; k++) {
				const a = pairs[k].a[from + i];
				const b = pairs[k].b[from + i];
				if (Number.isNaN(a) || Number.isNaN(b)) continue;
				const s = classifyPair(a, b);
				if (s !== 'unknown') votes[k].set(s, (votes[k].get(s) ?? 0) + 1);
				if (placed) continue;
				const w = toWgs84(s, a, b);
				// A pair outside Switzerland gets a message from locate(), even when a later pair places the row.
				if (!w || !this.inCh(w.lon, w.lat)) return false;
				placed = true;
				out.lon[at + i] = w.lon;
				out.lat[at + i] = w.lat;
				const z = zones ? zoneAtOrNear(zones, w.lon, w.lat) : null;
				out.zone[at + i] = z?.bfs ?? NaN;
				if (zones && (!z || z.near)) zoneless[z ? 'near' : 'none']++;
			}
			if (!placed) return false;
		}
		votes.forEach((v, k) => v.forEach((c, s) => this.votes[k].set(s, (this.votes[k].get(s) ?? 0) + c)));
		this.zoneless.near += zoneless.near;
		this.zoneless.none += zoneless.none;
		this.quality.coordinates = (this.quality.coordinates ?? 0) + n;
		this.rows += n;
		return true;
	}

	/** The preview of the fast path (rows DuckDB holds). */
	setPreview(rows: Record<string, CellValue>[]): void {
		this.preview.length = 0;
		this.preview.push(...rows.slice(0, this.opts.previewRows ?? 20));
	}

	/** In Switzerland: inside the national outline (or, without it, the WGS84 box around the country). */
	private inCh(lon: number, lat: number): boolean {
		return inSwissBox(lon, lat) && (!this.refs.country || inSwitzerland(this.refs.country, lon, lat));
	}

	/** A table with the schema's columns and no rows. */
	emptyTable(): Table {
		return tableFromColumns(this.def.columns.map((c) => ({ name: c.name, type: c.type, values: [] })));
	}

	/** Rows pushed so far. */
	get rowCount(): number {
		return this.rows;
	}

	/** Errors found so far (the commit will be refused if this is not 0 at the end). */
	get errorCount(): number {
		return this.issues.errors;
	}

	/** File-level conclusions (no rows, coordinate system) and the sorted, capped issue list. */
	finish(): Omit<ValidationResult, 'arrow'> {
		const issues = this.issues;
		if (this.rows === 0) {
			issues.order = [STAGE.file, 1];
			issues.error(null, null, 'no_rows', { de: 'Die Datei enthält keine Datenzeilen (nur die Kopfzeile).', en: 'The file has no data rows (header only).' });
		}
		const ps = this.pseudonyms;
		for (const kind of ['ahv', 'email'] as const) {
			if (!ps.counts[kind]) continue;
			const col = this.cols.find((c) => c.pseudonymous && this.mapping[c.name] !== undefined)!;
			const h = this.mapping[col.name];
			const what = kind === 'ahv' ? { de: 'AHV-Nummern', en: 'AHV numbers' } : { de: 'E-Mail-Adressen', en: 'e-mail addresses' };
			const rows = rowsAndFirst({ rows: ps.counts[kind], first: ps.firstRow[kind] ?? 0 });
			issues.order = [STAGE.file, 4];
			issues.warn(null, h, `identifier_${kind}`, {
				de: `Spalte «${h}» enthält ${what.de} (${rows.de}): sie wurden beim Lesen durch zufällige Pseudonyme (ID-…) ersetzt und werden nirgends gespeichert. Die Analyse braucht nur eine eindeutige ID; besser schon in der Quelle pseudonymisieren.`,
				en: `Column "${h}" holds ${what.en} (${rows.en}): they were replaced by random pseudonyms (ID-…) while reading and are stored nowhere. The analysis needs only a unique id; better pseudonymise at the source.`
			});
		}
		for (const [name, f] of this.readAsNow) {
			const h = this.mapping[name];
			const rows = rowsAndFirst(f);
			issues.order = [STAGE.file, 5];
			issues.warn(null, h, 'date_now', {
				de: `Spalte «${h}»: «${show(f.value)}» (${rows.de}) heisst ohne Wartezeit, also ab dem Umzugstermin des Szenarios; als leer gelesen.`,
				en: `Column "${h}": "${show(f.value)}" (${rows.en}) means without waiting, so from the scenario's move date; read as empty.`
			});
		}
		const u = this.unknownOrigins;
		if (u.rows) {
			const zones = (lang: 'de' | 'en') =>
				[...u.zones].map((z) => (currentBfs(z) !== z ? `${z} (${lang === 'de' ? 'fusioniert in' : 'merged into'} ${currentBfs(z)})` : String(z))).join(', ') + (u.more ? ' …' : '');
			const rows = rowsAndFirst({ rows: u.rows, first: u.first ?? 0 });
			issues.order = [STAGE.file, 5];
			issues.warn(null, this.mapping.origin_zone, 'origin_zone_unknown', {
				de: `Herkunftszonen, die keine Gemeinde der Region (Stand 2026) sind: ${zones('de')} (${rows.de}). Ihre Reisezeiten passen zu keinem Wohnort und werden nicht verwendet. Fusionierte Gemeinden mit der neuen BFS-Nummer angeben.`,
				en: `Origin zones that are no municipality of the region (as of 2026): ${zones('en')} (${rows.en}). Their travel times match no home and are not used. Give merged municipalities by their new BFS number.`
			});
		}
		for (const [name, f] of this.readAsOpenEnd) {
			const h = this.mapping[name];
			const rows = rowsAndFirst(f);
			issues.order = [STAGE.file, 5];
			issues.warn(null, h, 'date_open_end', {
				de: `Spalte «${h}»: «${f.value}» (${rows.de}) ist das Zeichen für «unbefristet»: als leer gelesen, der Vertrag endet also nach der Kündigungsfrist. Gilt ein festes Enddatum, dieses angeben.`,
				en: `Column "${h}": "${f.value}" (${rows.en}) is the mark for "open-ended": read as empty, so the lease ends after its notice period. If there is a fixed end date, give it.`
			});
		}
		for (const [name, f] of this.formatChars) {
			const h = this.mapping[name];
			const rows = rowsAndFirst(f);
			issues.order = [STAGE.file, 5];
			issues.warn(null, h, 'invisible_characters', {
				de: `Spalte «${h}» enthielt unsichtbare Steuerzeichen (Schreibrichtung, Nullbreite; ${rows.de}): entfernt, damit der Text so gespeichert wird, wie er zu sehen ist, und gleich aussehende Werte gleich sind.`,
				en: `Column "${h}" held invisible control characters (text direction, zero width; ${rows.en}): removed, so the text is stored as it is seen and values that look the same are the same.`
			});
		}
		if (this.zoneless.near || this.zoneless.none) {
			const h = this.mapping.lon ?? this.mapping.e ?? this.mapping.coordinates ?? null;
			issues.order = [STAGE.file, 3];
			const n = (k: number, lang: 'de' | 'en') => (k === 1 ? (lang === 'de' ? 'Ein Punkt liegt' : 'One point lies') : `${k.toLocaleString(lang === 'de' ? 'de-CH' : 'en')} ${lang === 'de' ? 'Punkte liegen' : 'points lie'}`);
			if (this.zoneless.near)
				issues.warn(null, h, 'zone_nearest', {
					de: `${n(this.zoneless.near, 'de')} knapp ausserhalb jeder Gemeindefläche (bis ${NEAR_ZONE_M} m, etwa am Seeufer, wo die vereinfachten Grenzen einen Streifen See lassen): der nächsten Gemeinde zugeordnet.`,
					en: `${n(this.zoneless.near, 'en')} just outside every municipality (up to ${NEAR_ZONE_M} m, on a lake shore, say, where the simplified boundaries leave a strip of lake): given the nearest municipality.`
				});
			if (this.zoneless.none)
				issues.warn(null, h, 'zone_none', {
					de: `${n(this.zoneless.none, 'de')} in keiner Gemeinde des Gebiets (auf einem See, oder mehr als ${NEAR_ZONE_M} m ausserhalb der Gemeinden der Region): ohne Gemeinde gelesen. Ohne Gemeinde gibt es keine Reisezeiten: die Auswertung zählt diese Punkte als «ohne Reisezeit».`,
					en: `${n(this.zoneless.none, 'en')} in no municipality of the area (on a lake, or more than ${NEAR_ZONE_M} m outside the region's municipalities): read without a municipality. Without one there are no travel times: the assessment counts these points as "without travel time".`
				});
		}
		for (const [name, f] of this.readByFileStyle) {
			const h = this.mapping[name];
			const other = this.styledByFile.get(name);
			const shown = { de: f.read.toLocaleString('de-CH', { maximumFractionDigits: 6 }), en: f.read.toLocaleString('en', { maximumFractionDigits: 6 }) };
			issues.order = [STAGE.file, 3];
			issues.warn(null, h, 'separator_from_file', {
				de: `Spalte «${h}»: «${show(f.value)}» (${rowsAndFirst(f).de}) als ${shown.de} gelesen: der Punkt trennt Tausender, denn die Datei schreibt Dezimalstellen mit Komma (Spalte «${other}»). Prüfen.`,
				en: `Column "${h}": "${show(f.value)}" (${rowsAndFirst(f).en}) read as ${shown.en}: the point groups thousands, as the file writes decimals with a comma (column "${other}"). Check.`
			});
		}
		for (const [name, f] of this.sharesInPercent) {
			const h = this.mapping[name];
			const unit = this.def.columns.find((c) => c.name === name)?.unit ?? '';
			issues.order = [STAGE.file, 3];
			issues.warn(null, h, 'share_in_percent_column', {
				de: `Spalte «${h}» ist in Prozent angegeben, ${f.rows === 1 ? 'ein Wert ist' : `${f.rows} Werte sind`} aber schon ein Anteil (${rowsAndFirst(f).de}: ${f.value}${unit ? ' ' + unit : ''}): so gelesen, nicht durch 100 geteilt. Prüfen.`,
				en: `Column "${h}" is given in percent, but ${f.rows === 1 ? 'one value is' : `${f.rows} values are`} already a share (${rowsAndFirst(f).en}: ${f.value}${unit ? ' ' + unit : ''}): read as such, not divided by 100. Check.`
			});
		}
		for (const [name, d] of this.doubleEncoded) {
			const h = this.mapping[name];
			const rows = rowsAndFirst(d);
			const meant = undoDoubleEncoding(d.value, d.through);
			const opened = d.through === 'macintosh' ? { de: 'in Excel für Mac (als Mac Roman)', en: 'in Excel for Mac (as Mac Roman)' } : { de: 'als ANSI (Windows-1252)', en: 'as ANSI (Windows-1252)' };
			const example = meant ? { de: `«${show(d.value)}» steht wohl für «${show(meant)}»`, en: `"${show(d.value)}" probably stands for "${show(meant)}"` } : { de: `«${show(d.value)}»`, en: `"${show(d.value)}"` };
			issues.order = [STAGE.file, 6];
			issues.warn(null, h, 'double_encoded', {
				de: `Spalte «${h}» sieht doppelt kodiert aus (${rows.de}; ${example.de}): die Datei wurde wohl als UTF-8 gespeichert, ${opened.de} geöffnet und wieder gespeichert. Die Werte sind so übernommen, wie sie in der Datei stehen; besser die Quelle neu als «CSV UTF-8» exportieren.`,
				en: `Column "${h}" looks double-encoded (${rows.en}; ${example.en}): the file was probably saved as UTF-8, opened ${opened.en} and saved again. The values are taken as they are in the file; better export the source again as "CSV UTF-8".`
			});
		}
		// File-level system of each coordinate pair, reported once when it is not plain WGS84 in lon/lat.
		let coordSystem: CoordSystem | null = null;
		if (this.def.location === 'point' && hasLocation(this.table, this.mapping)) {
			issues.order = [STAGE.location, 0];
			this.pairHeaders.forEach((p, k) => {
				let system: CoordSystem = 'unknown';
				let best = 0;
				let votes = 0;
				for (const [s, c] of this.votes[k]) {
					votes += c;
					if (c > best) [system, best] = [s, c];
				}
				coordSystem ??= system;
				// A point in one cell has no expected order: latitude first (as web maps copy it) is as plain as longitude first.
				const expected = p.kind === 'en' ? 'lv95' : p.kind === 'cell' && system === 'wgs84_swapped' ? system : 'wgs84';
				// Rows in more than one system (lists merged from sources in LV03 and LV95): each row's system
				// was detected and converted; the reader should know the file mixes them.
				const systems = [...this.votes[k]].filter(([, c]) => c > 0).sort((x, y) => y[1] - x[1]);
				if (systems.length > 1) {
					const label = (s: CoordSystem) => (p.kind === 'cell' ? CELL_LABEL[s] : undefined) ?? SYSTEM_LABEL[s];
					const list = (l: 'de' | 'en') => systems.map(([s, c]) => `${label(s)[l]}: ${c} ${l === 'de' ? (c === 1 ? 'Zeile' : 'Zeilen') : c === 1 ? 'row' : 'rows'}`).join('; ');
					issues.warn(null, p.header, 'coords_mixed', {
						de: `Die Koordinaten in «${p.header}» stehen in mehr als einem System (${list('de')}); das System jeder Zeile wurde erkannt und exakt nach WGS84 umgerechnet. Prüfen, ob die Zeilen aus verschiedenen Quellen stammen.`,
						en: `The coordinates in "${p.header}" are in more than one system (${list('en')}); each row's system was detected and converted exactly to WGS84. Check whether the rows come from different sources.`
					});
				} else if (votes > 0 && system === `${expected}_swapped`)
					issues.warn(null, p.header, 'coords_converted', {
						de: `Die Koordinaten in «${p.header}» stehen in vertauschter Reihenfolge, ${SYSTEM_LABEL[system].de}; so erkannt und richtig gelesen.`,
						en: `The coordinates in "${p.header}" are in swapped order, ${SYSTEM_LABEL[system].en}; detected as such and read right.`
					});
				else if (votes > 0 && system !== expected && system !== 'unknown')
					issues.warn(null, p.header, 'coords_converted', {
						de: `Die Koordinaten in «${p.header}» sind ${SYSTEM_LABEL[system].de}, nicht ${SYSTEM_LABEL[expected].de}; sie wurden erkannt und exakt nach WGS84 umgerechnet.`,
						en: `The coordinates in "${p.header}" are ${SYSTEM_LABEL[system].en}, not ${SYSTEM_LABEL[expected].en}; they were detected and converted exactly to WGS84.`
					});
			});
		}
		if (this.addressesWithoutDirectory > 0) {
			issues.order = [STAGE.location, 0];
			const n = this.addressesWithoutDirectory;
			issues.warn(null, this.mapping.address ?? this.mapping.street ?? null, 'address_directory_missing', {
				de: `${n} Zeilen haben eine Adresse, aber kein Gebäudeadressverzeichnis ist geladen: sie wurden über PLZ oder Gemeinde platziert. Das amtliche Verzeichnis der Gebäudeadressen laden (Seite «Daten», «Gebäudeadressen»; CLI: --addresses), um sie auf den Gebäudeeingang zu setzen.`,
				en: `${n} rows have an address but no building address directory is loaded: they were placed by postcode or municipality. Load the official directory of building addresses (Data page, "Building addresses"; CLI: --addresses) to place them at the building entrance.`
			});
		}
		return {
			table: this.table,
			issues: issues.list(),
			preview: this.preview,
			stats: { rows: this.rows, errors: issues.errors, warnings: issues.warnings, unusual: this.unusual, coordSystem, geocoded: { ...this.geocoded }, quality: { ...this.quality } },
			mapping: this.mapping
		};
	}

	/** The two numbers of each point written in one cell (coordinate-text.ts); a cell that is no point is an error on its row. */
	private pointCells(cells: CellValue[], rowNo: number[], n: number, header: string): { a: CellValue[]; b: CellValue[] } {
		const a: CellValue[] = new Array(n).fill(null);
		const b: CellValue[] = new Array(n).fill(null);
		for (let i = 0; i < n; i++) {
			const t = cells[i];
			if (typeof t !== 'string') continue;
			const p = readCoordinatePair(t);
			if (p) {
				a[i] = p.a;
				b[i] = p.b;
			} else
				this.issues.error(rowNo[i], header, 'bad_coordinates', {
					de: `«${show(t)}» ist kein Punkt; erwartet: zwei Koordinaten, z. B. «47.0502, 8.3093» (WGS84 Breite, Länge), «2'666'000, 1'211'000» (LV95 E, N) oder «47°03'01"N 8°18'33"E».`,
					en: `"${show(t)}" is not a point; expected two coordinates, e.g. "47.0502, 8.3093" (WGS84 lat, lon), "2666000, 1211000" (LV95 E, N) or "47°03'01"N 8°18'33"E".`
				});
		}
		return { a, b };
	}

	/**
	 * A zone_id beside coordinates that lie clearly elsewhere (a BFS number copied from the row above, the
	 * office's municipality instead of the home's): the zone_id stays (it is the file's word for the
	 * municipality), but a warning names both. Points within MAX_ZONE_GAP_M of the named municipality pass:
	 * geocoded points near a border, and the generalised boundaries, disagree by tens of metres.
	 */
	private checkZoneAgainstPoint(givenZone: number, point: { lon: number; lat: number }, row: number): void {
		const zones = this.refs.zones!;
		const at = zoneAt(zones, point.lon, point.lat);
		if (at === null || at === givenZone) return;
		const gap = distanceToZoneM(zones, givenZone, point.lon, point.lat);
		if (gap === null || gap <= MAX_ZONE_GAP_M) return;
		const plain = (bfs: number) => this.refs.municipalities?.byBfs.get(bfs)?.name ?? String(bfs);
		const name = (bfs: number) => this.municipalityName(bfs);
		this.issues.warn(row, this.mapping.zone_id ?? null, 'zone_not_at_point', {
			de: `zone_id ${name(givenZone)} passt nicht zu den Koordinaten: der Punkt liegt in ${name(at)}, ${km(gap, 'de-CH')} km von ${plain(givenZone)} entfernt. Die Zeile zählt zu zone_id ${givenZone}; Koordinaten oder BFS-Nr. prüfen.`,
			en: `zone_id ${name(givenZone)} does not match the coordinates: the point lies in ${name(at)}, ${km(gap, 'en')} km from ${plain(givenZone)}. The row counts to zone_id ${givenZone}; check the coordinates or the BFS number.`
		});
	}

	/**
	 * A postcode beside coordinates that lie clearly elsewhere (an address geocoded to a same-named street in
	 * another town, a postcode of the office): the coordinates stay (they place the row), but a warning names
	 * both. Passes within MAX_ZONE_GAP_M of any municipality the postcode's localities reach into.
	 */
	private checkPlzAgainstPoint(code: number, point: { lon: number; lat: number }, at: number | null, row: number): void {
		const { plz, zones } = this.refs;
		const gap = distanceToPostcodeM(plz!, zones!, code, point.lon, point.lat, at);
		if (gap === null || gap <= MAX_ZONE_GAP_M) return;
		const locality = plz!.byPlz.get(code)?.name;
		this.issues.warn(row, this.mapping.plz ?? null, 'plz_not_at_point', {
			de: `PLZ ${code}${locality ? ` (${locality})` : ''} passt nicht zu den Koordinaten: der Punkt liegt ${at === null ? 'ausserhalb der Gemeinden der Region' : `in ${this.municipalityName(at)}`}, ${km(gap, 'de-CH')} km von jeder Gemeinde dieser PLZ entfernt. Die Zeile zählt am Punkt; Koordinaten oder PLZ prüfen.`,
			en: `Postcode ${code}${locality ? ` (${locality})` : ''} does not match the coordinates: the point lies ${at === null ? "outside the region's municipalities" : `in ${this.municipalityName(at)}`}, ${km(gap, 'en')} km from every municipality of this postcode. The row counts at the point; check the coordinates or the postcode.`
		});
	}

	/** «Luzern (1061)», or the bare number of a municipality the references do not name. */
	private municipalityName(bfs: number): string {
		const n = this.refs.municipalities?.byBfs.get(bfs)?.name;
		return n ? `${n} (${bfs})` : String(bfs);
	}

	/**
	 * Fill lon/lat/zone_id/geocode_quality of a point table. Priority per row: a coordinate pair (lon/lat
	 * columns, else e/n columns, else a point in one cell; the system is detected per file and checked per row), then the address
	 * (street, house number: with the address directory loaded), then PLZ (a column, or the one in the
	 * address text), then BFS number. Each fallback from an address says why, with the nearest candidates.
	 */
	private locate(values: Record<string, CellValue[]>, rowNo: number[], n: number): void {
		const { refs, issues, mapping: map, geocoded } = this;
		const lon = values.lon;
		const lat = values.lat;
		const zone = values.zone_id;
		const plz = values.plz;
		const quality = values.geocode_quality;
		const addrHeader = map.address ?? map.street ?? null;
		const text = (col: string, i: number) => {
			const v = values[col]?.[i];
			return typeof v === 'string' ? v : v === null || v === undefined ? null : String(v);
		};
		const pairs: { a: CellValue[]; b: CellValue[]; header: string }[] = [];
		if (map.lon && map.lat) pairs.push({ a: lon.slice(), b: lat.slice(), header: map.lon });
		if (map.e && map.n) pairs.push({ a: values.e, b: values.n, header: map.e });
		if (map.coordinates) pairs.push({ ...this.pointCells(values.coordinates, rowNo, n, map.coordinates), header: map.coordinates });
		// Votes for the file-level system of each pair (decided in finish).
		pairs.forEach((p, k) => {
			const v = this.votes[k];
			for (let i = 0; i < n; i++) {
				const a = p.a[i];
				const b = p.b[i];
				if (typeof a !== 'number' || typeof b !== 'number') continue;
				const s = classifyPair(a, b);
				if (s !== 'unknown') v.set(s, (v.get(s) ?? 0) + 1);
			}
		});
		const needPip = refs.zones !== undefined;
		const count = (q: GeocodeQuality) => (this.quality[q] = (this.quality[q] ?? 0) + 1);
		for (let i = 0; i < n; i++) {
			let point: { lon: number; lat: number } | null = null;
			let givenZone = typeof zone[i] === 'number' ? (zone[i] as number) : null;
			let placeZone: number | null = null;
			/** The municipality the address directory gives (authoritative, unlike a point-in-polygon test). */
			let addrZone: number | null = null;
			let triedPair = false;
			let q: GeocodeQuality = 'none';
			for (const p of pairs) {
				const a = p.a[i];
				const b = p.b[i];
				if (typeof a !== 'number' || typeof b !== 'number') continue;
				triedPair = true;
				const sys = classifyPair(a, b);
				const w = toWgs84(sys, a, b);
				if (w && this.inCh(w.lon, w.lat)) {
					point = w;
					// A quality the file brings along (a re-imported export) stays; otherwise: the file's coordinates.
					q = typeof quality[i] === 'string' && quality[i] !== 'none' ? (quality[i] as GeocodeQuality) : 'coordinates';
					break;
				}
				outside(issues, rowNo[i], p.header, a, b, !!refs.country);
			}
			// ---- the address (street + number), when the row has no coordinates
			let rowPlz = typeof plz[i] === 'number' ? (plz[i] as number) : null;
			let addrQuery: AddressQuery | null = null;
			let missed: Msg | null = null;
			if (!point && !triedPair && (text('address', i) || text('street', i))) {
				addrQuery = {
					address: text('address', i),
					street: text('street', i),
					number: text('house_number', i),
					plz: rowPlz,
					locality: text('locality', i) ?? this.plzLocality[i] ?? null,
					bfs: givenZone !== null ? currentBfs(givenZone) : null
				};
				if (refs.addresses) {
					const r = refs.addresses.match(addrQuery);
					if (r.hit) {
						point = { lon: r.hit.lon, lat: r.hit.lat };
						addrZone = r.hit.bfs !== null ? currentBfs(r.hit.bfs) : null;
						q = r.hit.quality;
						const t = hitText(queryText(addrQuery), r.hit);
						if (t) issues.warn(rowNo[i], addrHeader, t.code, t.msg);
					} else {
						missed = missText(queryText(addrQuery), r.miss, r.parsed);
						rowPlz ??= r.parsed.plz;
					}
				} else {
					rowPlz ??= parseQuery(addrQuery).plz;
					this.addressesWithoutDirectory++;
				}
			}
			// A postcode in front of the locality («6003 Luzern», the column «PLZ Ort»): the postcode's locality
			// rather than the municipality's centre (an unknown one leaves the name to place the row).
			if (!point && !triedPair && rowPlz === null && refs.plz) {
				const m = POSTCODE_FIRST.exec(text('locality', i) ?? '');
				if (m && geocodePlz(refs.plz, Number(m[1]))) rowPlz = Number(m[1]);
			}
			if (!point && !triedPair && rowPlz !== null) {
				const place = refs.plz ? geocodePlz(refs.plz, rowPlz) : null;
				if (place) {
					point = place;
					placeZone = place.zone_id;
					geocoded.plz++;
					q = 'postcode';
					if (missed)
						issues.warn(rowNo[i], addrHeader, 'address_fallback_postcode', {
							de: `${missed.de}; platziert an der PLZ ${rowPlz} (${place.name}).`,
							en: `${missed.en}; placed at the postcode ${rowPlz} (${place.name}).`
						});
				} else if (refs.plz)
					issues.error(rowNo[i], map.plz ?? addrHeader, 'unknown_plz', {
						de: `Postleitzahl ${rowPlz} ist im Ortschaftenverzeichnis (Region Luzern) nicht bekannt.${missed ? ' ' + missed.de + '.' : ''}`,
						en: `Postcode ${rowPlz} is not in the locality register (Lucerne region).${missed ? ' ' + missed.en + '.' : ''}`
					});
			}
			// A municipality (or locality) name: the last resort, for a row with no other location.
			const placeName = !point && !triedPair && rowPlz === null && givenZone === null && refs.municipalities ? (text('municipality', i) ?? text('locality', i)) : null;
			if (placeName) {
				const header = map.municipality && text('municipality', i) ? map.municipality : map.locality;
				const r = municipalityByName(refs, placeName);
				if ('bfs' in r) givenZone = r.bfs;
				else if ('ambiguous' in r)
					issues.error(rowNo[i], header, 'ambiguous_municipality', {
						de: `«${show(placeName)}» ist mehrdeutig: ${r.ambiguous.join(', ')}. Den Kanton angeben (z. B. «${r.ambiguous[0]}») oder die BFS-Nr.`,
						en: `"${show(placeName)}" is ambiguous: ${r.ambiguous.join(', ')}. Give the canton (e.g. "${r.ambiguous[0]}") or the BFS number.`
					});
				else
					issues.error(rowNo[i], header, 'unknown_municipality', {
						de: `Gemeinde «${show(placeName)}» ist unbekannt (Gemeinden 2026 der Region Luzern)${r.unknown.length ? `; ähnlich: ${r.unknown.join(', ')}` : ''}.`,
						en: `Municipality "${show(placeName)}" is unknown (2026 municipalities of the Lucerne region)${r.unknown.length ? `; similar: ${r.unknown.join(', ')}` : ''}.`
					});
			}
			if (givenZone !== null) {
				const now = currentBfs(givenZone);
				if (now !== givenZone) {
					issues.warn(rowNo[i], map.zone_id, 'bfs_merged', {
						de: `BFS-Nr. ${givenZone} gibt es nicht mehr (fusioniert); verwendet wird ${now}.`,
						en: `BFS number ${givenZone} no longer exists (merged); using ${now}.`
					});
					givenZone = now;
				}
				const m = refs.municipalities ? municipalityCentroid(refs.municipalities, givenZone) : null;
				if (m && !point && !triedPair && rowPlz === null) {
					point = m;
					geocoded.bfs++;
					q = 'municipality';
					if (missed)
						issues.warn(rowNo[i], addrHeader, 'address_fallback_municipality', {
							de: `${missed.de}; platziert am Schwerpunkt der Gemeinde ${m.name} (${givenZone}).`,
							en: `${missed.en}; placed at the centroid of the municipality ${m.name} (${givenZone}).`
						});
				} else if (!m && refs.municipalities) {
					// Only the location: an error. Next to coordinates: a warning (the zone is outside the region data).
					const alone = !point && !triedPair && rowPlz === null;
					issues.add(alone ? 'error' : 'warning', rowNo[i], map.zone_id, 'unknown_bfs', {
						de: `BFS-Gemeindenummer ${givenZone} ist unbekannt (Gemeinden 2026 der Region Luzern).`,
						en: `BFS municipality number ${givenZone} is unknown (2026 municipalities of the Lucerne region).`
					});
				}
			}
			quality[i] = q;
			count(q);
			if (!point) {
				if (!triedPair && rowPlz === null && givenZone === null) {
					if (addrQuery)
						issues.error(rowNo[i], addrHeader, 'address_not_located', {
							de: `${missed?.de ?? queryText(addrQuery) + ': ohne PLZ und ohne geladenes Adressverzeichnis nicht zu platzieren'}; keine PLZ oder Gemeinde als Ersatz. PLZ, Ort oder zone_id ergänzen.`,
							en: `${missed?.en ?? queryText(addrQuery) + ': cannot be placed without postcode and without a loaded address directory'}; no postcode or municipality to fall back to. Add a postcode, locality or zone_id.`
						});
					else if (!placeName && !this.placeUnread[i]) // (a name that was not found, or a place not read, has its own message)
						issues.error(rowNo[i], map.lon ?? map.e ?? map.coordinates ?? map.plz ?? map.zone_id ?? map.municipality ?? addrHeader ?? null, 'no_location', {
							de: 'Zeile ohne Ortsangabe (lon/lat, e/n, Koordinaten, Adresse, plz, zone_id oder Gemeinde).',
							en: 'Row without location (lon/lat, e/n, coordinates, address, plz, zone_id or municipality).'
						});
				} else if (!refs.plz && !refs.municipalities && !triedPair && !this.noRefWarned) {
					this.noRefWarned = true;
					issues.add('error', null, null, 'no_reference', { de: 'Geokodierung nicht möglich: Referenzdaten fehlen.', en: 'Cannot geocode: reference data missing.' }, rowNo[i]);
				}
				lon[i] = null;
				lat[i] = null;
				zone[i] = givenZone;
				continue;
			}
			lon[i] = point.lon;
			lat[i] = point.lat;
			if (triedPair && givenZone !== null && needPip) this.checkZoneAgainstPoint(givenZone, point, rowNo[i]);
			const pip = needPip && givenZone === null && addrZone === null ? zoneAtOrNear(refs.zones!, point.lon, point.lat) : null;
			// The municipality the point lies in, from the lookup just made where there was one.
			if (triedPair && rowPlz !== null && refs.plz && needPip) this.checkPlzAgainstPoint(rowPlz, point, pip ? (pip.near ? null : pip.bfs) : zoneAt(refs.zones!, point.lon, point.lat), rowNo[i]);
			let z = givenZone ?? addrZone ?? (pip && !pip.near ? pip.bfs : null) ?? placeZone;
			if (z === null && needPip) {
				z = pip?.bfs ?? null;
				this.zoneless[pip ? 'near' : 'none']++;
			}
			zone[i] = z;
		}
	}
}

/** The columns the location step fills in (the others it only reads). */
const LOCATED = new Set(['lon', 'lat', 'zone_id', 'geocode_quality']);

function outside(issues: IssueList, row: number, column: string, a: number, b: number, outline: boolean): void {
	const how = outline
		? { de: 'ausserhalb der Landesgrenze', en: 'outside the national border' }
		: { de: "erwartet WGS84 Länge 5.9–10.6 und Breite 45.8–47.9, oder LV95 E 2'480'000–2'840'000 / N 1'070'000–1'300'000", en: 'expected WGS84 lon 5.9–10.6 and lat 45.8–47.9, or LV95 E 2,480,000–2,840,000 / N 1,070,000–1,300,000' };
	issues.error(row, column, 'outside_switzerland', {
		de: `Punkt ${a} / ${b} liegt nicht in der Schweiz (${how.de}). Koordinaten prüfen: WGS84 Länge/Breite oder LV95 E/N.`,
		en: `Point ${a} / ${b} is not in Switzerland (${how.en}). Check the coordinates: WGS84 lon/lat or LV95 E/N.`
	});
}

