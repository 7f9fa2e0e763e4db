/**
 * Money criteria of one site against "stay as today", in CHF.
 *
 * Annual cost of the new site = operating cost (area × sites.cost_chf_m2_year: rent incl. service
 * charges, or a bought site's running cost) + capital cost of a bought site (interest on sites.land_chf
 * and an annuity on sites.building_chf over buildingLifeYears, both at the financing rate, which is the
 * discount rate unless set apart), all × siteCostFactor. With the two rates equal, the annuity's present
 * value over the building life is exactly the building cost, so buying is valued like the NPV values
 * everything else; over a shorter horizon the NPV counts the part paid within it (the rest is the
 * building's remaining value).
 *
 * Timeline: the move happens at max(scenario move date, site available_from). Each released office's
 * rent stops at its release date = max(free date, move), where free date = max(lease_end,
 * notice date + notice months) (no lease_end: notice date + notice). Years after the move are
 * periods of 12 months; year y's cash flow = old rent saved in that period (pro rata after release)
 * + synergies × ramp (y / ramp years, capped at 1) − new site cost. One-off = fit-out (sites.one_off_chf
 * × factor) + move cost per person, at the move. NPV discounts year y by (1 + r)^(offset + y), the
 * one-off by (1 + r)^offset, offset = years from the scenario move date to the site's move, so all
 * sites are valued at the same date. Year fractions use 30/360. Double rent (rent for offices already
 * left) is reported separately; it is already inside the cash flows, not subtracted twice.
 */
import { addMonths, maxDate, yearOf, yearsBetween } from './dates.ts';
import type { MoversSummary, OfficeRow, SiteRow } from './inputs.ts';
import { financingRateOf, type ScenarioParams } from './params.ts';
import type { FreedLease, MoneyCriteria } from './types.ts';

/** The site's move date: the scenario move date, or later if the site is available later. */
export function siteMoveDate(site: SiteRow, p: ScenarioParams): string {
	return site.available_from ? maxDate(p.moveDate, site.available_from) : p.moveDate;
}

/** When each released office's rent stops. */
export function freedLeases(offices: OfficeRow[], move: string, p: ScenarioParams): FreedLease[] {
	return offices.map((o) => {
		const earliest = addMonths(p.noticeDate, o.notice_months ?? 0);
		const freeDate = o.lease_end ? maxDate(o.lease_end, earliest) : earliest;
		const releaseDate = maxDate(freeDate, move);
		return {
			office_id: o.office_id,
			name: o.name,
			areaM2: o.area_m2,
			rentChfYear: o.rent_chf_year,
			freeDate,
			releaseDate,
			overlapYears: Math.max(0, yearsBetween(move, freeDate))
		};
	});
}

/** Annuity factor: the yearly payment that repays 1 over `years` at `rate` (1/years at rate 0). */
export function annuityFactor(rate: number, years: number): number {
	if (!(years > 0)) return 0;
	return rate === 0 ? 1 / years : rate / (1 - Math.pow(1 + rate, -years));
}

/** A bought site's capital cost per year: interest on the land, annuity on the building (before the site cost factor). */
export function capitalCost(site: Pick<SiteRow, 'land_chf' | 'building_chf'>, p: Pick<ScenarioParams, 'financingRate' | 'discountRate' | 'buildingLifeYears'>): number {
	const r = financingRateOf(p);
	return (site.land_chf ?? 0) * r + (site.building_chf ?? 0) * annuityFactor(r, p.buildingLifeYears);
}

export function moneyCriteria(site: SiteRow, offices: OfficeRow[], m: MoversSummary, p: ScenarioParams): MoneyCriteria {
	const move = siteMoveDate(site, p);
	const freed = freedLeases(offices, move, p);
	const operating = site.area_m2 * site.cost_chf_m2_year * p.siteCostFactor;
	const capital = capitalCost(site, p) * p.siteCostFactor;
	const annualCost = operating + capital;
	const rentFreed = freed.reduce((s, f) => s + f.rentChfYear, 0);
	const synergy = m.headcount * p.synergyChfPerPersonYear;
	const fitOut = (site.one_off_chf ?? 0) * p.oneOffFactor;
	const moveCost = m.headcount * p.moveCostChfPerPerson;
	const doubleRent = freed.reduce((s, f) => s + f.rentChfYear * f.overlapYears, 0);
	const horizon = Math.max(0, Math.round(p.horizonYears));
	const cashFlows: number[] = [];
	for (let y = 1; y <= horizon; y++) {
		let saved = 0;
		for (const f of freed) {
			const r = yearsBetween(move, f.releaseDate);
			saved += f.rentChfYear * Math.min(1, Math.max(0, y - r));
		}
		const ramp = p.synergyRampYears > 0 ? Math.min(1, y / p.synergyRampYears) : 1;
		cashFlows.push(saved + synergy * ramp - annualCost);
	}
	const offset = Math.max(0, yearsBetween(p.moveDate, move));
	const df = (t: number) => Math.pow(1 + p.discountRate, -t);
	let npv = -(fitOut + moveCost) * df(offset);
	cashFlows.forEach((cf, i) => (npv += cf * df(offset + i + 1)));
	// Payback: when the undiscounted cumulative cash flow (one-off first) reaches 0, interpolated
	// linearly within the year it turns positive (as the cash-flow chart draws it).
	let cum = -(fitOut + moveCost);
	let payback: number | null = cum >= 0 ? 0 : null;
	for (let i = 0; i < cashFlows.length && payback === null; i++) {
		const before = cum;
		cum += cashFlows[i];
		if (cum >= 0) payback = i + -before / cashFlows[i];
	}
	const gross = rentFreed + synergy;
	const net = gross - annualCost;
	return {
		moveDate: move,
		annualCostChf: annualCost,
		operatingCostChfYear: operating,
		capitalCostChfYear: capital,
		financingRate: financingRateOf(p),
		rentFreedChfYear: rentFreed,
		m2Freed: freed.reduce((s, f) => s + f.areaM2, 0),
		freed,
		synergyChfYear: synergy,
		grossSavingChfYear: gross,
		netSavingChfYear: net,
		meetsTarget: net >= p.savingsTargetChfYear,
		targetGapChfYear: p.savingsTargetChfYear - net,
		fitOutChf: fitOut,
		moveCostChf: moveCost,
		doubleRentChf: doubleRent,
		oneOffTotalChf: fitOut + moveCost + doubleRent,
		cashFlows,
		npvChf: npv,
		paybackYears: payback,
		paybackYear: payback === null ? null : yearOf(addMonths(move, Math.floor(12 * payback))),
		trace: { rowIds: [site.site_id, ...offices.map((o) => o.office_id)], note: 'sites row + offices given up (keep is not true)' }
	};
}
