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

/**
 * {@link percentile} of `a` without sorting it: the one or two order statistics the rank needs are selected
 * in place (Hoare's quickselect, O(n)), so `a` is left reordered. The same result as sorting, for the matrix's
 * millions of 91-sample percentiles (a sort each was most of their cost). NaN-free input (NaN falls back to a sort).
 */
export function percentileInPlace(a: Float64Array, p: number): number {
	return percentilesInPlace(a, [p], ONE)[0];
}
const ONE = new Float64Array(1);

/**
 * {@link percentileInPlace} for several percentiles at once (`ps` ascending), into `out`: each selection
 * searches only right of the order statistic the one before left in place (everything there is ≥ it), so
 * p50 and p80 of a window's samples cost little more than p50 alone.
 */
export function percentilesInPlace(a: Float64Array, ps: readonly number[], out: Float64Array): Float64Array {
	const n = a.length;
	if (n === 0) return out.fill(NaN, 0, ps.length);
	for (let i = 0; i < n; i++)
		if (a[i] !== a[i]) {
			a.sort();
			for (let k = 0; k < ps.length; k++) out[k] = percentileSorted(a, ps[k]);
			return out;
		}
	let from = 0;
	for (let k = 0; k < ps.length; k++) {
		const rank = (ps[k] / 100) * (n - 1);
		const lo = Math.floor(rank);
		const vLo = selectInPlace(a, lo, from);
		from = lo;
		if (lo === Math.ceil(rank)) {
			out[k] = vLo;
			continue;
		}
		// After the selection everything right of `lo` is ≥ a[lo]: the next order statistic is its minimum.
		let vHi = Infinity;
		for (let i = lo + 1; i < n; i++) if (a[i] < vHi) vHi = a[i];
		out[k] = Number.isFinite(vHi) ? vLo + (vHi - vLo) * (rank - lo) : vHi;
	}
	return out;
}

/**
 * The k-th smallest value of `a` (0-based), moved to a[k] with nothing larger before it and nothing smaller
 * after. `from`: a[from..] already holds the largest values (everything before is ≤ them), so only they are searched.
 */
function selectInPlace(a: Float64Array, k: number, from = 0): number {
	let lo = from;
	let hi = a.length - 1;
	while (hi > lo) {
		const mid = (lo + hi) >> 1;
		// Median of three as the pivot, and the three put in order (sentinels for the scans below).
		if (a[mid] < a[lo]) swap(a, lo, mid);
		if (a[hi] < a[lo]) swap(a, lo, hi);
		if (a[hi] < a[mid]) swap(a, mid, hi);
		const pivot = a[mid];
		let i = lo;
		let j = hi;
		while (i <= j) {
			while (a[i] < pivot) i++;
			while (a[j] > pivot) j--;
			if (i <= j) swap(a, i++, j--);
		}
		if (k <= j) hi = j;
		else if (k >= i) lo = i;
		else return a[k];
	}
	return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
	const t = a[i];
	a[i] = a[j];
	a[j] = t;
}

/**
 * Median (as {@link percentile}) of values given as counts of the small whole numbers 0, 1, 2, …: counts[v]
 * is how often v occurs, `n` their sum. For the median number of changes without a list per origin.
 */
export function medianOfCounts(counts: ArrayLike<number>, n: number): number {
	if (n === 0) return NaN;
	const rank = 0.5 * (n - 1);
	const lo = Math.floor(rank);
	const hi = Math.ceil(rank);
	let seen = 0;
	let vLo = NaN;
	for (let v = 0; v < counts.length; v++) {
		seen += counts[v];
		if (Number.isNaN(vLo) && seen > lo) vLo = v;
		if (seen > hi) return vLo + (v - vLo) * (rank - lo);
	}
	return vLo;
}
