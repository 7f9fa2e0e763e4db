/**
 * Column mapping: which of the user's headers feeds which schema column. Matches by the normalised
 * column name first, then by the schema's aliases; a user-supplied mapping overrides both.
 */
import { importableTables, locationInputs, normaliseHeader, tables, type ColumnDef, type TableName } from '../schema.ts';
import { allowedValue } from './allowed-values.ts';

/** schema column name -> user's header name. */
export type ColumnMapping = Record<string, string>;

export interface MappingSuggestion {
	mapping: ColumnMapping;
	/** Schema columns with the header that feeds them. */
	mapped: { column: string; header: string }[];
	/** Headers nothing reads (kept out of the import; shown to the user). */
	unmapped: string[];
	/** Required schema columns no header feeds. */
	missing: string[];
	/** A column read from the header of another (`from`), the file having one naming column for id and name. */
	shared?: { column: string; from: string };
	/** Headers left unread that name a column another header feeds («Miete 2019» read, «Miete 2025» not). */
	rivals?: { header: string; column: string; taken: string }[];
	/** Point tables: no usable location input (lon+lat, e+n, coordinates, address or street, plz, zone_id, a municipality or locality name). */
	missingLocation: boolean;
}

/**
 * Words that qualify a column name without changing what it is: where (home, residence), when (today),
 * units and formatting ("in %", "CHF/Jahr"). Not "m²": "Miete CHF/m²/Jahr" (per m², a site's cost) is
 * another column than "Miete CHF/Jahr" (an office's rent). Normalised as headers are (schema.ts normaliseHeader).
 */
const HOME_WORDS = ['wohnort', 'wohnadresse', 'wohnsitz', 'wohn', 'privat', 'privatadresse', 'home', 'residence', 'domicile', 'domicilio'];
const QUALIFIERS = new Set([
	...HOME_WORDS,
	'aktuell', 'aktuelle', 'aktueller', 'heute', 'heutige', 'heutiger', 'current', 'today',
	'in', 'prozent', 'percent', 'pct', 'chf', 'fr', 'jahr', 'jaehrlich', 'pro', 'per', 'year', 'annual', 'min', 'minuten',
	// the coordinate system a column is written in ("Koordinaten (WGS84)", "Länge WGS 84", "E LV95"): the values tell it anyway
	'wgs84', 'wgs', '84', 'lv95', 'lv03', 'ch1903', 'epsg', '2056', '4326', '21781'
]);

/** Words between the values a header lists («Miete oder Kauf»). */
const LIST_WORDS = new Set(['oder', 'und', 'or', 'and', 'ou', 'et', 'bzw', 'vs']);

/** Words that say a header's figure is per month ("Miete pro Monat", "Miete CHF/Mt.", "loyer mensuel"). */
const MONTH_WORDS = new Set(['monat', 'monatlich', 'monatl', 'mtl', 'mt', 'month', 'monthly', 'mois', 'mensuel', 'mensuelle']);

/**
 * A header's words with month words, and the «Monats» of a compound («Monatsmiete»), taken off; whether
 * there were any. A year («Besuche 2024») is taken off too: a figure of one year is one per year.
 */
function periodWords(norm: string): { words: string[]; monthly: boolean; year: boolean } {
	let monthly = false;
	let year = false;
	const words = norm.split('_').flatMap((w) => {
		if (/^(?:19|20)\d\d$/.test(w)) {
			year = true;
			return [];
		}
		if (MONTH_WORDS.has(w)) {
			monthly = true;
			return [];
		}
		if (w.startsWith('monats') && w.length > 6) {
			monthly = true;
			return [w.slice(6)];
		}
		return [w];
	});
	return { words, monthly, year };
}

/** Columns counted per year (CHF/Jahr, CHF/m²/Jahr, 1/Jahr): a header may give them per month. */
const perYear = (c: ColumnDef) => c.unit?.endsWith('/Jahr') ?? false;

/** Whether `header` gives column `c`, counted per year, per month (the validator multiplies by 12). */
export function perMonthHeader(c: ColumnDef, header: string): boolean {
	return perYear(c) && periodWords(normaliseHeader(header)).monthly;
}

/** All columns the importer reads for a table: schema columns plus location inputs (e, n, plz). */
export function importColumns(table: TableName): readonly ColumnDef[] {
	const t = tables[table];
	// offices.address is a stored column and an address input at once: listed once.
	return t.location === 'point' ? [...t.columns, ...locationInputs.filter((i) => !t.columns.some((c) => c.name === i.name))] : t.columns;
}

/** The columns a point table's rows may be placed by (any one, or a pair, suffices; see hasLocation). Not fast/sql.ts LOCATION_INPUTS, the inputs its scan extracts. */
export const PLACING_COLUMNS = ['lon', 'lat', 'e', 'n', 'coordinates', 'plz', 'zone_id', 'address', 'street', 'house_number', 'municipality', 'locality'] as const;

/** Whether a mapping gives a point table some way to locate rows. */
export function hasLocation(table: TableName, mapping: ColumnMapping): boolean {
	if (tables[table].location !== 'point') return true;
	const m = (c: string) => mapping[c] !== undefined;
	return (m('lon') && m('lat')) || (m('e') && m('n')) || m('coordinates') || m('plz') || m('zone_id') || m('address') || m('street') || m('municipality') || m('locality');
}

/**
 * Suggest a mapping for `headers`. `override` (schema column -> header, or '' to unmap) wins over
 * the automatic matches.
 */
export function suggestMapping(table: TableName, headers: readonly string[], override: ColumnMapping = {}): MappingSuggestion {
	const cols = importColumns(table);
	const norm = headers.map((h) => normaliseHeader(h));
	const mapping: ColumnMapping = {};
	const used = new Set<number>();
	for (const [col, header] of Object.entries(override)) {
		if (!header) continue;
		const i = headers.indexOf(header);
		if (i >= 0) {
			mapping[col] = header;
			used.add(i);
		}
	}
	const unset = cols.filter((c) => !(c.name in override));
	/** The open columns (or with `taken`, any) a header names once its qualifier words are set aside ("Wohnort PLZ" → plz), or null. */
	const qualified = (i: number, taken = false): ColumnDef[] | null => {
		const { words, monthly, year } = periodWords(norm[i]);
		const rest = words.filter((w) => !QUALIFIERS.has(w)).join('_');
		if (!rest || rest === norm[i]) return null;
		// A month word or a year only around a figure counted per year: «Miete pro Monat» (× 12), «Besuche 2024»;
		// not «Mietende Monat».
		return unset.filter((c) => (taken || mapping[c.name] === undefined) && (!(monthly || year) || perYear(c)) && [c.name, ...(c.aliases ?? [])].map(normaliseHeader).includes(rest));
	};
	const take = (c: ColumnDef, i: number) => {
		mapping[c.name] = headers[i];
		used.add(i);
	};
	// Pass 0: where a row is placed, a header that says "home" ("Wohnort PLZ", "Privatadresse") wins over a
	// bare one ("PLZ", perhaps the office's): a staff member's place is the home.
	if (tables[table].location === 'point')
		for (let i = 0; i < headers.length; i++) {
			if (used.has(i) || !norm[i].split('_').some((w) => HOME_WORDS.includes(w))) continue;
			const hits = qualified(i)?.filter((c) => (PLACING_COLUMNS as readonly string[]).includes(c.name));
			if (hits?.length === 1) take(hits[0], i);
		}
	// Pass 1: exact names; pass 2: aliases. A header feeds at most one column.
	for (const pass of [0, 1]) {
		for (const c of unset) {
			if (mapping[c.name] !== undefined) continue;
			const names = pass === 0 ? [normaliseHeader(c.name)] : (c.aliases ?? []).map(normaliseHeader);
			const i = norm.findIndex((h, j) => !used.has(j) && names.includes(h));
			if (i >= 0) take(c, i);
		}
	}
	// Pass 3: a header with qualifier words around a known name ("Beschäftigungsgrad in %", "Miete CHF/Jahr"),
	// when what is left names exactly one column still open.
	for (let i = 0; i < headers.length; i++) {
		if (used.has(i)) continue;
		const hits = qualified(i);
		if (hits?.length === 1) take(hits[0], i);
	}
	// Pass 4: a header that lists a column's values («Kauf/Miete», «ÖV oder Auto»): two or more words, every
	// one a different value of the same open column.
	for (let i = 0; i < headers.length; i++) {
		if (used.has(i)) continue;
		const words = norm[i].split('_').filter((w) => !LIST_WORDS.has(w));
		if (words.length < 2) continue;
		const hits = unset.filter((c) => {
			if (!c.values || mapping[c.name] !== undefined) return false;
			const values = words.map((w) => allowedValue(c, w));
			return values.every((v) => v !== undefined) && new Set(values).size === values.length;
		});
		if (hits.length === 1) take(hits[0], i);
	}
	// A house number places nothing without a street («Nr.» in a list of sites is their number): left unread.
	if (mapping.house_number !== undefined && !('house_number' in override) && mapping.street === undefined && mapping.address === undefined) {
		used.delete(headers.indexOf(mapping.house_number));
		delete mapping.house_number;
	}
	// One naming column for both (a list of offices by name only, sites by number only): the other reads it too.
	const t = tables[table];
	let shared: MappingSuggestion['shared'];
	const key = t.columns.find((c) => c.name === t.key && c.type === 'text');
	if (key && t.columns.some((c) => c.name === 'name'))
		for (const [lack, have] of [[key.name, 'name'], ['name', key.name]])
			if (mapping[lack] === undefined && mapping[have] !== undefined && !(lack in override)) {
				mapping[lack] = mapping[have];
				shared = { column: lack, from: have };
			}
	const missing = t.columns
		.filter((c) => c.required && mapping[c.name] === undefined)
		.map((c) => c.name);
	// A header left unread that names a column another header feeds: the first one won, and the user should know.
	const rivals: NonNullable<MappingSuggestion['rivals']> = [];
	for (let i = 0; i < headers.length; i++) {
		if (used.has(i) || !norm[i]) continue;
		const named = unset.filter((c) => [c.name, ...(c.aliases ?? [])].map(normaliseHeader).includes(norm[i]));
		const c = [...named, ...(qualified(i, true) ?? [])].find((c) => mapping[c.name] !== undefined && mapping[c.name] !== headers[i]);
		if (c) rivals.push({ header: headers[i], column: c.name, taken: mapping[c.name] });
	}
	return {
		mapping,
		mapped: cols.filter((c) => mapping[c.name] !== undefined).map((c) => ({ column: c.name, header: mapping[c.name] })),
		unmapped: headers.filter((_, i) => !used.has(i)),
		missing,
		missingLocation: !hasLocation(table, mapping),
		...(shared ? { shared } : {}),
		...(rivals.length ? { rivals } : {})
	};
}

/**
 * The other tables (not `table`) whose required columns and location the headers all give, best match
 * first: a file opened for the wrong table (a customer list as staff) says where it belongs.
 */
export function tablesFitting(headers: readonly string[], table: TableName): TableName[] {
	return importableTables
		.filter((t) => t !== table)
		.map((t) => ({ t, s: suggestMapping(t, headers) }))
		.filter(({ s }) => !s.missing.length && !s.missingLocation)
		.sort((a, b) => Object.keys(b.s.mapping).length - Object.keys(a.s.mapping).length)
		.map((x) => x.t);
}
