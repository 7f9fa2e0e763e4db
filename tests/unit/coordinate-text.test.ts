/**
 * Coordinates written as text (import/coordinate-text.ts): degrees with minutes and seconds, and a point in
 * one cell in the forms web maps, map.geo.admin.ch and GIS exports give.
 */
import { describe, expect, it } from 'vitest';
import { readCoordinatePair, readDegrees } from '../../src/lib/data/import/coordinate-text.ts';
import { readNumberText } from '../../src/lib/data/import/numbers.ts';
import { createRng } from '../../src/lib/data/prng.ts';

describe('degrees', () => {
	it('reads degrees, minutes and seconds with hemisphere letters, primes or quotes, and decimal commas', () => {
		expect(readDegrees(`47°03'01.2"N`)).toEqual({ value: 47 + 3 / 60 + 1.2 / 3600, axis: 'lat' });
		expect(readDegrees('8° 18′ 33″ E')).toEqual({ value: 8 + 18 / 60 + 33 / 3600, axis: 'lon' });
		expect(readDegrees("47°03,5'N")?.value).toBeCloseTo(47 + 3.5 / 60, 12);
		expect(readDegrees('N 47.0502')).toEqual({ value: 47.0502, axis: 'lat' });
		expect(readDegrees('8.3093° O')).toEqual({ value: 8.3093, axis: 'lon' });
		expect(readDegrees('47.05°')).toEqual({ value: 47.05, axis: null });
		expect(readDegrees('0°30\'W')).toEqual({ value: -0.5, axis: 'lon' });
		expect(readDegrees('33°52\'S')).toEqual({ value: -(33 + 52 / 60), axis: 'lat' });
	});
	it('leaves plain numbers and impossible angles alone', () => {
		for (const t of ['47.05', "2'666'000", 'E 2666000', "47°61'N", "47.5°30'N", 'N 47.05 E', '-47°N', '200°', 'Nord'])
			expect([t, readDegrees(t)]).toEqual([t, null]);
	});
});

describe('a point in one cell', () => {
	it('keeps the order written, to be classified by the values like two columns', () => {
		expect(readCoordinatePair('47.0502, 8.3093')).toEqual({ a: 47.0502, b: 8.3093 });
		expect(readCoordinatePair('8.3093,47.0502')).toEqual({ a: 8.3093, b: 47.0502 });
		expect(readCoordinatePair('47,0502 8,3093')).toEqual({ a: 47.0502, b: 8.3093 });
		expect(readCoordinatePair('47,05, 8,31')).toEqual({ a: 47.05, b: 8.31 });
		expect(readCoordinatePair('8,309; 47,050')).toEqual({ a: 8.309, b: 47.05 });
	});
	it('reads map.geo.admin.ch and LV95 forms with group apostrophes, slashes and E/N labels', () => {
		const lv95 = { a: 2_666_000, b: 1_211_000 };
		for (const t of ["2'666'000.00, 1'211'000.00", '2666000 / 1211000', '2666000,1211000', 'E 2666000 / N 1211000', 'N 1211000 / E 2666000', 'E: 2666000 N: 1211000', '[2666000, 1211000]'])
			expect([t, readCoordinatePair(t)]).toEqual([t, lv95]);
	});
	it('reads WKT points (x y) and degree pairs, longitude first by their letters', () => {
		expect(readCoordinatePair('POINT(8.3093 47.0502)')).toEqual({ a: 8.3093, b: 47.0502 });
		expect(readCoordinatePair('SRID=2056;POINT Z (2666000 1211000 436)')).toEqual({ a: 2_666_000, b: 1_211_000 });
		const dms = { a: 8 + 18 / 60 + 33.5 / 3600, b: 47 + 3 / 60 + 1.2 / 3600 };
		expect(readCoordinatePair(`47°03'01.2"N 8°18'33.5"E`)).toEqual(dms);
		expect(readCoordinatePair(`8°18'33.5"E, 47°03'01.2"N`)).toEqual(dms);
		expect(readCoordinatePair('47.05 N, 8.31 E')).toEqual({ a: 8.31, b: 47.05 });
		expect(readCoordinatePair('lat: 47.05, lon: 8.31')).toEqual({ a: 8.31, b: 47.05 });
	});
	it('refuses a cell far longer than any coordinate (a hostile one would keep the patterns backtracking for minutes)', () => {
		const long = '1'.repeat(100_000);
		expect([readDegrees(long + 'x'), readCoordinatePair(`${long}° ${long}`), readCoordinatePair(`${long}, 8.3`)]).toEqual([null, null, null]);
	});
	it('reads the usual plain form («47.05023, 8.30931») at once, to the value the general number reader gives', () => {
		// The general reading of one coordinate: the validator's number reader, a lone "8.309" read with a decimal point.
		const general = (s: string) => {
			const v = readNumberText(s);
			return v === 'ambiguous' ? readNumberText(s, 'dot') : v;
		};
		const rng = createRng(5);
		const digits = (n: number) => Array.from({ length: n }, () => String(rng.int(10))).join('');
		const cases = ['8.309', '1.234', '-0.000001', '2666000', '007.5', '0', '-0', '47.050230000', '999999999.999999999'];
		for (let i = 0; i < 5000; i++) cases.push(`${rng.int(3) ? '' : '-'}${digits(1 + rng.int(9))}${rng.int(4) ? `.${digits(1 + rng.int(9))}` : ''}`);
		for (const x of cases) {
			const y = cases[(cases.indexOf(x) * 7 + 3) % cases.length];
			expect([x, y, readCoordinatePair(`${x}, ${y}`)]).toEqual([x, y, { a: general(x), b: general(y) }]);
		}
	});
	it('is not a point: one number, three, words, an empty WKT', () => {
		for (const t of ['47.05', '1; 2; 3', 'Luzern', 'Bahnhofstrasse 12, 6003 Luzern', 'POINT EMPTY', 'POINT(8.3)', `47°03'N`, '47.05, abc'])
			expect([t, readCoordinatePair(t)]).toEqual([t, null]);
	});
});
