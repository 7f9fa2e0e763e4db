/**
 * The criteria that enter the utility analysis: how to read each from SiteCriteria and its direction.
 *
 * Money enters once, as the net present value: it already holds the new site's annual cost (rent, or
 * operation and capital of a bought site), the fit-out and move, the double rent, the rent freed and the
 * synergies over the horizon. Annual cost and one-off costs are shown beside it but are no criteria of
 * their own: counted again they would give money more weight than its weight says.
 */
import type { Msg, SiteCriteria } from './types.ts';
import type { UnitCode } from './units.ts';

export type Direction = 'benefit' | 'cost';

export interface CriterionDef {
	id: string;
	label: Msg;
	/** A few words for lists ("better than rank 1 on: …"). */
	short: Msg;
	unit: UnitCode;
	direction: Direction;
	group: 'staff' | 'customers' | 'environment' | 'space' | 'money';
	value(s: SiteCriteria): number | null;
	/** Computable for any grid cell from travel times alone (score surface). */
	spatial: boolean;
}

export const CRITERIA: readonly CriterionDef[] = [
	{ id: 'staff_pt_mean', label: { de: 'Mitarbeitende: mittlere ÖV-Reisezeit (Tür zu Tür)', en: 'Staff: mean PT commute (door to door)' }, short: { de: 'ÖV-Pendelzeit', en: 'PT commute' }, unit: 'min', direction: 'cost', group: 'staff', spatial: true, value: (s) => s.staff?.pt.mean ?? null },
	// The wait before the deadline, apart from the journey (issue 11); not on the surface (cells have no wait).
	{ id: 'staff_pt_wait', label: { de: 'Mitarbeitende: mittlere ÖV-Wartezeit vor Arbeitsbeginn', en: 'Staff: mean PT wait before work starts' }, short: { de: 'ÖV-Wartezeit', en: 'PT wait' }, unit: 'min', direction: 'cost', group: 'staff', spatial: false, value: (s) => (s.staff && s.staff.ptWait.n > 0 ? s.staff.ptWait.mean : null) },
	{ id: 'staff_car_mean', label: { de: 'Mitarbeitende: mittlere Auto-Reisezeit', en: 'Staff: mean car commute' }, short: { de: 'Auto-Pendelzeit', en: 'car commute' }, unit: 'min', direction: 'cost', group: 'staff', spatial: true, value: (s) => s.staff?.car.mean ?? null },
	{ id: 'staff_losers', label: { de: 'Mitarbeitende mit längerem Weg', en: 'Staff with a longer commute' }, short: { de: 'längerer Weg', en: 'longer commutes' }, unit: 'persons', direction: 'cost', group: 'staff', spatial: false, value: (s) => (s.staff && s.staff.combined.n > 0 ? s.staff.combined.losers : null) },
	{ id: 'customer_access', label: { de: 'Kundschaft: mittlere Reisezeit (besuchsgewichtet)', en: 'Customers: mean access time (visit-weighted)' }, short: { de: 'Kundschaft', en: 'customers' }, unit: 'min', direction: 'cost', group: 'customers', spatial: true, value: (s) => s.customers?.all.meanMinutes ?? null },
	{ id: 'co2', label: { de: 'CO₂ der Arbeitswege', en: 'CO₂ of commuting' }, short: { de: 'CO₂', en: 'CO₂' }, unit: 't/yr', direction: 'cost', group: 'environment', spatial: true, value: (s) => s.staff?.co2TonnesYear ?? null },
	{ id: 'capacity_reserve', label: { de: 'Kapazitätsreserve', en: 'Capacity reserve' }, short: { de: 'Kapazitätsreserve', en: 'capacity reserve' }, unit: '%', direction: 'benefit', group: 'space', spatial: false, value: (s) => s.space.capacityReserve * 100 },
	{ id: 'npv', label: { de: 'Barwert (Einsparungen abzüglich aller Kosten)', en: 'Net present value (savings less all costs)' }, short: { de: 'Barwert', en: 'NPV' }, unit: 'CHF', direction: 'benefit', group: 'money', spatial: false, value: (s) => s.money.npvChf },
	// Reach raster (model/reach.ts); weight 0 by default, so they inform without changing the ranking.
	{ id: 'pt_quality', label: { de: 'ÖV-Güteklasse am Standort (ARE)', en: 'PT quality class at the site (ARE)' }, short: { de: 'ÖV-Güteklasse', en: 'PT quality class' }, unit: 'points A–D', direction: 'benefit', group: 'customers', spatial: false, value: (s) => s.reach?.guteklasse?.points ?? null },
	{ id: 'labour_pt_45', label: { de: 'Arbeitsmarkt: Personen im Erwerbsalter innert 45 min ÖV', en: 'Labour market: working-age residents within 45 min by PT' }, short: { de: 'Arbeitsmarkt ÖV', en: 'labour market PT' }, unit: 'persons', direction: 'benefit', group: 'staff', spatial: false, value: (s) => s.reach?.workingAge?.pt[45] ?? null },
	{ id: 'labour_car_45', label: { de: 'Arbeitsmarkt: Personen im Erwerbsalter innert 45 min Auto', en: 'Labour market: working-age residents within 45 min by car' }, short: { de: 'Arbeitsmarkt Auto', en: 'labour market car' }, unit: 'persons', direction: 'benefit', group: 'staff', spatial: false, value: (s) => s.reach?.workingAge?.car[45] ?? null }
];

export const CRITERION_IDS = CRITERIA.map((c) => c.id);

/**
 * Default weights (percent). Sum 100. Assumption — the committee sets its own. Money keeps the 40 % it
 * had when annual cost (10), one-off costs (5) and NPV (25) were three criteria, now counted once.
 */
export const DEFAULT_WEIGHTS: Record<string, number> = {
	staff_pt_mean: 15,
	staff_pt_wait: 0,
	staff_car_mean: 10,
	staff_losers: 5,
	customer_access: 20,
	co2: 5,
	capacity_reserve: 5,
	npv: 40,
	pt_quality: 0,
	labour_pt_45: 0,
	labour_car_45: 0
};

/**
 * Criteria that no longer exist and the one that took over their weight: annual cost and one-off costs
 * were part of the NPV all along (see the top of this file).
 */
export const RETIRED_CRITERIA: Readonly<Record<string, string>> = { annual_cost: 'npv', one_off: 'npv' };

export function criterionDef(id: string): CriterionDef {
	const d = CRITERIA.find((c) => c.id === id);
	if (!d) throw new Error(`unknown criterion ${id}`);
	return d;
}
