/**
 * Normalisation of Swiss street addresses for matching: a street label becomes a key that is the same
 * for "Bahnhofstrasse", "Bahnhofstr.", "Bahnhof-Strasse" and "BAHNHOFSTRASSE"; a house number becomes
 * a canonical text ("12 A" → "12a"); free text ("Bahnhofstr. 12a, 6003 Luzern", "12 rue du Lac",
 * "Postfach 123") is split into street, number, postcode and locality. Pure functions, no data.
 *
 * Keys are built from canonical *short* forms (strasse/str → "str", platz/place/pl → "pl", …), so
 * German, French and Italian abbreviations need no language detection: both sides of a comparison
 * go through the same function, and mapping two long forms onto one short form only ever merges
 * words that are abbreviated the same way.
 */

/** Lower case, ß → ss, umlauts → ae/oe/ue, other accents stripped, ligatures split. */
export function foldText(s: string): string {
	let t = s.toLowerCase();
	// Only when needed: most labels are plain ASCII, and normalize() is the slow part.
	if (/[^\x00-\x7f]/.test(t)) {
		t = t
			.replace(/ß/g, 'ss')
			.replace(/ä/g, 'ae')
			.replace(/ö/g, 'oe')
			.replace(/ü/g, 'ue')
			.replace(/æ/g, 'ae')
			.replace(/œ/g, 'oe')
			.normalize('NFD')
			.replace(/[\u0300-\u036f]/g, '')
			// typographic apostrophes and dashes count as separators like their ASCII forms
			.replace(/[’‘`´\u2010-\u2015]/g, ' ');
	}
	return t;
}

/**
 * Whole words and their canonical short form. Abbreviations with or without a dot end up here
 * (the dot is a separator). German, French and Italian street types, and the usual prefixes.
 */
const WORD: Readonly<Record<string, string>> = {
	strasse: 'str', str: 'str', strassen: 'str',
	platz: 'pl', pl: 'pl', place: 'pl',
	weg: 'wg', wg: 'wg',
	route: 'rte', rte: 'rte', rt: 'rte',
	avenue: 'av', av: 'av', ave: 'av',
	chemin: 'ch', ch: 'ch', chem: 'ch',
	boulevard: 'bd', bd: 'bd', boul: 'bd', bld: 'bd', bvd: 'bd',
	impasse: 'imp', imp: 'imp',
	promenade: 'prom', prom: 'prom',
	ruelle: 'rle', rle: 'rle',
	sentier: 'sent', sent: 'sent',
	piazza: 'pza', pza: 'pza', piazzetta: 'pzta',
	viale: 'vle', vle: 'vle',
	vicolo: 'vic', vic: 'vic',
	strada: 'strada',
	sankt: 'st', saint: 'st', st: 'st', sainte: 'ste', ste: 'ste',
	general: 'gen', gen: 'gen',
	doktor: 'dr', dr: 'dr', docteur: 'dr',
	obere: 'ob', oberer: 'ob', oberes: 'ob', ob: 'ob',
	untere: 'unt', unterer: 'unt', unteres: 'unt', unt: 'unt'
};

/** German compounds: the street type written into the word ("Bahnhofstrasse", "Marktplatz"). */
const SUFFIX: readonly (readonly [string, string])[] = [
	['strasse', 'str'],
	['platz', 'pl'],
	['weg', 'wg']
];

function canonicalWord(w: string): string {
	const c = WORD[w];
	if (c !== undefined) return c;
	for (const [long, short] of SUFFIX) if (w.length > long.length + 1 && w.endsWith(long)) return w.slice(0, w.length - long.length) + short;
	return w;
}

/**
 * The matching key of a street label: folded, split into words at every non-letter/digit, each word
 * in its canonical form, joined without separators ("Bahnhof-Str." → "bahnhofstr", "St. Karli-Quai"
 * → "stkarliquai", "Ch. des Vignes" → "chdesvignes").
 */
export function streetKey(label: string): string {
	const words = foldText(label).split(/[^a-z0-9]+/);
	let out = '';
	for (const w of words) if (w) out += canonicalWord(w);
	return out;
}

/** Canonical house number: lower case, no spaces ("12 A" → "12a", "12 bis" → "12bis", "12.1", "12-14"). */
export function normNumber(n: string): string {
	return foldText(n).replace(/\s+/g, '').replace(/[–—]/g, '-');
}

/** Leading digits of a house number as an integer, or -1 ("12a" → 12, "a" → -1). */
export function numberBase(n: string): number {
	const m = /^\d+/.exec(n.trim());
	return m ? Number(m[0]) : -1;
}

/**
 * The numbers to try for an input number, best first: the number itself, then for a range or list
 * ("12-14", "12/14", "12+14") each part.
 */
export function numberVariants(n: string): string[] {
	const norm = normNumber(n);
	const out = [norm];
	const parts = norm.split(/[-/+&,]|und|et/).filter((p) => /^\d/.test(p));
	if (parts.length > 1) for (const p of parts) if (!out.includes(p)) out.push(p);
	return out;
}

/** What free address text holds. Empty parts are null. */
export interface AddressParts {
	street: string | null;
	number: string | null;
	plz: number | null;
	locality: string | null;
	/** The text names a PO box (Postfach, case postale, casella postale, P.O. Box). */
	poBox: boolean;
}

const PO_BOX = /(^|[\s,;])(postfach|case postale|casella postale|postbox|post office box|p\.?\s?o\.?\s?box|bo[iî]te postale)(\s*(nr\.?|no\.?|n°)?\s*\d+)?(?=$|[\s,;])/i;
const PO_BOX_SHORT = /(^|[\s,;])(cp|c\.p\.|pf|bp|cas\.\s?post\.)\s*\d+(?=$|[\s,;])/i;
/** "6005 Luzern", "CH-6005 Luzern" at the end of the text. */
const PLZ_LOCALITY = /(^|[\s,;])(?:ch\s?-\s?)?([1-9]\d{3})(?:\s+([^\d,;\s][^,;]+))?\s*$/i;
/** A number (with suffix, sub-number or range) at the end of a street: "Bahnhofstr. 12a", "Weg 3 B", "Strasse 12-14". */
const TRAILING_NUMBER = /^(.*?[^\d\s,])[\s,]*(\d+(?:\s?[a-z](?![a-z]))?(?:\s?(?:bis|ter))?(?:\s?[./\-+]\s?\d+(?:\s?[a-z](?![a-z]))?)?)\s*$/i;
/** A number before the street, as in French and Italian: "12 rue du Lac", "12A, Via Cantonale". */
const LEADING_NUMBER = /^(\d+(?:\s?[a-z](?![a-z]))?(?:\s?(?:bis|ter))?)\s*,?\s+([^\d\s].*)$/i;

/** Split a street with its number ("Bahnhofstrasse 12a", "12 rue du Lac") into the two. */
export function splitStreetNumber(text: string): { street: string | null; number: string | null } {
	const s = text.replace(/\s+/g, ' ').trim().replace(/^[,;\s]+|[,;\s]+$/g, '');
	if (!s) return { street: null, number: null };
	let m = TRAILING_NUMBER.exec(s);
	if (m) return { street: m[1].trim(), number: m[2].replace(/\s+/g, ' ').trim() };
	m = LEADING_NUMBER.exec(s);
	if (m) return { street: m[2].trim(), number: m[1].trim() };
	return { street: s, number: null };
}

/**
 * Parse free address text: "Bahnhofstrasse 12a", "Bahnhofstr. 12, 6003 Luzern", "12 rue du Lac,
 * 1003 Lausanne", "Postfach 123, 6002 Luzern", "6005 Luzern".
 */
export function parseAddress(text: string, opts: { splitNumber?: boolean } = {}): AddressParts {
	let s = text.replace(/\s+/g, ' ').trim();
	let poBox = false;
	for (const re of [PO_BOX, PO_BOX_SHORT]) {
		const m = re.exec(s);
		if (m) {
			poBox = true;
			s = (s.slice(0, m.index) + m[1] + s.slice(m.index + m[0].length)).trim();
		}
	}
	let plz: number | null = null;
	let locality: string | null = null;
	const m = PLZ_LOCALITY.exec(s);
	// Only a postcode after the street ("…, 6003 Luzern") or the whole text: never the number of "Weg 1234".
	if (m && (m.index === 0 || /[,;]\s*$/.test(s.slice(0, m.index + m[1].length)) || m[3])) {
		plz = Number(m[2]);
		locality = m[3]?.trim() || null;
		s = s.slice(0, m.index).trim();
	}
	if (opts.splitNumber === false) {
		const street = s.replace(/^[,;\s]+|[,;\s]+$/g, '');
		return { street: street || null, number: null, plz, locality, poBox };
	}
	const { street, number } = splitStreetNumber(s);
	return { street, number, plz, locality, poBox };
}

/** "6005 Luzern" / "6005" / "Luzern" in one column → postcode and locality. */
export function parsePlzLocality(text: string): { plz: number | null; locality: string | null } {
	const s = text.replace(/\s+/g, ' ').trim();
	const m = /^(?:ch\s?-\s?)?([1-9]\d{3})(?:\s+(.*))?$/i.exec(s);
	if (m) return { plz: Number(m[1]), locality: m[2]?.trim() || null };
	return { plz: null, locality: s || null };
}

/** Locality key: folded, words joined ("Luzern", "LUZERN", "Luzern 5" → "luzern…"). */
export function localityKey(s: string): string {
	return foldText(s).replace(/[^a-z0-9]+/g, ' ').trim();
}
