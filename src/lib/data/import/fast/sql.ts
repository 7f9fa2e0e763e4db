/**
 * The SQL of the fast path (fast/run.ts): DuckDB reads the CSV itself, with the schema's types, and types
 * and checks every cell the way validate.ts/typing.ts would, as far as SQL can tell exactly. Where it
 * cannot (a value typing.ts would read but DuckDB would not, or read differently; anything that would
 * give a message) the row is flagged, and a flagged row sends the whole file the reference way, so every
 * message still comes from the one validator. The reads:
 *  - numbers (and whole numbers, checked to be integral and within ±2^53): DuckDB's DOUBLE parser, only
 *    for columns fast/scan.ts found plain (it reads "1'234" not at all, and "1_000" unlike us);
 *  - text: trimmed of exactly the characters JavaScript's trim() removes, NUL refused, allowed values and
 *    their other words («Versicherte», «ÖV») mapped to the canonical value in their usual spellings;
 *  - dates: yyyy-mm-dd only; yes/no: the same words as values.ts;
 *  - ids of persons that may be AHV numbers or e-mail addresses are flagged (the validator replaces them).
 */
import { lit } from '../../db/connector.ts';
import { GEOCODE_QUALITIES, ident, tables, type ColumnDef, type TableName } from '../../schema.ts';
import { MAX_EXACT_INTEGER } from '../../schema.ts';
import { EDGE_NONE, EDGE_OTHER, EDGE_SPACE } from './scan.ts';
import { identifierSuspectSql } from '../identifiers.ts';
import { allowedValue, valueWords } from '../allowed-values.ts';

/** What JavaScript's String.prototype.trim() removes (ECMAScript WhiteSpace and LineTerminator). */
const JS_WHITESPACE = ' \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';

const TRUE = ['ja', 'j', 'yes', 'y', 'true', 'wahr', '1', 'x', 'oui', 'vrai', 'si', 'sì'];
const FALSE = ['nein', 'n', 'no', 'false', 'falsch', '0', 'non', 'faux'];

export interface FastColumn {
	/** Schema column or location input. */
	def: ColumnDef;
	/** Index of the file column that feeds it. */
	index: number;
}

export interface FastPlan {
	table: TableName;
	/** Name the file is registered under in DuckDB. */
	file: string;
	delimiter: string;
	/** Physical line of the header (DuckDB skips this many lines). */
	headerLine: number;
	/** Columns in the header. */
	width: number;
	columns: FastColumn[];
	/** File columns of numbers written with a decimal comma (read as text, the comma made a point). */
	commaColumns: number[];
	/** Leading/trailing whitespace per file column (fast/scan.ts EDGE_*): what must be trimmed. */
	edges: number[];
}

export const FAST_LOC = '__fast_loc';
/** The staging table's extra column while slices arrive: the row needs the reference path's message. */
export const FLAG = '__flag';
/** The staging table with its FLAG column, and without it once every row is checked. */
export const addFlagSql = (staging: string) => `ALTER TABLE ${ident(staging)} ADD COLUMN ${FLAG} BOOLEAN`;
export const dropFlagSql = (staging: string) => `ALTER TABLE ${ident(staging)} DROP COLUMN ${FLAG}`;

const isNumeric = (c: ColumnDef) => c.type === 'number' || c.type === 'integer' || c.type === 'lon' || c.type === 'lat';
const raw = (j: number) => ident(`c${j}`);

/** DuckDB's read of the file: every column under its index name, numbers as DOUBLE, the rest as text. */
export function readCsvExpr(p: FastPlan): string {
	const comma = new Set(p.commaColumns);
	const numeric = new Set(p.columns.filter((c) => isNumeric(c.def) && !comma.has(c.index)).map((c) => c.index));
	const cols = Array.from({ length: p.width }, (_, j) => `${lit(`c${j}`)}: ${lit(numeric.has(j) ? 'DOUBLE' : 'VARCHAR')}`).join(', ');
	return (
		`read_csv(${lit(p.file)}, header=false, skip=${p.headerLine}, delim=${lit(p.delimiter)}, quote='"', escape='"', ` +
		`columns={${cols}}, auto_detect=false, strict_mode=true, null_padding=false)`
	);
}

/**
 * The text of a column as JavaScript's trim() leaves it, empty = null: untouched where the scan saw no
 * edge whitespace (DuckDB reads an empty field as NULL), DuckDB's cheap space trim where only spaces
 * occur, the exact character set otherwise.
 */
function trimmed(r: string, edge: number): string {
	if (edge === EDGE_NONE) return r;
	return edge === EDGE_SPACE ? `nullif(trim(${r}), '')` : `nullif(trim(${r}, ${lit(JS_WHITESPACE)}), '')`;
}

/** Capitalised: the first letter in upper case. */
const capitalised = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/**
 * The spellings of a categorical column's values the SQL maps by exact match, each to what the validator
 * reads it as (allowed-values.ts): every word the schema names (values and other words) as written, in
 * lower and upper case, capitalised, and with every word capitalised («Versicherte Personen», «ÖV»,
 * «Zu Fuss»). Other spellings of non-ASCII words are flagged and read by the validator.
 */
function exactSpellings(c: ColumnDef): Map<string, string> {
	const m = new Map<string, string>();
	const add = (s: string) => {
		const v = allowedValue(c, s);
		if (v !== undefined && !m.has(s)) m.set(s, v);
	};
	// The values as written first: most cells are one of them, and CASE tries its WHENs in order.
	for (const v of c.values ?? []) add(v);
	for (const w of valueWords(c)) {
		const lower = w.toLowerCase();
		for (const s of [w, lower, w.toUpperCase(), capitalised(lower), lower.replace(/(^|[\s\-'’])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase())]) add(s);
	}
	return m;
}

/**
 * The lower-case ASCII spellings: for a cell of ASCII characters, DuckDB's lower() is JavaScript's
 * toLowerCase(), and the validator's reading of it depends on its lower case alone (allowedValue), so
 * «EMPLOYER», «Employer» and «eMpLoYeR» map as the validator maps them.
 */
function asciiLowerSpellings(c: ColumnDef): Map<string, string> {
	const m = new Map<string, string>();
	for (const w of valueWords(c)) {
		const lower = w.toLowerCase();
		const v = allowedValue(c, lower);
		if (/^[\x00-\x7f]*$/.test(lower) && v !== undefined) m.set(lower, v);
	}
	return m;
}

interface Part {
	/** Inner select: the typed value (and helpers) computed once per row. */
	inner: string[];
	/** Outer select: the column as stored. */
	outer: string;
	/** Conditions over the inner names that flag the row. */
	flags: string[];
}

/** One column: its typed value and the conditions that flag its row. */
function column(c: FastColumn, edge: number, comma: boolean): Part {
	const d = c.def;
	// A decimal-comma column comes as text: the plain number with its comma made a point (fast/scan.ts checked the form).
	const r = comma ? `TRY_CAST(replace(${trimmed(raw(c.index), edge)}, ',', '.') AS DOUBLE)` : raw(c.index);
	const name = ident(d.name);
	const helper = ident(`__t_${d.name}`);
	const flags: string[] = [];
	const range = (v: string) => {
		const lo = [d.min, d.warnMin].filter((x): x is number => x !== undefined);
		const hi = [d.max, d.warnMax].filter((x): x is number => x !== undefined);
		if (lo.length) flags.push(`${v} < ${Math.max(...lo)}`);
		if (hi.length) flags.push(`${v} > ${Math.min(...hi)}`);
	};
	const inner: string[] = [];
	switch (d.type) {
		case 'text': {
			const t = trimmed(r, edge);
			if (d.values) {
				// The usual spellings by exact match first (cheap); any other case of an ASCII cell by its lower case.
				const when = (m: Map<string, string>) => [...m].map(([w, v]) => `WHEN ${lit(w)} THEN ${lit(v)}`).join(' ');
				const ascii = `CASE WHEN strlen(${t}) = length(${t}) THEN CASE lower(${t}) ${when(asciiLowerSpellings(d))} END END`;
				inner.push(`${t} AS ${helper}`, `CASE ${t} ${when(exactSpellings(d))} ELSE ${ascii} END AS ${name}`);
				flags.push(`${helper} IS NOT NULL AND ${name} IS NULL`);
			} else inner.push(`${t} AS ${name}`);
			break;
		}
		case 'number':
		case 'lon':
		case 'lat':
			inner.push(`${r} AS ${name}`);
			flags.push(`NOT isfinite(${name})`);
			if (comma) {
				inner.push(`${trimmed(raw(c.index), edge)} AS ${helper}`);
				flags.push(`${helper} IS NOT NULL AND ${name} IS NULL`);
			}
			if (d.type === 'number') range(name);
			break;
		case 'integer':
			inner.push(`${r} AS ${helper}`);
			flags.push(`NOT isfinite(${helper}) OR ${helper} <> trunc(${helper}) OR abs(${helper}) > ${MAX_EXACT_INTEGER}`);
			range(helper);
			break;
		case 'date': {
			const t = trimmed(r, edge);
			inner.push(`${t} AS ${helper}`, `CASE WHEN regexp_full_match(${t}, '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(${t} AS DATE) END AS ${name}`);
			flags.push(`${helper} IS NOT NULL AND ${name} IS NULL`);
			// 9999-12-31 as an end date means open-ended: the validator reads it as empty, with a warning.
			if (d.openEndIsEmpty) flags.push(`${name} = DATE '9999-12-31'`);
			break;
		}
		case 'boolean': {
			const t = trimmed(r, edge);
			inner.push(
				`${t} AS ${helper}`,
				`CASE WHEN lower(${t}) IN (${TRUE.map(lit).join(', ')}) THEN true WHEN lower(${t}) IN (${FALSE.map(lit).join(', ')}) THEN false END AS ${name}`
			);
			flags.push(`${helper} IS NOT NULL AND ${name} IS NULL`);
			break;
		}
	}
	const outer = d.type === 'integer' ? `CASE WHEN abs(${helper}) <= ${MAX_EXACT_INTEGER} AND ${helper} = trunc(${helper}) THEN ${helper}::BIGINT END AS ${name}` : name;
	if (d.required) flags.push(`${d.type === 'integer' ? helper : name} IS NULL`);
	// An id that may be an AHV number or an e-mail address: the validator replaces it (import/identifiers.ts).
	if (d.pseudonymous) flags.push(identifierSuspectSql(name));
	return { inner, outer, flags };
}

/** Rows, flagged rows and (for tables with a key) repeated keys in the staging table. */
export function checkSql(p: Pick<FastPlan, 'table' | 'columns'>, staging: string): string {
	const def = tables[p.table];
	const has = (c: string) => p.columns.some((x) => x.def.name === c);
	const from = ident(staging);
	const rowKey = def.rowKey?.filter(has) ?? [];
	const dup =
		def.key && has(def.key)
			? `(SELECT count(${ident(def.key)}) - count(DISTINCT ${ident(def.key)}) FROM ${from})`
			: rowKey.length
				? `(SELECT count(*) - (SELECT count(*) FROM (SELECT DISTINCT ${rowKey.map(ident).join(', ')} FROM ${from})) FROM ${from})`
				: '0';
	// Rows validate.ts names that no single cell shows: a pair out of order (a p80 below its p50).
	const disorder = (def.ordered ?? []).filter(([lo, hi]) => has(lo) && has(hi)).map(([lo, hi]) => ` OR ${ident(hi)} < ${ident(lo)}`).join('');
	return `SELECT count(*)::INTEGER AS n, count_if(${FLAG}${disorder})::INTEGER AS flagged, ${dup}::INTEGER AS dup FROM ${from}`;
}

/** Location inputs the validator's location step reads (the scan extracts them from the file). */
export const LOCATION_INPUTS = ['lon', 'lat', 'e', 'n', 'coordinates', 'zone_id', 'plz', 'geocode_quality'] as const;

/** What the location step gave a slice of a point table (FAST_LOC holds its columns). */
export interface SliceLocated {
	/** FAST_LOC has __lon/__lat (the input was not WGS84 lon/lat as read). */
	lonLat: boolean;
	/** One GEOCODE_QUALITIES index for all rows, or null: per row in __q. */
	q: number | null;
}

/**
 * Append one slice (the registered file p.file: whole rows, fast/scan.ts SliceScanner) to the staging
 * table with its columns typed and checked as above, and FLAG set where the reference path would speak.
 * For point tables the located columns come from FAST_LOC, one row per slice row in the same order
 * (POSITIONAL JOIN, which pads the shorter side with NULLs): a slice DuckDB reads fewer rows of than
 * the scan counted is flagged (__row), one it reads more of fails the row count (fast/run.ts).
 */
export function sliceInsertSql(p: FastPlan, staging: string, located: SliceLocated | null): string {
	const def = tables[p.table];
	const comma = new Set(p.commaColumns);
	const parts = p.columns.map((c) => column(c, p.edges[c.index] ?? EDGE_OTHER, comma.has(c.index)));
	const outer = new Map(p.columns.map((c, k) => [c.def.name, parts[k].outer]));
	const quality = located?.q !== null && located?.q !== undefined ? lit(GEOCODE_QUALITIES[located.q]) : `[${GEOCODE_QUALITIES.map(lit).join(', ')}][__q::INTEGER + 1]`;
	const cols = def.columns.map((c) => {
		if (located) {
			if (c.name === 'lon' && located.lonLat) return '__lon';
			if (c.name === 'lat' && located.lonLat) return '__lat';
			if (c.name === 'zone_id') return '__zone::BIGINT';
			if (c.name === 'geocode_quality') return quality;
		}
		return outer.get(c.name) ?? 'NULL';
	});
	// One coalesce around the whole OR: a true term makes it true whatever the NULLs beside it (cheaper than one per term).
	const flags = parts.flatMap((x) => x.flags).map((f) => `(${f})`);
	if (located) flags.push('__row IS NULL');
	const inner = `SELECT ${[...parts.flatMap((x) => x.inner), 'true AS __row'].join(', ')} FROM ${readCsvExpr(p)}`;
	const from = located ? `(${inner}) POSITIONAL JOIN ${FAST_LOC}` : `(${inner})`;
	return `INSERT INTO ${ident(staging)} (${[...def.columns.map((c) => ident(c.name)), FLAG].join(', ')}) SELECT ${[...cols, flags.length ? `coalesce(${flags.join(' OR ')}, false)` : 'false'].join(', ')} FROM ${from}`;
}
