/** Shared result types of the decision model. */

/** A bilingual user-facing message. */
export interface Msg {
	de: string;
	en: string;
}

/** Where a figure came from: the SQL that produced it and/or the row ids that fed it. */
export interface Trace {
	sql?: string;
	rowIds?: string[];
	note?: string;
}

/** Commute statistics for one mode (or the mode-weighted combination) over the movers. */
export interface CommuteStats {
	/** Persons with a travel time (of n movers). */
	n: number;
	mean: number | null;
	/** 80th percentile over persons of the median travel time. */
	p80: number | null;
	/** Share of persons over each threshold, keyed by minutes. */
	shareOver: Record<number, number | null>;
	/** Person-hours per year: days × (1 - home office) × 2 trips × FTE × minutes / 60. */
	hoursPerYear: number | null;
	/** Mean change against each person's current office (minutes; negative = faster). */
	meanChange: number | null;
	winners: number;
	losers: number;
}

/** Movers without a time of one mode to a site, by reason. */
export interface MissingTimes {
	/** All of them (= movers − n of that mode). */
	total: number;
	/**
	 * Their home zone has no time of this mode to any destination: beyond walking distance of every stop (PT),
	 * off the road network (car), no zone, or a zone missing from an imported matrix.
	 */
	noZoneTimes: number;
	/** Their zone has times of this mode to other destinations but not to this site (PT: not reachable by the median deadline). */
	noSiteTime: number;
}

/** The PT wait before the deadline (travel_times.wait_p50) over the movers with a value. */
export interface WaitStats {
	n: number;
	mean: number | null;
	/** 80th percentile over persons of the median wait. */
	p80: number | null;
	/** Mean change against each person's current office. */
	meanChange: number | null;
}

export interface StaffCriteria {
	movers: number;
	moversFte: number;
	/** PT: door-to-door journey (travel_times.minutes_p50 of mode pt), without the wait before the deadline. */
	pt: CommuteStats;
	/** PT wait before the deadline at the site; n = 0 when the matrix has no wait (imported). */
	ptWait: WaitStats;
	car: CommuteStats;
	/** Each person weighted by their PT share (mode-choice assumption). */
	combined: CommuteStats;
	/** Mean PT changes (transfers) over movers with a value in travel_times.changes. */
	ptChangesMean: number | null;
	/** Tonnes CO2 per year for commuting to the site, and change against today. */
	co2TonnesYear: number | null;
	co2ChangeTonnesYear: number | null;
	/** Movers without any travel time to this site (neither PT nor car): left out of every mean. */
	missingTimes: number;
	/**
	 * Movers without a time of one mode (left out of that mode's figures). A missing PT time counts as "PT is not
	 * an option": the person's combined time is the car time alone (and vice versa).
	 */
	missingByMode: { pt: MissingTimes; car: MissingTimes };
	trace: Trace;
}

export interface CustomerGroupAccess {
	/** Visits per year (count × visits_per_year) of customers with a time. */
	visits: number;
	/** Customers (persons or firms, sum of count) with a time; the small-group rule looks at this. */
	persons?: number;
	/** Visit-weighted mean access time (minutes), mode-weighted. */
	meanMinutes: number | null;
	/** Share of visits that go to a kept regional branch instead of the site. */
	/** null when fewer than 5 customers stand behind it (model/privacy.ts). */
	branchShare: number | null;
}

export interface CustomerCriteria {
	byGroup: Record<string, CustomerGroupAccess>;
	all: CustomerGroupAccess;
	missingTimes: number;
	trace: Trace;
}

export interface SpaceCriteria {
	workplacesNeeded: number;
	m2Needed: number;
	capacity: number;
	areaM2: number;
	/** capacity − workplacesNeeded. */
	capacitySlack: number;
	/** (capacity − needed) / needed; the growth reserve. */
	capacityReserve: number;
	/** area − m² needed. */
	areaSlackM2: number;
	trace: Trace;
}

/** One current office given up: floor area and rent freed, and when. */
export interface FreedLease {
	office_id: string;
	name: string;
	areaM2: number;
	rentChfYear: number;
	/** Earliest date the lease can end given lease_end and notice (ISO). */
	freeDate: string;
	/** Date the rent stops: max(freeDate, move date). */
	releaseDate: string;
	/** Years of rent paid after moving out (empty office). */
	overlapYears: number;
}

/**
 * Money of one site against staying as today, in CHF. The savings story is one chain everywhere:
 * gross saving (rent freed + synergies) − the new site's annual cost = net saving, and the target is
 * compared with the net saving.
 */
export interface MoneyCriteria {
	moveDate: string;
	/** New site cost per year = operating (rent or running cost) + capital, × site cost factor. */
	annualCostChf: number;
	/** Rent incl. service charges, or a bought site's operating cost (area × CHF/m² × factor). */
	operatingCostChfYear: number;
	/** A bought site's capital cost: interest on the land + annuity on the building, at the financing rate (× factor). */
	capitalCostChfYear: number;
	/** Financing rate used for the capital cost (per year). */
	financingRate: number;
	/** Rent of the offices given up (per year, once all are released). */
	rentFreedChfYear: number;
	m2Freed: number;
	freed: FreedLease[];
	synergyChfYear: number;
	/** Rent freed + synergies (at full ramp). */
	grossSavingChfYear: number;
	/** Gross saving − new site cost: what is spent less per year once everything runs. */
	netSavingChfYear: number;
	/** Net saving ≥ the savings target. */
	meetsTarget: boolean;
	/** Target − net saving (positive = missing, negative = beyond the target). */
	targetGapChfYear: number;
	fitOutChf: number;
	moveCostChf: number;
	/** Rent for offices already left (inside the cash flows, reported apart). */
	doubleRentChf: number;
	/** Fit-out + move + double rent. */
	oneOffTotalChf: number;
	/** Cash flow per year after the move (year 1 = first 12 months), one-off not included. */
	cashFlows: number[];
	npvChf: number;
	/** Years after the move until the cumulative undiscounted cash flow (incl. one-off) reaches 0, interpolated within the year; null if not within the horizon. */
	paybackYears: number | null;
	paybackYear: number | null;
	trace: Trace;
}

/**
 * Figures from the reach raster (model/reach.ts): ÖV-Güteklasse at the site and residents within 15/30/45/60 min.
 * Residents come from a population raster that is approximate unless a STATPOP hectare file was loaded
 * (`populationSource` says which).
 */
export interface SiteReachCriteria {
	guteklasse: { klasse: string | null; points: number; station: string | null; category: string | null; distanceM: number | null; source: string } | null;
	/** Residents within T minutes (key = minutes) by mode. */
	residents: { pt: Record<number, number>; car: Record<number, number> } | null;
	/** Residents × workingAgeShare. */
	workingAge: { pt: Record<number, number>; car: Record<number, number> } | null;
	workingAgeShare: number;
	/** 'approximate:…' or 'statpop-hectare:<file>'. */
	populationSource: string | null;
	trace: Trace;
}

/** Everything known about one candidate site. */
export interface SiteCriteria {
	site_id: string;
	name: string;
	lon: number | null;
	lat: number | null;
	availableFrom: string | null;
	tenure: string | null;
	staff: StaffCriteria | null;
	customers: CustomerCriteria | null;
	space: SpaceCriteria;
	money: MoneyCriteria;
	/** Güteklasse and catchment; absent until the reach layer has computed them. */
	reach?: SiteReachCriteria | null;
}
