/** Numbers as Swiss and German spreadsheets write them (issue 13 item 2): read, or refused by name, never guessed. */
import { describe, expect, it } from 'vitest';
import { decideStyle, readNumberText } from '../../src/lib/data/import/numbers.ts';

describe('numbers', () => {
	it('reads Swiss money and group separators', () => {
		const cases: [string, number][] = [
			["1'234.50", 1234.5],
			['5’100', 5100],
			['2\u00a0400', 2400],
			['1\u202f200\u202f000', 1_200_000],
			['1 234,5', 1234.5],
			["CHF 250'000", 250_000],
			["250'000.–", 250_000],
			['250.-', 250],
			['Fr. 12.50', 12.5],
			['12.50 CHF', 12.5],
			['−3', -3],
			['- 3', -3],
			['+4', 4],
			['1.234,5', 1234.5],
			['1,234.5', 1234.5],
			['1,234,567', 1_234_567],
			['1.234.567', 1_234_567],
			['1234,5', 1234.5],
			['0,500', 0.5],
			['.5', 0.5],
			['12.', 12],
			['1e20', 1e20],
			['2.5E3', 2500]
		];
		for (const [s, n] of cases) expect([s, readNumberText(s)]).toEqual([s, n]);
	});

	it('refuses what is no number, and grouping that is not in threes', () => {
		for (const s of ['.–', 'achtzig', '12abc', "12'34", '1,2,3', '1e400', 'NaN', 'Infinity', '--3', "1'234'56.5", '12%'])
			expect([s, readNumberText(s)]).toEqual([s, 'invalid']);
	});

	it('"1,500" is ambiguous unless the column tells; "1.500" defaults to the Swiss 1.5', () => {
		expect(readNumberText('1,500')).toBe('ambiguous');
		expect(readNumberText('1,500', 'comma')).toBe(1.5);
		expect(readNumberText('1,500', 'dot')).toBe(1500);
		expect(readNumberText('1,500', 'conflict')).toBe('ambiguous');
		expect(readNumberText('1,500', null, true)).toBe(1500);
		expect(readNumberText('1.500')).toBe(1.5);
		expect(readNumberText('1.500', 'comma')).toBe(1500);
		expect(readNumberText('1.500', 'conflict')).toBe('ambiguous');
		expect(readNumberText('1.500', null, true)).toBe(1500);
	});

	it('decides a column from its unambiguous values', () => {
		expect(decideStyle(['1,500', '2,5'])).toBe('comma');
		expect(decideStyle(['1,500', '2.5'])).toBe('dot');
		expect(decideStyle(['1,500', '1,234,567'])).toBe('dot');
		expect(decideStyle(['1.500', '1.234,5'])).toBe('comma');
		expect(decideStyle(['1,500', '1,000'])).toBe(null);
		expect(decideStyle(['2,5', '2.5'])).toBe('conflict');
		expect(decideStyle([1.5, null, '', "1'000"])).toBe(null);
	});
});
