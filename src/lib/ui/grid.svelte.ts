/**
 * Main-thread side of the reach raster: prepares the region in the reach worker (zones, polygons, lakes,
 * settlement proxies or the user's STATPOP hectare file), computes the ÖV-Güteklassen and the residents within
 * 15/30/45/60 min per site and office, stores them in DuckDB (site_guteklasse, site_catchment) for the model,
 * and serves GeoJSON downloads. Its own job (progress, cancel): it never cancels the matrix or isochrones.
 */
import type { FeatureCollection } from 'geojson';
import { CancelledError } from '../util/rpc.ts';
import { errorText } from './i18n/index.svelte.ts';
import { rows } from '../data/db/connector.ts';
import { labelCrs, type Crs } from '../data/geojson-crs.ts';
import type { Mode } from '../reach/matrix.ts';
import type { GuteklassenResult, RegionInfo, StatpopFailure } from '../reach/worker-handlers.ts';
import type { CatchmentFigure, SiteGuteklasse } from '../reach/site-reach.ts';
import { ORIGINS_SQL, type OriginZone } from '../app/travel-times.ts';
import { scenarioExtent } from '../app/region.ts';
import { writeSiteCatchment, writeSiteGuteklasse } from '../model/index.ts';
import { geoFiles, fetchText } from './assets.ts';
import { loadBaseLayers } from './map/base-layers.ts';
import { app, getDb, isUserTable } from './app.svelte.ts';
import { session } from './session.svelte.ts';
import { reach, reachWorker, loadedModes, networksReady } from './reach.svelte.ts';

export type { GuteklassenResult };

interface GridState {
	busy: boolean;
	progress: number;
	error: string | null;
	region: RegionInfo | null;
	/** The user's STATPOP hectare file, if loaded (replaces the approximate population). */
	statpop: string | null;
	statpopError: StatpopFailure | null;
	catchment: CatchmentFigure[] | null;
	/** Güteklasse per site (from the last run or a build snapshot). */
	siteClasses: SiteGuteklasse[] | null;
	/** The class areas and stations for the map (needs the PT network in the worker). */
	guteklassen: GuteklassenResult | null;
	/** Bumped when the figures change (pages re-read). */
	version: number;
}

export const grid = $state<GridState>({ busy: false, progress: 0, error: null, region: null, statpop: null, statpopError: null, catchment: null, siteClasses: null, guteklassen: null, version: 0 });

let statpopText: { text: string; name: string } | null = null;
let regionJob: { key: string; promise: Promise<RegionInfo | null> } | null = null;
let abort: AbortController | null = null;
let lastKey = '';

/** Prepare the region raster in the worker once per data version and population source. */
export function ensureRegion(): Promise<RegionInfo | null> {
	const key = `${app.version}|${statpopText?.name ?? ''}`;
	if (regionJob?.key === key) return regionJob.promise;
	const promise = (async () => {
		const db = getDb();
		const [base, zones, stopsCsv, localitiesCsv] = await Promise.all([
			loadBaseLayers(),
			rows<OriginZone>(db, ORIGINS_SQL),
			fetchText(geoFiles, 'stops_didok_lu_region_2016.csv'),
			fetchText(geoFiles, 'plz_ortschaften_lu_region_2022.csv')
		]);
		const ids = new Set(zones.map((z) => z.zone_id));
		const municipalities: FeatureCollection = { type: 'FeatureCollection', features: base.municipalities.features.filter((f) => ids.has(Number(f.properties?.bfs))) };
		const r = await reachWorker().prepareRegion({
			zones,
			municipalities,
			lakes: base.lakes,
			stopsCsv,
			localitiesCsv,
			statpop: statpopText ?? undefined
		});
		if ('failed' in r) {
			grid.statpopError = r.failed;
			statpopText = null;
			grid.statpop = null;
			regionJob = null;
			return ensureRegion();
		}
		grid.region = r.info;
		return r.info;
	})();
	regionJob = { key, promise };
	promise.catch(() => {
		if (regionJob?.promise === promise) regionJob = null;
	});
	return promise;
}

/** Use a STATPOP hectare CSV for the residents (null = back to the approximation); recomputes the figures. */
export async function setStatpop(file: File | null): Promise<void> {
	grid.statpopError = null;
	statpopText = file ? { text: await file.text(), name: file.name } : null;
	grid.statpop = file?.name ?? null;
	await computeSiteReach(true);
}

/** What the figures depend on: the data version, the networks and the population source. */
function figuresKey(): string {
	return `${app.version}|${reach.networks.pt?.label ?? ''}|${reach.networks.car?.label ?? ''}|${statpopText?.name ?? ''}`;
}

type Located = { id: string; lon: number; lat: number; zone_id: number | null };
function siteRows(): Promise<Located[]> {
	return rows<Located>(getDb(), 'SELECT site_id AS id, lon, lat, zone_id FROM sites WHERE lon IS NOT NULL AND lat IS NOT NULL ORDER BY site_id');
}

/**
 * Take the figures a build snapshot brought (already in site_catchment / site_guteklasse) as the current
 * run, so they are not recomputed; call in the same step that shows the snapshot's networks.
 */
export function adoptSiteReach(figures: CatchmentFigure[], classes: SiteGuteklasse[]): void {
	grid.catchment = figures;
	grid.siteClasses = classes;
	lastKey = figuresKey();
	grid.version++;
}

/** The Güteklassen map layer (polygons, stations) for figures taken from a snapshot; needs the PT network. */
export async function loadGuteklassenMap(): Promise<void> {
	await networksReady();
	if (!(await ensureRegion())) return;
	grid.guteklassen = await reachWorker().guteklassen({ sites: await siteRows() });
	grid.version++;
}

/** Cancel the running figures job. */
export function cancelSiteReach(): void {
	abort?.abort();
}

/**
 * Güteklasse per site and residents within 15/30/45/60 min per site and office, written to DuckDB; the
 * criteria are recomputed afterwards. Skipped when nothing changed since the last run (unless `force`).
 */
export async function computeSiteReach(force = false): Promise<void> {
	const modes = loadedModes();
	const key = figuresKey();
	if (!modes.length || (!force && key === lastKey)) return;
	// Remembered at the start: a failed or cancelled run is not retried by autoSiteReach (the button can).
	lastKey = key;
	abort?.abort();
	const ac = new AbortController();
	abort = ac;
	Object.assign(grid, { busy: true, progress: 0, error: null });
	try {
		await networksReady();
		const db = getDb();
		const region = await ensureRegion();
		if (!region || ac.signal.aborted) return;
		const sites = await siteRows();
		const offices = await rows<Located>(db, 'SELECT office_id AS id, lon, lat, zone_id FROM offices WHERE lon IS NOT NULL AND lat IS NOT NULL ORDER BY office_id');
		const w = reachWorker();
		const gk = await w.guteklassen({ sites });
		const figures = await w.catchment({ destinations: [...sites, ...offices], modes }, { signal: ac.signal, onProgress: (f) => (grid.progress = f) });
		await writeSiteGuteklasse(db, gk?.sites ?? []);
		await writeSiteCatchment(db, figures);
		grid.guteklassen = gk;
		grid.siteClasses = gk?.sites ?? [];
		grid.catchment = figures;
		grid.version++;
		// The criteria read the new tables.
		await session.refresh(true);
	} catch (e) {
		if (!(e instanceof CancelledError)) grid.error = errorText(e);
	} finally {
		if (abort === ac) {
			grid.busy = false;
			abort = null;
		}
	}
}

/**
 * Start the figures once the networks and the matrix are ready (call from an effect; reads the reactive state it
 * depends on). A user-imported matrix does not wait for a computed one.
 */
export function autoSiteReach(): void {
	void app.version;
	if (app.phase !== 'ready' || reach.busy || grid.busy || !loadedModes().length) return;
	if (reach.rows === 0 && !isUserTable('travel_times')) return;
	void computeSiteReach();
}

/** True when the raster figures are done (or failed, or there is no network): pages that print them wait for this. */
export function gridSettled(): boolean {
	return !grid.busy && (grid.catchment !== null || grid.error !== null || !loadedModes().length);
}

/** Residents within `minutes` of a destination by mode from the last run (null = not computed). */
export function residentsWithin(id: string, mode: Mode, minutes: number): number | null {
	return grid.catchment?.find((r) => r.destination_id === id && r.mode === mode && r.minutes === minutes)?.residents ?? null;
}

/** Isochrones as GeoJSON for a download (own call: does not replace what the map shows). */
export async function isochronesGeoJSON(sites: Array<{ id: string; lon: number; lat: number }>, modes: Mode[], crs: Crs): Promise<FeatureCollection> {
	await networksReady();
	await ensureRegion();
	const bbox = await scenarioExtent(getDb(), 3);
	if (!bbox) return { type: 'FeatureCollection', features: [] };
	// Snapshot: reactive proxies cannot be posted to a worker.
	const fc = await reachWorker().isochrones($state.snapshot({ sites, modes, thresholds: [15, 30, 45, 60], bbox, cellM: 250, crs }));
	return labelCrs(fc, crs);
}

/** Güteklassen polygons (or the stations) as GeoJSON in `crs`. */
export async function guteklassenGeoJSON(what: 'polygons' | 'stations', crs: Crs): Promise<FeatureCollection | null> {
	await networksReady();
	await ensureRegion();
	const r = await reachWorker().guteklassen({ sites: [], crs });
	return r ? labelCrs(r[what], crs) : null;
}

export interface PopulationCells {
	raster: { x0: number; y0: number; cellM: number; width: number; height: number };
	residents: Float32Array;
	source: 'approximate' | 'statpop-hectare';
}

/** Residents per region cell (for the map layer). */
export async function populationRaster(): Promise<PopulationCells | null> {
	await ensureRegion();
	return reachWorker().populationRaster(undefined);
}
