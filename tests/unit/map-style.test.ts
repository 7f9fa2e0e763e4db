import { describe, expect, it } from 'vitest';
import { quantileBreaks, stepColour, CHOROPLETH } from '../../src/lib/ui/map/style.ts';

describe('choropleth classes', () => {
	it('starts with a "none" class and splits positives at ascending rounded quantiles', () => {
		const b = quantileBreaks([0, 0, 1, 1, 2, 2, 3, 5, 8, 13, 40, 120]);
		expect(b[0]).toBe(1);
		for (let i = 1; i < b.length; i++) expect(b[i]).toBeGreaterThan(b[i - 1]);
		expect(b.length).toBeLessThanOrEqual(CHOROPLETH.length - 1);
	});
	it('handles no data', () => {
		expect(quantileBreaks([])).toEqual([1]);
	});
	it('builds a maplibre step expression', () => {
		expect(stepColour('v', [1, 5])).toEqual(['step', ['coalesce', ['get', 'v'], 0], CHOROPLETH[0], 1, CHOROPLETH[1], 5, CHOROPLETH[2]]);
	});
});
