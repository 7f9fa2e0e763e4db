/**
 * Every assumption behind the synthetic part of the Lucerne default scenario, in one place.
 * data/SOURCES.md (section "SYNTHETIC") documents these values; change both together.
 *
 * Real: office streets, the RAV network, the 8 examined sites, ~570 staff, 700 workplaces at
 * Eichhof-West, CHF 120 M land+building, CHF 4.8 M/yr savings (see /work/shared/data/FACTS.md).
 * Synthetic (invented but plausible): everything else below.
 */

/** Default seed: the year WAS Luzern started. */
export const DEFAULT_SEED = 2019;

/** Fixed "generated at" date (the date the shipped real data was compiled), never the wall clock. */
export const GENERATED_AT = '2026-11-23';

/** Zones: LU municipalities plus other-canton municipalities with known population within this distance of the LU border. */
export const ZONE_BORDER_KM = 25;

/** Luzern and its inner agglomeration (used to check the home-location calibration). */
export const AGGLOMERATION_LUZERN: readonly number[] = [
	1061, 1059, 1058, 1024, 1054, 1051, 1052, 1053, 1063, 1065, 1055, 1067, 1040
];

/**
 * Home locations: weight of a zone = population × exp(-d / DECAY_KM) × (BORDER_FACTOR outside LU),
 * d = great-circle distance from the zone centroid to the person's office. Calibrated so that the
 * expected share living in Luzern/inner agglomeration is ≈ 47 % (target 40–50 %) and ≈ 73 % in LU.
 */
export const DECAY_KM = 25;
/** Commuting across a canton border is rarer than distance alone says (border resistance). */
export const BORDER_FACTOR = 0.5;

/** Stop used as proxy coordinate (DIDOK 2016 list) — no address geocoder is shipped. */
export interface ProxyStop {
	uic: number;
	name: string;
}

export interface OfficeSpec {
	office_id: string;
	name: string;
	address: string;
	unit: string;
	/** Synthetic head count of staff working here today (sums to 570). */
	staff: number;
	area_m2: number;
	workplaces: number;
	/** Rent incl. service charges, CHF per m² and year. */
	rent_chf_m2: number;
	lease_end: string;
	notice_months: number;
	keep: boolean;
	proxy: ProxyStop;
}

/**
 * Today's offices. Names and streets are real (FACTS.md; house numbers of IV, wira Bürgenstrasse and
 * AK unverified); staff, areas, rents, leases are synthetic. Areas ≈ 27–31 m² per person (older
 * cellular offices); the offices that close rent for ≈ CHF 4.8 M/yr in total, the reported savings.
 */
export const OFFICES: readonly OfficeSpec[] = [
	{ office_id: 'IV-LAND35', name: 'IV Luzern', address: 'Landenbergstrasse 35, 6005 Luzern', unit: 'IV', staff: 205, area_m2: 5800, workplaces: 215, rent_chf_m2: 320, lease_end: '2026-03-31', notice_months: 12, keep: false, proxy: { uic: 8589837, name: 'Luzern, Steghof' } },
	{ office_id: 'AK-WUERZ8', name: 'Ausgleichskasse Luzern', address: 'Würzenbachstrasse 8, 6006 Luzern', unit: 'AK', staff: 185, area_m2: 5100, workplaces: 195, rent_chf_m2: 310, lease_end: '2026-06-30', notice_months: 12, keep: false, proxy: { uic: 8589849, name: 'Luzern, Würzenbach' } },
	{ office_id: 'WIRA-BUERG12', name: 'wira Luzern (Bürgenstrasse)', address: 'Bürgenstrasse 12, 6005 Luzern', unit: 'wira', staff: 38, area_m2: 1080, workplaces: 40, rent_chf_m2: 305, lease_end: '2025-12-31', notice_months: 6, keep: false, proxy: { uic: 8589775, name: 'Luzern, Bundesplatz' } },
	{ office_id: 'WIRA-MAIHOF', name: 'wira Luzern (Maihofstrasse)', address: 'Maihofstrasse, 6004 Luzern', unit: 'wira', staff: 22, area_m2: 660, workplaces: 24, rent_chf_m2: 290, lease_end: '2026-06-30', notice_months: 6, keep: false, proxy: { uic: 8577151, name: 'Luzern, Maihof' } },
	{ office_id: 'RAV-LU', name: 'RAV Luzern', address: 'Baselstrasse 61A, 6003 Luzern', unit: 'RAV', staff: 42, area_m2: 1300, workplaces: 46, rent_chf_m2: 280, lease_end: '2027-03-31', notice_months: 12, keep: false, proxy: { uic: 8589807, name: 'Luzern, Kreuzstutz' } },
	{ office_id: 'RAV-PLUS', name: 'RAV Plus / Arbeitsmarktliche Massnahmen', address: 'Landenbergstrasse 39, 6005 Luzern', unit: 'RAV', staff: 10, area_m2: 450, workplaces: 12, rent_chf_m2: 295, lease_end: '2025-09-30', notice_months: 6, keep: false, proxy: { uic: 8589837, name: 'Luzern, Steghof' } },
	{ office_id: 'RAV-EMPI', name: 'RAV Emmen und RAV Pilatus', address: 'Emmenbrücke (gemeinsames Gebäude seit 2021)', unit: 'RAV', staff: 40, area_m2: 1200, workplaces: 44, rent_chf_m2: 265, lease_end: '2028-12-31', notice_months: 12, keep: false, proxy: { uic: 8502021, name: 'Emmenbrücke' } },
	{ office_id: 'RAV-SURSEE', name: 'RAV Sursee', address: 'Sursee', unit: 'RAV', staff: 16, area_m2: 430, workplaces: 17, rent_chf_m2: 240, lease_end: '2029-12-31', notice_months: 12, keep: true, proxy: { uic: 8502007, name: 'Sursee' } },
	{ office_id: 'RAV-WOLHUSEN', name: 'RAV Wolhusen', address: 'Wolhusen', unit: 'RAV', staff: 12, area_m2: 330, workplaces: 13, rent_chf_m2: 220, lease_end: '2027-06-30', notice_months: 6, keep: true, proxy: { uic: 8508215, name: 'Wolhusen' } }
];

/**
 * A purchased site's capital, as the public reports give it: land CHF 18 M of CHF 120 M land + building.
 * The model turns it into an annual cost (interest on the land, annuity on the building at the scenario's
 * financing rate); the data carries only the running cost per m² (service charges, maintenance), so that
 * the bought site compares with gross rents without a financing rate baked into the data.
 */
export const PURCHASE = {
	landChf: 18_000_000,
	buildingChf: 102_000_000,
	runningChfM2: 35
};

export interface SiteSpec {
	site_id: string;
	name: string;
	capacity_workplaces: number;
	area_m2: number;
	/** Rent incl. service charges (rented, building right) or running cost (bought), CHF per m² and year. */
	cost_chf_m2_year: number;
	one_off_chf: number;
	/** Bought sites: land price and building cost (capital; the model finances them). */
	land_chf?: number;
	building_chf?: number;
	available_from: string;
	tenure: 'buy' | 'rent' | 'build_right';
	note: string;
	proxy: ProxyStop;
}

const EICHHOF_AREA = 17_500;

/**
 * The 8 examined candidate sites. Which 8 the real process examined was not published: Eichhof-West
 * (chosen) and Ebikon (lost) are real; the others are plausible locations. All capacities, areas,
 * costs and dates are synthetic. Luzern Bahnhof fails on capacity, Luzern Nord on availability.
 * Names and notes are German, like the rest of the scenario's data.
 */
export const SITES: readonly SiteSpec[] = [
	{ site_id: 'S1-EICHHOF', name: 'Eichhof-West', capacity_workplaces: 700, area_m2: EICHHOF_AREA, cost_chf_m2_year: PURCHASE.runningChfM2, one_off_chf: 2_900_000, land_chf: PURCHASE.landChf, building_chf: PURCHASE.buildingChf, available_from: '2025-07-01', tenure: 'buy', note: 'Reale Wahl von 2019 (700 Arbeitsplätze, Grundstück 18 Mio. CHF, Grundstück und Bau 120 Mio. CHF); Kosten pro m² = Betriebskosten, die Kapitalkosten rechnet das Modell aus Grundstück und Gebäude; Fläche synthetisch. Ersatzhaltestelle: Kriens, Grosshofstrasse (westlich der Brauerei Eichhof).', proxy: { uic: 8589712, name: 'Kriens, Grosshofstrasse' } },
	{ site_id: 'S2-SEETAL', name: 'Seetalplatz', capacity_workplaces: 650, area_m2: 15_600, cost_chf_m2_year: 260, one_off_chf: 4_500_000, available_from: '2026-07-01', tenure: 'rent', note: 'Synthetische Angaben; Neubau zur Miete neben dem kantonalen Verwaltungsgebäude. Ersatzhaltestelle: Emmenbrücke, Seetalplatz.', proxy: { uic: 8577232, name: 'Emmenbrücke, Seetalplatz' } },
	{ site_id: 'S3-BAHNHOF', name: 'Luzern Bahnhof / Rösslimatt', capacity_workplaces: 450, area_m2: 11_000, cost_chf_m2_year: 345, one_off_chf: 3_200_000, available_from: '2025-01-01', tenure: 'rent', note: 'Synthetische Angaben; zu klein (450 Arbeitsplätze). Ersatzhaltestelle: Luzern CT (südlich der Gleise).', proxy: { uic: 8505049, name: 'Luzern CT' } },
	{ site_id: 'S4-EBIKON', name: 'Ebikon (Schindler / Mall of Switzerland)', capacity_workplaces: 620, area_m2: 14_900, cost_chf_m2_year: 205, one_off_chf: 3_000_000, available_from: '2025-01-01', tenure: 'build_right', note: 'Ebikon hat sich beworben und verloren (real); nur Baurecht (synthetisch), Kosten pro m² inklusive Baurechtszins, übrige Angaben synthetisch. Ersatzhaltestelle: Ebikon, Schindler.', proxy: { uic: 8577173, name: 'Ebikon, Schindler' } },
	{ site_id: 'S5-LUNORD', name: 'Luzern Nord / Reussbühl (Fluhmühle)', capacity_workplaces: 600, area_m2: 14_400, cost_chf_m2_year: 250, one_off_chf: 3_600_000, available_from: '2029-01-01', tenure: 'rent', note: 'Synthetische Angaben; erst 2029 verfügbar. Ersatzhaltestelle: Reussbühl, Fluhmühle.', proxy: { uic: 8589861, name: 'Reussbühl, Fluhmühle' } },
	{ site_id: 'S6-MATTENHOF', name: 'Kriens Mattenhof (bei Horw)', capacity_workplaces: 580, area_m2: 13_900, cost_chf_m2_year: 265, one_off_chf: 3_400_000, available_from: '2024-10-01', tenure: 'rent', note: 'Synthetische Angaben. Ersatzhaltestelle: Kriens Mattenhof (Bahn).', proxy: { uic: 8516351, name: 'Kriens Mattenhof' } },
	{ site_id: 'S7-ROOTD4', name: 'Root D4 Business Village', capacity_workplaces: 640, area_m2: 15_400, cost_chf_m2_year: 210, one_off_chf: 3_300_000, available_from: '2024-01-01', tenure: 'rent', note: 'Synthetische Angaben. Ersatzhaltestelle: Root D4.', proxy: { uic: 8515997, name: 'Root D4' } },
	{ site_id: 'S8-SURSEE', name: 'Sursee Bahnhof', capacity_workplaces: 600, area_m2: 14_400, cost_chf_m2_year: 195, one_off_chf: 3_500_000, available_from: '2026-01-01', tenure: 'rent', note: 'Synthetische Angaben; dezentrale Variante in der Region Sursee. Ersatzhaltestelle: Sursee, Park (beim Bahnhof).', proxy: { uic: 8572961, name: 'Sursee, Park' } }
];

/** Part-time is common: FTE levels and their shares (mean ≈ 0.83 FTE). */
export const FTE_LEVELS = [1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4] as const;
export const FTE_WEIGHTS = [0.42, 0.1, 0.2, 0.08, 0.1, 0.07, 0.03] as const;

/** Main commuting mode: shares by distance band and urban/rural home (pt, car, bike, walk). */
export const MODES = ['pt', 'car', 'bike', 'walk'] as const;
export const MODE_SHARES = {
	/** home ≤ 1.5 km from the office */
	veryNear: [0.3, 0.1, 0.25, 0.35],
	/** home ≤ 5 km */
	near: [0.5, 0.2, 0.25, 0.05],
	/** urban home zone (agglomeration or ≥ 1000 inhabitants/km²) */
	urban: [0.55, 0.35, 0.1, 0],
	/** rural home zone */
	rural: [0.35, 0.62, 0.03, 0]
} as const;
export const URBAN_DENSITY = 1000;

/** Customers (LU municipalities only: the WAS units serve Canton Luzern). */
export const CUSTOMERS = {
	/** firms ≈ population / 12 (Poisson) */
	employerPerResident: 1 / 12,
	employerVisits: 0.3,
	/** AHV/IV contacts ≈ 5 % of residents (Poisson) */
	insuredPerResident: 0.05,
	insuredVisits: 0.2,
	/** working-age share of residents */
	workingAgeShare: 0.65,
	/** registered job seekers per working-age resident by density band (Binomial) */
	jobseekerRate: { rural: 0.018, mixed: 0.024, urban: 0.03 },
	/** inhabitants/km² thresholds of the bands */
	densityMixed: 300,
	densityUrban: 1000,
	jobseekerVisits: 6
};
