/**
 * Weights as the committee sets them: whole percentages per criterion that add up to 100. The score
 * itself only needs proportions (score.ts normalises), but people read and set percentages, so the UI
 * shows the sum and offers to scale to exactly 100.
 */
import { CRITERION_IDS } from './definitions.ts';
import type { Weights } from './score.ts';

/** The largest weight a criterion can be given (a percentage); the smallest is 0. */
export const MAX_WEIGHT = 100;

/** A weight as links, scenario files and the sliders accept it: a finite number from 0 to MAX_WEIGHT. */
export function isWeight(v: unknown): v is number {
	return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_WEIGHT;
}

/** Sum of the (non-negative, finite) weights of the known criteria. */
export function weightSum(w: Weights, ids: readonly string[] = CRITERION_IDS): number {
	return ids.reduce((a, id) => a + (Number.isFinite(w[id]) && w[id] > 0 ? w[id] : 0), 0);
}

/**
 * Whole percentages in the same proportions, summing to exactly 100 (largest remainder; ties go to the
 * criterion listed first). All zero stays all zero: there is nothing to scale.
 */
export function scaleTo100(w: Weights, ids: readonly string[] = CRITERION_IDS): Weights {
	const sum = weightSum(w, ids);
	const out: Weights = Object.fromEntries(ids.map((id) => [id, 0]));
	if (!(sum > 0)) return out;
	const exact = ids.map((id) => (100 * (Number.isFinite(w[id]) && w[id] > 0 ? w[id] : 0)) / sum);
	const floor = exact.map(Math.floor);
	let left = 100 - floor.reduce((a, b) => a + b, 0);
	const order = exact.map((x, i) => ({ i, rest: x - floor[i] })).sort((a, b) => b.rest - a.rest || a.i - b.i);
	for (const { i } of order) {
		if (left <= 0) break;
		floor[i]++;
		left--;
	}
	ids.forEach((id, i) => (out[id] = floor[i]));
	return out;
}

/**
 * Weights with some criteria set to given percentages and the others scaled in proportion so that the
 * total stays 100 (the briefing's what-if). The fixed ones together are capped at 100; if the others
 * weigh nothing, the rest is shared equally among them.
 */
export function withFixedWeights(w: Weights, fixed: Record<string, number>, ids: readonly string[] = CRITERION_IDS): Weights {
	const clean = (x: number | undefined) => (Number.isFinite(x) && (x as number) > 0 ? (x as number) : 0);
	let fixedSum = 0;
	const out: Weights = {};
	for (const id of ids)
		if (id in fixed) {
			out[id] = Math.min(clean(fixed[id]), 100 - fixedSum);
			fixedSum += out[id];
		}
	const rest = ids.filter((id) => !(id in fixed));
	const restSum = rest.reduce((a, id) => a + clean(w[id]), 0);
	const left = 100 - fixedSum;
	for (const id of rest) out[id] = restSum > 0 ? (clean(w[id]) * left) / restSum : left / rest.length;
	return out;
}
