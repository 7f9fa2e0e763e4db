/**
 * Cell parsers for the schema's logical types, tolerant of Swiss and German formats.
 * Each returns the typed value, null for an empty cell, or undefined when the text is invalid.
 */
import { BadCell, type RawCell } from './types.ts';
import { readNumberText, type NumberStyle } from './numbers.ts';
import { showFormatChars } from '../../util/invisible.ts';

const isBlank = (v: RawCell) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/**
 * Numbers (see numbers.ts for every form read): a number, null for an empty cell, undefined when the
 * text is no number or is ambiguous without its column ("1,500"; the validator decides per column).
 */
export function parseNumber(v: RawCell, style: NumberStyle = null, integer = false): number | null | undefined {
	if (isBlank(v)) return null;
	if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
	if (typeof v !== 'string') return undefined;
	const n = readNumberText(v, style, integer);
	return typeof n === 'number' ? n : undefined;
}

const TRUE = new Set(['ja', 'j', 'yes', 'y', 'true', 'wahr', '1', 'x', 'oui', 'vrai', 'si', 'sì']);
const FALSE = new Set(['nein', 'n', 'no', 'false', 'falsch', '0', 'non', 'faux']);

/** Booleans: ja/nein, yes/no, true/false, 1/0, x (= yes). */
export function parseBoolean(v: RawCell): boolean | null | undefined {
	if (isBlank(v)) return null;
	if (typeof v === 'boolean') return v;
	if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
	const s = String(v).trim().toLowerCase();
	return TRUE.has(s) ? true : FALSE.has(s) ? false : undefined;
}

function isoDate(y: number, m: number, d: number): string | undefined {
	const t = Date.UTC(y, m - 1, d);
	const dt = new Date(t);
	if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Dates as ISO 'yyyy-mm-dd': accepts yyyy-mm-dd[Thh:mm…], dd.mm.yyyy, d.m.yy (20yy) and Date objects. */
export function parseDate(v: RawCell): string | null | undefined {
	if (isBlank(v)) return null;
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString().slice(0, 10);
	if (typeof v !== 'string') return undefined;
	let s = v.trim();
	// A time of day after the date, as databases and Excel export it («2026-03-31T00:00:00Z», «31.03.2026 00:00»):
	// a real time only. Any other text after a date («2026-03-31 bis 2031-03-31») is no date.
	const time = /[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?$/.exec(s);
	if (time) {
		if (+time[1] > 23 || +time[2] > 59 || +(time[3] ?? 0) > 59) return undefined;
		s = s.slice(0, time.index).trimEnd();
	}
	let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
	if (m) return isoDate(+m[1], +m[2], +m[3]);
	m = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(s);
	if (m) return isoDate(m[3].length === 2 ? 2000 + +m[3] : +m[3], +m[2], +m[1]);
	return undefined;
}

/** Text: trimmed string, null when empty. Numbers from spreadsheets become their plain text. */
export function parseText(v: RawCell): string | null {
	if (isBlank(v)) return null;
	if (v instanceof Date) return v.toISOString().slice(0, 10);
	return String(v).trim();
}

/** Short rendering of a raw cell for messages (control and invisible format characters made visible). */
export function show(v: RawCell): string {
	const s = (v instanceof Date ? v.toISOString().slice(0, 10) : v instanceof BadCell ? v.text : String(v)).replace(/[\u0000-\u001f]/g, (c) => (c === '\u0000' ? '␀' : ' '));
	const chars = s.length > 40 ? [...s] : null; // by code point: a cut never splits a character
	return showFormatChars(chars && chars.length > 40 ? chars.slice(0, 37).join('') + '…' : s);
}
