/** Robustness: seeded rank probabilities, tornado, exact flip weights. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { computeCriteria, flipWeights, rankOrder, rankProbabilities, scoreSites, scoresFor, tornado, type CriteriaResult, type ScoreMatrix } from '../../src/lib/model/index.ts';
import { loadSmall, SMALL_PARAMS, HAND_SIZED } from '../fixtures/model/small.ts';

let db: Db;
let c: CriteriaResult;
beforeAll(async () => {
	db = await openNodeDb();
	await loadSmall(db);
	c = await computeCriteria(db, SMALL_PARAMS, HAND_SIZED);
});
afterAll(async () => db.close());

/** S1 best on criterion x, S2 on y, S3 in between: S1 leads iff w_x > 0.5. */
const matrix: ScoreMatrix = { siteIds: ['S1', 'S2', 'S3'], criterionIds: ['x', 'y'], values: [[1, 0], [0, 1], [0.5, 0.5]] };
const weights = { x: 0.6, y: 0.4 };

/** P(Beta(a, b) > 1/2) = P(Binomial(a + b − 1, 1/2) ≤ a − 1) for integer a, b. */
function betaAboveHalf(a: number, b: number): number {
	const n = a + b - 1;
	let p = 0, coef = 1;
	for (let k = 0; k <= a - 1; k++) {
		if (k > 0) coef = (coef * (n - k + 1)) / k;
		p += coef / 2 ** n;
	}
	return p;
}

describe('rank probabilities', () => {
	it('is reproducible for a seed and differs for another', () => {
		const a = rankProbabilities(matrix, weights, { seed: 7, samples: 500 });
		const b = rankProbabilities(matrix, weights, { seed: 7, samples: 500 });
		const d = rankProbabilities(matrix, weights, { seed: 8, samples: 500 });
		expect(a).toEqual(b);
		expect(d.probabilities).not.toEqual(a.probabilities);
	});

	it('Dirichlet: P(S1 first) matches the Beta distribution of w_x', () => {
		// Concentration 30 → w_x ~ Beta(18, 12); S1 leads iff w_x > 0.5.
		const r = rankProbabilities(matrix, weights, { seed: 2019, samples: 20000, concentration: 30 });
		for (const row of r.probabilities) expect(row.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
		expect(r.probabilities[0][0]).toBeCloseTo(betaAboveHalf(18, 12), 1);
		expect(Math.abs(r.probabilities[0][0] - betaAboveHalf(18, 12))).toBeLessThan(0.015);
		// S3 is never first and never last (it is always between S1 and S2).
		expect(r.probabilities[2]).toEqual([0, 1, 0]);
	});

	it('±range: 0.6·u1 > 0.4·u2 for all u in [0.8, 1.2] except a null set → S1 always first', () => {
		const r = rankProbabilities(matrix, weights, { method: 'range', range: 0.2, samples: 2000, seed: 1 });
		expect(r.probabilities[0][0]).toBe(1);
		expect(r.meanRank[0]).toBe(1);
	});
});

describe('flip weights', () => {
	it('solves the tie exactly and the ranking flips just beyond it', () => {
		// A leads B by 20 points with customer_access 60 % / npv 40 % (see model-score.test.ts).
		// Differences A − B: customer_access +1, npv −1 → D = 0.6 − 0.4 = 0.2.
		// Single: npv to x with others scaled: R = (0.2 − 0.4·(−1))/0.6 = 1; x = R/(R + 1) = 0.5.
		// Pair: move t = 0.2 / (1 − (−1)) = 0.1 from customer_access to npv.
		const r = scoreSites(c, { customer_access: 60, npv: 40 }, { requireCapacity: false });
		const f = flipWeights(r)!;
		expect([f.first, f.second]).toEqual(['A', 'B']);
		expect(f.gap).toBeCloseTo(20, 9);
		const s = f.single.find((x) => x.criterion === 'npv')!;
		expect(s.to).toBeCloseTo(0.5, 12);
		const pr = f.pairs.find((x) => x.increase === 'npv' && x.decrease === 'customer_access')!;
		expect(pr.shift).toBeCloseTo(0.1, 12);

		// Recompute at and beyond the flip points.
		const ids = r.matrix.criterionIds;
		const A = r.matrix.siteIds.indexOf('A'), B = r.matrix.siteIds.indexOf('B');
		const singleW = (x: number) => ids.map((id) => (id === 'npv' ? x : ((r.weights[id] ?? 0) * (1 - x)) / (1 - r.weights.npv)));
		const at = scoresFor(r.matrix, singleW(s.to));
		expect(at[A]).toBeCloseTo(at[B], 9);
		const beyond = scoresFor(r.matrix, singleW(s.to + 1e-6));
		expect(r.matrix.siteIds[rankOrder(beyond, r.matrix.siteIds)[0]]).toBe('B');
		const pairW = (t: number) => ids.map((id) => (r.weights[id] ?? 0) + (id === 'npv' ? t : id === 'customer_access' ? -t : 0));
		const bp = scoresFor(r.matrix, pairW(pr.shift + 1e-6));
		expect(bp[B]).toBeGreaterThan(bp[A]);
		const before = scoresFor(r.matrix, pairW(pr.shift - 1e-6));
		expect(before[A]).toBeGreaterThan(before[B]);
		// Every reported single change is an exact tie.
		for (const x of f.single) {
			const w = ids.map((id) => (id === x.criterion ? x.to : ((r.weights[id] ?? 0) * (1 - x.to)) / (1 - x.from)));
			const sc = scoresFor(r.matrix, w);
			expect(sc[A]).toBeCloseTo(sc[B], 9);
		}
	});
});

describe('tornado', () => {
	it('NPV of site A at low and high discount rate, largest swing first', () => {
		const t = tornado(c, 'A');
		expect(t.base).toBeCloseTo(-12000 + 88000 / 1.05 + 140000 / 1.05 ** 2 + 140000 / 1.05 ** 3, 6);
		const dr = t.bars.find((b) => b.param === 'discountRate')!;
		expect(dr.npvLow).toBeCloseTo(-12000 + 88000 / 1.01 + 140000 / 1.01 ** 2 + 140000 / 1.01 ** 3, 6);
		expect(dr.npvHigh).toBeCloseTo(-12000 + 88000 / 1.04 + 140000 / 1.04 ** 2 + 140000 / 1.04 ** 3, 6);
		// Move cost 1'000 vs 5'000 per person: one-off 4'000 vs 20'000 more at t = 0 → swing 16'000.
		expect(t.bars.find((b) => b.param === 'moveCostChfPerPerson')!.swing).toBeCloseTo(16000, 6);
		for (let i = 1; i < t.bars.length; i++) expect(t.bars[i - 1].swing).toBeGreaterThanOrEqual(t.bars[i].swing);
	});
});
