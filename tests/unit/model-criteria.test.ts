/**
 * Staff, customer and space criteria on the small fixture (tests/fixtures/model/small.ts).
 *
 * Movers: P1..P4 (P5 works at the kept branch B1 and stays). PT shares: P1 mode pt → 1; P2 car → 0;
 * P3 (no mode) and P4 (bike) live in rural zone 2 → 0.3. Trips/yr = 200 days × 2 × FTE:
 * P1 400, P2 200, P3 400, P4 400.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { computeCriteria, DEFAULT_WEIGHTS, estimateTravelTimes, ESTIMATE_SOURCE, scoreSites, type CriteriaResult } from '../../src/lib/model/index.ts';
import { loadSmall, SMALL_PARAMS, HAND_SIZED } from '../fixtures/model/small.ts';
import { lv95CellSql } from '../../src/lib/model/sql.ts';
import { rows } from '../../src/lib/data/db/connector.ts';

let db: Db;
let c: CriteriaResult;
const site = (id: string) => c.sites.find((s) => s.site_id === id)!;
/** 0.1° of latitude in km: 6371.0088 · π / 1800. */
const D = (6371.0088 * Math.PI) / 1800;

beforeAll(async () => {
	db = await openNodeDb();
	await loadSmall(db);
	c = await computeCriteria(db, SMALL_PARAMS, HAND_SIZED);
});
afterAll(async () => db.close());

describe('staff commute', () => {
	it('PT figures at site A', () => {
		// PT times: zone 1 → A 20 (P1, P2), zone 2 → A 50 (P3, P4): mean 35.
		// p80 (linear interpolation): sorted 20,20,50,50, position 0.8·3 = 2.4 → 50.
		// > 30: 2 of 4; > 45: 2 of 4; > 60: none.
		// Hours: (400·20 + 200·20 + 400·50 + 400·50) / 60 = 52000 / 60.
		// Change vs today (O1 25 for P1/P2, O2 45 for P3/P4): −5, −5, +5, +5 → mean 0, 2 winners, 2 losers (±5).
		const pt = site('A').staff!.pt;
		expect(pt.n).toBe(4);
		expect(pt.mean).toBeCloseTo(35, 9);
		expect(pt.p80).toBeCloseTo(50, 9);
		expect(pt.shareOver).toEqual({ 30: 0.5, 45: 0.5, 60: 0 });
		expect(pt.hoursPerYear).toBeCloseTo(52000 / 60, 6);
		expect(pt.meanChange).toBeCloseTo(0, 9);
		expect([pt.winners, pt.losers]).toEqual([2, 2]);
	});

	it('car figures at site A', () => {
		// Car: 15, 15, 30, 30 → mean 22.5, p80 30, none strictly over 30.
		// Hours (400·15 + 200·15 + 400·30 + 400·30)/60 = 33000/60 = 550. Change −5 for everybody → 4 winners.
		const car = site('A').staff!.car;
		expect(car.mean).toBeCloseTo(22.5, 9);
		expect(car.p80).toBeCloseTo(30, 9);
		expect(car.shareOver[30]).toBe(0);
		expect(car.hoursPerYear).toBeCloseTo(550, 6);
		expect(car.meanChange).toBeCloseTo(-5, 9);
		expect([car.winners, car.losers]).toEqual([4, 0]);
	});

	it('mode-weighted figures and winners/losers at sites A and B', () => {
		// A: P1 20 (PT), P2 15 (car), P3/P4 0.3·50 + 0.7·30 = 36. Mean 107/4 = 26.75.
		// Today: P1 25, P2 20, P3/P4 0.3·45 + 0.7·35 = 38 → changes −5, −5, −2, −2: mean −3.5, 2 winners, 0 losers.
		// Hours (400·20 + 200·15 + 400·36 + 400·36)/60 = 39800/60.
		const a = site('A').staff!.combined;
		expect(a.mean).toBeCloseTo(26.75, 9);
		expect(a.p80).toBeCloseTo(36, 9);
		expect(a.hoursPerYear).toBeCloseTo(39800 / 60, 6);
		expect(a.meanChange).toBeCloseTo(-3.5, 9);
		expect([a.winners, a.losers]).toEqual([2, 0]);
		// B: P1 40, P2 25, P3/P4 0.3·30 + 0.7·20 = 23 → mean 111/4 = 27.75; p80 of 23,23,25,40 at 2.4 → 25 + 0.4·15 = 31.
		// Changes +15, +5, −15, −15 → 2 winners, 2 losers.
		const b = site('B').staff!.combined;
		expect(b.mean).toBeCloseTo(27.75, 9);
		expect(b.p80).toBeCloseTo(31, 9);
		expect([b.winners, b.losers]).toEqual([2, 2]);
		expect(site('B').staff!.movers).toBe(4);
		expect(site('B').staff!.moversFte).toBeCloseTo(3.5, 9);
	});

	it('CO2 from straight-line distance × mode factors', () => {
		// All homes at 47.1, site A at 47.0: distance D. g/km per person: P1 50 (PT), P2 200 (car),
		// P3/P4 0.3·50 + 0.7·200 = 155. Sum trips·g/km = 400·50 + 200·200 + 400·155·2 = 184000 → 0.184·D t.
		// Today P1/P2 at O1 (distance 0), P3/P4 at O2 (2D): 2D·400·155·2 = 248000·D g → change −0.064·D t.
		expect(site('A').staff!.co2TonnesYear).toBeCloseTo(0.184 * D, 9);
		expect(site('A').staff!.co2ChangeTonnesYear).toBeCloseTo(-0.064 * D, 9);
	});

	it('reports sites without travel times', () => {
		expect(site('C').staff!.missingTimes).toBe(4);
		expect(site('C').staff!.pt.mean).toBeNull();
		expect(c.warnings.some((w) => w.en.includes('Site C'))).toBe(true);
		expect(site('A').staff!.trace.sql).toContain('travel_times');
	});

	it('names an office of staff that is not in offices, with the head count under the small-group rule', async () => {
		await db.exec("UPDATE staff SET office_id = 'NOPE' WHERE person_id = 'P1'");
		try {
			const r = await computeCriteria(db, SMALL_PARAMS);
			expect(r.warnings.filter((w) => w.en.includes('NOPE')).map((w) => w.en)).toEqual([
				'Office "NOPE" (staff.office_id, < 5 staff) is not in offices: their commute today is unknown and left out of the changes.'
			]);
		} finally {
			await db.exec("UPDATE staff SET office_id = 'O1' WHERE person_id = 'P1'");
		}
		expect((await computeCriteria(db, SMALL_PARAMS)).warnings.filter((w) => w.en.includes('is not in offices'))).toEqual([]);
	});

	it('a site with no row in travel_times is named once, with its id, not as staff without a time', async () => {
		const strict = await computeCriteria(db, SMALL_PARAMS);
		expect(strict.warnings.filter((x) => x.en.includes('without a travel time'))).toEqual([]);
		expect(strict.warnings.filter((x) => x.en.includes('Site C')).map((x) => x.en)).toEqual([
			'One site does not occur in travel_times: "Site C" (site_id "C"). Ids must be written exactly alike. Without travel times to it, commutes and customer trips are unknown, and their criteria drop out of the ranking while such a site is assessed.'
		]);
	});

	it('the warning about staff without travel times follows the small-group rule (4 persons: "< 5", no "of n")', async () => {
		// Site C reached from zone 1 only: P3 and P4 (zone 2) and the stayer's zone are missing.
		await db.exec("INSERT INTO travel_times (origin_zone, destination_id, mode, minutes_p50) VALUES (1, 'C', 'pt', 30), (1, 'C', 'car', 20)");
		try {
			const strict = await computeCriteria(db, SMALL_PARAMS);
			const w = strict.warnings.filter((x) => x.en.includes('without a travel time'));
			expect(w.map((x) => [x.de, x.en])).toEqual([
				['Site C: < 5 Mitarbeitenden ohne Reisezeit (Zone fehlt in travel_times).', 'Site C: < 5 staff without a travel time (zone missing in travel_times).']
			]);
		} finally {
			await db.exec("DELETE FROM travel_times WHERE destination_id = 'C'");
		}
	});

	it('without wait_p50 in travel_times the wait criterion is missing, with one warning', () => {
		expect(site('A').staff!.ptWait).toEqual({ n: 0, mean: null, p80: null, meanChange: null });
		expect(c.warnings.filter((w) => w.en.includes('wait_p50'))).toHaveLength(1);
		const r = scoreSites(c, { ...DEFAULT_WEIGHTS, staff_pt_wait: 10 });
		expect(r.skipped.map((k) => k.id)).toContain('staff_pt_wait');
	});

	it('PT wait on its own; staff without a PT time counted per reason, their combined time is the car time', async () => {
		const d = await openNodeDb();
		try {
			await loadSmall(d);
			await d.exec(`UPDATE travel_times SET wait_p50 = CASE origin_zone * 100 + CASE destination_id WHEN 'A' THEN 1 WHEN 'B' THEN 2 ELSE 3 END
			  WHEN 101 THEN 6 WHEN 201 THEN 10 WHEN 102 THEN 1 WHEN 202 THEN 3 ELSE 4 END WHERE mode = 'pt'`);
			// A new mover P6 in zone 3, which has car times only (no stop within walking distance)
			await d.exec(`INSERT INTO staff (person_id, unit, fte, office_id, mode, lon, lat, zone_id) VALUES ('P6', 'X', 1.0, 'O1', NULL, 8.0, 47.1, 3)`);
			await d.exec(`INSERT INTO travel_times (origin_zone, destination_id, mode, minutes_p50) VALUES (3, 'A', 'car', 40), (3, 'B', 'car', 40), (3, 'O1', 'car', 40)`);
			let r = await computeCriteria(d, SMALL_PARAMS, HAND_SIZED);
			let a = r.sites.find((s) => s.site_id === 'A')!.staff!;
			// waits at A: zone 1 (P1, P2, P6 has no PT) 6, zone 2 (P3, P4) 10 → mean 8, p80 of 6,6,10,10 = 10;
			// today: zone 1 → O1 4, zone 2 → O2 4 → changes 2, 2, 6, 6 → mean 4
			expect(a.ptWait.n).toBe(4);
			expect(a.ptWait.mean).toBeCloseTo(8, 9);
			expect(a.ptWait.p80).toBeCloseTo(10, 9);
			expect(a.ptWait.meanChange).toBeCloseTo(4, 9);
			expect(r.sites.find((s) => s.site_id === 'A')!.staff!.pt.mean).toBeCloseTo(35, 9); // the journey, unchanged
			expect(a.missingByMode.pt).toEqual({ total: 1, noZoneTimes: 1, noSiteTime: 0 });
			expect(a.missingByMode.car).toEqual({ total: 0, noZoneTimes: 0, noSiteTime: 0 });
			expect(a.missingTimes).toBe(0);
			// P6's combined time is the car time (40): (20 + 15 + 36 + 36 + 40) / 5
			expect(a.combined.mean).toBeCloseTo(147 / 5, 9);
			expect(a.pt.n).toBe(4);
			// zone 2 loses its PT time to A only: P3, P4 have PT times elsewhere → "no time to this site"
			await d.exec(`DELETE FROM travel_times WHERE origin_zone = 2 AND destination_id = 'A' AND mode = 'pt'`);
			r = await computeCriteria(d, SMALL_PARAMS, HAND_SIZED);
			a = r.sites.find((s) => s.site_id === 'A')!.staff!;
			expect(a.missingByMode.pt).toEqual({ total: 3, noZoneTimes: 1, noSiteTime: 2 });
			expect(a.pt.n).toBe(2);
			// P3, P4 now count with their car time (30) in the combined mean
			expect(a.combined.mean).toBeCloseTo((20 + 15 + 30 + 30 + 40) / 5, 9);
			expect(r.sites.find((s) => s.site_id === 'B')!.staff!.missingByMode.pt).toEqual({ total: 1, noZoneTimes: 1, noSiteTime: 0 });
		} finally {
			await d.close();
		}
	});

	it('uses zone defaults instead of staff.mode when asked', async () => {
		// P1, P2 urban → 0.5: (0.5·20 + 0.5·15) = 17.5 each; P3/P4 36 → mean (17.5·2 + 72)/4 = 26.75 (same by coincidence),
		// hours change: (400·17.5 + 200·17.5 + 400·36·2)/60 = 39300/60.
		const r = await computeCriteria(db, { ...SMALL_PARAMS, useStaffMode: false }, HAND_SIZED);
		const a = r.sites.find((s) => s.site_id === 'A')!.staff!.combined;
		expect(a.hoursPerYear).toBeCloseTo(39300 / 60, 6);
	});
});

describe('customers', () => {
	it('visit-weighted access with a kept branch for job seekers', () => {
		// c1 jobseeker zone 2, w = 10·2 = 20, share 0.3: A 0.3·50 + 0.7·30 = 36, branch B1 0.3·10 + 0.7·8 = 8.6 → 8.6 (branch).
		// c2 employer zone 1, w = 5, share 0.5: A 0.5·20 + 0.5·15 = 17.5. c3 insured zone 2, w = 1·4 = 4: 36.
		// All: (20·8.6 + 5·17.5 + 4·36)/29 = 403.5/29; branch share 20/29.
		const a = site('A').customers!;
		expect(a.byGroup.jobseeker.meanMinutes).toBeCloseTo(8.6, 9);
		expect(a.byGroup.jobseeker.branchShare).toBe(1);
		expect(a.byGroup.employer.meanMinutes).toBeCloseTo(17.5, 9);
		expect(a.byGroup.insured.meanMinutes).toBeCloseTo(36, 9);
		expect(a.all.visits).toBe(29);
		expect(a.all.meanMinutes).toBeCloseTo(403.5 / 29, 9);
		expect(a.all.branchShare).toBeCloseTo(20 / 29, 9);
		// B: c2 0.5·40 + 0.5·25 = 32.5; c3 0.3·30 + 0.7·20 = 23 → (172 + 162.5 + 92)/29.
		expect(site('B').customers!.all.meanMinutes).toBeCloseTo(426.5 / 29, 9);
	});

	it('without branches everybody goes to the site', async () => {
		// c1 now 36: (720 + 87.5 + 144)/29 = 951.5/29.
		const r = await computeCriteria(db, { ...SMALL_PARAMS, keepBranches: false }, HAND_SIZED);
		const a = r.sites.find((s) => s.site_id === 'A')!.customers!;
		expect(a.all.meanMinutes).toBeCloseTo(951.5 / 29, 9);
		expect(a.all.branchShare).toBe(0);
	});
});

describe('space', () => {
	it('workplaces and area needed, capacity fit', () => {
		// 4 movers × 1 × 26 m² = 104 m²; A: capacity 5 → slack 1, reserve 25 %, area slack 120 − 104 = 16.
		const s = site('A').space;
		expect(s.workplacesNeeded).toBe(4);
		expect(s.m2Needed).toBe(104);
		expect(s.capacitySlack).toBe(1);
		expect(s.capacityReserve).toBeCloseTo(0.25, 12);
		expect(s.areaSlackM2).toBe(16);
		expect(site('B').space.capacitySlack).toBe(-1);
	});

	it('FTE basis with desk sharing', async () => {
		// FTE 3.5 × 0.8 = 2.8 → 3 workplaces × 20 m² = 60 m².
		const r = await computeCriteria(db, { ...SMALL_PARAMS, workplaceBasis: 'fte', deskSharingRatio: 0.8, m2PerWorkplace: 20 }, HAND_SIZED);
		const s = r.sites.find((x) => x.site_id === 'A')!.space;
		expect(s.workplacesNeeded).toBe(3);
		expect(s.m2Needed).toBe(60);
	});

	it('staff of kept offices move too when asked', async () => {
		const r = await computeCriteria(db, { ...SMALL_PARAMS, keptOfficesStay: false }, HAND_SIZED);
		expect(r.sites[0].space.workplacesNeeded).toBe(5);
		expect(r.sites[0].staff!.movers).toBe(5);
	});
});

describe('PT changes and estimated times', () => {
	it('mean PT changes over movers', async () => {
		// Zone 1 → A: 1 change (P1, P2), zone 2 → A: 2 changes (P3, P4) → mean 1.5.
		const r = await computeCriteria(db, SMALL_PARAMS, HAND_SIZED);
		expect(r.sites[0].staff!.ptChangesMean).toBeNull();
		await db.exec(`UPDATE travel_times SET changes = CASE origin_zone WHEN 1 THEN 1 ELSE 2 END WHERE destination_id = 'A' AND mode = 'pt'`);
		const r2 = await computeCriteria(db, SMALL_PARAMS, HAND_SIZED);
		expect(r2.sites.find((s) => s.site_id === 'A')!.staff!.ptChangesMean).toBeCloseTo(1.5, 12);
		await db.exec(`UPDATE travel_times SET changes = NULL`);
	});

	it('crow-fly estimates fill only missing pairs', async () => {
		const other = await openNodeDb();
		await loadSmall(other);
		await estimateTravelTimes(other);
		// Zone centroids at 47.1, site C at 47.25: d = 1.5·D. PT 10 + d·1.4/25·60, car 5 + d·1.3/45·60.
		const [c] = await (await import('../../src/lib/data/db/connector.ts')).rows<{ pt: number; car: number; src: string }>(
			other,
			`SELECT max(minutes_p50) FILTER (WHERE mode = 'pt') AS pt, max(minutes_p50) FILTER (WHERE mode = 'car') AS car, any_value(source) AS src FROM travel_times WHERE origin_zone = 1 AND destination_id = 'C'`
		);
		expect(c.pt).toBeCloseTo(10 + ((1.5 * D * 1.4) / 25) * 60, 6);
		expect(c.car).toBeCloseTo(5 + ((1.5 * D * 1.3) / 45) * 60, 6);
		expect(c.src).toBe(ESTIMATE_SOURCE);
		// Existing rows are kept: zone 1 → A PT is still 20.
		const r = await computeCriteria(other, SMALL_PARAMS, HAND_SIZED);
		expect(r.sites.find((s) => s.site_id === 'A')!.staff!.pt.mean).toBeCloseTo(35, 9);
		expect(r.sites.find((s) => s.site_id === 'C')!.staff!.missingTimes).toBe(0);
		await other.close();
	});
});

describe('where people live: the 100 m cell of each home', () => {
	it('a person takes the times of their own cell where the matrix has it, else their zone’s; customers too', async () => {
		const d = await openNodeDb();
		try {
			await loadSmall(d);
			const [{ cell }] = await rows<{ cell: number }>(d, `SELECT ${lv95CellSql('8.0', '47.1')} AS cell`);
			// LV95 of 8.0 E / 47.1 N is 2'642'615.96 / 1'216'707.52 (rigorous, src/lib/data/coords.ts): the cell key is
			// floor(E/100) · 100000 + floor(N/100), and the SQL's approximate formulas land in the same cell.
			expect(Math.floor(cell / 100000)).toBe(26426);
			expect(cell % 100000).toBe(12167);
			// Cell rows for site A only (both modes): every mover lives in this cell.
			await d.exec(`INSERT INTO travel_times (origin_zone, origin_cell, destination_id, mode, minutes_p50) VALUES (1, ${cell}, 'A', 'pt', 5), (1, ${cell}, 'A', 'car', 4)`);
			// A mover without coordinates keeps the zone's time.
			await d.exec(`INSERT INTO staff (person_id, unit, fte, office_id, mode, lon, lat, zone_id) VALUES ('P7', 'X', 1.0, 'O1', 'pt', NULL, NULL, 1)`);
			const r = await computeCriteria(d, SMALL_PARAMS);
			const a = r.sites.find((s) => s.site_id === 'A')!.staff!;
			const b = r.sites.find((s) => s.site_id === 'B')!.staff!;
			// A: P1–P4 from the cell (5 min), P7 from zone 1 (20 min) → (4 · 5 + 20) / 5 = 8
			expect(a.pt.n).toBe(5);
			expect(a.pt.mean).toBeCloseTo(8, 9);
			// B has no cell rows: everybody from their zone (zone 1: 40, zone 2: 30) → P1, P2, P7 40; P3, P4 30 → 36
			expect(b.pt.mean).toBeCloseTo(36, 9);
			// Customers with coordinates in the cell take its time to A (c2 employer, zone 1: car 4 / pt 5 mixed by the urban share 0.5 → 4.5)
			const ca = r.sites.find((s) => s.site_id === 'A')!.customers!;
			expect(ca.byGroup.employer.meanMinutes).toBeCloseTo(4.5, 9);
		} finally {
			await d.close();
		}
	});
});

describe('the 100 m cell key in SQL', () => {
	it('agrees with the rigorous LV95 transformation except within 2 m of a cell border', async () => {
		const { wgs84ToLv95 } = await import('../../src/lib/data/coords.ts');
		const d = await openNodeDb();
		try {
			let seed = 7;
			const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
			const pts = Array.from({ length: 400 }, () => [6.0 + 4.4 * rnd(), 45.9 + 1.8 * rnd()]);
			const got = await rows<{ i: number; cell: number }>(d, `SELECT i, ${lv95CellSql('lon', 'lat')} AS cell FROM (VALUES ${pts.map(([lo, la], i) => `(${i}, ${lo}, ${la})`).join(', ')}) t(i, lon, lat)`);
			let compared = 0;
			for (const { i, cell } of got) {
				const { e, n } = wgs84ToLv95(pts[i][0], pts[i][1]);
				const near = (v: number) => Math.min(v % 100, 100 - (v % 100)) < 2;
				if (near(e) || near(n)) continue;
				compared++;
				expect(cell).toBe(Math.floor(e / 100) * 100000 + Math.floor(n / 100));
			}
			expect(compared).toBeGreaterThan(350);
		} finally {
			await d.close();
		}
	});
});
