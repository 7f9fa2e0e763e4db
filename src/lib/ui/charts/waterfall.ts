/** Waterfall (bridge) steps: a start total, signed changes, an end total. Pure: no Svelte, no DOM. */

export interface WaterfallBar {
	label: string;
	kind: 'total' | 'increase' | 'decrease';
	/** Where the bar starts (0 for totals). */
	from: number;
	/** Where the bar ends (the running total after this step). */
	to: number;
	/** Signed change; for totals the total itself. */
	value: number;
}

/** Bars from a start total through each change to the end total (= start + Σ changes). */
export function waterfallBars(start: { label: string; value: number }, changes: readonly { label: string; value: number }[], endLabel: string): WaterfallBar[] {
	const bars: WaterfallBar[] = [{ label: start.label, kind: 'total', from: 0, to: start.value, value: start.value }];
	let run = start.value;
	for (const c of changes) {
		const next = run + c.value;
		bars.push({ label: c.label, kind: c.value < 0 ? 'decrease' : 'increase', from: run, to: next, value: c.value });
		run = next;
	}
	bars.push({ label: endLabel, kind: 'total', from: 0, to: run, value: run });
	return bars;
}

/** Labels of the annual-cost bridge (from the caller's dictionary). */
export interface CostBridgeLabels {
	today: string;
	rentFreed: string;
	newSite: string;
	synergies: string;
	result: string;
}

/**
 * Annual cost bridge: today's cost → − rent freed → + new site cost → − synergies → new annual cost.
 * Amounts are positive CHF per year as in MoneyCriteria; the signs are applied here.
 */
export function costBridge(
	amounts: { todayCost: number; rentFreed: number; newSiteCost: number; synergies: number },
	labels: CostBridgeLabels
): WaterfallBar[] {
	return waterfallBars(
		{ label: labels.today, value: amounts.todayCost },
		[
			{ label: labels.rentFreed, value: -amounts.rentFreed },
			{ label: labels.newSite, value: amounts.newSiteCost },
			{ label: labels.synergies, value: -amounts.synergies }
		],
		labels.result
	);
}

/** [min, max] over 0 and every bar end, for the value axis. */
export function waterfallExtent(bars: readonly WaterfallBar[]): [number, number] {
	let lo = 0;
	let hi = 0;
	for (const b of bars) {
		lo = Math.min(lo, b.from, b.to);
		hi = Math.max(hi, b.from, b.to);
	}
	return [lo, hi];
}
