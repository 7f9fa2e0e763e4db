/** Score surface: a cell with site A's travel times must reproduce site A's criteria. */
import { readFileSync } from 'node:fs';
import { booleanPointInPolygon } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { cantonGrid, computeCriteria, loadSurfaceInputs, matrixTimeSource, scoreSurface, type CriteriaResult, type SurfaceInputs } from '../../src/lib/model/index.ts';
import { loadSmall, SMALL_PARAMS, HAND_SIZED } from '../fixtures/model/small.ts';

let db: Db;
let c: CriteriaResult;
let inputs: SurfaceInputs;
const D = (6371.0088 * Math.PI) / 1800;
beforeAll(async () => {
	db = await openNodeDb();
	await loadSmall(db);
	c = await computeCriteria(db, SMALL_PARAMS, HAND_SIZED);
	inputs = await loadSurfaceInputs(db, SMALL_PARAMS);
});
afterAll(async () => db.close());

describe('score surface', () => {
	// Cell 0 at site A's position with A's times, cell 1 at B's with B's times, cell 2 unreachable by PT.
	const cells = [{ lon: 8, lat: 47 }, { lon: 8, lat: 47.2 }, { lon: 8, lat: 47.5 }];
	const zones = [1, 2];
	const pt = [[20, 50], [40, 30], [NaN, NaN]];
	const car = [[15, 30], [25, 20], [10, 10]];

	it('cell criteria equal the site criteria for the same times and position', () => {
		const r = scoreSurface(inputs, cells, matrixTimeSource(zones, pt, car), { customer_access: 1 }, SMALL_PARAMS);
		const A = c.sites.find((s) => s.site_id === 'A')!;
		const B = c.sites.find((s) => s.site_id === 'B')!;
		expect(r.cells[0].values.staff_pt_mean).toBeCloseTo(A.staff!.pt.mean!, 9);
		expect(r.cells[0].values.staff_car_mean).toBeCloseTo(A.staff!.car.mean!, 9);
		expect(r.cells[0].values.customer_access).toBeCloseTo(A.customers!.all.meanMinutes!, 9);
		expect(r.cells[0].values.co2).toBeCloseTo(A.staff!.co2TonnesYear!, 9);
		expect(r.cells[1].values.customer_access).toBeCloseTo(B.customers!.all.meanMinutes!, 9);
		expect(r.cells[2].values.staff_pt_mean).toBeNull();
	});

	it('best cell and candidate distances', () => {
		// Customer access only: cell 0 13.91, cell 1 14.71, cell 2 (car only, 10 min; jobseekers still 8.6 at the branch):
		// (20·8.6 + 5·10 + 4·10)/29 = 262/29 = 9.03 → best is cell 2.
		const r = scoreSurface(inputs, cells, matrixTimeSource(zones, pt, car), { customer_access: 1, npv: 5 }, SMALL_PARAMS, c.sites);
		expect(r.weights).toEqual({ customer_access: 1 });
		expect(r.best!.index).toBe(2);
		expect(r.cells[2].score).toBeCloseTo(100, 9);
		expect(r.cells[1].score).toBeCloseTo(0, 9);
		// A at 47.0 is 5·0.1° from 47.5 → 5D km.
		expect(r.candidates.find((x) => x.site_id === 'A')!.distanceKm).toBeCloseTo(5 * D, 3);
	});

	it('a time criterion needs the coverage share of movers with a time', () => {
		// Cell reached by PT from zone 1 only (P1, P2 of 4 movers): coverage 0.5 < 0.9 → no PT mean.
		const half = [[20, NaN]];
		const r = scoreSurface(inputs, [cells[0]], matrixTimeSource(zones, half, [[15, 30]]), { staff_pt_mean: 1, staff_car_mean: 1 }, SMALL_PARAMS);
		expect(r.cells[0].values.coverage_pt).toBeCloseTo(0.5, 9);
		expect(r.cells[0].values.coverage_car).toBeCloseTo(1, 9);
		expect(r.cells[0].values.staff_pt_mean).toBeNull();
		expect(r.cells[0].values.staff_car_mean).toBeCloseTo(22.5, 9);
		// Without the coverage rule the mean is over the two who reach it.
		const loose = scoreSurface(inputs, [cells[0]], matrixTimeSource(zones, half, [[15, 30]]), { staff_pt_mean: 1 }, SMALL_PARAMS, [], 0);
		expect(loose.cells[0].values.staff_pt_mean).toBeCloseTo(20, 9);
	});

	it('canton grid points lie inside the boundary', () => {
		const boundary = JSON.parse(readFileSync('data/canton_lu_boundary_2026.geojson', 'utf8'));
		const pts = cantonGrid(boundary, 5);
		// Canton of Lucerne ≈ 1'490 km² → ≈ 60 points at 5 km spacing.
		expect(pts.length).toBeGreaterThan(40);
		expect(pts.length).toBeLessThan(85);
		for (const p of pts) expect(booleanPointInPolygon([p.lon, p.lat], boundary.features[0])).toBe(true);
	});
});
