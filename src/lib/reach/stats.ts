/** Small statistics helpers for travel-time samples. */

/**
 * Percentile with linear interpolation between closest ranks (same as numpy's default).
 * `values` may contain Infinity (unreachable); the result is Infinity when the rank falls among them.
 * Sorts a copy; returns NaN for an empty input.
 * @param p percentile in [0, 100]
 */
export function percentile(values: ArrayLike<number>, p: number): number {
	return percentileSorted(Float64Array.from(values).sort(), p);
}

/** {@link percentile} of values already sorted ascending (no copy: call it several times on one sort). */
export function percentileSorted(a: ArrayLike<number>, p: number): number {
	const n = a.length;
	if (n === 0) return NaN;
	const rank = (p / 100) * (n - 1);
	const lo = Math.floor(rank);
	const hi = Math.ceil(rank);
	if (lo === hi) return a[lo];
	if (!Number.isFinite(a[hi])) return a[hi];
	return a[lo] + (a[hi] - a[lo]) * (rank - lo);
}

/** Median (50th percentile). */
export function median(values: ArrayLike<number>): number {
	return percentile(values, 50);
}
