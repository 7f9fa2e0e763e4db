/**
 * Scenario parameters (and the name and weights beside them) from outside (a link's `?s=`, a scenario
 * file, a saved scenario, the CLI's `--scenario`) are checked here, each against what the model can compute with and a planner could
 * mean: a number within its bounds, a choice, a real date, the customer groups, criterion ranges.
 * A value outside is refused with the parameter's name, the value and what is accepted; nothing is
 * clamped silently. Without this a link could carry a 10^9-year horizon (the NPV loop hangs the page),
 * a text where a number belongs (NaN in every figure) or a list the SQL is built from.
 */
import { CRITERION_IDS, RETIRED_CRITERIA } from './definitions.ts';
import { isIsoDate } from './dates.ts';
import { DEFAULT_PARAMS, PARAM_META, type ScenarioParams } from './params.ts';
import type { Weights } from './score.ts';
import { showHiddenChars, withoutHiddenChars } from '../util/invisible.ts';
import type { Msg } from './types.ts';
import { CUSTOMER_GROUPS } from '../data/schema.ts';
import { isWeight, MAX_WEIGHT } from './weights.ts';

type Rule =
	| { kind: 'number'; min: number; max: number; nullable?: boolean }
	| { kind: 'boolean' }
	| { kind: 'date' }
	| { kind: 'choice'; values: readonly string[]; list?: { max: number } }
	| { kind: 'thresholds' }
	| { kind: 'ranges' };

const share = { kind: 'number', min: 0, max: 1 } as const;
const rate = { kind: 'number', min: -0.05, max: 0.5 } as const;
const chf = { kind: 'number', min: 0, max: 1e10 } as const;
const factor = { kind: 'number', min: 0, max: 10 } as const;
const flag = { kind: 'boolean' } as const;

/** What each parameter accepts (bounds generous: what is plausible for some administration, not only Lucerne). */
export const PARAM_RULES: Record<keyof ScenarioParams, Rule> = {
	workingDaysPerYear: { kind: 'number', min: 1, max: 366 },
	homeOfficeShare: share,
	winnerLoserThresholdMin: { kind: 'number', min: 0, max: 240 },
	commuteThresholdsMin: { kind: 'thresholds' },
	useStaffMode: flag,
	ptShareUrban: share,
	ptShareRural: share,
	urbanDensityPerKm2: { kind: 'number', min: 0, max: 100_000 },
	keptOfficesStay: flag,
	co2GPerKmCar: { kind: 'number', min: 0, max: 2000 },
	co2GPerKmPt: { kind: 'number', min: 0, max: 2000 },
	detourCar: { kind: 'number', min: 1, max: 5 },
	detourPt: { kind: 'number', min: 1, max: 5 },
	keepBranches: flag,
	branchGroups: { kind: 'choice', values: CUSTOMER_GROUPS, list: { max: CUSTOMER_GROUPS.length } },
	workplaceBasis: { kind: 'choice', values: ['headcount', 'fte'] },
	deskSharingRatio: { kind: 'number', min: 0.1, max: 3 },
	m2PerWorkplace: { kind: 'number', min: 1, max: 200 },
	moveDate: { kind: 'date' },
	noticeDate: { kind: 'date' },
	discountRate: rate,
	financingRate: { ...rate, nullable: true },
	buildingLifeYears: { kind: 'number', min: 1, max: 200 },
	horizonYears: { kind: 'number', min: 1, max: 100 },
	synergyChfPerPersonYear: { kind: 'number', min: -1e6, max: 1e6 },
	synergyRampYears: { kind: 'number', min: 0, max: 50 },
	moveCostChfPerPerson: { kind: 'number', min: 0, max: 1e6 },
	siteCostFactor: factor,
	oneOffFactor: factor,
	savingsTargetChfYear: chf,
	requireCapacity: flag,
	requireAvailability: flag,
	maxMeanCommuteMin: { kind: 'number', min: 1, max: 600, nullable: true },
	workingAgeShare: share,
	normalisation: { kind: 'choice', values: ['minmax', 'range'] },
	ranges: { kind: 'ranges' }
};

/** Dates a scenario may name (moves and notices of a planning study). */
const FIRST_DATE = '1990-01-01';
const LAST_DATE = '2100-12-31';

/** A parameter value that cannot be used; `msg` names parameter, value and what is accepted. */
export class ParamError extends Error {
	constructor(readonly msg: Msg) {
		super(msg.en);
		this.name = 'ParamError';
	}
}

/** Text from outside inside a message: each hidden character as its code point («⟨U+0000⟩»), cut to `max` characters. */
export function showText(s: string, max = 40): string {
	const chars = [...showHiddenChars(s)];
	return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : chars.join('');
}

/** Marks a number JSON cannot write (±Infinity, NaN) inside JSON.stringify's output, to be put back as written by String(). */
const NOT_JSON = '\uE000';

/** A value from outside as a message shows it: JSON, but numbers JSON cannot hold as JavaScript writes them (never "null"). */
export const shown = (v: unknown): string => {
	const json = JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? NOT_JSON + String(x) + NOT_JSON : x));
	return showText(json === undefined ? String(v) : json.replace(new RegExp(`"${NOT_JSON}([^"]*)${NOT_JSON}"`, 'g'), '$1'));
};

/** An own property of an object from outside (never one inherited from Object.prototype, such as "constructor"). */
export const own = (o: object, key: string): unknown => (Object.hasOwn(o, key) ? (o as Record<string, unknown>)[key] : undefined);

/** A plain object (JSON `{…}`), not null, not a list. */
export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a JSON value is, in words (for "expected … found …"). */
export function kindOf(v: unknown): Msg {
	if (v === null) return { de: 'null', en: 'null' };
	if (Array.isArray(v)) return { de: 'eine Liste', en: 'a list' };
	if (typeof v === 'number') return { de: `die Zahl ${shown(v)}`, en: `the number ${shown(v)}` };
	if (typeof v === 'string') return { de: `den Text ${shown(v)}`, en: `the text ${shown(v)}` };
	if (typeof v === 'boolean') return { de: String(v), en: String(v) };
	if (v === undefined) return { de: 'nichts', en: 'nothing' };
	return { de: 'ein Objekt', en: 'an object' };
}

function refuse(key: string, v: unknown, accepted: Msg): never {
	const label = Object.hasOwn(PARAM_META, key) ? PARAM_META[key as keyof ScenarioParams].label : undefined;
	const name = { de: label ? `«${label.de}» (${key})` : `«${key}»`, en: label ? `"${label.en}" (${key})` : `"${key}"` };
	throw new ParamError({ de: `Parameter ${name.de}: ${shown(v)} geht nicht; erlaubt: ${accepted.de}.`, en: `Parameter ${name.en}: ${shown(v)} cannot be used; accepted: ${accepted.en}.` });
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkOne(key: keyof ScenarioParams, v: unknown): unknown {
	const rule = PARAM_RULES[key];
	switch (rule.kind) {
		case 'number':
			if (v === null && rule.nullable) return null;
			if (!isNumber(v) || v < rule.min || v > rule.max)
				refuse(key, v, { de: `eine Zahl von ${rule.min} bis ${rule.max}${rule.nullable ? ' oder null (aus)' : ''}`, en: `a number from ${rule.min} to ${rule.max}${rule.nullable ? ' or null (off)' : ''}` });
			return v;
		case 'boolean':
			if (typeof v !== 'boolean') refuse(key, v, { de: 'true oder false', en: 'true or false' });
			return v;
		case 'date':
			if (typeof v !== 'string' || !isIsoDate(v) || v < FIRST_DATE || v > LAST_DATE)
				refuse(key, v, { de: `ein Datum JJJJ-MM-TT von ${FIRST_DATE} bis ${LAST_DATE}`, en: `a date YYYY-MM-DD from ${FIRST_DATE} to ${LAST_DATE}` });
			return v;
		case 'choice': {
			const words = rule.values.join(', ');
			if (!rule.list) {
				if (typeof v !== 'string' || !rule.values.includes(v)) refuse(key, v, { de: `eines von ${words}`, en: `one of ${words}` });
				return v;
			}
			if (!Array.isArray(v) || v.length > rule.list.max || v.some((x) => typeof x !== 'string' || !rule.values.includes(x)) || new Set(v).size !== v.length)
				refuse(key, v, { de: `eine Liste ohne Wiederholung aus ${words}`, en: `a list without repeats of ${words}` });
			return [...v];
		}
		case 'thresholds':
			if (!Array.isArray(v) || v.length < 1 || v.length > 8 || v.some((x) => !isNumber(x) || x < 1 || x > 600) || new Set(v).size !== v.length)
				refuse(key, v, { de: '1 bis 8 verschiedene Minutenwerte von 1 bis 600', en: '1 to 8 different minute values from 1 to 600' });
			return [...v];
		case 'ranges': {
			const ok =
				typeof v === 'object' &&
				v !== null &&
				!Array.isArray(v) &&
				Object.entries(v).every(([id, r]) => CRITERION_IDS.includes(id) && typeof r === 'object' && r !== null && isNumber((r as { worst: unknown }).worst) && isNumber((r as { best: unknown }).best) && (r as { worst: number }).worst !== (r as { best: number }).best);
			if (!ok) refuse(key, v, { de: 'je Kriterium {worst, best}, zwei verschiedene Zahlen', en: 'per criterion {worst, best}, two different numbers' });
			return Object.fromEntries(Object.entries(v as Record<string, { worst: number; best: number }>).map(([id, r]) => [id, { worst: r.worst, best: r.best }]));
		}
	}
}

/** The parameters of `raw` (an object of parameter → value), checked; throws ParamError at the first unknown or bad one. */
export function checkParams(raw: unknown): Partial<ScenarioParams> {
	if (raw === undefined || raw === null) return {};
	if (typeof raw !== 'object' || Array.isArray(raw)) throw new ParamError({ de: 'Die Parameter sind kein Objekt (Name → Wert).', en: 'The parameters are not an object (name → value).' });
	const out: Record<string, unknown> = {};
	for (const [key, v] of Object.entries(raw)) {
		if (!Object.hasOwn(DEFAULT_PARAMS, key) || !Object.hasOwn(PARAM_RULES, key)) throw new ParamError({ de: `Unbekannter Parameter «${showText(key)}».`, en: `Unknown parameter "${showText(key)}".` });
		out[key] = checkOne(key as keyof ScenarioParams, v);
	}
	return out as Partial<ScenarioParams>;
}

/** Longest scenario name taken from outside. */
const MAX_NAME = 120;

/** Line breaks and tabs (C0, NEL, the Unicode line and paragraph separators): a space in a one-line text. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;

/**
 * Text from outside made printable: control characters (C0, DEL, C1), invisible format characters
 * (util/invisible.ts) and lone surrogates are dropped. A one-line text (a name) has its line breaks
 * and tabs turned into a space and is trimmed; a multi-line one (a note) keeps line feeds and tabs.
 */
export function printableText(s: string, opts: { multiline?: boolean } = {}): string {
	if (opts.multiline) return s.replace(/\r\n?/g, '\n').replace(/(?![\n\t])[\p{Cc}\p{Cf}\p{Cs}]/gu, '');
	return withoutHiddenChars(s.replace(BREAKS, ' ')).trim();
}

/**
 * A scenario's name from outside: text only, printable (printableText: no control or invisible format
 * characters, line breaks become spaces), at most 120 characters. Names are shown in the UI and in reports.
 */
export function checkName(raw: unknown): string {
	return typeof raw === 'string' ? [...printableText(raw)].slice(0, MAX_NAME).join('').trim() : '';
}

/** The criterion a weight given under `given` belongs to: a current criterion, a retired one's successor, or null (own lookups only). */
function criterionOf(given: string): string | null {
	if (Object.hasOwn(RETIRED_CRITERIA, given)) return RETIRED_CRITERIA[given];
	return CRITERION_IDS.includes(given) ? given : null;
}

/**
 * The one rule for weights from outside, whichever way they come (a scenario file, a link's `?s=` or
 * `?w=`): each under a known criterion id (a retired one, annual_cost or one_off, folds into its successor,
 * npv), each criterion given once, each value a weight (model/weights.ts isWeight: 0 to 100), and what
 * folds into one criterion together at most 100 as well. `add` returns why an entry is refused (then
 * it is not taken) or null; `weights` holds what was taken, under current ids only.
 */
export function weightReader(): { add(given: string, value: unknown): Msg | null; readonly weights: Weights } {
	const weights: Weights = {};
	const seen = new Set<string>();
	const from = new Map<string, string[]>();
	return {
		weights,
		add(given, value) {
			const id = criterionOf(given);
			if (id === null) {
				const known = CRITERION_IDS.join(', ');
				return { de: `kein Kriterium; bekannt sind ${known}`, en: `not a criterion; known: ${known}` };
			}
			if (seen.has(given)) return { de: 'mehrfach angegeben; jedes Kriterium darf nur einmal vorkommen', en: 'given more than once; each criterion may appear only once' };
			seen.add(given);
			if (!isWeight(value)) return { de: `${shown(value)} geht nicht; erlaubt: eine Zahl von 0 bis ${MAX_WEIGHT}`, en: `${shown(value)} cannot be used; accepted: a number from 0 to ${MAX_WEIGHT}` };
			const before = from.get(id) ?? [];
			const sum = (weights[id] ?? 0) + value;
			if (!isWeight(sum)) {
				const with_ = before.map((g) => (g === id ? g : `${g} → ${id}`)).join(', ');
				return { de: `zusammen mit ${with_} ergibt «${id}» ${shown(sum)}; erlaubt: höchstens ${MAX_WEIGHT} je Kriterium`, en: `together with ${with_}, "${id}" comes to ${shown(sum)}; accepted: at most ${MAX_WEIGHT} per criterion` };
			}
			from.set(id, [...before, given]);
			weights[id] = sum === 0 ? 0 : sum; // -0 as 0
			return null;
		}
	};
}

/**
 * A scenario's weights from outside: an object of criterion → weight, read by the one rule (weightReader):
 * retired criteria folded into their successor; anything the rule refuses throws a ParamError naming it.
 */
export function checkWeights(raw: unknown): Weights {
	if (raw === undefined || raw === null) return {};
	if (!isRecord(raw)) throw new ParamError({ de: `Die Gewichte sind kein Objekt (Kriterium → Zahl), sondern ${kindOf(raw).de}.`, en: `The weights are not an object (criterion → number) but ${kindOf(raw).en}.` });
	const reader = weightReader();
	for (const [k, v] of Object.entries(raw)) {
		const why = reader.add(k, v);
		if (why) throw new ParamError({ de: `Gewicht «${showText(k)}»: ${why.de}.`, en: `Weight "${showText(k)}": ${why.en}.` });
	}
	return reader.weights;
}

/** Where in a JSON text: the keys and list positions from the top (`p.ranges.npv`, `networks[0].label`). */
interface Frame {
	parent: Frame | null;
	/** This container's key or position in its parent (null at the top). */
	at: string | number | null;
	/** An object's keys so far; null for a list. */
	keys: Set<string> | null;
	/** An object's current key / a list's current position. */
	key: string | null;
	index: number;
	/** An object: the next string is a key. */
	expectKey: boolean;
}

function pathOf(frame: Frame | null, last: string | number | null): string {
	const steps: (string | number)[] = last === null ? [] : [last];
	for (let f = frame; f && f.at !== null; f = f.parent) steps.push(f.at);
	steps.reverse();
	const deep = steps.length > 8;
	const text = (deep ? steps.slice(-8) : steps).map((s, i) => (typeof s === 'number' ? `[${s}]` : (i ? '.' : '') + showText(s, 40))).join('');
	return (deep ? '…' : '') + (text || '(top)');
}

/**
 * JSON from outside (a scenario file, a link's `?s=`), parsed; what JSON.parse lets pass silently is
 * refused with a ParamError naming where: a key repeated in one object (JSON.parse keeps the last: one
 * rule with the links' `?w=`, a key is given once) and a number no number type holds (1e999 would be
 * Infinity, and be shown as "null"), shown as written. Text that is no JSON throws JSON.parse's SyntaxError.
 */
export function parseJsonStrict(text: string): unknown {
	const value: unknown = JSON.parse(text);
	// Valid JSON from here on: a scan over its tokens, with a stack of open objects and lists (no recursion: any depth).
	let top: Frame | null = null;
	const here = () => (top === null ? null : top.keys ? top.key : top.index);
	for (let i = 0; i < text.length; ) {
		const c = text.charCodeAt(i);
		if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
			top = { parent: top, at: here(), keys: c === 0x7b ? new Set() : null, key: null, index: 0, expectKey: c === 0x7b };
			i++;
		} else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
			top = top!.parent;
			i++;
		} else if (c === 0x2c /* , */) {
			if (top!.keys) top!.expectKey = true;
			else top!.index++;
			i++;
		} else if (c === 0x22 /* " */) {
			let end = i + 1;
			for (;;) {
				end = text.indexOf('"', end);
				if (end < 0) return value; // not reached: JSON.parse took the text
				let slashes = 0;
				while (text.charCodeAt(end - 1 - slashes) === 0x5c) slashes++;
				if (slashes % 2 === 0) break;
				end++;
			}
			if (top?.keys && top.expectKey) {
				const key = JSON.parse(text.slice(i, end + 1)) as string;
				if (top.keys.has(key)) {
					const where = pathOf(top, key);
					throw new ParamError({ de: `«${where}» steht mehr als einmal; jeder Schlüssel darf nur einmal vorkommen.`, en: `"${where}" is given more than once; each key may appear only once.` });
				}
				top.keys.add(key);
				top.key = key;
				top.expectKey = false;
			}
			i = end + 1;
		} else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
			let end = i + 1;
			while (end < text.length && /[-+.eE0-9]/.test(text[end])) end++;
			const literal = text.slice(i, end);
			if (!Number.isFinite(Number(literal))) {
				const where = pathOf(top, here());
				throw new ParamError({ de: `«${where}»: die Zahl ${showText(literal)} liegt ausserhalb des Zahlenbereichs (bis ±1.8e308).`, en: `"${where}": the number ${showText(literal)} is out of range (beyond ±1.8e308).` });
			}
			i = end;
		} else i++; // white space, ':', and the letters of true, false, null
	}
	return value;
}
