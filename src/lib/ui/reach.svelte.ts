/**
 * The app's side of the reach worker: which networks are loaded (the approximate Lucerne default or the
 * user's GTFS / OSM PBF), the travel-time matrix through the shared pipeline (app/travel-times.ts), and
 * isochrones and zone → cell times, each with progress and cancel.
 */
import { client, CancelledError, type Endpoint, type Remote } from '../util/rpc.ts';
import type { ReachHandlers } from '../reach/worker-handlers.ts';
import type { Mode } from '../reach/matrix.ts';
import type { CellTimes } from '../reach/cells.ts';
import type { FeatureCollection } from 'geojson';
import { computeTravelTimes as runPipeline, ORIGINS_SQL, type MatrixEngine, type OriginZone } from '../app/travel-times.ts';
import { rows as queryRows } from '../data/db/connector.ts';
import { networkLabel, type NetworkInfo } from '../app/networks.ts';
import { scenarioExtent } from '../app/region.ts';
import { networkFiles } from './assets.ts';
import { app, getDb, isUserTable } from './app.svelte.ts';
import type { TableName } from '../data/schema.ts';

export interface ReachState {
	busy: boolean;
	progress: number;
	note: string;
	error: string | null;
	networks: Partial<Record<Mode, NetworkInfo>>;
	rows: number;
	/** Wall time of the last full matrix in the worker (ms), for the UI and bench/browser.mjs. */
	matrixMs: number | null;
	isochrones: FeatureCollection | null;
}

export const reach = $state<ReachState>({ busy: false, progress: 0, note: '', error: null, networks: {}, rows: 0, matrixMs: null, isochrones: null });

let remote: Remote<ReachHandlers> | null = null;
let current: AbortController | null = null;

function worker(): Remote<ReachHandlers> {
	remote ??= client<ReachHandlers>(new Worker(new URL('../reach/worker.ts', import.meta.url), { type: 'module' }) as unknown as Endpoint);
	return remote;
}

/** The reach worker as a matrix engine for the shared pipeline. */
const workerEngine: MatrixEngine = {
	matrix: (req, opts = {}) => worker().matrix($state.snapshot(req), { signal: opts.signal, onProgress: opts.onProgress })
};

/** The modes whose network is loaded. */
export function loadedModes(): Mode[] {
	return (Object.keys(reach.networks) as Mode[]).filter((m) => reach.networks[m]);
}

/** Cancel whatever the worker is computing (the previous results stay). */
export function cancelReach(): void {
	current?.abort();
}

async function run<T>(note: string, fn: (signal: AbortSignal, onProgress: (f: number, n?: string) => void) => Promise<T>): Promise<T | null> {
	current?.abort();
	const ac = new AbortController();
	current = ac;
	reach.busy = true;
	reach.progress = 0;
	reach.note = note;
	reach.error = null;
	try {
		return await fn(ac.signal, (f, n) => {
			reach.progress = f;
			if (n) reach.note = `${note} ${n}`;
		});
	} catch (e) {
		if (!(e instanceof CancelledError)) reach.error = e instanceof Error ? e.message : String(e);
		return null;
	} finally {
		if (current === ac) {
			reach.busy = false;
			current = null;
		}
	}
}

/** Load the shipped approximate Lucerne networks (PT: synthetic GTFS from real stops; car: approximate roads). */
export async function loadDefaultNetworks(): Promise<void> {
	const gtfsUrl = networkFiles['lucerne_approx_gtfs.zip'];
	const roadsUrl = networkFiles['lucerne_approx_roads.geojson'];
	await run('network', async () => {
		const w = worker();
		if (gtfsUrl) {
			const zip = new Uint8Array(await (await fetch(gtfsUrl)).arrayBuffer());
			reach.networks.pt = { ...(await w.loadGtfs({ zip, label: networkLabel('pt', { approximate: true }) })), approximate: true };
		}
		if (roadsUrl) {
			const geojson = await (await fetch(roadsUrl)).text();
			reach.networks.car = { ...(await w.loadRoads({ geojson, label: networkLabel('car', { approximate: true }) })), approximate: true };
		}
	});
}

/** Replace the PT network with a user's GTFS zip. */
export async function loadUserGtfs(file: File, date?: string): Promise<void> {
	await run('gtfs', async () => {
		const zip = new Uint8Array(await file.arrayBuffer());
		const loaded = await worker().loadGtfs({ zip, label: networkLabel('pt', { fileName: file.name, date }), date });
		// The label names the service day the worker chose when the user gave none.
		reach.networks.pt = { ...loaded, label: networkLabel('pt', { fileName: file.name, date: loaded.date }), approximate: false, fileName: file.name };
	});
}

/** Replace the car network with a user's OSM PBF. */
export async function loadUserPbf(file: File): Promise<void> {
	await run('osm', async () => {
		const pbf = new Uint8Array(await file.arrayBuffer());
		reach.networks.car = { ...(await worker().loadRoads({ pbf, label: networkLabel('car', { fileName: file.name }) })), approximate: false, fileName: file.name };
	});
}

/** Compute all zones × (sites + offices) × loaded modes and store them in travel_times. */
export async function computeTravelTimes(): Promise<void> {
	await run('matrix', async (signal, onProgress) => {
		const r = await runPipeline(getDb(), workerEngine, loadedModes(), { signal, onProgress });
		reach.matrixMs = r.ms;
		reach.rows = r.rows;
		app.sources.travel_times = 'computed';
		app.version++;
	});
}

/**
 * The matrix after a data change: new zones or destinations need new travel times, unless the user
 * imported the matrix itself (then it stays as imported). 'all' = the whole data set was replaced.
 */
export function travelTimesAfterDataChange(table: TableName | 'all'): void {
	if (table === 'all' || ((table === 'sites' || table === 'offices' || table === 'zones') && !isUserTable('travel_times'))) void computeTravelTimes();
}

/** Isochrones for the given sites and modes (default 15/30/45/60 min on a 1 km grid over the scenario's extent). */
export async function computeIsochrones(sites: Array<{ id: string; lon: number; lat: number }>, modes: Mode[] = ['pt', 'car']): Promise<void> {
	const fc = await run('isochrones', async (signal, onProgress) => {
		const db = getDb();
		const bbox = await scenarioExtent(db, 3);
		if (!bbox) return null;
		const zones = await queryRows<OriginZone>(db, ORIGINS_SQL);
		// Snapshot: reactive proxies cannot be posted to a worker.
		return worker().isochrones($state.snapshot({ sites, zones, modes, thresholds: [15, 30, 45, 60], bbox, cellM: 1000 }), { signal, onProgress });
	});
	if (fc) reach.isochrones = fc;
}

/** Progress of the zone → cell times for the score surface (own job: it never cancels the matrix). */
export const cellJob = $state<{ busy: boolean; progress: number; error: string | null }>({ busy: false, progress: 0, error: null });
let cellAbort: AbortController | null = null;

/** Cancel the running cell-times computation. */
export function cancelCellTimes(): void {
	cellAbort?.abort();
}

/**
 * Minutes from every zone to every cell (row-major [cell][zone], NaN = unreachable) for the loaded
 * networks, computed in the reach worker with progress; null if cancelled or failed (see cellJob).
 */
export async function computeCellTimes(zones: Array<{ zone_id: number; lon: number; lat: number; population?: number | null; area_km2?: number | null }>, cells: Array<{ lon: number; lat: number }>): Promise<CellTimes | null> {
	cellAbort?.abort();
	const ac = new AbortController();
	cellAbort = ac;
	Object.assign(cellJob, { busy: true, progress: 0, error: null });
	try {
		return await worker().cellTimes($state.snapshot({ zones, cells, modes: loadedModes() }), { signal: ac.signal, onProgress: (f) => (cellJob.progress = f) });
	} catch (e) {
		if (!(e instanceof CancelledError)) cellJob.error = e instanceof Error ? e.message : String(e);
		return null;
	} finally {
		if (cellAbort === ac) {
			cellJob.busy = false;
			cellAbort = null;
		}
	}
}
