/** Utility analysis: normalisation, weights, hard constraints, ranking on the small fixture. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { computeCriteria, normaliseValues, normaliseWeights, scoreSites, type CriteriaResult } from '../../src/lib/model/index.ts';
import { loadSmall, SMALL_PARAMS, HAND_SIZED } from '../fixtures/model/small.ts';

let db: Db;
let c: CriteriaResult;
beforeAll(async () => {
	db = await openNodeDb();
	await loadSmall(db);
	c = await computeCriteria(db, SMALL_PARAMS, HAND_SIZED);
});
afterAll(async () => db.close());

describe('normalisation', () => {
	it('min-max with direction', () => {
		expect(normaliseValues([10, 20, 30], { id: 'x', direction: 'cost' }, { normalisation: 'minmax', ranges: {} })).toEqual([1, 0.5, 0]);
		expect(normaliseValues([10, 20, 30], { id: 'x', direction: 'benefit' }, { normalisation: 'minmax', ranges: {} })).toEqual([0, 0.5, 1]);
		expect(normaliseValues([7, 7], { id: 'x', direction: 'cost' }, { normalisation: 'minmax', ranges: {} })).toEqual([1, 1]);
	});
	it('range value function, clipped', () => {
		// worst 60 min, best 20 min: 10 → 1 (clipped), 40 → 0.5, 70 → 0.
		expect(normaliseValues([10, 40, 70], { id: 'x', direction: 'cost' }, { normalisation: 'range', ranges: { x: { worst: 60, best: 20 } } })).toEqual([1, 0.5, 0]);
	});
	it('weights sum to 1; negatives count as 0; all zero → equal', () => {
		expect(normaliseWeights({ a: 30, b: 10, c: -5 }, ['a', 'b', 'c'])).toEqual({ a: 0.75, b: 0.25, c: 0 });
		expect(normaliseWeights({}, ['a', 'b'])).toEqual({ a: 0.5, b: 0.5 });
	});
});

describe('scoreSites', () => {
	it('excludes sites failing hard constraints with reasons', () => {
		const r = scoreSites(c, { customer_access: 1 });
		// B: capacity 3 < 4 needed; C: available 2027-01-01 after the move 2026-07-01.
		expect(r.ranking.map((x) => x.site_id)).toEqual(['A']);
		expect(r.excluded.map((e) => [e.site_id, e.reasons.map((x) => x.code)])).toEqual([
			['B', ['capacity']],
			['C', ['availability']]
		]);
		expect(r.excluded[0].reasons[0].message.de).toContain('Kapazität 3');
	});

	it('optional maximum mean commute', () => {
		// Mean combined commute A 26.75, B 27.75: a limit of 27 excludes B.
		const r = scoreSites(c, { customer_access: 1 }, { requireCapacity: false, maxMeanCommuteMin: 27 });
		expect(r.excluded.find((e) => e.site_id === 'B')!.reasons.map((x) => x.code)).toEqual(['commute']);
	});

	it('scores and ranks: weights 3:2 equal 60:40', () => {
		// Customers A 13.91 (best → 1), B 14.71 (→ 0); NPV A 319'731 (→ 0), B 367'856 (→ 1).
		// A = 100 · 0.6 · 1 = 60, B = 100 · 0.4 · 1 = 40.
		const r = scoreSites(c, { customer_access: 3, npv: 2 }, { requireCapacity: false });
		expect(r.weights.customer_access).toBeCloseTo(0.6, 12);
		expect(r.ranking.map((x) => [x.site_id, x.rank])).toEqual([['A', 1], ['B', 2]]);
		expect(r.ranking[0].score).toBeCloseTo(60, 9);
		expect(r.ranking[1].score).toBeCloseTo(40, 9);
		expect(r.ranking[1].contributions.npv).toBeCloseTo(40, 9);
		const same = scoreSites(c, { customer_access: 60, npv: 40 }, { requireCapacity: false });
		expect(same.ranking.map((x) => x.score)).toEqual(r.ranking.map((x) => x.score));
	});

	it('skips a weighted criterion that is missing for an included site', () => {
		// With availability off, C (no travel times) stays in: customer access can't be scored.
		const r = scoreSites(c, { staff_pt_mean: 50, npv: 50 }, { requireCapacity: false, requireAvailability: false });
		expect(r.skipped.map((s) => s.id)).toEqual(['staff_pt_mean']);
		expect(r.weights.npv).toBe(1);
		// NPV: B best (100), A worst (0), C in between: 100 × (C − A) / (B − A).
		const npv = (id: string) => c.sites.find((s) => s.site_id === id)!.money.npvChf;
		expect(r.ranking.map((x) => x.site_id)).toEqual(['B', 'C', 'A']);
		expect(r.ranking[1].score).toBeCloseTo((100 * (npv('C') - npv('A'))) / (npv('B') - npv('A')), 9);
		expect(r.ranking[2].score).toBeCloseTo(0, 9);
	});
});
