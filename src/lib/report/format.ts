/**
 * Number, money, date and parameter formats for the report, the briefing, the exports and the CLI, in
 * one place. German follows Swiss usage (CLDR de-CH): 1’234’567.8, dates 30.11.2026, "CHF 4.80 Mio.";
 * English: 1,234,567.8, 30 Nov 2026, "CHF 4.80 M". Pure: the language is an argument.
 */
import { PARAM_META, financingRateOf, type ScenarioParams } from '../model/params.ts';
import { CRITERIA } from '../model/definitions.ts';
import { unitText } from '../model/units.ts';

export type Lang = 'de' | 'en';

const formats = new Map<string, Intl.NumberFormat>();

/** A number with at most `digits` (and at least `minDigits`) decimals. */
export function num(lang: Lang, v: number, digits = 0, minDigits = digits): string {
	const key = `${lang}:${digits}:${minDigits}`;
	let f = formats.get(key);
	if (!f) {
		f = new Intl.NumberFormat(lang === 'de' ? 'de-CH' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: minDigits });
		formats.set(key, f);
	}
	// A value that rounds to 0 prints without a sign; a negative one with a true minus (−), not a hyphen.
	const r = Math.round(v * 10 ** digits) === 0 ? 0 : v;
	return f.format(r).replace(/^-/, '−');
}

/** An amount in CHF, whole francs: "CHF 1’234’567". */
export function chf(lang: Lang, v: number): string {
	return `CHF ${num(lang, Math.round(v))}`;
}

/** An amount in millions of CHF: "CHF 4.80 Mio." / "CHF 4.80 M". */
export function mchf(lang: Lang, v: number, digits = 2): string {
	return `CHF ${num(lang, v / 1e6, digits, digits)} ${lang === 'de' ? 'Mio.' : 'M'}`;
}

/** A share 0..1 as percent: "29 %". */
export function pct(lang: Lang, v: number, digits = 0): string {
	return `${num(lang, 100 * v, digits)} %`;
}

/** A signed number with a true minus sign and a plus for gains: "+1.4", "−0.3", "0". */
export function signed(lang: Lang, v: number, digits = 1): string {
	const text = num(lang, Math.abs(v), digits);
	return Math.round(Math.abs(v) * 10 ** digits) === 0 ? text : `${v > 0 ? '+' : '−'}${text}`;
}

/** An ISO date (or GTFS's YYYYMMDD) as "30.11.2026" (German) or "30 Nov 2026" (English). */
export function date(lang: Lang, iso: string): string {
	const [y, m, d] = /^\d{8}$/.test(iso) ? [iso.slice(0, 4), iso.slice(4, 6), iso.slice(6)].map(Number) : iso.slice(0, 10).split('-').map(Number);
	if (lang === 'de') return `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`;
	return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/**
 * The difference of two figures as the reader sees them: both rounded to the shown digits first, so that
 * "4.7 − 3.2" reads "+1.5" and never a "+1.4" from unrounded values.
 */
export function shownDifference(a: number, b: number, digits: number): number {
	const r = (x: number) => Math.round(x * 10 ** digits) / 10 ** digits;
	return Math.round((r(a) - r(b)) * 10 ** digits) / 10 ** digits;
}

const WORDS = {
	yes: { de: 'ja', en: 'yes' },
	no: { de: 'nein', en: 'no' },
	none: { de: 'keine', en: 'none' },
	asDiscount: { de: 'wie Diskontsatz', en: 'as discount rate' },
	employer: { de: 'Arbeitgebende', en: 'employers' },
	insured: { de: 'Versicherte', en: 'insured persons' },
	jobseeker: { de: 'Stellensuchende', en: 'job seekers' },
	headcount: { de: 'Personen (Köpfe)', en: 'persons (headcount)' },
	fte: { de: 'Vollzeitstellen', en: 'full-time equivalents' },
	minmax: { de: 'zwischen schlechtestem und bestem Standort', en: 'between the worst and the best site' },
	range: { de: 'zwischen festen Grenzwerten', en: 'between fixed bounds' }
} as const;

const word = (lang: Lang, w: keyof typeof WORDS) => WORDS[w][lang];
const wordOf = (lang: Lang, v: string) => (v in WORDS ? word(lang, v as keyof typeof WORDS) : v);

/** A parameter's value and unit as a reader sees them (no raw codes, fractions as percent, dates Swiss). */
export function paramDisplay(key: keyof ScenarioParams, p: ScenarioParams, lang: Lang): { value: string; unit: string } {
	const meta = PARAM_META[key];
	const v = p[key] as unknown;
	const unit = unitText(meta.unit, lang);
	if (v === true) return { value: word(lang, 'yes'), unit: '' };
	if (v === false) return { value: word(lang, 'no'), unit: '' };
	if (key === 'financingRate') {
		const r = num(lang, 100 * financingRateOf(p), 1, 1);
		return { value: v === null ? `${word(lang, 'asDiscount')} (${r})` : r, unit };
	}
	if (v === null || v === undefined) return { value: word(lang, 'none'), unit: '' };
	if (key === 'ranges') {
		const entries = Object.entries(v as ScenarioParams['ranges']);
		if (!entries.length) return { value: word(lang, 'none'), unit: '' };
		const label = (id: string) => CRITERIA.find((c) => c.id === id)?.label[lang] ?? id;
		return { value: entries.map(([id, r]) => `${label(id)}: ${num(lang, r.worst, 1)} … ${num(lang, r.best, 1)}`).join('; '), unit: '' };
	}
	if (Array.isArray(v)) return { value: v.map((x) => (typeof x === 'number' ? num(lang, x) : wordOf(lang, String(x)))).join(', '), unit };
	if (typeof v === 'string') return meta.unit === 'date' ? { value: date(lang, v), unit: '' } : { value: wordOf(lang, v), unit };
	if (typeof v !== 'number') return { value: String(v), unit };
	switch (meta.unit) {
		case 'share':
			return { value: num(lang, 100 * v, 1, 0), unit };
		case 'rate':
			return { value: num(lang, 100 * v, 1, 1), unit };
		case 'factor':
			return { value: num(lang, v, 2, 2), unit };
		case 'CHF/yr':
			return v >= 1e6 ? { value: `${num(lang, v / 1e6, 2, 2)} ${lang === 'de' ? 'Mio.' : 'M'}`, unit } : { value: num(lang, v), unit };
		default:
			return { value: num(lang, v, 2, 0), unit };
	}
}

/**
 * The data's table and column names in the model's notes, as a reader of the report says them (the app's
 * pages keep the names: there the notes speak to whoever fixes the files). Longest first, whole words only;
 * a name that begins a sentence begins it with a capital.
 */
const PLAIN_TERMS: Record<Lang, [RegExp, string][]> = {
	de: [
		[/\bstaff\.office_id\b/g, 'Arbeitsort der Mitarbeitenden'],
		[/\bin offices\b/g, 'in der Liste der heutigen Standorte'],
		[/\bTabelle travel_times\b/g, 'die Reisezeit-Matrix'],
		[/\bin travel_times\b/g, 'in der Reisezeit-Matrix'],
		[/\btravel_times\b/g, 'die Reisezeit-Matrix'],
		[/\bsite_id\b/g, 'Standort-ID'],
		[/\boffice_id\b/g, 'Arbeitsort-ID'],
		[/\bwait_p50\b/g, 'Wartezeit']
	],
	en: [
		[/\bstaff\.office_id\b/g, "staff's office"],
		[/\bin offices\b/g, 'among the current offices'],
		[/\bTable travel_times\b/g, 'the travel-time matrix'],
		[/\btravel_times\b/g, 'the travel-time matrix'],
		[/\bsite_id\b/g, 'site id'],
		[/\boffice_id\b/g, 'office id'],
		[/\bwait_p50\b/g, 'PT wait']
	]
};

export function plainTerms(text: string, lang: Lang): string {
	let out = text;
	for (const [re, words] of PLAIN_TERMS[lang]) out = out.replace(re, (_m, at: number, all: string) => (at === 0 || /[.:!?]\s$/.test(all.slice(Math.max(0, at - 2), at)) ? words[0].toUpperCase() + words.slice(1) : words));
	return out;
}
