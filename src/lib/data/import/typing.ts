/**
 * Typing one raw cell against its schema column, and the messages for what cannot be typed or lies
 * beyond the column's bounds. The validator calls this for every cell of every mapped column.
 */
import type { CellValue } from '../arrow.ts';
import { RANGES } from '../coords.ts';
import { MAX_EXACT_INTEGER, normaliseHeader, type ColumnDef } from '../schema.ts';
import { ambiguousSeparator, plainForm, plainNumber, readNumberText, type NumberStyle } from './numbers.ts';
import { readDegrees } from './coordinate-text.ts';
import { BadCell, MAX_VALUE_CHARS, type Msg, type RawCell } from './types.ts';
import { parseBoolean, parseDate, parseText, show } from './values.ts';

/** Why a cell has no value (the message is built by `problemMessage`). */
export type CellProblem = { problem: 'invalid' | 'ambiguous' | 'too_large' | 'nul' } | { problem: 'bad_cell'; cell: BadCell };

/** Column types whose cells the number reader reads. */
const NUMERIC = new Set(['number', 'integer', 'lon', 'lat']);

const INVALID: CellProblem = { problem: 'invalid' };
const AMBIGUOUS: CellProblem = { problem: 'ambiguous' };
const TOO_LARGE: CellProblem = { problem: 'too_large' };
const NUL: CellProblem = { problem: 'nul' };

export function isProblem(v: CellValue | CellProblem): v is CellProblem {
	return typeof v === 'object' && v !== null;
}

const isBlank = (v: RawCell) => v === null || (typeof v === 'string' && v.trim() === '');

function number(v: RawCell, style: NumberStyle, integer: boolean): CellValue | CellProblem {
	if (isBlank(v)) return null;
	let n: number;
	if (typeof v === 'number') n = v;
	else if (typeof v === 'string') {
		const r = readNumberText(v, style, integer);
		if (r === 'ambiguous') return AMBIGUOUS;
		if (r === 'invalid') return INVALID;
		n = r;
	} else return INVALID;
	if (!Number.isFinite(n)) return INVALID;
	if (!integer) return n;
	if (!Number.isInteger(n)) return INVALID;
	// Beyond 2^53 a whole number is no longer stored exactly (and BIGINT would wrap it silently).
	return Math.abs(n) > MAX_EXACT_INTEGER ? TOO_LARGE : n;
}

const PERCENT = /^\s*(.*?)\s*%\s*$/;

/** The number text of a cell written as a percentage ("80 %", "80%"), else null. */
export function percentText(raw: RawCell): string | null {
	return typeof raw === 'string' && raw.length <= MAX_VALUE_CHARS ? (PERCENT.exec(raw)?.[1] ?? null) : null;
}

/**
 * Whether a `percent` column is written in percent, decided on its first rows: a value with a % sign, or
 * every non-zero value above the column's max and within 100 × max (Pensum 80, 100, 50 rather than 0.8,
 * 1, 0.5); a fraction («1/2») counts for neither. A column mixing both (1 and 2.5) is not: its values beyond
 * max stay errors on their rows.
 */
export function readsAsPercent(c: ColumnDef, cells: readonly RawCell[], style: NumberStyle): boolean {
	if (!c.percent || c.max === undefined) return false;
	let above = false;
	for (const raw of cells) {
		if (percentText(raw) !== null) return true;
		if (isFteFraction(c, raw)) continue;
		const v = typeCell(c, raw, style);
		// A negative value is an error whatever the unit: it does not decide it.
		if (typeof v !== 'number' || v <= 0) continue;
		if (v <= c.max || v > c.max * 100) return false;
		above = true;
	}
	return above;
}

/**
 * The unit words a number may carry after it, by the column's unit (schema.ts): "6 Monate", "1200 m²",
 * "300'000 CHF/Jahr", "12 min". Only the column's own unit: "6 km" in a months column stays an error.
 */
const UNIT_WORDS: Record<string, readonly string[]> = {
	Monate: ['monate', 'monat', 'mte.', 'mte', 'mt.', 'mt', 'mon.', 'mon', 'months', 'month', 'mois'],
	'm²': ['m²', 'm2', 'qm', 'sqm'],
	'km²': ['km²', 'km2'],
	min: ['min', 'min.', 'minuten', 'minutes', "'"],
	'CHF/Jahr': ['chf/jahr', 'chf/j', 'chf p.a.', 'chf pro jahr', '/jahr', 'p.a.', 'pro jahr', 'jährlich'],
	'CHF/m²/Jahr': ['chf/m²/jahr', 'chf/m2/jahr', 'chf/m²', 'chf/m2', '/m²', '/m2', '/m²/jahr', '/m2/jahr'],
	'1/Jahr': ['p.a.'], // "12 pro Jahr", "12x/Jahr": perYear reads them first
	FTE: ['fte', 'vze']
};

/** A number cell without the column's unit after it ("6 Monate" → "6"); other cells as they are. */
function withoutUnit(c: ColumnDef, v: RawCell): RawCell {
	const words = c.unit ? UNIT_WORDS[c.unit] : undefined;
	if (!words || typeof v !== 'string') return v;
	const s = v.trim();
	const lower = s.toLowerCase();
	for (const w of words) if (lower.endsWith(w) && /[\d\s.–-]$/.test(s.slice(0, s.length - w.length))) return s.slice(0, s.length - w.length).trimEnd();
	return v;
}

/**
 * How often per year, for a column counted per year ("1/Jahr"), when a file says it in words: "monatlich",
 * "wöchentlich", "2x pro Monat", "3 mal im Quartal". "Täglich" counts 250 working days (the offices are
 * open on working days, not 365). Anything else is left to the number reader.
 */
const PER_YEAR_WORDS: Record<string, number> = {
	taeglich: 250, daily: 250, arbeitstaeglich: 250,
	woechentlich: 52, weekly: 52, zweiwoechentlich: 26, biweekly: 26,
	monatlich: 12, monthly: 12,
	quartalsweise: 4, vierteljaehrlich: 4, quarterly: 4,
	halbjaehrlich: 2, semi_annually: 2,
	jaehrlich: 1, annually: 1, yearly: 1, einmal_pro_jahr: 1
};
const PER_PERIOD: Record<string, number> = { tag: 250, day: 250, woche: 52, week: 52, monat: 12, month: 12, quartal: 4, quarter: 4, jahr: 1, year: 1 };

function perYear(v: RawCell): RawCell {
	if (typeof v !== 'string') return v;
	const word = PER_YEAR_WORDS[normaliseHeader(v)];
	if (word !== undefined) return word;
	const t = v.trim().toLowerCase().replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue');
	const m = /^(\d+(?:[.,]\d+)?)\s*(?:x|mal)?\s*(?:pro|per|im|in der|a|je|\/)\s*(tag|day|woche|week|monat|month|quartal|quarter|jahr|year)$/.exec(t);
	// «1,500 pro Monat» or «1.500 pro Monat» could be 1.5 or 1500 (numbers.ts): such a figure is not read.
	if (!m || ambiguousSeparator(m[1])) return v;
	return Number(m[1].replace(',', '.')) * PER_PERIOD[m[2]];
}

/** «Sofort», «ab sofort», «per sofort», «immediately», «de suite»: a start without waiting (schema nowIsEmpty). */
export function isNowWord(v: RawCell): boolean {
	return typeof v === 'string' && v.length < 40 && /^(?:(?:ab|per|auf)\s+)?(?:sofort|sogleich|umgehend|jetzt|immediately|now|immédiatement|immediatement|de suite|tout de suite)\.?$/i.test(v.trim());
}

/**
 * Whether a cell is a Pensum written as a fraction: a share whatever unit the column's other values use,
 * so it neither decides that unit nor needs the «already a share» check in a column kept in percent.
 */
export function isFteFraction(c: ColumnDef, v: RawCell): boolean {
	return c.unit === 'FTE' && typeof v === 'string' && v.length <= MAX_VALUE_CHARS && fraction(v) !== v;
}

/** A Pensum as a fraction («1/2», «3/4», «½»), as some HR lists write part-time, or «Vollzeit»: its share. */
function fraction(v: RawCell): RawCell {
	if (typeof v !== 'string') return v;
	const t = v.trim();
	if (/^(?:vollzeit|full[- ]?time|plein[- ]temps|temps[- ]plein)$/i.test(t)) return 1;
	const glyph = ({ '½': 0.5, '¼': 0.25, '¾': 0.75, '⅓': 1 / 3, '⅔': 2 / 3 } as Record<string, number>)[t];
	if (glyph !== undefined) return glyph;
	const m = /^([1-9])\s*\/\s*([2-9])$/.exec(t);
	return m && +m[1] < +m[2] ? +m[1] / +m[2] : v;
}

/**
 * A duration as a clock shows it, where minutes are counted: «1:05» or «00:25» (h:mm, also with seconds), as
 * Excel writes a [h]:mm cell into a CSV; in an XLSX such a cell is a time of day on Excel's day zero
 * (30/31 December 1899). Its minutes.
 */
function clockMinutes(v: RawCell): RawCell {
	if (v instanceof Date) {
		const day = v.toISOString().slice(0, 10);
		if (day !== '1899-12-30' && day !== '1899-12-31') return v;
		return Math.round(((v.getTime() - Date.UTC(1899, 11, 30)) / 60_000) * 1000) / 1000;
	}
	if (typeof v !== 'string') return v;
	const m = /^\s*(\d{1,3}):([0-5]\d)(?::([0-5]\d))?\s*$/.exec(v);
	return m ? +m[1] * 60 + +m[2] + (m[3] ? Math.round((+m[3] / 60) * 1000) / 1000 : 0) : v;
}

/** A period in years where months are counted («1 Jahr», «1,5 Jahre», «2 ans»): its months. */
function yearsAsMonths(v: RawCell): RawCell {
	if (typeof v !== 'string') return v;
	const m = /^\s*(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:jahre?|j\.|jr\.?|years?|yrs?\.?|ans?|année|années)\s*$/i.exec(v);
	return m ? Math.round(Number(m[1].replace(',', '.')) * 12 * 100) / 100 : v;
}

/**
 * A number cell as the number reader takes it, the one place for what people write around a number: the
 * % sign of a `percent` column (the validator divides by 100), a frequency in words as its count per
 * year, the column's unit after it. Typing and the column's decimal-separator decision both read this.
 */
export function numberInput(c: ColumnDef, v: RawCell): RawCell {
	if (typeof v === 'string' && (v.length > MAX_VALUE_CHARS || plainForm(v))) return v; // no number (numbers.ts refuses it), or a plain one
	if (c.percent) v = percentText(v) ?? v;
	if (c.unit === '1/Jahr') v = perYear(v);
	if (c.unit === 'Monate') v = yearsAsMonths(v);
	if (c.unit === 'FTE') v = fraction(v);
	if (c.unit === 'min') v = clockMinutes(v);
	return withoutUnit(c, v);
}

/** Every range a coordinate of a place in Switzerland can take, in any system and either axis (coords.ts). */
const COORDINATE_RANGES = Object.values(RANGES).flatMap((axes) => Object.values(axes) as readonly (readonly [number, number])[]);

/**
 * «8,300» or «47,050» in a coordinate column, where the column does not tell the separator: of the two
 * readings (8.3 or 8300) mostly only one is a coordinate anywhere in Switzerland. That one, else null.
 */
function coordinateReading(v: string): number | null {
	// The two readings: the separator as a decimal point, and as a thousands group.
	const readings = [readNumberText(v, 'comma'), readNumberText(v, 'dot')].filter((r): r is number => typeof r === 'number' && COORDINATE_RANGES.some(([lo, hi]) => r >= lo && r <= hi));
	return readings.length === 1 ? readings[0] : null;
}

/** Type one cell: its value, null for an empty cell, or the problem. */
export function typeCell(c: ColumnDef, v: RawCell, style: NumberStyle = null): CellValue | CellProblem {
	if (v instanceof BadCell) return { problem: 'bad_cell', cell: v };
	// Most cells of a number column are plain («8.309», «12»): read at once, past the readers of units and words.
	if (typeof v === 'string' && NUMERIC.has(c.type)) {
		const n = plainNumber(v);
		if (n !== null) return number(n, style, c.type === 'integer');
	}
	if (c.type === 'number' || c.type === 'integer') v = numberInput(c, v);
	switch (c.type) {
		case 'text': {
			const s = parseText(v);
			return s !== null && s.includes('\u0000') ? NUL : s;
		}
		case 'number':
			return number(v, style, false);
		case 'lon':
		case 'lat': {
			// Degrees as people copy them («47°03'01"N», «N 47.0502»); plain numbers (also LV95 values) as numbers.
			const d = typeof v === 'string' ? readDegrees(v) : null;
			if (d) return d.value;
			const n = number(v, style, false);
			return n === AMBIGUOUS && typeof v === 'string' ? (coordinateReading(v) ?? n) : n;
		}
		case 'integer':
			return number(v, style, true);
		case 'date':
			return parseDate(v) ?? (isBlank(v) ? null : INVALID);
		case 'boolean':
			return parseBoolean(v) ?? (isBlank(v) ? null : INVALID);
	}
}

const TYPE_NAME: Record<string, Msg> = {
	number: { de: "eine Zahl (z. B. 1234.5 oder 1'234,5)", en: "a number (e.g. 1234.5 or 1'234,5)" },
	integer: { de: 'eine ganze Zahl', en: 'a whole number' },
	lon: { de: "eine Länge in Grad (WGS84, z. B. 8.3093 oder 8°18'33\"E) oder ein LV95-Ostwert (z. B. 2'666'000)", en: "a longitude in degrees (WGS84, e.g. 8.3093 or 8°18'33\"E) or an LV95 easting (e.g. 2666000)" },
	lat: { de: "eine Breite in Grad (WGS84, z. B. 47.0502 oder 47°03'01\"N) oder ein LV95-Nordwert (z. B. 1'211'000)", en: "a latitude in degrees (WGS84, e.g. 47.0502 or 47°03'01\"N) or an LV95 northing (e.g. 1211000)" },
	date: { de: 'ein Datum (JJJJ-MM-TT oder TT.MM.JJJJ)', en: 'a date (yyyy-mm-dd or dd.mm.yyyy)' },
	boolean: { de: 'ja/nein (ja, nein, true, false, 1, 0, x)', en: 'yes/no (ja, nein, true, false, 1, 0, x)' }
};

/** A number for a message, grouped as the language writes it; a huge one (1e300, a typo) as JavaScript writes it. */
/** A number in a message, grouped as the language writes it (-0 reads 0); a huge one (1e300, a typo) as JavaScript writes it. */
export const fmt = (n: number, lang: 'de' | 'en', digits = 6) => (Math.abs(n) >= 1e16 ? String(n) : (n === 0 ? 0 : n).toLocaleString(lang === 'de' ? 'de-CH' : 'en', { maximumFractionDigits: digits }));

/** Code and message of a cell problem (the column's decimal style explains "ambiguous"). */
export function problemMessage(p: CellProblem, c: ColumnDef, raw: RawCell, style: NumberStyle): { code: string; msg: Msg } {
	const s = show(raw);
	switch (p.problem) {
		case 'bad_cell':
			return { code: p.cell.code, msg: p.cell.msg };
		case 'nul':
			return {
				code: 'nul_character',
				msg: {
					de: `«${s}» enthält ein NUL-Zeichen (Byte 0): die Datei ist beschädigt oder anders kodiert (UTF-16?). Das Zeichen entfernen oder die Datei als UTF-8 speichern.`,
					en: `"${s}" contains a NUL character (byte 0): the file is damaged or in another encoding (UTF-16?). Remove the character or save the file as UTF-8.`
				}
			};
		case 'too_large':
			return {
				code: 'integer_too_large',
				msg: {
					de: `«${s}» ist als ganze Zahl zu gross (höchstens ±${fmt(MAX_EXACT_INTEGER, 'de')}); der Wert wäre nicht exakt gespeichert.`,
					en: `"${s}" is too large for a whole number (at most ±${fmt(MAX_EXACT_INTEGER, 'en')}); it would not be stored exactly.`
				}
			};
		case 'ambiguous': {
			const both = style === 'conflict';
			return {
				code: 'ambiguous_number',
				msg: {
					de: `«${s}» ist mehrdeutig: Tausendertrennzeichen oder Dezimalzeichen? ${both ? 'Die Spalte enthält Zahlen mit Dezimalkomma und mit Dezimalpunkt.' : 'Die übrigen Werte der Spalte verraten es nicht.'} Ohne Trennzeichen oder mit Apostroph schreiben (1500 oder 1'500), Dezimalstellen mit Punkt (1.5).`,
					en: `"${s}" is ambiguous: a thousands separator or a decimal separator? ${both ? 'The column holds numbers with a decimal comma and with a decimal point.' : "The column's other values do not tell."} Write it without a separator or with an apostrophe (1500 or 1'500), decimals with a point (1.5).`
				}
			};
		}
		case 'invalid': {
			const hint = c.type === 'date' ? dateHint(raw) : c.unit === 'FTE' ? pensumHint(raw) : c.name === 'plz' ? postcodeHint(raw) : null;
			return {
				code: 'bad_' + c.type,
				msg: {
					de: `«${s}» ist keine gültige Angabe; erwartet: ${TYPE_NAME[c.type]?.de ?? c.type}.${hint ? ' ' + hint.de : ''}`,
					en: `"${s}" is not valid; expected ${TYPE_NAME[c.type]?.en ?? c.type}.${hint ? ' ' + hint.en : ''}`
				}
			};
		}
	}
}

/** A postcode with another country before it («D-78462», «FL-9490»): the register holds Swiss postcodes only. */
function postcodeHint(raw: RawCell): Msg | null {
	return typeof raw === 'string' && /^\s*[a-z]{1,3}\s?-?\s?\d{4,5}\s*$/i.test(raw)
		? { de: 'Eine ausländische Postleitzahl? Das Verzeichnis kennt nur Schweizer PLZ: für einen Ort im Ausland Koordinaten angeben.', en: 'A foreign postcode? The register holds Swiss postcodes only: give coordinates for a place abroad.' }
		: null;
}

/** «Teilzeit» names no share: which one is for the source to say. */
function pensumHint(raw: RawCell): Msg | null {
	return typeof raw === 'string' && /^(?:teilzeit|part[- ]?time|temps partiel)$/i.test(raw.trim())
		? { de: 'Teilzeit nennt keinen Anteil: das Pensum in Prozent angeben (z. B. 60).', en: 'Part-time names no share: give the Pensum in percent (e.g. 60).' }
		: null;
}

/**
 * What a date that cannot be read probably is, so the user can fix it at the source: an Excel serial
 * number (the cell lost its date format), a date with slashes (day or month first?), a year or month alone.
 */
function dateHint(raw: RawCell): Msg | null {
	const t = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (/^\d{5}$/.test(t) && +t >= 20_000 && +t <= 80_000) {
		// Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was: serial 25569 = 1970-01-01.
		const d = new Date((+t - 25_569) * 86_400_000).toISOString().slice(0, 10);
		const [y, m, dd] = d.split('-');
		return {
			de: `Eine Excel-Seriennummer? Das wäre der ${dd}.${m}.${y}: in Excel die Spalte als Datum formatieren und neu speichern, oder das Datum so schreiben.`,
			en: `An Excel serial number? That would be ${y}-${m}-${dd}: format the column as a date in Excel and save again, or write the date like that.`
		};
	}
	if (/^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(t))
		return { de: 'Mit Schrägstrichen ist offen, ob Tag oder Monat zuerst steht: als TT.MM.JJJJ schreiben.', en: 'With slashes it is unclear whether day or month comes first: write dd.mm.yyyy or yyyy-mm-dd.' };
	// A year, a month («07.2026», «Juli 2026»), a quarter or half («Q3 2025», «3. Quartal 2025», «H2 2026», «Mitte 2026»).
	if (/^(?:\d{4}|\d{1,2}[./]\d{4}|[A-Za-zÄÖÜäöüé]+\.?\s+\d{4}|(?:[QH][1-4]|[1-4]\.\s*(?:Quartal|Semester|Halbjahr))[\s/-]*\d{4})$/i.test(t))
		return { de: 'Ein Tag fehlt: das genaue Datum angeben (z. B. 31.12.2027).', en: 'The day is missing: give the exact date (e.g. 2027-12-31).' };
	return null;
}

/**
 * How the file wrote a number the validator scaled: a percentage (÷ 100) or a monthly amount (× 12). A
 * message about the value then quotes it as written, so the user finds it in the file.
 */
export interface WrittenAs {
	value: number;
	as: 'percent' | 'month';
}

/** A column of codes (a postcode, a BFS number): whole numbers with no unit and no usual range, written ungrouped. */
const isCode = (c: ColumnDef) => c.type === 'integer' && !c.unit && c.warnMin === undefined && c.warnMax === undefined;

/** The value in a message: the number as stored, or as written with what the model made of it. */
function shownValue(v: number, unit: string, written: WrittenAs | null, lang: 'de' | 'en'): string {
	if (!written) return `${fmt(v, lang)}${unit}`;
	if (written.as === 'percent') return `${fmt(written.value, lang)} % (= ${fmt(v, lang)}${unit})`;
	return `${fmt(written.value, lang)} ${lang === 'de' ? 'pro Monat' : 'per month'} (× 12 = ${fmt(v, lang)}${unit})`;
}

/** A range in the column's unit, and in percent for a column the file gives in percent. */
function shownRange(lo: number | undefined, hi: number | undefined, unit: string, written: WrittenAs | null, lang: 'de' | 'en'): string {
	const to = lang === 'de' ? 'bis' : 'to';
	const range = (f: number) => `${lo !== undefined ? fmt(lo * f, lang) : '−∞'} ${to} ${hi !== undefined ? fmt(hi * f, lang) : '∞'}`;
	return `${range(1)}${unit}${written?.as === 'percent' ? ` (${range(100)} %)` : ''}`;
}

/**
 * The column's bound a number breaks: 'error' beyond what is possible, 'warning' beyond what is usual.
 * `written`: the value as the file wrote it, when the validator scaled it.
 */
export function rangeIssue(c: ColumnDef, v: number, written: WrittenAs | null = null): { severity: 'error' | 'warning'; code: string; msg: Msg } | null {
	const unit = c.unit ? ' ' + c.unit : '';
	if (isCode(c) && ((c.min !== undefined && v < c.min) || (c.max !== undefined && v > c.max)))
		return {
			severity: 'error',
			code: 'out_of_range',
			msg: { de: `${v} liegt ausserhalb des möglichen Bereichs ${c.min ?? '−∞'} bis ${c.max ?? '∞'}.`, en: `${v} is outside the possible range ${c.min ?? '−∞'} to ${c.max ?? '∞'}.` }
		};
	if ((c.min !== undefined && v < c.min) || (c.max !== undefined && v > c.max))
		return {
			severity: 'error',
			code: 'out_of_range',
			msg: {
				de: `${shownValue(v, unit, written, 'de')} liegt ausserhalb des möglichen Bereichs ${shownRange(c.min, c.max, unit, written, 'de')}.`,
				en: `${shownValue(v, unit, written, 'en')} is outside the possible range ${shownRange(c.min, c.max, unit, written, 'en')}.`
			}
		};
	if ((c.warnMin !== undefined && v < c.warnMin) || (c.warnMax !== undefined && v > c.warnMax)) {
		const lo = c.warnMin ?? c.min;
		const hi = c.warnMax ?? c.max;
		return {
			severity: 'warning',
			code: 'unusual_value',
			msg: {
				de: `${shownValue(v, unit, written, 'de')} ist ungewöhnlich für «${c.name}» (üblich: ${shownRange(lo, hi, unit, written, 'de')}). Prüfen, dann bestätigen, oder korrigieren (z. B. drei Nullen zu viel?).`,
				en: `${shownValue(v, unit, written, 'en')} is unusual for "${c.name}" (usual: ${shownRange(lo, hi, unit, written, 'en')}). Check it, then confirm, or correct it (three zeros too many?).`
			}
		};
	}
	return null;
}
