/**
 * The region raster and its residents: LV95 raster and polygon fill, the approximate population (zone totals kept,
 * lakes empty, more residents near stops), the BFS STATPOP hectare reader (fixture in the BFS layout, errors with
 * file, row and column) and the areal split of hectares into 250 m cells.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cellAt, cellCentre, rasterForBox, rasterise, ringsLv95 } from '../../src/lib/reach/raster.ts';
import { approximatePopulation, hectarePopulation, residentsWithin, type ZoneShape } from '../../src/lib/reach/population.ts';
import { readStatpopHectares, StatpopError } from '../../src/lib/data/statpop-hectare.ts';
import { lv95ToWgs84 } from '../../src/lib/data/coords.ts';

const FIX = 'tests/fixtures/statpop';

/** A square polygon in WGS84 from LV95 corners. */
function square(e0: number, n0: number, e1: number, n1: number) {
	const c = [[e0, n0], [e1, n0], [e1, n1], [e0, n1], [e0, n0]].map(([e, n]) => {
		const w = lv95ToWgs84(e, n);
		return [w.lon, w.lat];
	});
	return { type: 'Polygon' as const, coordinates: [c] };
}

describe('LV95 raster', () => {
	const r = rasterForBox(2_600_010, 1_200_020, 2_601_990, 1_200_990, 250);

	it('aligns corners on multiples of the cell size and covers the box', () => {
		expect([r.x0, r.y0, r.width, r.height]).toEqual([2_600_000, 1_200_000, 8, 4]);
		expect(cellCentre(r, 0, 0)).toEqual([2_600_125, 1_200_125]);
		expect(cellAt(r, 2_600_260, 1_200_010)).toBe(1);
		expect(cellAt(r, 2_599_999, 1_200_010)).toBe(-1);
	});

	it('fills exactly the cells whose centre lies in a polygon (holes by the even-odd rule)', () => {
		const outer = ringsLv95(square(2_600_000, 1_200_000, 2_601_000, 1_201_000));
		let n = 0;
		rasterise(r, outer, () => n++);
		expect(n).toBe(16); // 4 × 4 cells of 250 m
		const withHole = [...outer, ...ringsLv95(square(2_600_250, 1_200_250, 2_600_750, 1_200_750))];
		const cells: number[] = [];
		rasterise(r, withHole, (k) => cells.push(k));
		expect(cells.length).toBe(12);
		expect(cells).not.toContain(r.width * 1 + 1);
	});
});

describe('approximate population', () => {
	const r = rasterForBox(2_600_000, 1_200_000, 2_604_000, 1_202_000, 250);
	const zones: ZoneShape[] = [
		{ zone_id: 1, population: 1000, e: 2_600_500, n: 1_201_000, rings: ringsLv95(square(2_600_000, 1_200_000, 2_602_000, 1_202_000)) },
		{ zone_id: 2, population: 500, e: 2_603_000, n: 1_201_000, rings: ringsLv95(square(2_602_000, 1_200_000, 2_604_000, 1_202_000)) },
		// A zone without polygon: everything in the cell of its point.
		{ zone_id: 3, population: 77, e: 2_603_900, n: 1_201_900, rings: [] }
	];
	const lake = new Uint8Array(r.width * r.height);
	rasterise(r, ringsLv95(square(2_602_000, 1_201_000, 2_604_000, 1_202_000)), (k) => (lake[k] = 1)); // zone 2's north half is a lake
	const pop = approximatePopulation(r, zones, lake, { stops: [[2_600_400, 1_200_400]], localities: [[2_601_500, 1_201_500]] });

	it('keeps every zone total and leaves lake cells empty', () => {
		const byZone = new Map<number, number>();
		pop.residents.forEach((v, k) => pop.zone[k] >= 0 && byZone.set(pop.zone[k], (byZone.get(pop.zone[k]) ?? 0) + v));
		expect(byZone.get(1)).toBeCloseTo(1000, 2);
		expect(byZone.get(2)!).toBeCloseTo(577, 2); // zone 3's point lies in a lake cell of zone 2: its 77 residents sit there
		expect(pop.total).toBe(1577);
		for (let k = 0; k < lake.length; k++) if (lake[k] && k !== cellAt(r, 2_603_900, 1_201_900)) expect(pop.residents[k]).toBe(0);
	});

	it('puts more residents near stops and localities than in empty land', () => {
		const near = pop.residents[cellAt(r, 2_600_400, 1_200_400)];
		const far = pop.residents[cellAt(r, 2_601_900, 1_200_100)];
		expect(near).toBeGreaterThan(3 * far);
		expect(far).toBeGreaterThan(0); // the floor keeps scattered settlement
	});

	it('counts residents within each threshold', () => {
		const minutes = new Float32Array(r.width * r.height).fill(Infinity);
		minutes[cellAt(r, 2_600_400, 1_200_400)] = 10;
		minutes[cellAt(r, 2_601_900, 1_200_100)] = 40;
		const near = pop.residents[cellAt(r, 2_600_400, 1_200_400)];
		const far = pop.residents[cellAt(r, 2_601_900, 1_200_100)];
		const [a, b, c] = residentsWithin(pop.residents, minutes, [5, 30, 45]);
		expect(a).toBe(0);
		expect(b).toBeCloseTo(near, 3);
		expect(c).toBeCloseTo(near + far, 3);
	});
});

describe('BFS STATPOP hectare reader', () => {
	it('reads the BFS layout (RELI; E_KOORD; N_KOORD; B24BTOT …) with the residents of 2024', () => {
		const g = readStatpopHectares(readFileSync(`${FIX}/STATPOP2024_sample.csv`, 'utf8'), 'STATPOP2024_sample.csv');
		expect(g.column).toBe('B24BTOT');
		expect(g.year).toBe(2024);
		expect(g.rows).toBe(7);
		expect(g.total).toBe(120 + 85 + 230 + 3 + 47 + 0 + 12);
		expect(g.hectares[0]).toEqual({ e: 2_666_400, n: 1_211_200, residents: 120 });
	});

	it('takes the latest year and falls back to RELI when there are no coordinates', () => {
		const g = readStatpopHectares(readFileSync(`${FIX}/reli_only.csv`, 'utf8'), 'reli_only.csv');
		expect(g.column).toBe('B23BTOT');
		expect(g.hectares).toEqual([
			{ e: 2_666_400, n: 1_211_200, residents: 110 },
			{ e: 2_666_500, n: 1_211_200, residents: 200 }
		]);
	});

	it('accepts LV03 corners (older files) and a named column', () => {
		const g = readStatpopHectares('X_KOORD,Y_KOORD,POP\n666400,211200,5\n', 'old.csv', { column: 'pop' });
		expect(g.hectares).toEqual([{ e: 2_666_400, n: 1_211_200, residents: 5 }]);
	});

	it('names file, row and column of every bad value', () => {
		let err: StatpopError | null = null;
		try {
			readStatpopHectares(readFileSync(`${FIX}/bad.csv`, 'utf8'), 'bad.csv');
		} catch (e) {
			err = e as StatpopError;
		}
		expect(err).toBeInstanceOf(StatpopError);
		expect(err!.file).toBe('bad.csv');
		expect(err!.issues.map((i) => [i.row, i.column])).toEqual([
			[3, 'E_KOORD'],
			[4, 'E_KOORD'],
			[5, 'B24BTOT'],
			[6, 'E_KOORD']
		]);
		expect(err!.issues[0].msg.de).toMatch(/Hektar-Ecke/);
		expect(err!.issues[2].msg.en).toMatch(/not a resident count/);
		expect(err!.message).toMatch(/bad\.csv \(row 3, column E_KOORD\)/);
	});

	it('rejects a file without coordinates or residents column', () => {
		expect(() => readStatpopHectares('A;B\n1;2\n', 'x.csv')).toThrow(/E_KOORD and N_KOORD \(or RELI\) are missing/);
		expect(() => readStatpopHectares('E_KOORD;N_KOORD;FOO\n2666400;1211200;3\n', 'x.csv')).toThrow(/B<year>BTOT/);
	});
});

describe('hectares into 250 m cells', () => {
	it('splits each hectare by overlapping area and keeps the total', () => {
		const r = rasterForBox(2_666_000, 1_211_000, 2_667_000, 1_212_000, 250);
		const g = readStatpopHectares(readFileSync(`${FIX}/STATPOP2024_sample.csv`, 'utf8'));
		const pop = hectarePopulation(r, g.hectares);
		const inBox = g.hectares.filter((h) => h.e >= 2_666_000 && h.n >= 1_211_000).reduce((s, h) => s + h.residents, 0);
		expect(pop.total).toBeCloseTo(inBox, 6);
		expect(pop.source).toBe('statpop-hectare');
		// Columns start at 2666000 + k·250, rows at 1211000 + k·250. Hectare 2666400/1211200 (120) lies in column 1 and
		// half in row 0, half in row 1; 2666400/1211300 (85) wholly in column 1, row 1 → 60 + 85.
		expect(pop.residents[cellAt(r, 2_666_450, 1_211_100)]).toBeCloseTo(60, 6);
		expect(pop.residents[cellAt(r, 2_666_450, 1_211_300)]).toBeCloseTo(145, 6);
		// Column 2, row 1: half of 2666500/1211200 (230), all of 2666500/1211300 (3), half of 2666600/1211200 (47).
		expect(pop.residents[cellAt(r, 2_666_600, 1_211_300)]).toBeCloseTo(115 + 3 + 23.5, 6);
	});

	it('splits a hectare straddling a cell corner into four parts', () => {
		const r = rasterForBox(0, 0, 500, 500, 250);
		const pop = hectarePopulation(r, [{ e: 200, n: 200, residents: 100 }]);
		expect(Array.from(pop.residents)).toEqual([25, 25, 25, 25]);
	});
});
