import { describe, expect, it } from 'vitest';
import { countBreaks, countClasses, changeClasses, classOf, cellSquares, surfaceClasses, zoneFill, CHANGE_BREAKS, DIVERGING } from '../../src/lib/ui/map/layers.ts';
import { CHOROPLETH } from '../../src/lib/ui/map/style.ts';
import { fmtPersons } from '../../src/lib/report/tables.ts';

describe('map layers', () => {
	it('person-count classes put 1–4 into one class shown as "< 5"', () => {
		const b = countBreaks([1, 1, 2, 3, 4, 6, 8, 12, 20, 44, 90]);
		expect(b.slice(0, 2)).toEqual([1, 5]);
		expect(b.length).toBeLessThanOrEqual(CHOROPLETH.length - 1);
		for (let i = 1; i < b.length; i++) expect(b[i]).toBeGreaterThan(b[i - 1]);
		const c = countClasses(b, String, true);
		expect(c[0].label).toBe('0');
		expect(c[1].label).toBe('< 5');
		expect(c.at(-1)!.label.startsWith('≥')).toBe(true);
		// No value can be read more precisely than "< 5": 1 … 4 share a class.
		expect(new Set([1, 2, 3, 4].map((v) => classOf(v, b))).size).toBe(1);
		expect(classOf(5, b)).toBe(2);
	});

	it('mostly small counts still get classes above 5 (the demo: 86 of 114 municipalities below 5)', () => {
		const values = [...Array(86).fill(0).map((_, i) => 1 + (i % 4)), 5, 6, 6, 7, 8, 9, 10, 11, 12, 14, 15, 17, 19, 20, 22, 25, 28, 30, 33, 36, 40, 44, 50, 55, 60, 70, 80, 95];
		const b = countBreaks(values);
		expect(b).toHaveLength(CHOROPLETH.length - 1);
		expect(b.slice(0, 2)).toEqual([1, 5]);
	});

	it('no "< 5" class when no value is that small', () => {
		const b = countBreaks([81, 110, 150, 300, 500, 900]);
		expect(b).not.toContain(5);
		expect(countClasses(b, String, true).some((c) => c.label === '< 5')).toBe(false);
	});

	it('commute change: diverging classes centred at 0, blue faster, red slower', () => {
		const c = changeClasses(String);
		expect(c).toHaveLength(DIVERGING.length);
		expect(c[4]).toMatchObject({ lo: -2, hi: 2 });
		expect(classOf(0, CHANGE_BREAKS)).toBe(4);
		expect(DIVERGING[classOf(-25, CHANGE_BREAKS)]).toBe('#2166ac');
		expect(DIVERGING[classOf(25, CHANGE_BREAKS)]).toBe('#b2182b');
		expect(c[0].label).toBe('< −20');
		expect(c.at(-1)!.label).toBe('> +20');
		const fill = JSON.stringify(zoneFill('change', []));
		expect(fill).toContain('has_value');
	});

	it('surface classes cover 0–100 and squares tile the grid', () => {
		const s = surfaceClasses(String);
		expect(s[0].lo).toBe(0);
		expect(s.at(-1)!.hi).toBe(100);
		const fc = cellSquares([
			{ lon: 8, lat: 47, score: 10 },
			{ lon: 8.02, lat: 47, score: null },
			{ lon: 8, lat: 47.01, score: 99.94 }
		]);
		const ring = (i: number) => (fc.features[i].geometry as { coordinates: number[][][] }).coordinates[0];
		// Neighbours share an edge: half the step each way.
		expect(ring(0)[1][0]).toBeCloseTo(8.01, 9);
		expect(ring(1)[0][0]).toBeCloseTo(8.01, 9);
		expect(ring(0)[2][1]).toBeCloseTo(47.005, 9);
		expect(fc.features[1].properties).toMatchObject({ scored: false });
		expect(fc.features[2].properties).toMatchObject({ scored: true, score: 99.9 });
	});

	it('person counts below 5 are shown as "< 5"', () => {
		expect(fmtPersons(0)).toBe('0');
		expect(fmtPersons(1)).toBe('< 5');
		expect(fmtPersons(4)).toBe('< 5');
		expect(fmtPersons(5)).toBe('5');
		expect(fmtPersons(null)).toBe('–');
		expect(fmtPersons(1234, (n) => `#${n}`)).toBe('#1234');
		expect(fmtPersons(3, (n) => `#${n}`)).toBe('< #5');
	});
});
