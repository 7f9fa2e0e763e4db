/** Cumulative (discounted) cash flow and payback for the NPV chart. Pure: no Svelte, no DOM. */

/**
 * Cumulative discounted cash flow at t = 0 … n years after the move: values[0] = −oneOff,
 * values[t] = values[t−1] + cashFlows[t−1] / (1 + rate)^t. With rate 0 it is the plain cumulative
 * sum (the model's payback definition); values[n] equals the NPV valued at the move date.
 */
export function cumulativeDiscounted(oneOff: number, cashFlows: readonly number[], rate = 0): number[] {
	const out = [-oneOff];
	let cum = -oneOff;
	cashFlows.forEach((cf, i) => {
		cum += cf / Math.pow(1 + rate, i + 1);
		out.push(cum);
	});
	return out;
}

/**
 * When the cumulative curve first reaches 0, in years after the move, interpolated linearly between
 * the yearly points (as the chart draws them). 0 if it starts at ≥ 0; null if it never gets there.
 */
export function paybackTime(cumulative: readonly number[]): number | null {
	if (!cumulative.length) return null;
	if (cumulative[0] >= 0) return 0;
	for (let t = 1; t < cumulative.length; t++) {
		const a = cumulative[t - 1];
		const b = cumulative[t];
		if (b >= 0) return t - 1 + (0 - a) / (b - a);
	}
	return null;
}
