/**
 * Coordinates written as text, the way people copy them: degrees with minutes and seconds
 * («47°03'01.2"N», «8° 18′ 33″ E», «N 47.0502»), and a whole point in one cell («47.0502, 8.3093» from a
 * web map, «2'666'000, 1'211'000» from map.geo.admin.ch, «E 2666000 / N 1211000», «POINT(8.3093 47.0502)»).
 * Only reads numbers; which system a pair is in (WGS84, LV95, LV03, swapped) is decided by the values
 * (coords.ts classifyPair), as for coordinates in two columns.
 */
import { readNumberText } from './numbers.ts';
import { MAX_VALUE_CHARS } from './types.ts';

/** A value in degrees and the axis its hemisphere letter names (N/S latitude, E/O/W longitude), if any. */
export interface Degrees {
	value: number;
	axis: 'lon' | 'lat' | null;
}

const NUM = String.raw`\d+(?:[.,]\d+)?`;
const MINUTE_MARK = `['′’]`;
const SECOND_MARK = `(?:["″”]|''|′′|’’)`;
/** Degrees [minutes [seconds]] with a hemisphere letter before or after; a sign only without one. */
const DEGREES_SOURCE = `([NSEWO])?\\s*([+-])?(${NUM})\\s*(°)?\\s*(?:(${NUM})\\s*${MINUTE_MARK}\\s*)?(?:(${NUM})\\s*${SECOND_MARK}\\s*)?([NSEWO](?![a-z]))?`;
const DEGREES = new RegExp(`^${DEGREES_SOURCE}$`, 'i');
/** The same within a cell, for two points in a row; these need the degree sign. */
const DEGREES_IN_TEXT = new RegExp(DEGREES_SOURCE.replace('(°)?', '(°)'), 'gi');

const decimal = (s: string) => Number(s.replace(',', '.'));

function degreesOf(m: RegExpExecArray): Degrees | null {
	const [, before, sign, deg, mark, min, sec, after] = m;
	const letter = (before ?? after)?.toUpperCase();
	// Degrees need their sign or a hemisphere letter, and one letter at most; minutes and seconds below 60,
	// and only after whole degrees (minutes).
	if ((!mark && !letter) || (before && after) || (sign && letter)) return null;
	if ((min !== undefined && (/[.,]/.test(deg) || decimal(min) >= 60)) || (sec !== undefined && (min === undefined || /[.,]/.test(min) || decimal(sec) >= 60))) return null;
	const abs = decimal(deg) + (min ? decimal(min) / 60 : 0) + (sec ? decimal(sec) / 3600 : 0);
	if (!(abs <= 180)) return null;
	const negative = sign === '-' || letter === 'S' || letter === 'W';
	return { value: negative ? -abs : abs, axis: letter === 'N' || letter === 'S' ? 'lat' : letter ? 'lon' : null };
}

/** A value in degrees written with a degree sign or a hemisphere letter; null for anything else (a plain number too). */
export function readDegrees(text: string): Degrees | null {
	if (text.length > MAX_VALUE_CHARS) return null;
	const m = DEGREES.exec(text.trim());
	return m ? degreesOf(m) : null;
}

/** A label before a number: E/N (LV95), Ost/Nord, x/y, lon/lat. */
const LABEL = /^(lon|lng|lat|ost|nord|east|north|[enxyo])\s*[:=]?\s*(?=[+-]?\d)/i;
const LAT_LABELS = new Set(['lat', 'nord', 'north', 'n']);
const LON_LABELS = new Set(['lon', 'lng', 'ost', 'east', 'e', 'o']);

/** The usual form of a coordinate from a web map or GIS («47.05023», «-8.3», «2666000»): read at once, as below (a test holds them equal). */
const PLAIN = /^-?\d{1,9}(?:\.\d{1,9})?$/;

/** One coordinate of a pair: degrees, or a number with an optional label; a decimal comma is read as such. */
function coordinate(part: string): Degrees | null {
	if (PLAIN.test(part)) return { value: Number(part), axis: null };
	const d = readDegrees(part);
	if (d) return d;
	const label = LABEL.exec(part);
	const body = label ? part.slice(label[0].length) : part;
	let v = readNumberText(body);
	// "8,309": a group separator or a decimal one? In a coordinate, a decimal one (8309 is no coordinate in any system).
	if (v === 'ambiguous') v = readNumberText(body, /,/.test(body) ? 'comma' : 'dot');
	if (typeof v !== 'number') return null;
	const l = label?.[1].toLowerCase();
	return { value: v, axis: l && LAT_LABELS.has(l) ? 'lat' : l && LON_LABELS.has(l) ? 'lon' : null };
}

/** Two coordinates in the order written, or by their letters (longitude or east first) when both have one. */
function ordered(p: Degrees | null, q: Degrees | null): { a: number; b: number } | null {
	if (!p || !q) return null;
	if (p.axis && q.axis && p.axis !== q.axis) return p.axis === 'lon' ? { a: p.value, b: q.value } : { a: q.value, b: p.value };
	return { a: p.value, b: q.value };
}

const WKT = /^(?:srid\s*=\s*\d+\s*;\s*)?point\s*(?:zm|z|m)?\s*\(\s*([^()]*?)\s*\)$/i;
/** Separators between the two coordinates, tried in turn: the unambiguous ones first. */
const SEPARATORS = [/\s*[;/|]\s*/, /\s*,\s+/, /\s+/, /,/];

/**
 * A point written in one cell: the two coordinates as written (a, b), to be classified like two columns;
 * null when the text is not two coordinates.
 */
export function readCoordinatePair(text: string): { a: number; b: number } | null {
	if (text.length > MAX_VALUE_CHARS) return null;
	let t = text.trim();
	const wkt = WKT.exec(t);
	if (wkt) {
		const xy = wkt[1].split(/\s+/).map(Number);
		return xy.length >= 2 && xy.length <= 4 && xy.every(Number.isFinite) ? { a: xy[0], b: xy[1] } : null;
	}
	t = t.replace(/^\[(.*)\]$|^\((.*)\)$/, '$1$2').trim();
	if (t.includes('°')) {
		const found = [...t.matchAll(DEGREES_IN_TEXT)].filter((m) => m[0].trim());
		const rest = t.replace(DEGREES_IN_TEXT, '');
		return found.length === 2 && /^[\s,;/|]*$/.test(rest) ? ordered(degreesOf(found[0]), degreesOf(found[1])) : null;
	}
	for (const sep of SEPARATORS) {
		const parts = t.split(sep);
		if (parts.length === 2 && parts[0] && parts[1]) return ordered(coordinate(parts[0]), coordinate(parts[1]));
	}
	// "E 2666000 N 1211000": split before the second label.
	const labelled = /^(.*?\d)\s+((?:lon|lng|lat|ost|nord|east|north|[enxyo])\b.*)$/i.exec(t);
	return labelled ? ordered(coordinate(labelled[1]), coordinate(labelled[2])) : null;
}
