import { describe, expect, it } from 'vitest';
import { sameFigures } from '../../src/lib/util/same-figures.ts';

describe('sameFigures', () => {
	it('takes a last-bit rounding difference as the same figure, anything visible as different', () => {
		expect(sameFigures({ npv: 50561778.71599932 }, { npv: 50561778.71599931 })).toBe(true);
		expect(sameFigures({ npv: 50561778.71 }, { npv: 50561778.72 })).toBe(false);
		expect(sameFigures(0, 1e-300)).toBe(false);
		expect(sameFigures(NaN, NaN)).toBe(true);
	});
	it('compares structure: keys (undefined ones ignored), array lengths, types, nulls', () => {
		expect(sameFigures({ a: [1, { b: 'x' }], c: undefined }, { a: [1, { b: 'x' }] })).toBe(true);
		expect(sameFigures({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
		expect(sameFigures({ a: 1 }, { b: 1 })).toBe(false);
		expect(sameFigures({ a: null }, { a: 0 })).toBe(false);
		expect(sameFigures({ a: '1' }, { a: 1 })).toBe(false);
		expect(sameFigures([1], { 0: 1 })).toBe(false);
	});
});
