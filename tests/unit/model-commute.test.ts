/**
 * Per-mover commute lists (commuteSamples) against the aggregated staff criteria: same movers, same
 * zone-level times, same PT-share weighting. Hand-checked on the small fixture, consistency on the
 * demo data (with crow-fly travel times, as the CLI's --estimate-times).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { loadDemo } from '../../src/lib/data/demo.ts';
import { commuteSamples, computeCriteria, estimateTravelTimes, todayOfficeCost, type CommuteSamples, type CriteriaResult } from '../../src/lib/model/index.ts';
import { loadSmall, SMALL_PARAMS, HAND_SIZED } from '../fixtures/model/small.ts';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const demoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/demo');

describe('commuteSamples on the small fixture', () => {
	let db: Db;
	let s: CommuteSamples;
	beforeAll(async () => {
		db = await openNodeDb();
		await loadSmall(db);
		s = await commuteSamples(db, SMALL_PARAMS);
	});
	afterAll(async () => db.close());

	it('lists per site: movers P1..P4 only, sorted, PT-share weighted', () => {
		// Site A: PT 20 (P1, P2 zone 1), 50 (P3, P4 zone 2); car 15, 15, 30, 30.
		// Combined: P1 pt → 20, P2 car → 15, P3/P4 rural 0.3·50 + 0.7·30 = 36.
		expect(s.bySite.A.pt).toEqual([20, 20, 50, 50]);
		expect(s.bySite.A.car).toEqual([15, 15, 30, 30]);
		expect(s.bySite.A.combined.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([15, 20, 36, 36]);
		// Site C has no travel times at all: present, empty.
		expect(s.bySite.C).toEqual({ pt: [], car: [], combined: [] });
	});

	it('today: each mover to their own office', () => {
		// P1/P2 → O1 (zone 1): PT 25, car 20; P3/P4 → O2 (zone 2): PT 45, car 35.
		// Combined: P1 25, P2 20, P3/P4 0.3·45 + 0.7·35 = 38.
		expect(s.today.pt).toEqual([25, 25, 45, 45]);
		expect(s.today.car).toEqual([20, 20, 35, 35]);
		expect(s.today.combined.map((v) => Math.round(v * 1e9) / 1e9)).toEqual([20, 25, 38, 38]);
	});

	it('today’s office cost is the rent of all offices, kept ones included', async () => {
		expect(await todayOfficeCost(db)).toBe(100000 + 60000 + 20000);
		const c = await computeCriteria(db, SMALL_PARAMS, HAND_SIZED);
		expect(c.todayRentChfYear).toBe(180000);
	});
});

describe('commuteSamples on the demo data', () => {
	let db: Db;
	let c: CriteriaResult;
	let s: CommuteSamples;
	beforeAll(async () => {
		db = await openNodeDb();
		await loadDemo(db, (name) => readFile(path.join(demoDir, name), 'utf8'));
		await estimateTravelTimes(db);
		c = await computeCriteria(db);
		s = await commuteSamples(db, c.params);
	}, 60_000);
	afterAll(async () => db.close());

	it('the mean of each list equals the staff criterion of every site', () => {
		expect(c.sites.length).toBeGreaterThanOrEqual(8);
		for (const site of c.sites) {
			const st = site.staff!;
			const l = s.bySite[site.site_id];
			expect(l.combined.length).toBe(st.combined.n);
			expect(l.pt.length).toBe(st.pt.n);
			expect(mean(l.combined)).toBeCloseTo(st.combined.mean!, 6);
			expect(mean(l.pt)).toBeCloseTo(st.pt.mean!, 6);
			expect(mean(l.car)).toBeCloseTo(st.car.mean!, 6);
			// Mean change against today = mean(site) − mean(today) when everybody has both times.
			if (l.combined.length === s.today.combined.length) expect(mean(l.combined) - mean(s.today.combined)).toBeCloseTo(st.combined.meanChange!, 6);
		}
	});

	it('lists are sorted and hold one value per mover with a time', () => {
		const movers = c.sites[0].staff!.movers;
		for (const l of [s.today, ...Object.values(s.bySite)]) {
			for (const k of ['pt', 'car', 'combined'] as const) {
				expect(l[k].length).toBeLessThanOrEqual(movers);
				expect(l[k].every((v, i) => i === 0 || l[k][i - 1] <= v)).toBe(true);
			}
		}
		expect(s.today.combined.length).toBeGreaterThan(0.9 * movers);
	});

	it('today’s cost covers the rent freed by every site', () => {
		for (const site of c.sites) expect(c.todayRentChfYear).toBeGreaterThanOrEqual(site.money.rentFreedChfYear);
		expect(c.todayRentChfYear).toBeGreaterThan(0);
	});
});
