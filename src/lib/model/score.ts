/**
 * Utility analysis (Nutzwertanalyse): hard constraints exclude sites, each criterion is normalised
 * to 0..1 (1 = best), weights are normalised to sum 1, score = 100 × Σ weight × value, highest first.
 *
 * Normalisation 'minmax' (default): over the sites not excluded, benefit (x − min)/(max − min), cost
 * (max − x)/(max − min); a criterion on which all sites are equal gives every site 1 (it cannot
 * discriminate, so it shifts all scores alike). Normalisation 'range': a linear value function
 * between a user-given worst (0) and best (1) value, clipped; criteria without a range fall back to
 * minmax. A criterion missing for any remaining site (e.g. no travel times) is skipped and its weight
 * redistributed — listed in `skipped`.
 *
 * Pure TypeScript on precomputed criteria: re-scoring for new weights takes microseconds.
 */
import type { CriteriaResult } from './criteria.ts';
import { CRITERIA, type CriterionDef } from './definitions.ts';
import { withDefaults, type ScenarioParams } from './params.ts';
import type { Msg, SiteCriteria } from './types.ts';
import { dateText } from './dates.ts';

export type Weights = Record<string, number>;

/** Normalised values of the included sites: values[site][criterion] in 0..1. */
export interface ScoreMatrix {
	siteIds: string[];
	criterionIds: string[];
	values: number[][];
}

export interface RankedSite {
	site_id: string;
	name: string;
	rank: number;
	score: number;
	/** Score points per criterion (sum = score). */
	contributions: Record<string, number>;
	normalised: Record<string, number>;
}

export interface ExcludedSite {
	site_id: string;
	name: string;
	reasons: { code: string; message: Msg }[];
}

export interface ScoreResult {
	/**
	 * Why nothing was scored: every weight is 0 (or only criteria without values carry weight). The
	 * ranking is then empty — a utility analysis without weights has no result, so none is made up.
	 */
	problem?: Msg;
	/** Weights actually used, as fractions summing to 1 (skipped criteria absent). */
	weights: Record<string, number>;
	skipped: { id: string; reason: Msg }[];
	ranking: RankedSite[];
	excluded: ExcludedSite[];
	matrix: ScoreMatrix;
}

/**
 * Weights as fractions summing to 1 over `ids`: negative or missing weights count as 0; if all are
 * 0, equal weights.
 */
export function normaliseWeights(w: Weights, ids: readonly string[]): Record<string, number> {
	const clean = ids.map((id) => Math.max(0, Number.isFinite(w[id]) ? w[id] : 0));
	const sum = clean.reduce((a, b) => a + b, 0);
	return Object.fromEntries(ids.map((id, i) => [id, sum > 0 ? clean[i] / sum : 1 / ids.length]));
}

/** All weights are 0: there is nothing to score. */
export const NO_WEIGHTS: Msg = {
	de: 'Alle Gewichte sind 0 %: Ohne Gewichte gibt es keine Bewertung. Mindestens ein Kriterium gewichten.',
	en: 'All weights are 0 %: without weights there is no assessment. Weight at least one criterion.'
};
/** Only criteria without values carry weight. */
export const NO_USABLE_WEIGHTS: Msg = {
	de: 'Nur Kriterien ohne Werte sind gewichtet: Es gibt keine Bewertung. Kriterien mit Werten gewichten.',
	en: 'Only criteria without values carry weight: there is no assessment. Weight criteria that have values.'
};

/** Reasons a site fails the hard constraints (empty = passes). */
export function constraintViolations(s: SiteCriteria, p: ScenarioParams): ExcludedSite['reasons'] {
	const out: ExcludedSite['reasons'] = [];
	if (p.requireCapacity && s.space.capacity < s.space.workplacesNeeded)
		out.push({
			code: 'capacity',
			message: {
				de: `Kapazität ${s.space.capacity} Arbeitsplätze < Bedarf ${s.space.workplacesNeeded}`,
				en: `Capacity ${s.space.capacity} workplaces < ${s.space.workplacesNeeded} needed`
			}
		});
	if (p.requireAvailability && s.availableFrom && s.availableFrom > p.moveDate)
		out.push({
			code: 'availability',
			message: {
				de: `Erst ab ${dateText(s.availableFrom).de} verfügbar, Umzug am ${dateText(p.moveDate).de}`,
				en: `Available only from ${dateText(s.availableFrom).en}, move on ${dateText(p.moveDate).en}`
			}
		});
	const mean = s.staff?.combined.mean;
	if (p.maxMeanCommuteMin !== null && mean != null && mean > p.maxMeanCommuteMin)
		out.push({
			code: 'commute',
			message: {
				de: `Mittlere Pendelzeit ${mean.toFixed(1)} min > ${p.maxMeanCommuteMin} min`,
				en: `Mean commute ${mean.toFixed(1)} min > ${p.maxMeanCommuteMin} min`
			}
		});
	return out;
}

/** Normalise one criterion's raw values (all non-null) to 0..1, 1 = best. */
export function normaliseValues(raw: number[], def: Pick<CriterionDef, 'id' | 'direction'>, p: Pick<ScenarioParams, 'normalisation' | 'ranges'>): number[] {
	const r = p.normalisation === 'range' ? p.ranges[def.id] : undefined;
	if (r && r.best !== r.worst) return raw.map((x) => Math.min(1, Math.max(0, (x - r.worst) / (r.best - r.worst))));
	const min = Math.min(...raw);
	const max = Math.max(...raw);
	if (!(max > min)) return raw.map(() => 1);
	return raw.map((x) => (def.direction === 'benefit' ? (x - min) / (max - min) : (max - x) / (max - min)));
}

/** Score = 100 × Σ w·v per site (w aligned with matrix.criterionIds). */
export function scoresFor(m: ScoreMatrix, w: ArrayLike<number>): number[] {
	return m.values.map((row) => {
		let s = 0;
		for (let j = 0; j < row.length; j++) s += w[j] * row[j];
		return 100 * s;
	});
}

/** Site indices ordered best first (ties by site id). */
export function rankOrder(scores: readonly number[], ids: readonly string[]): number[] {
	return scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
}

/** Score and rank the sites of a criteria result. */
export function scoreSites(criteria: CriteriaResult | SiteCriteria[], weights: Weights, params: Partial<ScenarioParams> = {}): ScoreResult {
	const sites = Array.isArray(criteria) ? criteria : criteria.sites;
	const p = withDefaults(Array.isArray(criteria) ? params : { ...criteria.params, ...params });
	const excluded: ExcludedSite[] = [];
	const included: SiteCriteria[] = [];
	for (const s of sites) {
		const reasons = constraintViolations(s, p);
		if (reasons.length) excluded.push({ site_id: s.site_id, name: s.name, reasons });
		else included.push(s);
	}
	const skipped: ScoreResult['skipped'] = [];
	const used: CriterionDef[] = [];
	const columns: number[][] = [];
	// Zero-weight criteria stay in the matrix (weight 0) so robustness and flip analyses can raise them.
	for (const def of CRITERIA) {
		const raw = included.map((s) => def.value(s));
		if (included.length && raw.some((x) => x === null || !Number.isFinite(x))) {
			if ((weights[def.id] ?? 0) > 0) skipped.push({
				id: def.id,
				reason: { de: `${def.label.de}: für mindestens einen Standort nicht berechenbar`, en: `${def.label.en}: not available for at least one site` }
			});
			continue;
		}
		used.push(def);
		columns.push(normaliseValues(raw as number[], def, p));
	}
	const usedSum = used.reduce((a, d) => a + Math.max(0, Number.isFinite(weights[d.id]) ? weights[d.id] : 0), 0);
	if (!(usedSum > 0)) {
		const anyWeight = CRITERIA.some((d) => (weights[d.id] ?? 0) > 0);
		return {
			problem: anyWeight ? NO_USABLE_WEIGHTS : NO_WEIGHTS,
			weights: {},
			skipped,
			ranking: [],
			excluded,
			matrix: { siteIds: included.map((s) => s.site_id), criterionIds: used.map((d) => d.id), values: included.map(() => used.map(() => 0)) }
		};
	}
	const w = normaliseWeights(weights, used.map((d) => d.id));
	const matrix: ScoreMatrix = {
		siteIds: included.map((s) => s.site_id),
		criterionIds: used.map((d) => d.id),
		values: included.map((_, i) => columns.map((c) => c[i]))
	};
	const wv = matrix.criterionIds.map((id) => w[id]);
	const scores = scoresFor(matrix, wv);
	const order = rankOrder(scores, matrix.siteIds);
	const ranking: RankedSite[] = order.map((i, k) => ({
		site_id: included[i].site_id,
		name: included[i].name,
		rank: k + 1,
		score: scores[i],
		contributions: Object.fromEntries(matrix.criterionIds.map((id, j) => [id, 100 * wv[j] * matrix.values[i][j]])),
		normalised: Object.fromEntries(matrix.criterionIds.map((id, j) => [id, matrix.values[i][j]]))
	}));
	return { weights: w, skipped, ranking, excluded, matrix };
}
