/**
 * The committee report's content as data: recommendation, key figures and per-criterion tables,
 * derived from a criteria result and its scoring. Pure: no Svelte, no DOM; the print view and the
 * CLI report render it, tests check it in Node.
 */
import { CRITERIA, type CriterionDef } from '../model/definitions.ts';
import type { CriteriaResult } from '../model/criteria.ts';
import type { RankProbabilities, FlipResult } from '../model/robustness.ts';
import type { ScoreResult } from '../model/score.ts';
import type { SiteCriteria } from '../model/types.ts';

export interface Recommendation {
	site: SiteCriteria;
	rank: 1;
	score: number;
	/** The runner-up and the score gap to it (null with a single ranked site). */
	runnerUp: { site: SiteCriteria; score: number; gap: number } | null;
	/** Share of weight samples in which the recommended site ranks first (null without rank probabilities). */
	pFirst: number | null;
	/** Smallest single-weight change that reverses first and second place, if any. */
	flip: FlipResult | null;
	/** Criteria on which the recommended site is best among the ranked sites. */
	bestOn: string[];
}

/** One site's row of a criterion table. */
export interface CriterionRow {
	site_id: string;
	name: string;
	/** Overall rank (null: excluded by a hard constraint). */
	rank: number | null;
	value: number | null;
	/** Rank on this criterion alone among sites with a value (1 = best; ties share a rank). */
	criterionRank: number | null;
	/** 0..1 after normalisation (ranked sites only). */
	normalised: number | null;
	/** Score points contributed (weight × normalised × 100). */
	points: number | null;
}

export interface CriterionTable {
	def: CriterionDef;
	/** Weight used, as a fraction (0 when skipped or unweighted). */
	weight: number;
	skipped: boolean;
	/** Ranked sites in rank order, then excluded sites. */
	rows: CriterionRow[];
}

const better = (def: CriterionDef, a: number, b: number) => (def.direction === 'benefit' ? a > b : a < b);

/** Standard competition ranks (1, 2, 2, 4) of values on one criterion; nulls get null. */
export function criterionRanks(def: CriterionDef, values: readonly (number | null)[]): (number | null)[] {
	return values.map((v) => (v === null ? null : 1 + values.filter((w) => w !== null && better(def, w, v)).length));
}

/** Per-criterion tables: every site (ranked first, excluded after) with value, rank and points. */
export function criterionTables(criteria: CriteriaResult, score: ScoreResult): CriterionTable[] {
	const bySite = new Map(criteria.sites.map((s) => [s.site_id, s]));
	const order = [...score.ranking.map((r) => r.site_id), ...score.excluded.map((e) => e.site_id)];
	const ranked = new Map(score.ranking.map((r) => [r.site_id, r]));
	return CRITERIA.map((def) => {
		const values = order.map((id) => def.value(bySite.get(id)!));
		// Criterion ranks among the ranked sites only: excluded sites do not compete.
		const rankedValues = order.map((id, i) => (ranked.has(id) ? values[i] : null));
		const cr = criterionRanks(def, rankedValues);
		return {
			def,
			weight: score.weights[def.id] ?? 0,
			skipped: score.skipped.some((s) => s.id === def.id),
			rows: order.map((id, i) => {
				const r = ranked.get(id);
				return {
					site_id: id,
					name: bySite.get(id)!.name,
					rank: r?.rank ?? null,
					value: values[i],
					criterionRank: cr[i],
					normalised: r?.normalised[def.id] ?? null,
					points: r?.contributions[def.id] ?? null
				};
			})
		};
	});
}

/** The recommendation: the first-ranked site, its lead, robustness and where it is best. */
export function recommendation(criteria: CriteriaResult, score: ScoreResult, probs: RankProbabilities | null, flip: FlipResult | null): Recommendation | null {
	const [first, second] = score.ranking;
	if (!first) return null;
	const site = (id: string) => criteria.sites.find((s) => s.site_id === id)!;
	const i = probs ? probs.siteIds.indexOf(first.site_id) : -1;
	const bestOn = criterionTables(criteria, score)
		.filter((t) => t.weight > 0 && t.rows.find((r) => r.site_id === first.site_id)?.criterionRank === 1)
		.map((t) => t.def.id);
	return {
		site: site(first.site_id),
		rank: 1,
		score: first.score,
		runnerUp: second ? { site: site(second.site_id), score: second.score, gap: first.score - second.score } : null,
		pFirst: probs && i >= 0 ? probs.probabilities[i][0] : null,
		flip,
		bestOn
	};
}

/**
 * For each ranked site, the weighted criteria on which it beats the first-ranked site (normalised value
 * higher). A site that beats the leader nowhere cannot come first under any weights, however close its
 * score; one that beats it on a heavily weighted criterion overtakes when that weight rises. This is
 * what the rank probabilities reflect, so the report prints it beside them.
 */
export function betterThanLeader(score: ScoreResult): Map<string, string[]> {
	const out = new Map<string, string[]>();
	const [first] = score.ranking;
	if (!first) return out;
	for (const r of score.ranking.slice(1))
		out.set(
			r.site_id,
			score.matrix.criterionIds.filter((id) => (score.weights[id] ?? 0) > 0 && r.normalised[id] > first.normalised[id] + 1e-12)
		);
	return out;
}

/** Rank probabilities re-ordered to the ranking (rank 1 first), as every page and the report list them. */
export function probabilitiesInRankOrder(probs: RankProbabilities, score: ScoreResult): { site_id: string; probabilities: number[]; meanRank: number }[] {
	return score.ranking
		.map((r) => probs.siteIds.indexOf(r.site_id))
		.filter((i) => i >= 0)
		.map((i) => ({ site_id: probs.siteIds[i], probabilities: probs.probabilities[i], meanRank: probs.meanRank[i] }));
}

/**
 * The lead is narrow when the first site comes first in fewer than 60 % of the weight samples, or a
 * change of one weight by less than 5 percentage points reverses the first two.
 */
export function isNarrowLead(rec: Recommendation): boolean {
	const small = rec.flip?.single.some((s) => Math.abs(s.change) < 0.05) ?? false;
	return (rec.pFirst !== null && rec.pFirst < 0.6) || small;
}

/** Marker labels of the sites on every map: rank number for ranked sites, A, B, … for excluded ones (in their order). */
export function markerLabels(score: ScoreResult): Map<string, string> {
	return new Map([...score.ranking.map((r) => [r.site_id, String(r.rank)] as const), ...score.excluded.map((e, i) => [e.site_id, String.fromCharCode(65 + (i % 26))] as const)]);
}
