/**
 * Numbers as people write them in Swiss and German spreadsheets: 1234.5, 1'234.50, 5’100, 1 234,5 (with
 * a space, no-break or narrow no-break space between groups), 1.234,5, 1,234.5, CHF 250'000, 250'000.–,
 * Fr. 12.50, −3, 1e6. One thing cannot be read from the value alone: "1,500" is 1500 to an English
 * reader and 1.5 to a German one (and "1.500" the other way round). That is decided per column from the
 * other values in the file (decideStyle); when the column does not tell, the value is refused as
 * ambiguous with a message, never guessed. Integer columns read such a value as grouped thousands (1.5
 * is no whole number).
 */

import { MAX_VALUE_CHARS } from './types.ts';

/** What a column's values say about the decimal separator. null: nothing; conflict: both kinds appear. */
export type NumberStyle = 'dot' | 'comma' | 'conflict' | null;

/** A number, or why the text is not one. */
export type NumberRead = number | 'invalid' | 'ambiguous';

/** Characters that group thousands: apostrophes (straight, typographic) and spaces of every width. */
const GROUP = /['’‘\s]/g;
const CURRENCY_HEAD = /^(?:chf|sfr\.?|fr\.?)\s*/i;
const CURRENCY_TAIL = /\s*(?:chf|sfr\.?|fr\.?)$/i;
/** The Swiss ".–" (no cents): 250.–, 250'000.–, also written with a hyphen or em dash. */
const NO_CENTS = /(\d)[.,][-–—]$/;
const SCIENTIFIC = /^(\d+\.?\d*|\.\d+)e[-+]?\d+$/i;
/** Digits grouped by threes after a head of one to three (the only grouping we read). */
const GROUPED = /^\d{1,3}(?:[^\d]\d{3})+$/;

interface Shape {
	sign: string;
	/** Text without sign and currency, group spaces/apostrophes still in. */
	body: string;
	scientific: boolean;
}

function shape(raw: string): Shape | null {
	if (raw.length > MAX_VALUE_CHARS) return null;
	let s = raw.trim().replace(CURRENCY_HEAD, '').replace(CURRENCY_TAIL, '');
	let sign = '';
	const c = s.charAt(0);
	if (c === '-' || c === '+' || c === '−') {
		sign = c === '+' ? '' : '-';
		s = s.slice(1).trimStart();
	}
	s = s.replace(NO_CENTS, '$1');
	if (s === '') return null;
	if (SCIENTIFIC.test(s)) return { sign, body: s, scientific: true };
	if (!/^[\d'’‘\s.,]+$/.test(s) || !/\d/.test(s)) return null;
	return { sign, body: s, scientific: false };
}

/** The common cell: an optional minus, digits, and at most one decimal point with digits after it. */
const PLAIN = /^-?(\d{1,30})(?:\.(\d{1,30}))?$/;

/**
 * The common form's reading: its value and whether it shows a decimal point; 'maybe-group' for «1.500»,
 * whose point may group thousands (its column decides); null for any other form.
 */
export function plainForm(raw: string): { value: number; dot: boolean } | 'maybe-group' | null {
	const m = PLAIN.exec(raw);
	if (!m) return null;
	const [, head, tail] = m;
	if (tail !== undefined && tail.length === 3 && head.length <= 3 && head.charCodeAt(0) !== 48) return 'maybe-group';
	return { value: Number(raw), dot: tail !== undefined };
}

/**
 * A value in the common form read at once, or null for any other (left to readNumberText and the unit and
 * word readers before it, which all leave this form as it is). Equal to readNumberText wherever it answers
 * (a test holds them equal).
 */
export function plainNumber(raw: string): number | null {
	const p = plainForm(raw);
	return p && p !== 'maybe-group' ? p.value : null;
}

/** The decimal separator a value shows unambiguously ('.' or ','), null when it shows none or could be either. */
function decimalOf(body: string): { dec: '.' | ',' | null; ambiguous: '.' | ',' | null } {
	const dots = body.split('.').length - 1;
	const commas = body.split(',').length - 1;
	if (dots && commas) return { dec: body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',', ambiguous: null };
	if (!dots && !commas) return { dec: null, ambiguous: null };
	const c = dots ? '.' : ',';
	if (dots + commas > 1) return { dec: c === '.' ? ',' : '.', ambiguous: null }; // repeated: it groups, so the other one would be the decimal
	const at = body.indexOf(c);
	const head = body.slice(0, at);
	const tail = body.slice(at + 1);
	const grouped = /['’‘\s]/.test(head);
	const digits = head.replace(GROUP, '');
	// Could it be a thousands group? Needs a head of 1-3 digits without a leading zero and exactly 3 digits after.
	const couldGroup = !grouped && tail.length === 3 && /^[1-9]\d{0,2}$/.test(digits);
	return couldGroup ? { dec: null, ambiguous: c } : { dec: c, ambiguous: null };
}

/** What one value says about its column's decimal separator ('dot', 'comma' or nothing). */
export function numberEvidence(v: unknown): 'dot' | 'comma' | null {
	if (typeof v !== 'string') return null;
	const p = plainForm(v);
	if (p) return p !== 'maybe-group' && p.dot ? 'dot' : null;
	const sh = shape(v);
	if (!sh || sh.scientific) return null;
	const d = decimalOf(sh.body);
	// "1,234,567" says nothing about the decimal directly, but commas that group mean a dot decimal.
	if (d.dec === '.') return 'dot';
	if (d.dec === ',') return 'comma';
	return null;
}

/** Whether a value's one separator could group thousands or mark decimals («1.500», «1,500»): its column decides. */
export function ambiguousSeparator(v: unknown): boolean {
	if (typeof v !== 'string') return false;
	const sh = shape(v);
	return !!sh && !sh.scientific && decimalOf(sh.body).ambiguous !== null;
}

/**
 * The style a column whose values do not tell takes from the file's other number columns: 'comma' when they
 * agree on a decimal comma (the same hand wrote them all: «250.000» beside «1.250,5» groups thousands), else
 * none. Only the comma: without it a «1.500» would be read as 1.5 unasked, while a «1,500» is refused anyway.
 */
export function fileStyle(columns: Iterable<NumberStyle>): NumberStyle {
	let comma = false;
	for (const s of columns) {
		if (s === 'conflict' || s === 'dot') return null;
		if (s === 'comma') comma = true;
	}
	return comma ? 'comma' : null;
}

/** The decimal separator of a column from its values (null: they do not tell; conflict: both appear). */
export function decideStyle(values: Iterable<unknown>): NumberStyle {
	let dot = 0;
	let comma = 0;
	for (const v of values) {
		const e = numberEvidence(v);
		if (e === 'dot') dot++;
		else if (e === 'comma') comma++;
	}
	return dot && comma ? 'conflict' : dot ? 'dot' : comma ? 'comma' : null;
}

/**
 * Read a number written as text. `style` is the column's decimal separator (decideStyle), `integer`
 * says the column holds whole numbers (then "1,500" and "1.500" can only be 1500).
 */
export function readNumberText(raw: string, style: NumberStyle = null, integer = false): NumberRead {
	const sh = shape(raw);
	if (!sh) return 'invalid';
	if (sh.scientific) {
		const n = Number(sh.sign + sh.body);
		return Number.isFinite(n) ? n : 'invalid';
	}
	let { dec, ambiguous } = decimalOf(sh.body);
	if (ambiguous) {
		// Settled by the column: its decimal separator, or a whole-number column.
		if (integer) dec = null;
		else if (style === 'dot' || style === 'comma') dec = style === 'dot' ? '.' : ',';
		else if (ambiguous === '.' && style === null) dec = '.'; // the Swiss and English default: 1.500 = 1.5
		else return 'ambiguous';
	}
	const at = dec ? sh.body.lastIndexOf(dec) : -1;
	const intPart = at >= 0 ? sh.body.slice(0, at) : sh.body;
	const frac = at >= 0 ? sh.body.slice(at + 1) : '';
	if (!/^\d*$/.test(frac)) return 'invalid';
	const digits = intPart.replace(/['’‘\s.,]/g, '');
	// Group separators only between groups of three (12'34 is a typo, not 1234).
	if (digits.length !== intPart.length && !GROUPED.test(intPart.trim())) return 'invalid';
	if (digits === '' && frac === '') return 'invalid';
	const n = Number(`${sh.sign}${digits || '0'}.${frac || '0'}`);
	return Number.isFinite(n) ? n : 'invalid';
}
