/**
 * The decision session, once for the pages and the CLI: parameters and weights → criteria (SQL, once
 * per data or parameter change) → score (pure, every weight change) → robustness and recommendation.
 *
 *   const criteria = await sessionCriteria(db, params);
 *   const ev = evaluate(criteria, weights);   // score now; probabilities, flip and recommendation on first read
 *   ev.score.ranking; ev.probabilities; ev.recommendation;
 *
 * Pure TypeScript: no Svelte, no DOM.
 */
import type { Db } from '../data/db/connector.ts';
import {
	computeCriteria,
	flipWeights,
	rankProbabilities,
	scoreSites,
	type CriteriaResult,
	type FlipResult,
	type RankProbabilities,
	type ScenarioParams,
	type ScoreResult,
	type Weights
} from '../model/index.ts';
import { recommendation, type Recommendation } from '../report/summary.ts';

/** Rank probabilities are seeded so a report and the CLI print the same figures. */
export const ROBUSTNESS = { seed: 2019, samples: 2000 } as const;

/** Criteria for the scenario's parameters (SQL over the scenario tables). */
export function sessionCriteria(db: Db, params: ScenarioParams): Promise<CriteriaResult> {
	return computeCriteria(db, params);
}

/** Score and what follows from it; the expensive parts are computed on first read. */
export interface Evaluation {
	readonly criteria: CriteriaResult;
	readonly score: ScoreResult;
	/** Rank probabilities under weight uncertainty (null with fewer than two ranked sites). */
	readonly probabilities: RankProbabilities | null;
	/** Share of samples in which each site ranks first. */
	readonly pFirst: ReadonlyMap<string, number>;
	/** The weight changes that would swap ranks 1 and 2. */
	readonly flip: FlipResult | null;
	readonly recommendation: Recommendation | null;
}

/** Evaluate criteria under weights. */
export function evaluate(criteria: CriteriaResult, weights: Weights, robustness: { seed: number; samples: number } = ROBUSTNESS): Evaluation {
	const score = scoreSites(criteria, weights);
	let probs: RankProbabilities | null | undefined;
	let pFirst: Map<string, number> | undefined;
	let flip: FlipResult | null | undefined;
	let rec: Recommendation | null | undefined;
	const ev: Evaluation = {
		criteria,
		score,
		get probabilities() {
			if (probs === undefined) probs = score.ranking.length > 1 ? rankProbabilities(score.matrix, score.weights, robustness) : null;
			return probs;
		},
		get pFirst() {
			if (!pFirst) {
				const p = ev.probabilities;
				pFirst = new Map(p ? p.siteIds.map((id, i) => [id, p.probabilities[i][0]]) : []);
			}
			return pFirst;
		},
		get flip() {
			if (flip === undefined) flip = flipWeights(score);
			return flip;
		},
		get recommendation() {
			if (rec === undefined) rec = recommendation(criteria, score, ev.probabilities, ev.flip);
			return rec;
		}
	};
	return ev;
}
