/**
 * Histogram binning for commute-time distributions (minutes). Pure: no Svelte, no DOM.
 * Values that are not finite (no connection) are left out; the last bin can be open ("≥ x").
 */
import { median } from 'd3-array';

export interface Bin {
	/** Lower edge (inclusive), minutes. */
	x0: number;
	/** Upper edge (exclusive), minutes. */
	x1: number;
	count: number;
	/** count / number of finite values (0..1). */
	share: number;
	/** True for the last bin when it also holds every value ≥ x1 (capped axis). */
	open: boolean;
}

/** Finite values only (NaN, ±Infinity and null-ish entries dropped). */
export function finite(values: readonly number[]): number[] {
	return values.filter((v) => Number.isFinite(v));
}

/**
 * Upper axis edge shared by several series: the first multiple of `width` above the largest finite
 * value (so the largest value gets a bin), at most `cap`.
 */
export function binUpper(series: readonly (readonly number[])[], width = 5, cap = Infinity): number {
	let max = 0;
	for (const s of series) for (const v of s) if (Number.isFinite(v) && v > max) max = v;
	const upper = (Math.floor(max / width) + 1) * width;
	return Math.max(width, Math.min(upper, Math.ceil(cap / width) * width));
}

/**
 * Bins [0, w), [w, 2w) … up to `upper`. Values ≥ upper go into the last bin, which is then marked open;
 * negative values go into the first bin.
 */
export function binMinutes(values: readonly number[], width = 5, upper = binUpper([values], width)): Bin[] {
	const n = Math.max(1, Math.ceil(upper / width));
	const counts = new Array<number>(n).fill(0);
	let total = 0;
	let overflow = false;
	for (const v of values) {
		if (!Number.isFinite(v)) continue;
		total++;
		let i = Math.floor(v / width);
		if (i >= n) {
			i = n - 1;
			overflow = true;
		}
		counts[Math.max(0, i)]++;
	}
	return counts.map((count, i) => ({
		x0: i * width,
		x1: (i + 1) * width,
		count,
		share: total ? count / total : 0,
		open: overflow && i === n - 1
	}));
}

/** Median of the finite values, null when there are none. */
export function medianOf(values: readonly number[]): number | null {
	const m = median(finite(values));
	return m === undefined ? null : m;
}
