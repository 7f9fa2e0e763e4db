/** Formats a German reader expects (report/format.ts), weights in percent (model/weights.ts), marker placement, robustness helpers. */
import { describe, expect, it } from 'vitest';
import { chf, date, mchf, num, paramDisplay, shownDifference, signed } from '../../src/lib/report/format.ts';
import { checkWeights } from '../../src/lib/model/params-check.ts';
import { DEFAULT_PARAMS, DEFAULT_WEIGHTS, scaleTo100, scoreSites, weightSum, withFixedWeights, NO_WEIGHTS, PARAM_META, type ScenarioParams } from '../../src/lib/model/index.ts';
import { noOverlap, spreadMarkers } from '../../src/lib/ui/report/markers.ts';

describe('Swiss formats', () => {
	it('numbers, money and dates', () => {
		// de-CH groups with an apostrophe (’ in browsers, ' in some Node ICU builds).
		expect(num('de', 1234567.8, 1)).toMatch(/^1['’]234['’]567\.8$/);
		expect(num('en', 1234567.8, 1)).toBe('1,234,567.8');
		expect(chf('de', 4_800_000)).toMatch(/^CHF 4['’]800['’]000$/);
		expect(mchf('de', 4_800_000)).toBe('CHF 4.80 Mio.');
		expect(mchf('en', 4_800_000)).toBe('CHF 4.80 M');
		expect(date('de', '2026-11-30')).toBe('30.11.2026');
		expect(date('en', '2026-11-30')).toBe('30 Nov 2026');
		expect(date('de', '20210615')).toBe('15.06.2021'); // GTFS feed dates
		expect(num('de', -0.04, 1)).toBe('0.0'); // never "-0.0"
		expect(signed('de', -1.44, 1)).toBe('−1.4');
		expect(signed('de', 0.04, 1)).toBe('0.0'); // no sign on a rounded zero
	});
	it('differences are those of the figures shown', () => {
		// 4.67 and 3.24 are shown as 4.7 and 3.2: the difference shown is 1.5, not 1.4 (issue 12).
		expect(shownDifference(4.67, 3.24, 1)).toBe(1.5);
		expect(shownDifference(59.84, 60.26, 1)).toBe(-0.5);
	});
	it('every parameter reads without codes, raw fractions or English units in German', () => {
		const p: ScenarioParams = { ...DEFAULT_PARAMS, ranges: {} };
		const shown = (Object.keys(PARAM_META) as (keyof ScenarioParams)[]).map((k) => ({ k, ...paramDisplay(k, p, 'de') }));
		const text = shown.map((s) => `${s.value} ${s.unit}`).join(' | ');
		expect(text).not.toMatch(/jobseeker|headcount|minmax|\{\}|4800000|d\/yr|1\/yr|CHF\/yr|inh\/km|true|false|null|undefined/);
		expect(shown.find((s) => s.k === 'savingsTargetChfYear')).toMatchObject({ value: '4.80 Mio.', unit: 'CHF pro Jahr' });
		expect(shown.find((s) => s.k === 'homeOfficeShare')).toMatchObject({ value: '20', unit: '%' });
		expect(shown.find((s) => s.k === 'discountRate')).toMatchObject({ value: '2.0', unit: '% pro Jahr' });
		expect(shown.find((s) => s.k === 'financingRate')!.value).toBe('wie Diskontsatz (2.0)');
		expect(shown.find((s) => s.k === 'moveDate')!.value).toBe('01.07.2026');
		expect(shown.find((s) => s.k === 'branchGroups')!.value).toBe('Stellensuchende');
		expect(shown.find((s) => s.k === 'workingDaysPerYear')).toMatchObject({ value: '220', unit: 'Tage pro Jahr' });
		// Sources cite publications, not internal files.
		for (const k of Object.keys(PARAM_META) as (keyof ScenarioParams)[]) for (const l of ['de', 'en'] as const) expect(PARAM_META[k].source[l]).not.toMatch(/\.md\b|FACTS|DESIGN|\w+_\w+|\b(staff|offices|sites)\.\w/);
	});
});

describe('weights in percent', () => {
	it('defaults sum to 100 and money counts once (NPV 40 %)', () => {
		expect(weightSum(DEFAULT_WEIGHTS)).toBe(100);
		expect(DEFAULT_WEIGHTS.npv).toBe(40);
		expect('annual_cost' in DEFAULT_WEIGHTS || 'one_off' in DEFAULT_WEIGHTS).toBe(false);
	});
	it('scaling to 100 keeps proportions in whole percent', () => {
		const w = scaleTo100({ staff_pt_mean: 1, customer_access: 1, npv: 1 });
		expect(weightSum(w)).toBe(100);
		expect([w.staff_pt_mean, w.customer_access, w.npv]).toEqual([34, 33, 33]);
		expect(weightSum(scaleTo100({}))).toBe(0);
	});
	it('what-if: fixed weights, the others in proportion, total 100', () => {
		const w = withFixedWeights(DEFAULT_WEIGHTS, { npv: 20 });
		expect(w.npv).toBe(20);
		expect(weightSum(w)).toBeCloseTo(100, 9);
		expect(w.customer_access / w.staff_pt_mean).toBeCloseTo(20 / 15, 9);
	});
	it('old scenarios: the retired money criteria’s weight moves to the NPV', () => {
		expect(checkWeights({ npv: 25, annual_cost: 10, one_off: 5, co2: 5 })).toEqual({ npv: 40, co2: 5 });
	});
	it('all weights 0: no assessment is made up', () => {
		const r = scoreSites([], {});
		expect(r.problem).toEqual(NO_WEIGHTS);
		expect(r.ranking).toEqual([]);
	});
});

describe('report map markers', () => {
	it('sites on top of each other are spread without overlap, the rest stay put', () => {
		const m = [
			{ x: 100, y: 100, r: 8 },
			{ x: 104, y: 101, r: 10 },
			{ x: 100, y: 100, r: 8 },
			{ x: 300, y: 300, r: 8 }
		];
		const offices = [{ x: 110, y: 95, r: 5 }];
		const out = spreadMarkers(m, offices, 1.5);
		expect(noOverlap(out, m, offices, 1.5)).toBe(true);
		expect(out[3]).toEqual({ x: 300, y: 300, moved: false });
		expect(out.slice(0, 3).every((o) => o.moved && Math.hypot(o.x - 100, o.y - 100) < 60)).toBe(true);
		expect(spreadMarkers(m, offices, 1.5)).toEqual(out); // deterministic
	});
});
