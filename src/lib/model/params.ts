/**
 * Every assumption of the decision model, typed, with a default, a unit, a bilingual label and a
 * source note. Defaults come from /work/shared/data/FACTS.md where a fact exists; otherwise they are
 * marked as assumptions so a committee can see (and change) them.
 */
import type { CUSTOMER_GROUPS } from '../data/schema.ts';
import type { Msg } from './types.ts';
import type { UnitCode } from './units.ts';

/** A customer group (data/schema.ts CUSTOMER_GROUPS). */
export type CustomerGroup = (typeof CUSTOMER_GROUPS)[number];
export type WorkplaceBasis = 'headcount' | 'fte';
export type NormalisationMethod = 'minmax' | 'range';

/** All scenario parameters. Dates are ISO yyyy-mm-dd. */
export interface ScenarioParams {
	/** Staff commute */
	workingDaysPerYear: number;
	/** Share of working days spent at home (hybrid work); commuting trips scale with 1 - this. */
	homeOfficeShare: number;
	/** |change| in minutes at or beyond which a person counts as winner or loser. */
	winnerLoserThresholdMin: number;
	/** Commute thresholds (minutes) for the "share over" figures. */
	commuteThresholdsMin: number[];
	/** Use staff.mode when given (pt → 100 % PT, car → 100 % car); bike/walk/blank use the zone default. */
	useStaffMode: boolean;
	/** PT share of trips from urban zones (density ≥ urbanDensity). */
	ptShareUrban: number;
	/** PT share of trips from other zones. */
	ptShareRural: number;
	/** Inhabitants per km² from which a zone counts as urban. */
	urbanDensityPerKm2: number;
	/** Staff of offices marked keep = true stay there (they do not move and are not counted). */
	keptOfficesStay: boolean;
	/** CO2 */
	co2GPerKmCar: number;
	co2GPerKmPt: number;
	/** Road/network distance = straight line × detour factor. */
	detourCar: number;
	detourPt: number;
	/** Customers */
	keepBranches: boolean;
	/** Customer groups served at kept regional branches (e.g. job seekers at RAV branches). */
	branchGroups: CustomerGroup[];
	/** Space */
	workplaceBasis: WorkplaceBasis;
	/** Workplaces per person (or per FTE): 1 = no desk sharing, 0.8 = 8 desks for 10 people. */
	deskSharingRatio: number;
	m2PerWorkplace: number;
	/** Money and dates */
	moveDate: string;
	/** Date by which notice on today's leases is given. */
	noticeDate: string;
	/** Real discount rate of the NPV (per year). */
	discountRate: number;
	/**
	 * Interest rate at which a bought site's land and building are financed (per year); null = the discount
	 * rate. Kept equal by default so that buying is not made cheap by a rate the NPV does not use.
	 */
	financingRate: number | null;
	/** Years over which a bought building is paid off (annuity at the financing rate). */
	buildingLifeYears: number;
	horizonYears: number;
	synergyChfPerPersonYear: number;
	synergyRampYears: number;
	moveCostChfPerPerson: number;
	/** Multipliers for sensitivity analysis (1 = as in the data). */
	siteCostFactor: number;
	oneOffFactor: number;
	savingsTargetChfYear: number;
	/** Hard constraints */
	requireCapacity: boolean;
	requireAvailability: boolean;
	/** Exclude sites whose mean combined staff commute exceeds this (minutes); null = off. */
	maxMeanCommuteMin: number | null;
	/** Share of residents of working age (20–64) for the labour-market catchment (no age data per cell). */
	workingAgeShare: number;
	/** Scoring */
	normalisation: NormalisationMethod;
	/** For normalisation 'range': per criterion the value scoring 0 (worst) and 1 (best). */
	ranges: Record<string, { worst: number; best: number }>;
}

export interface ParamMeta {
	label: Msg;
	/** Unit code (model/units.ts turns it into words per language). */
	unit: UnitCode;
	/** Where the default comes from, or that it is an assumption. */
	source: Msg;
	/** Low/high values for the tornado (only cost-relevant parameters). */
	tornado?: [number, number];
}

/** Default parameters (WAS Luzern). */
export const DEFAULT_PARAMS: ScenarioParams = {
	workingDaysPerYear: 220,
	homeOfficeShare: 0.2,
	winnerLoserThresholdMin: 5,
	commuteThresholdsMin: [30, 45, 60],
	useStaffMode: true,
	ptShareUrban: 0.55,
	ptShareRural: 0.3,
	urbanDensityPerKm2: 1000,
	keptOfficesStay: true,
	co2GPerKmCar: 186,
	co2GPerKmPt: 30,
	detourCar: 1.3,
	detourPt: 1.4,
	keepBranches: true,
	branchGroups: ['jobseeker'],
	workplaceBasis: 'headcount',
	deskSharingRatio: 1,
	m2PerWorkplace: 26,
	moveDate: '2026-07-01',
	noticeDate: '2025-07-01',
	discountRate: 0.02,
	financingRate: null,
	buildingLifeYears: 50,
	horizonYears: 25,
	synergyChfPerPersonYear: 1800,
	synergyRampYears: 3,
	moveCostChfPerPerson: 2500,
	siteCostFactor: 1,
	oneOffFactor: 1,
	savingsTargetChfYear: 4_800_000,
	requireCapacity: true,
	requireAvailability: true,
	maxMeanCommuteMin: null,
	workingAgeShare: 0.61,
	normalisation: 'minmax',
	ranges: {}
};

const A: Msg = { de: 'Annahme (ohne Quelle); an den eigenen Fall anpassen.', en: 'Assumption (not from a source); change to your case.' };

/** Labels, units and sources of every parameter (sources name publications, never internal files). */
export const PARAM_META: Record<keyof ScenarioParams, ParamMeta> = {
	workingDaysPerYear: { label: { de: 'Arbeitstage pro Jahr', en: 'Working days per year' }, unit: 'd/yr', source: { de: 'Schweizer Vollzeitjahr ≈ 220 Arbeitstage nach Ferien und Feiertagen; Annahme.', en: 'Swiss full-time year ≈ 220 working days after holidays; assumption.' } },
	homeOfficeShare: { label: { de: 'Anteil Homeoffice-Tage', en: 'Share of home-office days' }, unit: 'share', source: A },
	winnerLoserThresholdMin: { label: { de: 'Schwelle für kürzeren/längeren Weg', en: 'Threshold for a shorter/longer commute' }, unit: 'min', source: A },
	commuteThresholdsMin: { label: { de: 'Schwellen Pendelzeit', en: 'Commute thresholds' }, unit: 'min', source: { de: 'Anteile über 30, 45 und 60 Minuten (Projektvorgabe).', en: 'Shares over 30, 45 and 60 minutes (project specification).' } },
	useStaffMode: { label: { de: 'Verkehrsmittel der Mitarbeitenden verwenden', en: 'Use staff main mode' }, unit: '', source: { de: 'Hauptverkehrsmittel der Person aus den Personaldaten, wo angegeben.', en: "The person's main mode from the staff data, where given." } },
	ptShareUrban: { label: { de: 'ÖV-Anteil städtische Gemeinden', en: 'PT share, urban municipalities' }, unit: 'share', source: { de: 'Grössenordnung der ÖV-Anteile im Pendelverkehr in Schweizer Städten (Mikrozensus Mobilität und Verkehr); nicht geprüft.', en: 'Order of magnitude of commuting PT shares in Swiss cities (Mikrozensus Mobilität und Verkehr); unverified.' } },
	ptShareRural: { label: { de: 'ÖV-Anteil ländliche Gemeinden', en: 'PT share, rural municipalities' }, unit: 'share', source: { de: 'Grössenordnung der ÖV-Anteile im Pendelverkehr im ländlichen Raum; nicht geprüft.', en: 'Order of magnitude of commuting PT shares in rural Switzerland; unverified.' } },
	urbanDensityPerKm2: { label: { de: 'Dichte, ab der eine Gemeinde städtisch ist', en: 'Density from which a municipality is urban' }, unit: 'inh/km²', source: A },
	keptOfficesStay: { label: { de: 'Personal der Regionalstellen bleibt', en: 'Staff of kept branches stay' }, unit: '', source: { de: 'Mitteilung WAS (November 2021): RAV Sursee und Wolhusen bleiben als Regionalstellen.', en: 'WAS announcement (November 2021): RAV Sursee and Wolhusen stay as regional offices.' } },
	co2GPerKmCar: { label: { de: 'CO₂ Auto', en: 'CO₂ car' }, unit: 'g/pkm', source: { de: 'Grössenordnung der mobitool-Faktoren für ein durchschnittliches Auto; nicht geprüft.', en: 'Order of magnitude of mobitool factors for an average car; unverified.' } },
	co2GPerKmPt: { label: { de: 'CO₂ ÖV', en: 'CO₂ public transport' }, unit: 'g/pkm', source: { de: 'Mix Bahn/Bus, Grössenordnung der mobitool-Faktoren; nicht geprüft.', en: 'Rail/bus mix, order of magnitude of mobitool factors; unverified.' } },
	detourCar: { label: { de: 'Umwegfaktor Auto', en: 'Detour factor car' }, unit: 'factor', source: { de: 'Typischer Umweg der Strasse gegenüber der Luftlinie (1.2–1.4); Annahme.', en: 'Typical road detour over straight line (1.2–1.4); assumption.' } },
	detourPt: { label: { de: 'Umwegfaktor ÖV', en: 'Detour factor PT' }, unit: 'factor', source: A },
	keepBranches: { label: { de: 'Regionalstellen behalten', en: 'Keep regional branches' }, unit: '', source: { de: 'Angabe «bleibt bestehen» bei den heutigen Standorten.', en: 'The "kept" flag of the current offices.' } },
	branchGroups: { label: { de: 'Von Regionalstellen bediente Kundengruppen', en: 'Customer groups served by branches' }, unit: '', source: { de: 'Mitteilung WAS (November 2021): RAV Sursee und Wolhusen (Stellensuchende) bleiben.', en: 'WAS announcement (November 2021): RAV Sursee and Wolhusen (job seekers) stay.' } },
	workplaceBasis: { label: { de: 'Arbeitsplatzbedarf nach', en: 'Workplaces needed by' }, unit: '', source: A },
	deskSharingRatio: { label: { de: 'Arbeitsplätze pro Person (Desk-Sharing)', en: 'Workplaces per person (desk sharing)' }, unit: 'factor', source: { de: 'Kanton Luzern, Projekt Seetalplatz (2021): 950 Arbeitsplätze für 1’450 Mitarbeitende (0.66); Standard 1 = kein Desk-Sharing.', en: 'Canton of Lucerne, Seetalplatz project (2021): 950 workplaces for 1,450 staff (0.66); default 1 = no sharing.' } },
	m2PerWorkplace: { label: { de: 'Fläche pro Arbeitsplatz', en: 'Floor area per workplace' }, unit: 'm²', source: { de: 'Kanton Luzern, Projekt Seetalplatz: 38’000 m² frei werdende Mietfläche für 1’450 Mitarbeitende ≈ 26 m² pro Person (eigene Division).', en: 'Canton of Lucerne, Seetalplatz project: 38,000 m² of rented offices freed for 1,450 staff ≈ 26 m² per person (own division).' } },
	moveDate: { label: { de: 'Geplanter Umzug', en: 'Planned move' }, unit: 'date', source: { de: 'Bericht Februar 2025: Zentrum vor Sommer 2026 in Betrieb.', en: 'Report of February 2025: centre operational before summer 2026.' } },
	noticeDate: { label: { de: 'Kündigung der heutigen Mieten', en: 'Notice given on current leases' }, unit: 'date', source: A },
	discountRate: { label: { de: 'Diskontsatz', en: 'Discount rate' }, unit: 'rate', source: { de: 'Realzins für öffentliche Investitionen; Annahme.', en: 'Real rate for public investments; assumption.' }, tornado: [0.01, 0.04] },
	financingRate: {
		label: { de: 'Finanzierungssatz bei Kauf', en: 'Financing rate of a purchase' },
		unit: 'rate',
		source: {
			de: 'Zins auf Kaufpreis und Baukosten gekaufter Standorte; leer = gleich wie der Diskontsatz, damit ein Kauf nicht mit einem tieferen Satz gerechnet wird als der Barwert. Annahme.',
			en: 'Interest on the purchase price and building cost of bought sites; empty = the discount rate, so that buying is not costed at a lower rate than the NPV uses. Assumption.'
		},
		tornado: [0.01, 0.04]
	},
	buildingLifeYears: {
		label: { de: 'Abschreibungsdauer Gebäude', en: 'Building pay-off period' },
		unit: 'yr',
		source: { de: 'Annuität über die Nutzungsdauer eines Verwaltungsbaus; das Grundstück wird nur verzinst. Annahme.', en: 'Annuity over the useful life of an office building; the land only bears interest. Assumption.' },
		tornado: [35, 70]
	},
	horizonYears: { label: { de: 'Betrachtungszeitraum', en: 'Horizon' }, unit: 'yr', source: A, tornado: [15, 40] },
	synergyChfPerPersonYear: { label: { de: 'Synergien pro Person und Jahr', en: 'Synergies per person and year' }, unit: 'CHF/person/yr', source: { de: 'Kanton Luzern, Planungskredit Seetalplatz (2016): 2.0 Mio. CHF pro Jahr Synergien für ≈ 1’100 Arbeitsplätze ≈ 1’800 CHF pro Person.', en: 'Canton of Lucerne, Seetalplatz planning credit (2016): CHF 2.0 M a year of synergies for ≈ 1,100 workplaces ≈ CHF 1,800.' }, tornado: [900, 2700] },
	synergyRampYears: { label: { de: 'Anlaufzeit der Synergien', en: 'Synergy ramp-up' }, unit: 'yr', source: A, tornado: [1, 5] },
	moveCostChfPerPerson: { label: { de: 'Umzugskosten pro Person', en: 'Move cost per person' }, unit: 'CHF/person', source: A, tornado: [1000, 5000] },
	siteCostFactor: { label: { de: 'Faktor Standortkosten', en: 'Site cost factor' }, unit: 'factor', source: { de: 'Faktor für die Sensitivitätsanalyse auf die jährlichen Kosten des neuen Standorts (Miete bzw. Betrieb und Kapital).', en: "Sensitivity multiplier on the new site's annual cost (rent, or operation and capital)." }, tornado: [0.85, 1.15] },
	oneOffFactor: { label: { de: 'Faktor Ausbaukosten', en: 'Fit-out cost factor' }, unit: 'factor', source: { de: 'Faktor für die Sensitivitätsanalyse auf die Ausbaukosten der Standorte.', en: 'Sensitivity multiplier on the fit-out cost of the sites.' }, tornado: [0.8, 1.5] },
	savingsTargetChfYear: {
		label: { de: 'Sparziel pro Jahr (netto)', en: 'Savings target per year (net)' },
		unit: 'CHF/yr',
		source: {
			de: 'Medienmitteilung WAS (Oktober 2019): jährlich mindestens 4.8 Mio. CHF Verwaltungskosten; 2025 bestätigt als Miet-, Infrastruktur-, Unterhalts- und Verwaltungskosten. Eine Senkung der jährlichen Kosten, darum mit der Nettoeinsparung verglichen.',
			en: 'WAS media release (October 2019): at least CHF 4.8 M a year of administrative costs; confirmed in 2025 as rent, infrastructure, maintenance and administration. A reduction of annual costs, hence compared with the net saving.'
		}
	},
	requireCapacity: { label: { de: 'Kapazität muss reichen', en: 'Capacity must suffice' }, unit: '', source: { de: 'Hartes Kriterium.', en: 'Hard constraint.' } },
	requireAvailability: { label: { de: 'Verfügbar bis zum Umzug', en: 'Available by the move' }, unit: '', source: { de: 'Hartes Kriterium.', en: 'Hard constraint.' } },
	maxMeanCommuteMin: { label: { de: 'Max. mittlere Pendelzeit', en: 'Max. mean commute' }, unit: 'min', source: { de: 'Optionales hartes Kriterium.', en: 'Optional hard constraint.' } },
	workingAgeShare: {
		label: { de: 'Anteil Erwerbsalter (20–64 J.) an der Bevölkerung', en: 'Working-age share (20–64) of the population' },
		unit: 'share',
		source: {
			de: 'Etwa der Anteil der 20- bis 64-Jährigen im Kanton Luzern und in der Schweiz (BFS STATPOP 2022/2023, rund 61 %); aus allgemeinem Wissen, nicht geprüft. Die Gemeindedaten hier enthalten nur die Gesamtbevölkerung.',
			en: 'About the share of 20–64-year-olds in Canton Lucerne and Switzerland (BFS STATPOP 2022/2023, around 61 %); from general knowledge, unverified. The municipality data here hold totals only.'
		}
	},
	normalisation: { label: { de: 'Normierung', en: 'Normalisation' }, unit: '', source: { de: 'Linear zwischen schlechtestem und bestem zugelassenem Standort, oder zwischen festen Grenzwerten je Kriterium.', en: 'Linear between the worst and the best admitted site, or between fixed bounds per criterion.' } },
	ranges: { label: { de: 'Feste Grenzwerte (schlechtester/bester)', en: 'Fixed bounds (worst/best)' }, unit: '', source: { de: 'Nur bei Normierung zwischen festen Grenzwerten.', en: 'Only with normalisation between fixed bounds.' } }
};

/** The financing rate in use: the scenario's, or the discount rate when it follows it (null). */
export function financingRateOf(p: Pick<ScenarioParams, 'financingRate' | 'discountRate'>): number {
	return p.financingRate ?? p.discountRate;
}

/** Defaults overlaid with a partial set (unknown keys are dropped). */
export function withDefaults(p: Partial<ScenarioParams> = {}): ScenarioParams {
	const out = { ...DEFAULT_PARAMS } as Record<string, unknown>;
	for (const k of Object.keys(DEFAULT_PARAMS)) if ((p as Record<string, unknown>)[k] !== undefined) out[k] = (p as Record<string, unknown>)[k];
	return out as unknown as ScenarioParams;
}
