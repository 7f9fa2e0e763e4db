/**
 * The model's warnings as a page shows them. While the travel times are being computed (after a start
 * without the snapshot, or after an import changed the sites or people), "travel_times is empty" is a
 * state that will pass, not a fault to fix: the page says it as progress instead (travelTimesComing).
 */
import { NO_TRAVEL_TIMES, type CriteriaResult, type Msg } from '../model/index.ts';
import { reach } from './reach.svelte.ts';

/** The travel times are missing and the reach worker is at work on them (loading networks or the matrix). */
export function travelTimesComing(c: CriteriaResult | null | undefined): boolean {
	return !!c && c.travelTimeRows === 0 && reach.busy;
}

/** The warnings to show: without the empty-table one while the travel times are coming. */
export function criteriaWarnings(c: CriteriaResult | null | undefined): Msg[] {
	if (!c) return [];
	return travelTimesComing(c) ? c.warnings.filter((w) => w.en !== NO_TRAVEL_TIMES.en) : c.warnings;
}
