/**
 * URLs of the data files the app ships (from data/), resolved by Vite at build time so every
 * file is served from the app's own origin with a content hash.
 */
const demo = import.meta.glob('/data/demo/*.csv', { query: '?url', import: 'default', eager: true }) as Record<string, string>;
const geo = import.meta.glob('/data/*.{geojson,csv}', { query: '?url', import: 'default', eager: true }) as Record<string, string>;
const networks = import.meta.glob('/data/networks/lucerne_*', { query: '?url', import: 'default', eager: true }) as Record<string, string>;
// Written by the build (scripts/vite/snapshot-plugin.ts); absent when that failed: then nothing matches.
const derived = import.meta.glob('/data/derived/default-snapshot.bin', { query: '?url', import: 'default', eager: true }) as Record<string, string>;
const derivedNetworks = import.meta.glob('/data/derived/default-*.swnet', { query: '?url', import: 'default', eager: true }) as Record<string, string>;

function byName(m: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(m).map(([k, v]) => [k.split('/').pop()!, v]));
}

export const demoFiles = byName(demo);
export const geoFiles = byName(geo);
export const networkFiles = byName(networks);
/** URLs of the default networks as network files (app/default-networks.ts), if the build made them. */
export const defaultNetworkUrls = byName(derivedNetworks);
/** URL of the default scenario's build-time snapshot (src/lib/app/snapshot.ts), if the build made one. */
export const snapshotUrl: string | undefined = Object.values(derived)[0];

/** Fetch a shipped file as text; throws with the file name on failure. */
export async function fetchText(files: Record<string, string>, name: string): Promise<string> {
	const url = files[name];
	if (!url) throw new Error(`missing data file: ${name}`);
	const r = await fetch(url);
	if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
	return r.text();
}

/** Fetch a shipped JSON file. */
export async function fetchJson<T>(files: Record<string, string>, name: string): Promise<T> {
	return JSON.parse(await fetchText(files, name)) as T;
}
