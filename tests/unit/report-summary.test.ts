/** Report content: criterion ranks, per-criterion tables and the recommendation on the small fixture. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { computeCriteria, criterionDef, flipWeights, rankProbabilities, scoreSites, type CriteriaResult } from '../../src/lib/model/index.ts';
import { betterThanLeader, criterionRanks, criterionTables, markerLabels, probabilitiesInRankOrder, recommendation } from '../../src/lib/report/summary.ts';
import { loadSmall, SMALL_PARAMS, HAND_SIZED } from '../fixtures/model/small.ts';

let db: Db;
let c: CriteriaResult;
beforeAll(async () => {
	db = await openNodeDb();
	await loadSmall(db);
	c = await computeCriteria(db, SMALL_PARAMS, HAND_SIZED);
});
afterAll(async () => db.close());

describe('criterionRanks', () => {
	it('ranks by direction with shared ranks for ties; nulls stay null', () => {
		expect(criterionRanks(criterionDef('co2'), [30, 10, 30, null, 20])).toEqual([3, 1, 3, null, 2]);
		expect(criterionRanks(criterionDef('npv'), [5, 9, 9, -1])).toEqual([3, 1, 1, 4]);
	});
});

describe('criterionTables and recommendation', () => {
	it('lists ranked sites in rank order, then excluded ones, with points summing to the score', () => {
		const score = scoreSites(c, { customer_access: 3, npv: 2 }, { requireCapacity: false });
		const tables = criterionTables(c, score);
		expect(tables.map((t) => t.def.id)).toContain('customer_access');
		const cust = tables.find((t) => t.def.id === 'customer_access')!;
		expect(cust.weight).toBeCloseTo(0.6, 12);
		expect(cust.rows.map((r) => [r.site_id, r.rank])).toEqual([['A', 1], ['B', 2], ['C', null]]);
		// A has the shorter customer access (13.91 vs 14.71 min): rank 1 on this criterion; C is excluded, no rank.
		expect(cust.rows.map((r) => r.criterionRank)).toEqual([1, 2, null]);
		for (const r of score.ranking) {
			const sum = tables.reduce((s, t) => s + (t.rows.find((x) => x.site_id === r.site_id)?.points ?? 0), 0);
			expect(sum).toBeCloseTo(r.score, 9);
		}
	});

	it('recommends the first-ranked site with its lead and where it is best', () => {
		const score = scoreSites(c, { customer_access: 3, npv: 2 }, { requireCapacity: false });
		const probs = rankProbabilities(score.matrix, score.weights, { seed: 1, samples: 500 });
		const rec = recommendation(c, score, probs, flipWeights(score))!;
		expect(rec.site.site_id).toBe('A');
		expect(rec.runnerUp!.site.site_id).toBe('B');
		expect(rec.runnerUp!.gap).toBeCloseTo(20, 9);
		expect(rec.bestOn).toEqual(['customer_access']);
		expect(rec.pFirst).toBeGreaterThan(0);
		expect(rec.pFirst).toBeLessThanOrEqual(1);
		expect(rec.flip?.first).toBe('A');
	});

	it('no recommendation when every site is excluded', () => {
		const score = scoreSites(c, { customer_access: 1 }, { requireAvailability: true, requireCapacity: true, maxMeanCommuteMin: 1 });
		expect(score.ranking).toEqual([]);
		expect(recommendation(c, score, null, null)).toBeNull();
	});
});

describe('robustness explained', () => {
	it('where a site beats rank 1, probabilities in ranking order, marker labels', () => {
		const score = scoreSites(c, { customer_access: 3, npv: 2 }, { requireCapacity: false });
		// B is worse on customer access but better on the NPV (see model-score.test.ts).
		expect([...betterThanLeader(score)]).toEqual([['B', ['npv']]]);
		const probs = rankProbabilities(score.matrix, score.weights, { seed: 1, samples: 200 });
		expect(probabilitiesInRankOrder(probs, score).map((r) => r.site_id)).toEqual(score.ranking.map((r) => r.site_id));
		expect([...markerLabels(score)]).toEqual([['A', '1'], ['B', '2'], ['C', 'A']]);
	});
});
