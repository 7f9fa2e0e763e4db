/**
 * Empirical cumulative distribution ("share of persons within x minutes"). Pure: no Svelte, no DOM.
 * Non-finite values (no connection) stay in the denominator: those persons never arrive.
 */

export interface EcdfPoint {
	/** Minutes. */
	x: number;
	/** Share of persons with a value ≤ x (0..1). */
	y: number;
}

/**
 * Step points of the ECDF from 0 to xMax, for a step-after line: (0, F(0)), then (v, F(v)) for each
 * distinct value v in (0, xMax], and (xMax, F(xMax)) at the end.
 */
export function ecdfSteps(values: readonly number[], xMax: number): EcdfPoint[] {
	const n = values.length;
	if (!n) return [];
	const sorted = values.filter((v) => Number.isFinite(v) && v <= xMax).sort((a, b) => a - b);
	const pts: EcdfPoint[] = [];
	let i = 0;
	while (i < sorted.length && sorted[i] <= 0) i++;
	pts.push({ x: 0, y: i / n });
	while (i < sorted.length) {
		const v = sorted[i];
		while (i < sorted.length && sorted[i] === v) i++;
		pts.push({ x: v, y: i / n });
	}
	if (pts[pts.length - 1].x < xMax) pts.push({ x: xMax, y: sorted.length / n });
	return pts;
}

/** Share of all values (non-finite included in the denominator) that are ≤ x. 0 for no values. */
export function shareWithin(values: readonly number[], x: number): number {
	if (!values.length) return 0;
	let k = 0;
	for (const v of values) if (Number.isFinite(v) && v <= x) k++;
	return k / values.length;
}
