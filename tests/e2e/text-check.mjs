/**
 * What a reader of the German report or briefing must not find: English words, internal ids and codes,
 * file names, ISO dates, raw numbers without Swiss grouping, unfilled placeholders, "CO2" without the
 * subscript. Proper names that contain English words (Root D4 Business Village, Mall of Switzerland) are
 * taken out first. Used on the text of the German PDF (pdftotext) and of the PowerPoint slides.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';

/** Proper names and product names that may stand in any language. */
const PROPER = ['Root D4 Business Village', 'Mall of Switzerland', 'RAV Plus', 'Conveyal/r5', 'Conveyal', 'mobitool', 'OpenTripPlanner', 'PowerPoint', 'Open Space'];

/** English words that do not occur in German prose (checked as whole words). */
const ENGLISH = [
	'the', 'and', 'of', 'with', 'without', 'from', 'for', 'is', 'are', 'not', 'per', 'yes', 'no', 'none', 'rank', 'ranks', 'score', 'weight', 'weights', 'site', 'sites',
	'staff', 'customers', 'cost', 'costs', 'saving', 'savings', 'target', 'net', 'gross', 'payback', 'value', 'persons', 'minutes', 'year', 'years', 'border', 'shared', 'building',
	'approximate', 'assumption', 'source', 'discount', 'rate', 'share', 'travel', 'time', 'today', 'move', 'rent', 'buy', 'headcount', 'jobseeker', 'employer', 'insured',
	'minmax', 'range', 'true', 'false', 'undefined', 'NaN', 'Infinity', 'seed', 'inh', 'pkm'
];

/** Each rule: a name and a pattern; every match is a problem. */
const RULES = [
	['English word', new RegExp(`(?<![\\p{L}\\d_-])(${ENGLISH.join('|')})(?![\\p{L}\\d_-])`, 'gu')],
	['English unit', /\b(d\/yr|1\/yr|CHF\/yr|t\/yr|inh\/km|g\/pkm|CHF M)\b/g],
	['internal id', /\b[A-Z]\d-[A-Z]{3,}\b|\b(IV-LAND35|AK-WUERZ8|WIRA-[A-Z0-9]+|RAV-[A-Z]{2,})\b/g],
	['snake_case code', /\b[a-z]+_[a-z0-9_]+\b/g],
	['camelCase code', /\b[a-z]+[A-Z][a-z]+[A-Za-z]*\b/g],
	['file name', /\b[\w-]+\.(md|ts|csv|json|mjs|js|svelte|geojson|zip|pbf|swnet|parquet)\b|\bFACTS\b|\bREADME\b|\bDESIGN\b/g],
	['ISO date', /\b\d{4}-\d{2}-\d{2}\b/g],
	['raw number', /(?<![\w’'.,])\d{5,11}(?![\w’'.,])/g],
	['placeholder or JSON', /[{}]|\bnull\b(?! erreicht)/g],
	['CO2 without subscript', /\bCO2\b/g]
];

/** Problems in a German text: [{ rule, match, context }]. */
export function germanProblems(text) {
	// Table cells and chart labels wrap and shorten names ("Mall of Switzerl…"): match the name's start, across line breaks.
	let t = text;
	for (const p of PROPER) {
		const words = p.split(' ').map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
		words[words.length - 1] = words[words.length - 1].slice(0, 6) + '\\S*';
		t = t.replace(new RegExp(words.join('\\s+'), 'g'), ' ');
	}
	const out = [];
	for (const [rule, re] of RULES)
		for (const m of t.matchAll(re)) out.push({ rule, match: m[0], context: t.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40).replace(/\s+/g, ' ') });
	return out;
}

/** Only ids and file names (for the English report, whose words are English by design). */
export function codeProblems(text) {
	return germanProblems(text).filter((p) => ['internal id', 'snake_case code', 'camelCase code', 'file name', 'placeholder or JSON'].includes(p.rule));
}

/** Text of a PDF (poppler's pdftotext, reading order). */
export function pdfText(file) {
	return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

/** Text of every slide of a .pptx (the <a:t> runs, one paragraph per line), slide by slide. */
export function pptxSlides(file) {
	const files = unzipSync(new Uint8Array(fs.readFileSync(file)));
	const names = Object.keys(files)
		.filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))
		.sort((a, b) => Number(/\d+/.exec(a)[0]) - Number(/\d+/.exec(b)[0]));
	const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
	return names.map((n) =>
		strFromU8(files[n])
			.split('</a:p>')
			.map((p) => [...p.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => unescape(m[1])).join(''))
			.filter(Boolean)
			.join('\n')
	);
}

/** A readable failure message for a list of problems. */
export function describe(problems, max = 12) {
	return problems
		.slice(0, max)
		.map((p) => `${p.rule} "${p.match}" in …${p.context}…`)
		.join('\n      ');
}
