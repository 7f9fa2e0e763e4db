/**
 * Main-thread side of the reach worker: loads the networks (the approximate Lucerne default or the
 * user's GTFS / OSM PBF), computes the travel-time matrix for all zones × sites and offices, writes it
 * to `travel_times`, and exposes progress with cancel for the UI.
 */
import { client, CancelledError } from '../util/rpc.ts';
import type { NetworkInfo } from '../reach/worker.ts';
import type { TravelTimeRow, Mode } from '../reach/matrix.ts';
import type { CellTimes } from '../reach/cells.ts';
import type { FeatureCollection } from 'geojson';
import { rows } from '../data/db/connector.ts';
import { tableFromColumns } from '../data/arrow.ts';
import { tables } from '../data/schema.ts';
import { replaceTable } from '../data/replace.ts';
import { networkFiles } from './assets.ts';
import { app, getDb } from './app.svelte.ts';

export interface ReachState {
	busy: boolean;
	progress: number;
	note: string;
	error: string | null;
	networks: Partial<Record<Mode, NetworkInfo & { approximate: boolean }>>;
	rows: number;
	/** Wall time of the last full matrix in the worker (ms), for the UI and bench/browser.mjs. */
	matrixMs: number | null;
	isochrones: FeatureCollection | null;
}

export const reach = $state<ReachState>({ busy: false, progress: 0, note: '', error: null, networks: {}, rows: 0, matrixMs: null, isochrones: null });

let call: ReturnType<typeof client> | null = null;
let current: AbortController | null = null;

function worker() {
	if (!call) {
		const w = new Worker(new URL('../reach/worker.ts', import.meta.url), { type: 'module' });
		call = client(w as unknown as Parameters<typeof client>[0]);
	}
	return call;
}

/** The reach worker's RPC (shared with grid.svelte.ts: the networks live in this worker). */
export function reachWorker(): ReturnType<typeof client> {
	return worker();
}

/** Cancel whatever the worker is computing (the previous matrix stays). */
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
		const c = worker();
		if (gtfsUrl) {
			const zip = new Uint8Array(await (await fetch(gtfsUrl)).arrayBuffer());
			reach.networks.pt = { ...(await c<NetworkInfo>('loadGtfs', { zip, source: 'approx-lucerne-gtfs' })), approximate: true };
		}
		if (roadsUrl) {
			const geojson = await (await fetch(roadsUrl)).text();
			reach.networks.car = { ...(await c<NetworkInfo>('loadRoads', { geojson, source: 'approx-lucerne-roads' })), approximate: true };
		}
	});
}

/** Replace the PT network with a user's GTFS zip. */
export async function loadUserGtfs(file: File, date?: string): Promise<void> {
	await run('gtfs', async () => {
		const zip = new Uint8Array(await file.arrayBuffer());
		reach.networks.pt = { ...(await worker()<NetworkInfo>('loadGtfs', { zip, source: `gtfs:${file.name}`, date })), approximate: false };
	});
}

/** Replace the car network with a user's OSM PBF. */
export async function loadUserPbf(file: File): Promise<void> {
	await run('osm', async () => {
		const pbf = new Uint8Array(await file.arrayBuffer());
		reach.networks.car = { ...(await worker()<NetworkInfo>('loadRoads', { pbf, source: `osm:${file.name}` })), approximate: false };
	});
}

/** Compute all zones × (sites + offices) × loaded modes and store them in travel_times. */
export async function computeTravelTimes(): Promise<void> {
	const db = getDb();
	await run('matrix', async (signal, onProgress) => {
		const zones = await rows<{ zone_id: number; lon: number; lat: number }>(db, 'SELECT zone_id, lon, lat FROM zones ORDER BY zone_id');
		const destinations = await rows<{ id: string; lon: number; lat: number }>(
			db,
			'SELECT site_id AS id, lon, lat FROM sites WHERE lon IS NOT NULL UNION ALL SELECT office_id, lon, lat FROM offices WHERE lon IS NOT NULL'
		);
		const modes = (Object.keys(reach.networks) as Mode[]).filter((m) => reach.networks[m]);
		const t0 = performance.now();
		const result = await worker()<TravelTimeRow[]>('matrix', { zones, destinations, options: { modes } }, { signal, onProgress });
		reach.matrixMs = performance.now() - t0;
		const cols = tables.travel_times.columns.map((c) => ({ name: c.name, type: c.type, values: result.map((r) => r[c.name as keyof TravelTimeRow] as number | string | null) }));
		await replaceTable(db, 'travel_times', tableFromColumns(cols));
		reach.rows = result.length;
		app.sources.travel_times = 'demo';
		app.version++;
	});
}

/** Isochrones for the given sites and modes (15/30/45/60 min on the 250 m region raster, see grid.svelte.ts). */
export async function computeIsochrones(sites: Array<{ id: string; lon: number; lat: number }>, modes: Mode[] = ['pt', 'car']): Promise<void> {
	const fc = await run('isochrones', async (signal, onProgress) => {
		await (await import('./grid.svelte.ts')).ensureRegion();
		// Snapshot: reactive proxies cannot be posted to a worker.
		return worker()<FeatureCollection>('isochrones', $state.snapshot({ sites, modes, thresholds: [15, 30, 45, 60], bbox: [7.83, 46.77, 8.52, 47.3], cellM: 250 }), { signal, onProgress });
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
export async function computeCellTimes(zones: Array<{ zone_id: number; lon: number; lat: number }>, cells: Array<{ lon: number; lat: number }>): Promise<CellTimes | null> {
	cellAbort?.abort();
	const ac = new AbortController();
	cellAbort = ac;
	Object.assign(cellJob, { busy: true, progress: 0, error: null });
	try {
		const modes = (Object.keys(reach.networks) as Mode[]).filter((m) => reach.networks[m]);
		return await worker()<CellTimes>('cellTimes', $state.snapshot({ zones, cells, modes }), { signal: ac.signal, onProgress: (f) => (cellJob.progress = f) });
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
