/**
 * App-wide state: the browser DuckDB, the loaded scenario and a data version that pages watch to
 * re-query after an import. One start-up for the whole app (shared promise).
 */
import { browserDb } from '../data/db/browser.ts';
import type { Db } from '../data/db/connector.ts';
import { loadDemo, parseMeta, DEFAULT_SCENARIO_FILES, DEMO_META_FILE, type DemoMeta } from '../data/demo.ts';
import { applySnapshot, decodeSnapshot, textsHash, type Snapshot, type SnapshotManifest } from '../app/snapshot.ts';
import type { CriteriaResult } from '../model/index.ts';
import { restoreTable } from '../data/replace.ts';
import { demoFiles, fetchText, snapshotUrl } from './assets.ts';
import { tableNames, tables, type TableName } from '../data/schema.ts';
import { tableToIPC, type Table } from 'apache-arrow';
import * as persist from './persist.ts';

export type Phase = 'starting' | 'loading' | 'ready' | 'error';

/** Where a table's rows came from. */
export type TableOrigin = 'demo' | 'user' | 'computed';

interface AppState {
	phase: Phase;
	error: string | null;
	/** Bumped whenever table contents change; pages re-query on change. */
	version: number;
	/** Where each table's rows came from: the embedded synthetic demo, the user's import, or computed (travel times from the loaded networks). */
	sources: Partial<Record<TableName, TableOrigin>>;
	seed: number | null;
	/** Name of the loaded scenario from the data's meta table (the default: "WAS Luzern"). */
	scenarioName: string;
	/**
	 * The build-time snapshot whose travel times and raster figures were used at start (the untouched
	 * default only), or null: then they are computed live after the networks are loaded.
	 */
	snapshot: SnapshotManifest | null;
	/** Tables kept by an earlier visit that did not read back (the default's rows stand in; the kept copy stays stored). */
	unrestored: { table: TableName; message: string }[];
}

export const app = $state<AppState>({ phase: 'starting', error: null, version: 0, sources: {}, seed: null, scenarioName: '', snapshot: null, unrestored: [] });

/** Whether a table holds the user's own import (kept over recomputation). */
export function isUserTable(t: TableName): boolean {
	return app.sources[t] === 'user';
}

let db: Db | null = null;
let starting: Promise<Db> | null = null;

/** A performance mark of the start-up (read by bench/browser.mjs: cold start by stage). */
function mark(name: string): void {
	globalThis.performance?.mark?.(`standortwahl:${name}`);
}

/** Start DuckDB and load the default scenario once; later calls share the same promise. */
export function startApp(): Promise<Db> {
	starting ??= (async () => {
		try {
			app.phase = 'starting';
			const files = prefetchDefault(); // fetched while DuckDB starts
			db = await browserDb(); // started by hooks.client.ts before hydration
			mark('db-ready');
			app.phase = 'loading';
			app.snapshot = await adoptSnapshot(db);
			if (app.snapshot) mark('snapshot-applied');
			else {
				const { texts } = await files;
				const meta = await loadDemo(db, async (name) => texts.get(name) ?? (await fetchText(demoFiles, name)));
				mark('demo-loaded');
				markDemo(meta);
				await restoreUserTables(db);
			}
			mark('ready');
			app.phase = 'ready';
			app.version++;
			return db;
		} catch (e) {
			app.phase = 'error';
			app.error = e instanceof Error ? e.message : String(e);
			throw e;
		}
	})();
	return starting;
}

/**
 * Settles once the start-up has ended (ready or failed; it is begun here if the layout has not begun it
 * yet: a child mounts before its parent). Work that can wait a second waits for it — the map's start
 * (maplibre's workers, tiling the base layers): starting DuckDB and loading the default take both cores
 * of a small machine, and a map starting beside them made the overview's data ready 0.5–1 s later
 * (bench/browser.mjs, cold start by stage).
 */
export function startSettled(): Promise<void> {
	return startApp().then(
		() => {},
		() => {}
	);
}

/** The default's data files and the build snapshot, fetched once at start. */
let prefetched: Promise<{ texts: Map<string, string>; snapshot: Uint8Array | null }> | null = null;

function prefetchDefault(): Promise<{ texts: Map<string, string>; snapshot: Uint8Array | null }> {
	prefetched ??= (async () => {
		const [entries, snapshot] = await Promise.all([
			Promise.all(DEFAULT_SCENARIO_FILES.map(async (f) => [f, await fetchText(demoFiles, f)] as const)),
			snapshotUrl
				? fetch(snapshotUrl).then(
						async (r) => (r.ok ? new Uint8Array(await r.arrayBuffer()) : null),
						() => null
					)
				: Promise.resolve(null)
		]);
		return { texts: new Map(entries), snapshot };
	})();
	return prefetched;
}

/** No table or network of the user's is kept in the browser (IndexedDB): the start is the shipped default. */
async function nothingOfTheUsersKept(): Promise<boolean> {
	try {
		return !(await persist.keys('table:')).length && !(await persist.keys('network:')).length;
	} catch {
		return true; // no IndexedDB: nothing can be kept
	}
}

let defaultSnapshotOnce: Promise<Snapshot | null> | null = null;

/**
 * The build snapshot when the start is the untouched default: nothing of the user's kept, and the snapshot
 * made from exactly the shipped demo files. Decided once (the early criteria and the tables share it).
 */
function defaultSnapshot(): Promise<Snapshot | null> {
	defaultSnapshotOnce ??= (async () => {
		if (!snapshotUrl || !(await nothingOfTheUsersKept())) return null;
		const { texts, snapshot: bytes } = await prefetchDefault();
		const snap = bytes && decodeSnapshot(bytes);
		if (!snap || snap.manifest.demoHash !== (await textsHash(DEFAULT_SCENARIO_FILES.map((f) => texts.get(f) ?? '')))) return null;
		return snap;
	})();
	return defaultSnapshotOnce;
}

/**
 * The untouched default's criteria from the build snapshot, available before DuckDB has started (the
 * session shows them until its own computation confirms them, see Session.refresh); null for
 * anything else (a user table or network kept, no snapshot, another build's data, no Web Crypto).
 */
export async function earlyDefaultCriteria(): Promise<CriteriaResult | null> {
	try {
		const criteria = (await defaultSnapshot())?.manifest.criteria ?? null;
		if (criteria && app.phase !== 'ready') {
			// The synthetic-data banner and the scenario name are shown with them, as once the data is loaded.
			const meta = await shippedMeta();
			app.seed = meta.seed;
			app.scenarioName = meta.scenario;
		}
		return criteria;
	} catch {
		return null;
	}
}

/**
 * Start from the build's snapshot of the default's database when the data is exactly the default (same
 * demo files, no user table, no user network kept): every table, with the full analysis, at once. Any
 * doubt (no snapshot, other data, no crypto in an insecure context, a decoding or loading failure) →
 * null: the caller loads the demo files and computes live.
 */
async function adoptSnapshot(d: Db): Promise<SnapshotManifest | null> {
	try {
		const snap = await defaultSnapshot();
		if (!snap || !(await applySnapshot(d, snap))) return null;
		markDemo(await shippedMeta());
		app.sources.travel_times = 'computed';
		return snap.manifest;
	} catch (e) {
		console.warn('default snapshot not used; computing live', e);
		return null;
	}
}

/** The started database (throws before startApp resolved). */
export function getDb(): Db {
	if (!db) throw new Error('database not started');
	return db;
}

/** Reload the embedded default scenario, replacing (and forgetting) the user's tables; scenarios stay. */
export async function restoreDefault(): Promise<void> {
	const d = getDb();
	try {
		for (const key of await persist.keys('table:')) await persist.del(key);
	} catch {
		/* no IndexedDB: nothing was kept */
	}
	markDemo(await loadDemo(d, (name) => fetchText(demoFiles, name)));
	app.version++;
}

/** The shipped default's provenance (its meta file, as fetched at start). */
async function shippedMeta(): Promise<Omit<DemoMeta, 'rows'>> {
	return parseMeta((await prefetchDefault()).texts.get(DEMO_META_FILE) ?? '');
}

/** Every table holds the default's rows: its seed and name are shown, its synthetic parts flagged. */
function markDemo(meta: Pick<DemoMeta, 'seed' | 'scenario'>): void {
	app.seed = meta.seed;
	app.scenarioName = meta.scenario;
	app.sources = Object.fromEntries(tableNames.map((n) => [n, 'demo']));
}

/** The user's data replaced a table: pages re-query (keeping it for the next visit may follow). */
export function userTableChanged(table: TableName): void {
	app.sources[table] = 'user';
	app.version++;
}

/**
 * Keep a user table for the next visit (IndexedDB); false if the browser would not store it. `putChunks`
 * stores Arrow IPC chunks elsewhere than on this thread (the data page: the import worker).
 */
export async function keepUserTable(table: TableName, data: Table | Uint8Array[], putChunks: (key: string, chunks: Uint8Array[]) => Promise<unknown> = persist.put): Promise<boolean> {
	try {
		const key = `table:${table}`;
		await (Array.isArray(data) ? putChunks(key, data) : persist.put(key, tableToIPC(data, 'stream')));
		return true;
	} catch (e) {
		console.warn('could not keep the table for the next visit', e);
		return false;
	}
}

/** Put back the tables a user imported in an earlier visit (IndexedDB), over the demo. */
async function restoreUserTables(d: Db): Promise<void> {
	let stored: string[] = [];
	try {
		stored = await persist.keys('table:');
	} catch {
		return; // no IndexedDB (private mode): nothing was kept
	}
	for (const key of stored) {
		const name = key.slice('table:'.length) as TableName;
		if (!(name in tables)) continue;
		try {
			const bytes = await persist.get<Uint8Array | Uint8Array[]>(key);
			if (!bytes) continue;
			await restoreTable(d, name, Array.isArray(bytes) ? bytes : [bytes]);
			app.sources[name] = 'user';
		} catch (e) {
			// One kept table that no longer reads must not stop the app: the default's rows stay, and the page says so.
			app.unrestored.push({ table: name, message: (e instanceof Error ? e.message.split('\n')[0] : String(e)).replace(/\.$/, '') });
		}
	}
}

/** Forget every table and scenario the user stored, and go back to the default scenario. */
export async function clearAllData(): Promise<void> {
	await persist.clearAll();
	await restoreDefault();
}
