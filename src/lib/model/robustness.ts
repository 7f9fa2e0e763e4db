/**
 * How stable is the ranking? Three views, all pure TypeScript on a ScoreMatrix / criteria result:
 * - rank probabilities when the weights vary (seeded Monte Carlo: Dirichlet around the chosen
 *   weights, or each weight × (1 ± range) and renormalised);
 * - a tornado of cost assumptions on a site's NPV (each parameter at its low and high value);
 * - the weight changes that make rank 2 overtake rank 1 (exact, since the score is linear in the
 *   weights and min-max normalisation does not depend on them).
 */
import { recomputeMoney, type CriteriaResult } from './criteria.ts';
import { criterionDef } from './definitions.ts';
import { PARAM_META, type ScenarioParams } from './params.ts';
import { createRng, dirichlet } from './random.ts';
import { rankOrder, scoresFor, type ScoreMatrix, type ScoreResult } from './score.ts';
import type { Msg } from './types.ts';

export interface RankProbabilityOptions {
	samples?: number;
	seed?: number;
	method?: 'dirichlet' | 'range';
	/** Dirichlet concentration: alpha_i = concentration × w_i (larger = closer to the chosen weights). */
	concentration?: number;
	/** For 'range': each weight is multiplied by a uniform factor in [1 − range, 1 + range]. */
	range?: number;
}

export interface RankProbabilities {
	siteIds: string[];
	/** probabilities[site][rank − 1]. */
	probabilities: number[][];
	/** Mean rank per site. */
	meanRank: number[];
	samples: number;
	seed: number;
}

/** Rank probabilities of the matrix's sites under weight uncertainty (same seed → same result). */
export function rankProbabilities(matrix: ScoreMatrix, weights: Record<string, number>, opts: RankProbabilityOptions = {}): RankProbabilities {
	const samples = opts.samples ?? 2000;
	const seed = opts.seed ?? 2019;
	const method = opts.method ?? 'dirichlet';
	const conc = opts.concentration ?? 30;
	const range = opts.range ?? 0.2;
	const rng = createRng(seed);
	const base = matrix.criterionIds.map((id) => weights[id] ?? 0);
	const baseSum = base.reduce((a, b) => a + b, 0) || 1;
	const w0 = base.map((x) => x / baseSum);
	const n = matrix.siteIds.length;
	const counts = Array.from({ length: n }, () => new Array(n).fill(0));
	const alpha = w0.map((x) => x * conc);
	const w = new Array(w0.length).fill(0);
	for (let k = 0; k < samples; k++) {
		if (method === 'dirichlet') dirichlet(rng, alpha, w);
		else {
			let s = 0;
			for (let j = 0; j < w0.length; j++) s += w[j] = w0[j] * rng.uniform(1 - range, 1 + range);
			for (let j = 0; j < w0.length; j++) w[j] /= s || 1;
		}
		const order = rankOrder(scoresFor(matrix, w), matrix.siteIds);
		order.forEach((site, r) => counts[site][r]++);
	}
	const probabilities = counts.map((row) => row.map((c) => c / samples));
	return {
		siteIds: matrix.siteIds,
		probabilities,
		meanRank: probabilities.map((row) => row.reduce((s, p, r) => s + p * (r + 1), 0)),
		samples,
		seed
	};
}

export interface TornadoBar {
	param: keyof ScenarioParams;
	label: Msg;
	low: number;
	high: number;
	npvLow: number;
	npvHigh: number;
	/** |npvHigh − npvLow|. */
	swing: number;
}

/** NPV of one site with each cost parameter at its low and high value, largest swing first. */
export function tornado(c: CriteriaResult, siteId: string, ranges: Partial<Record<keyof ScenarioParams, [number, number]>> = {}): { base: number; bars: TornadoBar[] } {
	const npv = (r: CriteriaResult) => {
		const s = r.sites.find((x) => x.site_id === siteId);
		if (!s) throw new Error(`unknown site ${siteId}`);
		return s.money.npvChf;
	};
	const bars: TornadoBar[] = [];
	for (const key of Object.keys(PARAM_META) as (keyof ScenarioParams)[]) {
		const range = ranges[key] ?? PARAM_META[key].tornado;
		if (!range) continue;
		const [low, high] = range;
		const npvLow = npv(recomputeMoney(c, { [key]: low }));
		const npvHigh = npv(recomputeMoney(c, { [key]: high }));
		bars.push({ param: key, label: PARAM_META[key].label, low, high, npvLow, npvHigh, swing: Math.abs(npvHigh - npvLow) });
	}
	bars.sort((a, b) => b.swing - a.swing);
	return { base: npv(c), bars };
}

export interface FlipResult {
	first: string;
	second: string;
	/** Score gap (points) between rank 1 and rank 2. */
	gap: number;
	/**
	 * Setting one criterion's weight to `to` (others scaled proportionally) makes the two equal;
	 * beyond it, rank 2 leads. Only criteria where this lies within 0..1.
	 */
	single: { criterion: string; from: number; to: number; change: number }[];
	/** Moving `shift` weight from `decrease` to `increase` makes the two equal. Smallest first. */
	pairs: { increase: string; decrease: string; shift: number }[];
}

/** Weight changes that flip ranks 1 and 2, solved exactly (the score is linear in the weights). */
export function flipWeights(result: ScoreResult): FlipResult | null {
	const { matrix, ranking, weights } = result;
	if (ranking.length < 2) return null;
	const ia = matrix.siteIds.indexOf(ranking[0].site_id);
	const ib = matrix.siteIds.indexOf(ranking[1].site_id);
	const ids = matrix.criterionIds;
	const w = ids.map((id) => weights[id] ?? 0);
	const d = ids.map((_, j) => matrix.values[ia][j] - matrix.values[ib][j]);
	const D = w.reduce((s, wj, j) => s + wj * d[j], 0);
	const single: FlipResult['single'] = [];
	ids.forEach((id, i) => {
		if (w[i] >= 1) return;
		// D(x) = x·d_i + (1 − x)·R with R the score gap of the other criteria rescaled to sum 1.
		const R = (D - w[i] * d[i]) / (1 - w[i]);
		if (R === d[i]) return;
		const x = R / (R - d[i]);
		if (x >= 0 && x <= 1) single.push({ criterion: id, from: w[i], to: x, change: x - w[i] });
	});
	single.sort((a, b) => Math.abs(a.change) - Math.abs(b.change));
	const pairs: FlipResult['pairs'] = [];
	for (let i = 0; i < ids.length; i++)
		for (let j = 0; j < ids.length; j++) {
			if (i === j || d[i] >= d[j]) continue;
			// Raise i (where B is relatively better), lower j: D(t) = D + t(d_i − d_j) = 0.
			const t = D / (d[j] - d[i]);
			if (t >= 0 && t <= w[j] && w[i] + t <= 1) pairs.push({ increase: ids[i], decrease: ids[j], shift: t });
		}
	pairs.sort((a, b) => a.shift - b.shift);
	return { first: ranking[0].site_id, second: ranking[1].site_id, gap: 100 * D, single, pairs };
}

/** Label of a criterion id (for displays of flip results). */
export function criterionLabel(id: string): Msg {
	return criterionDef(id).label;
}
