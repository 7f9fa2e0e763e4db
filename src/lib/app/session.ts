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

/**
 * Rank probabilities cost samples × sites × log(sites) and a sites × sites table: 5'000 sites are 2'000
 * sorts of 5'000 and 25 M cells (the assessment page ran out of memory). Beyond this many ranked sites they
 * are not computed, and the page says so: narrow the candidates first (hard constraints, a pre-selection).
 */
export const MAX_ROBUST_SITES = 200;

/** Whether rank probabilities are computed for this many ranked sites. */
export function robustnessFeasible(sites: number): boolean {
	return sites > 1 && sites <= MAX_ROBUST_SITES;
}

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
	/** Ranked sites when there are too many for rank probabilities (MAX_ROBUST_SITES), else null. */
	readonly tooManyForRobustness: number | null;
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
			if (probs === undefined) probs = robustnessFeasible(score.ranking.length) ? rankProbabilities(score.matrix, score.weights, robustness) : null;
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
		tooManyForRobustness: score.ranking.length > MAX_ROBUST_SITES ? score.ranking.length : null,
		get recommendation() {
			if (rec === undefined) rec = recommendation(criteria, score, ev.probabilities, ev.flip);
			return rec;
		}
	};
	return ev;
}
