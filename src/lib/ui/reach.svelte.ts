/**
 * The app's side of the reach worker: which networks are loaded (the approximate Lucerne default or the
 * user's GTFS / OSM PBF), the travel-time matrix through the shared pipeline (app/travel-times.ts), and
 * isochrones and zone → cell times, each with progress and cancel.
 */
import { isIsoDate } from '../app/url.ts';
import { JobQueue } from '../util/job-queue.ts';
import { buffersOf, client, CancelledError, RemoteError, type Endpoint, type Remote } from '../util/rpc.ts';
import type { Msg } from '../model/types.ts';
import * as persist from './persist.ts';
import { errorMsg, errorText } from './i18n/index.svelte.ts';
import type { ReachHandlers } from '../reach/worker-handlers.ts';
import { travelTimeBuffers, type Destination, type Mode, type TravelTimeColumns } from '../reach/matrix.ts';
import type { CellTimes } from '../reach/cells.ts';
import type { FeatureCollection } from 'geojson';
import { computeTravelTimes as runPipeline, matrixInParts, type MatrixEngine, type MatrixPlaces, type OriginZone } from '../app/travel-times.ts';
import { APPROX_INPUTS, APPROX_NETWORK_FILES, networkLabel, type NetworkInfo } from '../app/networks.ts';
import { scenarioExtent, studyRegion } from '../app/region.ts';
import { defaultNetworkUrls, networkFiles } from './assets.ts';
import { app, getDb, isUserTable } from './app.svelte.ts';
import type { TableName } from '../data/schema.ts';
import type { SnapshotManifest } from '../app/snapshot.ts';

export interface ReachState {
	busy: boolean;
	progress: number;
	/** Which job runs: 'network', 'gtfs', 'osm', 'matrix', 'isochrones' (with the worker's note). */
	note: string;
	/** The job's current stage as the worker names it (e.g. 'read', 'ways', 'build'). */
	stage: string;
	/** The last computation's failure (matrix, isochrones). */
	error: string | null;
	/** Why the last network file could not be used (kept until the next attempt; the working network stays). */
	loadError: Msg | null;
	loadErrorMode: Mode | null;
	/** A service day the refused feed does run on (outside_validity / no_service), to offer as a retry. */
	suggestedDate: string | null;
	networks: Partial<Record<Mode, NetworkInfo>>;
	rows: number;
	/** Wall time of the last full matrix in the worker (ms), for the UI and bench/browser.mjs. */
	matrixMs: number | null;
	/** Reach workers the last matrix ran on (two for many cells, SPLIT_MATRIX_CELLS). */
	matrixWorkers: number;
	isochrones: FeatureCollection | null;
}

export const reach = $state<ReachState>({ busy: false, progress: 0, note: '', stage: '', error: null, loadError: null, loadErrorMode: null, suggestedDate: null, networks: {}, rows: 0, matrixMs: null, matrixWorkers: 1, isochrones: null });

/** IndexedDB keys of the user's cut networks (network file bytes + what the app shows about them). */
const CACHE_KEY: Record<Mode, string> = { pt: 'network:pt', car: 'network:car' };
interface CachedNetwork {
	info: NetworkInfo;
	netfile: Uint8Array;
}


const spawnReachWorker = () => new Worker(new URL('../reach/worker.ts', import.meta.url), { type: 'module' });

let remote: Remote<ReachHandlers> | null = null;
function worker(): Remote<ReachHandlers> {
	remote ??= client<ReachHandlers>(spawnReachWorker() as unknown as Endpoint);
	return remote;
}

/**
 * Cells from which a matrix is split over two reach workers (matrixInParts): a million customers' ~180,000
 * cells held one worker ~5 s; the default's 567 take 0.2 s, less than a second worker's start and copy of the
 * networks would cost.
 */
export const SPLIT_MATRIX_CELLS = 20_000;

/** The second reach worker (large matrices only), with the first one's networks as of `helperStamp`. */
let helper: { worker: Worker; remote: Remote<ReachHandlers> } | null = null;
let helperStamp = -1;

/** The second worker, holding the networks the first holds now (copied once per network change). */
async function helperWorker(): Promise<Remote<ReachHandlers>> {
	if (!helper) {
		const w = spawnReachWorker();
		helper = { worker: w, remote: client<ReachHandlers>(w as unknown as Endpoint) };
	}
	if ((await worker().networksStamp(undefined)) !== helperStamp) {
		const nets = await worker().networks(undefined);
		await helper.remote.adoptNetworks(nets, { transfer: buffersOf(nets) });
		helperStamp = nets.stamp;
	}
	return helper.remote;
}

/** One reach worker as a matrix engine. */
const engineOf = (w: Remote<ReachHandlers>): MatrixEngine => ({
	// Only the options may hold reactive state: the origins come from DuckDB as plain rows (a snapshot of
	// a million people's cells cost the page seconds).
	matrix: (req, opts = {}) => w.matrix({ ...req, options: $state.snapshot(req.options) }, { signal: opts.signal, onProgress: opts.onProgress })
});

/** The reach workers as a matrix engine for the shared pipeline: two side by side for many cells on a machine with two cores or more. */
const workerEngine: MatrixEngine = {
	matrix: async (req, opts = {}) => {
		reach.matrixWorkers = 1;
		const alone = () => engineOf(worker()).matrix(req, opts);
		if (req.cells.length < SPLIT_MATRIX_CELLS || (globalThis.navigator?.hardwareConcurrency ?? 1) < 2) return alone();
		try {
			const second = await helperWorker();
			reach.matrixWorkers = 2;
			// The parts are merged in the first worker: their buffers move there and back, the page copies nothing.
			const merge = (parts: TravelTimeColumns[], destinations: Destination[]) => worker().mergeMatrix({ parts, destinations: destinations.map((d) => ({ id: d.id })) }, { transfer: parts.flatMap(travelTimeBuffers) });
			return await matrixInParts([engineOf(worker()), engineOf(second)], req, opts, merge);
		} catch (e) {
			if (e instanceof CancelledError || opts.signal?.aborted) throw e;
			// The second worker only saves time: whatever failed with it, the first computes alone (an error of its own shows again).
			console.warn('matrix on two reach workers failed; computing on one', e);
			helper?.worker.terminate();
			helper = null;
			helperStamp = -1;
			reach.matrixWorkers = 1;
			return alone();
		}
	}
};

/** The modes whose network is loaded. */
export function loadedModes(): Mode[] {
	return (Object.keys(reach.networks) as Mode[]).filter((m) => reach.networks[m]);
}

/** The reach worker (grid.svelte.ts shares it: the networks live in this worker). */
export function reachWorker(): Remote<ReachHandlers> {
	return worker();
}

/**
 * Whether a network is being loaded. Only then are the load controls off: a load asked for during a
 * computation cancels it and waits for nothing else (disabling them while any job ran made them flicker
 * between jobs, and a click could land on the moment they were off).
 */
export function loadingNetwork(): boolean {
	return reach.busy && NETWORK_JOBS.has(reach.note.split(' ')[0]);
}

/** Cancel whatever the worker is computing (the previous results stay). */
export function cancelReach(): void {
	jobs.cancel();
}

/** Loads (network) before computations, never cancelled by them: the rules are in util/job-queue.ts. */
const jobs = new JobQueue();
const NETWORK_JOBS = new Set(['network', 'gtfs', 'osm']);

/** Run one worker job with progress and cancel; `loading` jobs report failures in `loadError`. */
async function run<T>(note: string, fn: (signal: AbortSignal, onProgress: (f: number, n?: string) => void) => Promise<T>, loading: Mode | null = null): Promise<T | null> {
	try {
		return await jobs.run(note, NETWORK_JOBS.has(note), async ({ signal }) => {
			reach.busy = true;
			reach.progress = 0;
			reach.note = note;
			reach.stage = '';
			reach.error = null;
			return await fn(signal, (f, n) => {
				reach.progress = f;
				if (n) {
					reach.note = `${note} ${n}`;
					reach.stage = n;
				}
			});
		});
	} catch (e) {
		if (e instanceof CancelledError) return null;
		if (loading) {
			reach.loadError = errorMsg(e);
			reach.loadErrorMode = loading;
			const sug = e instanceof RemoteError ? e.data?.suggestion : undefined;
			reach.suggestedDate = typeof sug === 'string' && isIsoDate(sug) ? sug : null;
		}
		else reach.error = errorText(e);
		return null;
	} finally {
		if (!jobs.current) reach.busy = false;
	}
}

/**
 * Resolves once the networks asked for so far are in the worker. Jobs that route outside `run` (raster
 * figures in grid.svelte.ts) wait for it: at start the snapshot's analysis is shown while they still load.
 */
export function networksReady(): Promise<void> {
	return jobs.loadsSettled();
}

/** Show the networks a build snapshot was computed with, before they are loaded in the worker. */
export function showSnapshotNetworks(snap: SnapshotManifest): void {
	for (const mode of ['pt', 'car'] as const) {
		const n = snap.networks[mode];
		if (n) reach.networks[mode] = { ...n, approximate: true };
	}
	reach.rows = snap.tables.travel_times?.rows ?? 0;
}

/**
 * The networks at start: the user's cut networks kept from an earlier visit (network files in
 * IndexedDB, opened as they are: no re-import), else the shipped approximate Lucerne networks
 * (PT: synthetic GTFS on real stops; car: approximate roads): as the build's network files when it made
 * them (app/default-networks.ts), else built from their inputs.
 */
export async function loadDefaultNetworks(): Promise<void> {
	// Asked for at once (no await before run): computations asked for after this call wait for it.
	await run('network', async () => {
		const w = worker();
		const open = (mode: Mode, file: Blob | Uint8Array, name: string, label: string) => {
			const call = { file, name, region: null, label, wantFile: false };
			return mode === 'pt' ? w.openTransit(call) : w.openRoads(call);
		};
		for (const mode of ['pt', 'car'] as const) {
			const c = await persist.get<CachedNetwork>(CACHE_KEY[mode]).catch(() => undefined);
			if (c) {
				try {
					await open(mode, c.netfile, c.info.fileName ?? `${mode}.swnet`, c.info.label);
					reach.networks[mode] = c.info;
					continue;
				} catch {
					await persist.del(CACHE_KEY[mode]).catch(() => {}); // unreadable cache: forget it, use the default
				}
			}
			const label = networkLabel(mode, { approximate: true });
			const file = await shippedFile(defaultNetworkUrls, APPROX_NETWORK_FILES[mode]).catch(() => null);
			if (file) {
				try {
					reach.networks[mode] = { ...(await open(mode, file, APPROX_NETWORK_FILES[mode], label)).info, approximate: true };
					continue;
				} catch (e) {
					console.warn(`${APPROX_NETWORK_FILES[mode]}: not opened, building the network from its input`, e);
				}
			}
			// The input itself (GTFS zip, GeoJSON roads), through the same opening path.
			const input = await shippedFile(networkFiles, APPROX_INPUTS[mode]);
			if (input) reach.networks[mode] = { ...(await open(mode, input, APPROX_INPUTS[mode], label)).info, approximate: true };
		}
	});
}

/** A file the app ships (assets.ts), or null when the build has none of that name. */
async function shippedFile(urls: Record<string, string>, name: string): Promise<Blob | null> {
	const url = urls[name];
	if (!url) return null;
	const r = await fetch(url);
	if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
	return r.blob();
}

/**
 * Replace a mode's network with the user's file: PT a GTFS zip (streamed, cut to the service day and the
 * study region while it is read), car an OSM PBF (cut to the region) or GeoJSON roads; either a network
 * file (.swnet) made earlier. The cut network is kept in IndexedDB for the next visit. On any refusal
 * the working network stays and `reach.loadError` says why, in German and English.
 */
export async function loadUserNetwork(mode: Mode, file: File, opts: { date?: string } = {}): Promise<boolean> {
	reach.loadError = null;
	reach.loadErrorMode = null;
	reach.suggestedDate = null;
	const ok = await run(mode === 'pt' ? 'gtfs' : 'osm', async (signal, onProgress) => {
		const region = await studyRegion(getDb());
		const label = networkLabel(mode, { fileName: file.name, date: mode === 'pt' ? '{date}' : undefined });
		const call = { file, name: file.name, region, label, date: opts.date };
		const r = await (mode === 'pt' ? worker().openTransit(call, { signal, onProgress }) : worker().openRoads(call, { signal, onProgress }));
		const info: NetworkInfo = { ...r.info, approximate: false, fileName: file.name, provenance: r.provenance };
		reach.networks[mode] = info;
		if (r.netfile) await persist.put(CACHE_KEY[mode], { info: $state.snapshot(info), netfile: r.netfile } satisfies CachedNetwork).catch(() => {});
		return true;
	}, mode);
	return ok === true;
}

/** The cut network of a mode as a network file (for download), if one is kept. */
export async function cachedNetworkFile(mode: Mode): Promise<Uint8Array | null> {
	return (await persist.get<CachedNetwork>(CACHE_KEY[mode]).catch(() => undefined))?.netfile ?? null;
}

/** Forget the user's network of a mode, go back to the default and recompute the matrix on it. */
export async function forgetUserNetwork(mode: Mode): Promise<void> {
	await persist.del(CACHE_KEY[mode]).catch(() => {});
	await loadDefaultNetworks();
	if (!isUserTable('travel_times')) await computeTravelTimes();
}

/** Compute all zones × (sites + offices) × loaded modes and store them in travel_times. */
export async function computeTravelTimes(places?: Promise<MatrixPlaces>): Promise<void> {
	await run('matrix', async (signal, onProgress) => {
		const r = await runPipeline(getDb(), workerEngine, loadedModes(), { signal, onProgress, places });
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

/** Isochrones for the given sites and modes (15/30/45/60 min on the 250 m region raster, see grid.svelte.ts). */
export async function computeIsochrones(sites: Array<{ id: string; lon: number; lat: number }>, modes: Mode[] = ['pt', 'car']): Promise<void> {
	const fc = await run('isochrones', async (signal, onProgress) => {
		await (await import('./grid.svelte.ts')).ensureRegion();
		// The region raster is used once prepared; the scenario's extent is the fallback raster.
		const bbox = await scenarioExtent(getDb(), 3);
		if (!bbox) return null;
		// Snapshot: reactive proxies cannot be posted to a worker.
		return worker().isochrones($state.snapshot({ sites, modes, thresholds: [15, 30, 45, 60], bbox, cellM: 250 }), { signal, onProgress });
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
		await networksReady();
		if (ac.signal.aborted) return null;
		return await worker().cellTimes($state.snapshot({ zones, cells, modes: loadedModes() }), { signal: ac.signal, onProgress: (f) => (cellJob.progress = f) });
	} catch (e) {
		if (!(e instanceof CancelledError)) cellJob.error = errorText(e);
		return null;
	} finally {
		if (cellAbort === ac) {
			cellJob.busy = false;
			cellAbort = null;
		}
	}
}
