/**
 * Scenario parameters (and the name and weights beside them) from outside (a link's `?s=`, a scenario
 * file, a saved scenario, the CLI's `--scenario`) are checked here, each against what the model can compute with and a planner could
 * mean: a number within its bounds, a choice, a real date, the customer groups, criterion ranges.
 * A value outside is refused with the parameter's name, the value and what is accepted; nothing is
 * clamped silently. Without this a link could carry a 10^9-year horizon (the NPV loop hangs the page),
 * a text where a number belongs (NaN in every figure) or a list the SQL is built from.
 */
import { CRITERION_IDS } from './definitions.ts';
import { isIsoDate } from './dates.ts';
import { DEFAULT_PARAMS, PARAM_META, type ScenarioParams } from './params.ts';
import type { Msg } from './types.ts';
import { withoutFormatChars } from '../util/invisible.ts';
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

const shown = (v: unknown) => {
	const s = typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v));
	return s.length > 40 ? s.slice(0, 37) + '…' : s;
};

function refuse(key: string, v: unknown, accepted: Msg): never {
	const label = (PARAM_META as Record<string, { label: Msg } | undefined>)[key]?.label;
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
		if (!Object.hasOwn(DEFAULT_PARAMS, key)) throw new ParamError({ de: `Unbekannter Parameter «${key.slice(0, 40)}».`, en: `Unknown parameter "${key.slice(0, 40)}".` });
		out[key] = checkOne(key as keyof ScenarioParams, v);
	}
	return out as Partial<ScenarioParams>;
}

/** Longest scenario name taken from outside. */
const MAX_NAME = 120;

/** A scenario's name from outside: text only, without invisible format characters (util/invisible.ts), at most 120 characters. */
export function checkName(raw: unknown): string {
	return typeof raw === 'string' ? [...withoutFormatChars(raw)].slice(0, MAX_NAME).join('') : '';
}

/** A scenario's weights from outside: an object of criterion → a weight (model/weights.ts isWeight; ParamError otherwise). */
export function checkWeights(raw: unknown): Record<string, number> {
	if (raw === undefined || raw === null) return {};
	if (typeof raw !== 'object' || Array.isArray(raw)) throw new ParamError({ de: 'Die Gewichte sind kein Objekt (Kriterium → Zahl).', en: 'The weights are not an object (criterion → number).' });
	for (const [k, v] of Object.entries(raw))
		if (!isWeight(v))
			throw new ParamError({ de: `Gewicht «${k.slice(0, 40)}»: ${shown(v)} geht nicht; erlaubt: eine Zahl von 0 bis ${MAX_WEIGHT}.`, en: `Weight "${k.slice(0, 40)}": ${shown(v)} cannot be used; accepted: a number from 0 to ${MAX_WEIGHT}.` });
	return { ...(raw as Record<string, number>) };
}
