/** The criteria that enter the utility analysis: how to read each from SiteCriteria and its direction. */
import type { Msg, SiteCriteria } from './types.ts';

export type Direction = 'benefit' | 'cost';

export interface CriterionDef {
	id: string;
	label: Msg;
	unit: string;
	direction: Direction;
	group: 'staff' | 'customers' | 'environment' | 'space' | 'money';
	value(s: SiteCriteria): number | null;
	/** Computable for any grid cell from travel times alone (score surface). */
	spatial: boolean;
}

export const CRITERIA: readonly CriterionDef[] = [
	{ id: 'staff_pt_mean', label: { de: 'Mitarbeitende: mittlere ÖV-Reisezeit (Tür zu Tür)', en: 'Staff: mean PT commute (door to door)' }, unit: 'min', direction: 'cost', group: 'staff', spatial: true, value: (s) => s.staff?.pt.mean ?? null },
	// The wait before the deadline, apart from the journey (issue 11); not on the surface (cells have no wait).
	{ id: 'staff_pt_wait', label: { de: 'Mitarbeitende: mittlere ÖV-Wartezeit vor Arbeitsbeginn', en: 'Staff: mean PT wait before work starts' }, unit: 'min', direction: 'cost', group: 'staff', spatial: false, value: (s) => (s.staff && s.staff.ptWait.n > 0 ? s.staff.ptWait.mean : null) },
	{ id: 'staff_car_mean', label: { de: 'Mitarbeitende: mittlere Auto-Reisezeit', en: 'Staff: mean car commute' }, unit: 'min', direction: 'cost', group: 'staff', spatial: true, value: (s) => s.staff?.car.mean ?? null },
	{ id: 'staff_losers', label: { de: 'Mitarbeitende mit längerem Weg', en: 'Staff with a longer commute' }, unit: 'persons', direction: 'cost', group: 'staff', spatial: false, value: (s) => (s.staff && s.staff.combined.n > 0 ? s.staff.combined.losers : null) },
	{ id: 'customer_access', label: { de: 'Kundschaft: mittlere Reisezeit (besuchsgewichtet)', en: 'Customers: mean access time (visit-weighted)' }, unit: 'min', direction: 'cost', group: 'customers', spatial: true, value: (s) => s.customers?.all.meanMinutes ?? null },
	{ id: 'co2', label: { de: 'CO2 Arbeitswege', en: 'CO2 of commuting' }, unit: 't/yr', direction: 'cost', group: 'environment', spatial: true, value: (s) => s.staff?.co2TonnesYear ?? null },
	{ id: 'capacity_reserve', label: { de: 'Kapazitätsreserve', en: 'Capacity reserve' }, unit: '%', direction: 'benefit', group: 'space', spatial: false, value: (s) => s.space.capacityReserve * 100 },
	{ id: 'annual_cost', label: { de: 'Jährliche Standortkosten', en: 'Annual site cost' }, unit: 'CHF/yr', direction: 'cost', group: 'money', spatial: false, value: (s) => s.money.annualCostChf },
	{ id: 'one_off', label: { de: 'Einmalkosten', en: 'One-off costs' }, unit: 'CHF', direction: 'cost', group: 'money', spatial: false, value: (s) => s.money.oneOffTotalChf },
	{ id: 'npv', label: { de: 'Barwert (NPV)', en: 'Net present value' }, unit: 'CHF', direction: 'benefit', group: 'money', spatial: false, value: (s) => s.money.npvChf },
	// Reach raster (model/reach.ts); weight 0 by default, so they inform without changing the ranking.
	{ id: 'pt_quality', label: { de: 'ÖV-Güteklasse am Standort (ARE)', en: 'PT quality class at the site (ARE)' }, unit: 'A=4 … D=1', direction: 'benefit', group: 'customers', spatial: false, value: (s) => s.reach?.guteklasse?.points ?? null },
	{ id: 'labour_pt_45', label: { de: 'Arbeitsmarkt: Personen im Erwerbsalter innert 45 min ÖV', en: 'Labour market: working-age residents within 45 min by PT' }, unit: 'persons', direction: 'benefit', group: 'staff', spatial: false, value: (s) => s.reach?.workingAge?.pt[45] ?? null },
	{ id: 'labour_car_45', label: { de: 'Arbeitsmarkt: Personen im Erwerbsalter innert 45 min Auto', en: 'Labour market: working-age residents within 45 min by car' }, unit: 'persons', direction: 'benefit', group: 'staff', spatial: false, value: (s) => s.reach?.workingAge?.car[45] ?? null }
];

export const CRITERION_IDS = CRITERIA.map((c) => c.id);

/** Default weights (percent). Sum 100. Assumption — the committee sets its own. */
export const DEFAULT_WEIGHTS: Record<string, number> = {
	staff_pt_mean: 15,
	staff_pt_wait: 0,
	staff_car_mean: 10,
	staff_losers: 5,
	customer_access: 20,
	co2: 5,
	capacity_reserve: 5,
	annual_cost: 10,
	one_off: 5,
	npv: 25,
	pt_quality: 0,
	labour_pt_45: 0,
	labour_car_45: 0
};

export function criterionDef(id: string): CriterionDef {
	const d = CRITERIA.find((c) => c.id === id);
	if (!d) throw new Error(`unknown criterion ${id}`);
	return d;
}
