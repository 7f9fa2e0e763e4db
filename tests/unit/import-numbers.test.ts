/** Numbers as Swiss and German spreadsheets write them (issue 13 item 2): read, or refused by name, never guessed. */
import { describe, expect, it } from 'vitest';
import { decideStyle, numberEvidence, plainNumber, readNumberText, type NumberStyle } from '../../src/lib/data/import/numbers.ts';
import { typeCell } from '../../src/lib/data/import/typing.ts';
import { tables } from '../../src/lib/data/schema.ts';
import { createRng } from '../../src/lib/data/prng.ts';

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

describe('the common form read at once (plainNumber) = the general readers', () => {
	// Random cells of the form -?digits(.digits)?, leading zeros and «1.500» shapes included. A leading space
	// keeps a cell off the shortcut (the readers trim it), so each cell is typed both ways.
	const rng = createRng(24);
	const digits = (n: number) => Array.from({ length: n }, () => String(rng.int(10))).join('');
	const cells = Array.from({ length: 3000 }, () => `${rng.int(4) === 0 ? '-' : ''}${digits(1 + rng.int(rng.int(3) === 0 ? 12 : 4))}${rng.int(2) ? '.' + digits(1 + rng.int(rng.int(3) === 0 ? 9 : 4)) : ''}`);
	cells.push('0', '-0', '007', '1.500', '0.500', '1234.500', '-1.500', '100.000', '8.300', '47.050', '2666000', '12.5', '99999999999999999999');
	const styles: NumberStyle[] = [null, 'dot', 'comma', 'conflict'];
	const numeric = Object.values(tables).flatMap((t) => t.columns.filter((c) => ['number', 'integer', 'lon', 'lat'].includes(c.type)));

	it('reads a number where the general reader reads it so, under every column style', () => {
		let read = 0;
		for (const x of cells) {
			const n = plainNumber(x);
			if (n === null) continue;
			read++;
			for (const style of styles) expect([x, style, n]).toEqual([x, style, readNumberText(x, style)]);
		}
		expect(read).toBeGreaterThan(2000);
	});
	it('gives the evidence of a decimal separator the general reader gives', () => {
		for (const x of cells) expect([x, numberEvidence(x)]).toEqual([x, numberEvidence(` ${x}`)]);
	});
	it('types every cell of every number column of the schema as the general path does', () => {
		expect(numeric.length).toBeGreaterThan(20);
		const differ: unknown[] = [];
		for (const c of numeric)
			for (const x of cells)
				for (const style of styles) {
					const [fast, general] = [typeCell(c, x, style), typeCell(c, ` ${x}`, style)];
					if (!Object.is(fast, general) && JSON.stringify(fast) !== JSON.stringify(general)) differ.push([c.name, x, style, fast, general]);
				}
		expect(differ).toEqual([]);
	});
});
