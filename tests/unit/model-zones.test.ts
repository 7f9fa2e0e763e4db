/**
 * Per-zone commute change (model/zones.ts): the per-zone winners and losers must add up to the site's
 * StaffCriteria (combined mode) from computeCriteria, on the small fixture (hand-checked) and on the
 * Lucerne demo data with crow-fly travel times.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { loadDemo } from '../../src/lib/data/demo.ts';
import { computeCriteria, estimateTravelTimes, zoneCommuteChange, zoneTotals, type CriteriaResult } from '../../src/lib/model/index.ts';
import { loadSmall, SMALL_PARAMS, HAND_SIZED } from '../fixtures/model/small.ts';

describe('zone commute change: small fixture', () => {
	let db: Db;
	beforeAll(async () => {
		db = await openNodeDb();
		await loadSmall(db);
	});
	afterAll(async () => db.close());

	it('site A per zone, hand-checked', async () => {
		// Zone 1: P1 (PT share 1) 20 vs 25 → −5; P2 (car) 15 vs 20 → −5. P5 stays (kept branch).
		// Zone 2: P3, P4 (rural, 0.3): new 0.3·50 + 0.7·30 = 36, today 0.3·45 + 0.7·35 = 38 → −2 each.
		const z = await zoneCommuteChange(db, SMALL_PARAMS, 'A', HAND_SIZED);
		expect(z.map((r) => r.zone_id)).toEqual([1, 2]);
		const [z1, z2] = z;
		expect(z1).toMatchObject({ movers: 2, withTimes: 2, winners: 2, losers: 0 });
		expect(z1.meanChangeMin).toBeCloseTo(-5, 9);
		expect(z1.meanNewMin).toBeCloseTo(17.5, 9);
		expect(z1.meanTodayMin).toBeCloseTo(22.5, 9);
		expect(z2).toMatchObject({ movers: 2, winners: 0, losers: 0 });
		expect(z2.meanChangeMin).toBeCloseTo(-2, 9);
		expect(z2.meanNewMin).toBeCloseTo(36, 9);
		expect(z2.meanTodayMin).toBeCloseTo(38, 9);
	});

	it('unknown site gives no rows', async () => {
		expect(await zoneCommuteChange(db, SMALL_PARAMS, 'nope', HAND_SIZED)).toEqual([]);
	});

	it('zone totals count staff (movers or not) and customers', async () => {
		const t = await zoneTotals(db);
		// Zone 1: P1, P2, P5; customers c2 (5 × 1 visit). Zone 2: P3, P4; c1 (10 × 2) + c3 (1 × 4).
		expect(t).toEqual([
			{ zone_id: 1, staff: 3, staffFte: 2.5, customers: 5, visitsPerYear: 5 },
			{ zone_id: 2, staff: 2, staffFte: 2, customers: 11, visitsPerYear: 24 }
		]);
	});
});

describe('zone commute change: Lucerne demo (crow-fly times)', () => {
	let db: Db;
	let c: CriteriaResult;
	beforeAll(async () => {
		db = await openNodeDb();
		await loadDemo(db, async (f) => readFileSync(path.resolve('data/demo', f), 'utf8'));
		await estimateTravelTimes(db);
		c = await computeCriteria(db, {});
	}, 60_000);
	afterAll(async () => db.close());

	it('per-zone winners and losers add up to the site criteria for every site', async () => {
		expect(c.sites.length).toBeGreaterThan(5);
		for (const s of c.sites) {
			// Raw means for the reconciliation (the rule masks means of small municipalities; see below).
			const z = await zoneCommuteChange(db, c.params, s.site_id, HAND_SIZED);
			const sum = (k: 'winners' | 'losers' | 'movers' | 'withTimes') => z.reduce((a, r) => a + r[k], 0);
			const comb = s.staff!.combined;
			expect(sum('winners'), s.site_id).toBe(comb.winners);
			expect(sum('losers'), s.site_id).toBe(comb.losers);
			expect(sum('winners') + sum('losers')).toBeGreaterThan(0);
			// Every demo mover has a home zone, so the movers agree too.
			expect(sum('movers'), s.site_id).toBe(s.staff!.movers);
			// The mean change weighted by persons with times is the site's mean change.
			const weighted = z.reduce((a, r) => a + (r.meanChangeMin ?? 0) * r.withTimes, 0) / sum('withTimes');
			expect(weighted).toBeCloseTo(comb.meanChange!, 6);
		}
	});

	it('no mean over fewer than 5 persons: small municipalities keep their counts, not their means', async () => {
		const z = await zoneCommuteChange(db, c.params, 'S1-EICHHOF');
		const small = z.filter((r) => r.withTimes > 0 && r.withTimes < 5);
		expect(small.length).toBeGreaterThan(5);
		for (const r of small) expect([r.meanChangeMin, r.meanNewMin, r.meanTodayMin]).toEqual([null, null, null]);
		expect(z.filter((r) => r.withTimes >= 5).every((r) => r.meanChangeMin !== null)).toBe(true);
		expect(small.reduce((a, r) => a + r.movers, 0)).toBeGreaterThan(0);
	});

	it('a stricter threshold gives fewer winners and losers, still matching the criteria', async () => {
		const params = { ...c.params, winnerLoserThresholdMin: 15 };
		const strict = await computeCriteria(db, params);
		const site = strict.sites.find((s) => s.site_id === 'S1-EICHHOF')!;
		const z = await zoneCommuteChange(db, params, 'S1-EICHHOF');
		expect(z.reduce((a, r) => a + r.winners, 0)).toBe(site.staff!.combined.winners);
		expect(z.reduce((a, r) => a + r.losers, 0)).toBe(site.staff!.combined.losers);
		const loose = c.sites.find((s) => s.site_id === 'S1-EICHHOF')!.staff!.combined;
		expect(site.staff!.combined.winners + site.staff!.combined.losers).toBeLessThan(loose.winners + loose.losers);
	});
});
