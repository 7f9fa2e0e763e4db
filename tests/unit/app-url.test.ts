import { describe, expect, it } from 'vitest';
import { parseViewParams, weightsFromParam, weightsToParam } from '../../src/lib/app/url.ts';

describe('URL parameters', () => {
	it('reads weights and folds the retired money criteria of older links into the NPV', () => {
		const problems: { de: string; en: string }[] = [];
		expect(weightsFromParam('staff_pt_mean:15,annual_cost:10,one_off:5,npv:25', problems)).toEqual({ staff_pt_mean: 15, npv: 40 });
		expect(problems).toEqual([]);
	});

	it('reports and skips unknown ids and values outside 0–100, keeping the rest', () => {
		const problems: { de: string; en: string }[] = [];
		const w = weightsFromParam('npv:20,bogus:5,staff_pt_mean:101,staff_car_mean:-1,staff_pt_mean:x,npv', problems);
		expect(w).toEqual({ npv: 20 });
		expect(problems).toHaveLength(5);
		expect(problems[0].de).toMatch(/Gewicht im Link ignoriert: «bogus:5»/);
	});

	it('round-trips weights', () => {
		const w = { npv: 40, staff_pt_mean: 12.5 };
		expect(weightsFromParam(weightsToParam(w))).toEqual(w);
	});

	it('accepts only real dates, known languages, tables and engine builds, plain site ids', () => {
		const p = parseViewParams(new URLSearchParams('date=2026-02-30&lang=fr&table=secrets&sites=A,B%0AC,,D&engine=mvp'));
		expect(p.date).toBeUndefined();
		expect(p.lang).toBeUndefined();
		expect(p.table).toBeUndefined();
		expect(p.engine).toBeUndefined();
		expect(p.sites).toEqual(['A', 'D']);
		expect(p.problems.length).toBe(5);
		const ok = parseViewParams(new URLSearchParams('date=2024-02-29&lang=en&table=staff&engine=coi'));
		expect(ok).toMatchObject({ date: '2024-02-29', lang: 'en', table: 'staff', engine: 'coi', problems: [] });
	});

	it('names a parameter given twice and reads its first value (w, s, date, …), as a repeated criterion in ?w=', () => {
		const p = parseViewParams(new URLSearchParams('w=npv:5&w=npv:90&date=2026-01-01&date=garbage&lang=de'));
		expect(p.weights).toEqual({ npv: 5 });
		expect(p.date).toBe('2026-01-01');
		expect(p.problems.map((m) => m.en)).toEqual(['"w" is given 2 times in the link; only the first was read.', '"date" is given 2 times in the link; only the first was read.']);
		expect(p.problems[0].de).toBe('«w» steht 2-mal im Link; nur der erste Wert wurde gelesen.');
		// A site named twice is one site (and reported, as other ignored sites are).
		const s = parseViewParams(new URLSearchParams('sites=A,B,A'));
		expect(s.sites).toEqual(['A', 'B']);
		expect(s.problems).toHaveLength(1);
	});

	it('takes no id with C1 control or invisible format characters, and shows such characters in messages', () => {
		const p = parseViewParams(new URLSearchParams('sites=A,B%C2%85C,D%E2%80%AE,E&lang=d%C2%9Be'));
		expect(p.sites).toEqual(['A', 'E']);
		expect(p.problems.map((m) => m.en)).toEqual(['Language in the link ignored: "d⟨U+009B⟩e"', 'Some sites in the link were ignored']);
		const problems: { de: string; en: string }[] = [];
		weightsFromParam('np\u0000v:5', problems);
		expect(problems[0].en).toMatch(/^Weight in the link ignored: "np⟨U\+0000⟩v:5" \(not a criterion/);
	});
});

