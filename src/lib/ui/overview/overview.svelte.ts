/**
 * The overview map's state: what the user chose (shading, site, overlays, selection), the data it
 * shows (queries that follow the data version) and what follows from both (municipality values,
 * classes, fill and legend). Create it while the page initialises; the components read it.
 */
import type { FeatureCollection } from 'geojson';
import { rows } from '../../data/db/connector.ts';
import { zoneCommuteChange, zoneTotals, type ScenarioParams, type ZoneCommuteChange } from '../../model/index.ts';
import type { Mode } from '../../reach/matrix.ts';
import { fmtPersons } from '../../report/tables.ts';
import { markerLabels } from '../../report/summary.ts';
import { isSmallCount } from '../../model/privacy.ts';
import { dbQuery } from '../query.svelte.ts';
import { session } from '../session.svelte.ts';
import { reach, computeIsochrones } from '../reach.svelte.ts';
import { grid, populationRaster, type PopulationCells } from '../grid.svelte.ts';
import { pointsFromRows } from '../map/base-layers.ts';
import { EMPTY, quantileBreaks } from '../map/style.ts';
import { changeClasses, countBreaks, countClasses, surfaceClasses, zoneFill, CHANGE_NO_DATA, NO_DATA, type LegendClass, type Shading } from '../map/layers.ts';
import type { OfficeInfo, Selection, SiteInfo, ZoneInfo } from '../map/DetailsPanel.svelte';
import { fmtNumber, t } from '../i18n/index.svelte.ts';

export type SiteRow = SiteInfo & { lon: number | null; lat: number | null };
export type OfficeRow = OfficeInfo & { lon: number | null; lat: number | null };

export const SHADINGS: Shading[] = ['staff', 'customers', 'change', 'surface', 'none'];

export interface Legend {
	title: string;
	classes: LegendClass[];
	none: { colour: string; label: string; opacity?: number } | null;
	note: string;
}

const LISTS_SQL = {
	zones: `SELECT zone_id, name, canton FROM zones ORDER BY name`,
	offices: `SELECT o.office_id, o.name, o.address, o.workplaces, o.lease_end, o.keep, o.lon, o.lat,
	            (SELECT count(*) FROM staff s WHERE s.office_id = o.office_id) AS staff
	          FROM offices o ORDER BY o.name`,
	sites: 'SELECT site_id, name, municipality, capacity_workplaces, lon, lat FROM sites ORDER BY site_id',
	ttRows: 'SELECT count(*)::INTEGER AS n FROM travel_times'
};

export class OverviewState {
	shading = $state<Shading>('staff');
	customerMeasure = $state<'count' | 'visits'>('count');
	siteId = $state('');
	showOffices = $state(true);
	showSites = $state(true);
	showIso = $state(false);
	/** ÖV-Güteklassen and the population raster as overlays. */
	showGk = $state(false);
	showPop = $state(false);
	/** Residents per raster cell, fetched from the reach worker when the overlay is on. */
	popCells = $state.raw<PopulationCells | null>(null);
	isoMode = $state<Mode>('pt');
	selection = $state<Selection | null>(null);

	/** Zones, offices, sites, per-zone totals and the travel-time row count, once per data version. */
	readonly lists = dbQuery(async (db) => {
		const [zones, offices, sites, tt, totals] = await Promise.all([
			rows<ZoneInfo>(db, LISTS_SQL.zones),
			rows<OfficeRow>(db, LISTS_SQL.offices),
			rows<SiteRow>(db, LISTS_SQL.sites),
			rows<{ n: number }>(db, LISTS_SQL.ttRows),
			zoneTotals(db)
		]);
		return { zones, offices, sites, ttRows: tt[0]?.n ?? 0, totals: new Map(totals.map((z) => [z.zone_id, z])) };
	});

	/** Per-zone commute change of the chosen site (re-run on data, parameter or site change). */
	readonly changeQuery = dbQuery(
		async (db) => {
			const sid = this.siteId;
			if (!sid || !this.ttRows) return null;
			const r = await zoneCommuteChange(db, session.plainParams, sid);
			return new Map<number, ZoneCommuteChange>(r.map((z) => [z.zone_id, z]));
		},
		() => [this.siteId, this.ttRows, session.plainParams]
	);

	zones = $derived(this.lists.data?.zones ?? []);
	offices = $derived(this.lists.data?.offices ?? []);
	sites = $derived(this.lists.data?.sites ?? []);
	totals = $derived(this.lists.data?.totals ?? new Map());
	ttRows = $derived(this.lists.data?.ttRows ?? 0);
	change = $derived(this.changeQuery.data ?? null);

	officePoints = $derived<FeatureCollection>(pointsFromRows(this.offices.filter((o) => o.lon !== null).map(({ office_id, name, lon, lat }) => ({ office_id, name, lon, lat }))));
	/** Map labels of the sites: rank number, or a letter for excluded sites (as in the report); '' before scoring. */
	siteLabels = $derived(session.evaluation && !session.evaluation.score.problem ? markerLabels(session.evaluation.score) : new Map<string, string>());
	sitePoints = $derived<FeatureCollection>(
		pointsFromRows(
			this.sites
				.filter((s) => s.lon !== null)
				.map(({ site_id, name, lon, lat }) => {
					const label = this.siteLabels.get(site_id) ?? '';
					// Ranked sites first (their names get room first), then excluded ones.
					return { site_id, name, lon, lat, label, order: /^\d+$/.test(label) ? Number(label) : 100 + (label.charCodeAt(0) || 0) };
				})
		)
	);
	/** The numbered list beside the map, so that every candidate is named even where labels collide. */
	siteKey = $derived(
		this.sites
			.map((s) => ({ label: this.siteLabels.get(s.site_id) ?? '', name: s.name, site_id: s.site_id }))
			.filter((s) => s.label)
			.sort((a, b) => (/^\d+$/.test(a.label) && /^\d+$/.test(b.label) ? Number(a.label) - Number(b.label) : a.label.localeCompare(b.label, 'en', { numeric: true })))
	);

	chosen = $derived(this.sites.find((s) => s.site_id === this.siteId));
	siteName = $derived(this.chosen?.name ?? '');
	siteCriteria = $derived(session.criteria?.sites.find((s) => s.site_id === this.siteId) ?? null);
	selectedCriteria = $derived.by(() => {
		const sel = this.selection;
		return sel?.kind === 'site' ? (session.criteria?.sites.find((s) => s.site_id === sel.id) ?? null) : null;
	});
	threshold = $derived(session.params.winnerLoserThresholdMin);

	/** Municipality values of the active shading. */
	zoneValues = $derived.by(() => {
		const out = new Map<number, number>();
		const { shading, customerMeasure } = this;
		if (shading === 'staff') for (const [z, v] of this.totals) v.staff > 0 && out.set(z, v.staff);
		// Visits of 1–4 customers would describe those few: such municipalities get no visit value (small-group rule).
		else if (shading === 'customers') for (const [z, v] of this.totals) v.customers > 0 && (customerMeasure === 'count' || !isSmallCount(v.customers)) && out.set(z, customerMeasure === 'count' ? v.customers : Math.round(v.visitsPerYear));
		else if (shading === 'change' && this.change) for (const [z, c] of this.change) c.meanChangeMin !== null && out.set(z, Math.round(c.meanChangeMin * 10) / 10);
		return out;
	});
	/** The shading counts persons (classes show "< 5" instead of 1–4). */
	personsShading = $derived(this.shading === 'staff' || (this.shading === 'customers' && this.customerMeasure === 'count'));
	breaks = $derived(this.personsShading ? countBreaks([...this.zoneValues.values()]) : quantileBreaks([...this.zoneValues.values()]));
	fill = $derived(zoneFill(this.shading, this.breaks));
	fillOpacity = $derived(this.showIso && this.shading !== 'surface' ? 0.5 : 0.9);

	/** The travel-time matrix is done and a network is loaded (isochrones and the surface can be computed). */
	matrixReady = $derived(!reach.busy && this.ttRows > 0 && !!(reach.networks.pt || reach.networks.car));
	isoShown = $derived<FeatureCollection>(
		this.showIso && reach.isochrones
			? { type: 'FeatureCollection', features: reach.isochrones.features.filter((f) => f.properties?.site_id === this.siteId && f.properties?.mode === this.isoMode) }
			: EMPTY
	);

	legend = $derived.by((): Legend => {
		const fmt = (n: number) => fmtNumber(n);
		switch (this.shading) {
			case 'staff':
				return { title: t('legend.staffPersons'), classes: countClasses(this.breaks, fmt, true), none: null, note: '' };
			case 'customers':
				return {
					title: this.customerMeasure === 'count' ? t('legend.customersCount') : t('legend.customersVisits'),
					classes: countClasses(this.breaks, fmt, this.customerMeasure === 'count'),
					none: null,
					note: ''
				};
			case 'change':
				return { title: t('legend.change', { site: this.siteName }), classes: changeClasses(fmt), none: { colour: CHANGE_NO_DATA, label: t('legend.change.none') }, note: t('legend.change.note') };
			case 'surface':
				return { title: t('legend.surface'), classes: surfaceClasses(fmt), none: { colour: NO_DATA, label: t('legend.surface.none'), opacity: 0.45 }, note: '' };
			default:
				return { title: t('legend.noShading'), classes: [], none: null, note: '' };
		}
	});

	private isoTried = '';

	constructor() {
		// Keep the chosen site valid when the sites change.
		$effect(() => {
			if (this.sites.length && !this.sites.some((s) => s.site_id === this.siteId)) this.siteId = this.sites[0].site_id;
		});
		$effect(() => {
			void grid.region;
			if (this.showPop) void populationRaster().then((c) => (this.popCells = c));
		});
		// Isochrones of the chosen site once the matrix is done (the reach worker runs one job at a time).
		$effect(() => {
			const c = this.chosen;
			if (!this.showIso || !c || c.lon === null || c.lat === null || !this.matrixReady) return;
			const have = reach.isochrones?.features.some((f) => f.properties?.site_id === c.site_id);
			if (have || this.isoTried === c.site_id) return;
			this.isoTried = c.site_id;
			void computeIsochrones([{ id: c.site_id, lon: c.lon, lat: c.lat }]);
		});
	}

	persons = (n: number | null | undefined) => fmtPersons(n, (x) => fmtNumber(x));

	/** Tooltip of a municipality for the active shading. */
	zoneTooltip = (p: Record<string, unknown>): string => {
		const id = Number(p.bfs);
		const name = String(p.name ?? '');
		const z = this.totals.get(id);
		if (this.shading === 'staff') return `${name}\n${t('map.tip.staff', { n: this.persons(z?.staff ?? 0) })}`;
		if (this.shading === 'customers') return `${name}\n${t('map.tip.customers', { n: this.persons(z?.customers ?? 0), v: isSmallCount(z?.customers) ? '–' : fmtNumber(z?.visitsPerYear ?? 0) })}`;
		if (this.shading === 'change') {
			const c = this.change?.get(id);
			if (c && c.meanChangeMin !== null) return `${name}\n${t('map.tip.change', { v: signed(c.meanChangeMin), n: this.persons(c.movers) })}`;
			return c && c.movers > 0 ? `${name}\n${t('map.tip.changeFew')}` : `${name}\n${t('legend.change.none')}`;
		}
		return name;
	};

	selectSite(id: string): void {
		this.siteId = id;
		this.selection = { kind: 'site', id };
	}
}

/** A signed minute figure with a true minus sign. */
export function signed(v: number): string {
	return (v > 0 ? '+' : v < 0 ? '−' : '') + fmtNumber(Math.abs(v), 1, 1);
}
