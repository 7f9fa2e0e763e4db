/**
 * Data preparation for the site figures (detail page, compare page, print report). Pure TypeScript:
 * no Svelte, no DOM, no UI strings (labels come from the caller), so it is unit-tested in Node.
 */
import { CRITERIA, yearsBetween, type CriteriaResult, type OfficeRow, type ScenarioParams, type ScoreResult, type SiteCriteria, type MoneyCriteria } from '../../model/index.ts';
import { cumulativeDiscounted } from '../charts/npv.ts';
import { monthsBefore, type LeaseRow } from '../charts/lease.ts';
import { costBridge, type CostBridgeLabels, type WaterfallBar } from '../charts/waterfall.ts';

/**
 * Cumulative discounted cash flow 0…horizon years after the site's move, valued like the model's NPV
 * (at the scenario move date, discount rate params.discountRate): the last value equals money.npvChf.
 * The one-off at t = 0 is fit-out + move cost (double rent is inside the cash flows, as in money.ts).
 */
export function npvCurve(money: MoneyCriteria, p: Pick<ScenarioParams, 'discountRate' | 'moveDate'>): number[] {
	const offset = Math.max(0, yearsBetween(p.moveDate, money.moveDate));
	const scale = Math.pow(1 + p.discountRate, -offset);
	return cumulativeDiscounted(money.fitOutChf + money.moveCostChf, money.cashFlows, p.discountRate).map((v) => v * scale);
}

/** Cumulative undiscounted cash flow: it reaches 0 at the model's paybackYears (interpolated within the year). */
export function nominalCurve(money: MoneyCriteria): number[] {
	return cumulativeDiscounted(money.fitOutChf + money.moveCostChf, money.cashFlows, 0);
}

/** Annual cost bridge of one site: today's rent → − rent freed → + new site → − synergies (full ramp). */
export function siteBridge(site: SiteCriteria, todayRentChfYear: number, labels: CostBridgeLabels): WaterfallBar[] {
	return costBridge(
		{ todayCost: todayRentChfYear, rentFreed: site.money.rentFreedChfYear, newSiteCost: site.money.annualCostChf, synergies: site.money.synergyChfYear },
		labels
	);
}

/**
 * Lease rows of the offices a site frees (money.freed): the bar ends at the earliest date the lease can
 * end (freeDate), the notice period (notice_months of the office) hatched before it.
 */
export function leaseRows(freed: MoneyCriteria['freed'], offices: readonly OfficeRow[]): LeaseRow[] {
	const notice = new Map(offices.map((o) => [o.office_id, o.notice_months ?? 0]));
	return [...freed]
		.sort((a, b) => (a.freeDate < b.freeDate ? -1 : a.freeDate > b.freeDate ? 1 : a.name.localeCompare(b.name)))
		.map((f) => {
			const months = notice.get(f.office_id) ?? 0;
			return { label: f.name, end: f.freeDate, noticeStart: months > 0 ? monthsBefore(f.freeDate, months) : undefined, areaM2: f.areaM2 };
		});
}

/** One criterion of one site: raw value, rank among the ranked sites on this criterion, score share. */
export interface CriterionFigure {
	id: string;
	label: { de: string; en: string };
	unit: string;
	direction: 'benefit' | 'cost';
	value: number | null;
	/** 1 = best of the ranked (not excluded) sites on this criterion; null if the site is excluded or has no value. */
	rank: number | null;
	/** Number of ranked sites with a value. */
	of: number;
	/** Normalised value 0..1 (1 = best); null if not scored. */
	normalised: number | null;
	/** Weight used (fraction); 0 if skipped. */
	weight: number;
	/** Score points from this criterion (weight × normalised × 100). */
	points: number | null;
}

/** Per-criterion figures of a site from the current score result. Ties share the better rank. */
export function criterionFigures(criteria: CriteriaResult, result: ScoreResult, siteId: string): CriterionFigure[] {
	const site = criteria.sites.find((s) => s.site_id === siteId);
	const ranked = result.ranking.find((r) => r.site_id === siteId);
	const rankedSites = result.ranking.map((r) => criteria.sites.find((s) => s.site_id === r.site_id)).filter((s): s is SiteCriteria => !!s);
	return CRITERIA.map((def) => {
		const value = site ? def.value(site) : null;
		const others = rankedSites.map((s) => def.value(s)).filter((v): v is number => v !== null && Number.isFinite(v));
		const better = (a: number, b: number) => (def.direction === 'benefit' ? a > b : a < b);
		const rank = ranked && value !== null && Number.isFinite(value) ? 1 + others.filter((v) => better(v, value)).length : null;
		const normalised = ranked?.normalised[def.id] ?? null;
		return {
			id: def.id,
			label: def.label,
			unit: def.unit,
			direction: def.direction,
			value,
			rank,
			of: others.length,
			normalised,
			weight: result.weights[def.id] ?? 0,
			points: ranked ? (ranked.contributions[def.id] ?? null) : null
		};
	});
}
