/**
 * Build the default scenario's snapshot (src/lib/app/snapshot.ts): load the shipped demo data, the
 * approximate networks, compute travel_times and the raster figures with the same code the app and CLI
 * use, and write the derived tables as Arrow IPC. Beside it, the approximate networks as network files
 * (app/default-networks.ts), which the app opens at start instead of building them. Run by the Vite build
 * (scripts/vite/snapshot-plugin.ts) into data/derived/; `npx tsx scripts/snapshot.ts out.bin` by hand.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openNodeDb, resultToIPC } from '../src/lib/data/db/node.ts';
import type { Db } from '../src/lib/data/db/connector.ts';
import { carInfo, ptInfo } from '../src/lib/reach/worker-handlers.ts';
import { loadDemo, DEFAULT_SCENARIO_FILES } from '../src/lib/data/demo.ts';
import { DATA_DIR } from '../src/lib/data/geocode-node.ts';
import { computeTravelTimes } from '../src/lib/app/travel-times.ts';
import { localEngine } from '../src/lib/app/engine-local.ts';
import { encodeSnapshot, textsHash, SNAPSHOT_FORMAT, SNAPSHOT_TABLES } from '../src/lib/app/snapshot.ts';
import { loadNetworks } from './cli/_networks.ts';
import { computeSiteReachInto } from './cli/_reach.ts';
import { loadRegion } from './cli/_region.ts';
import { computeCriteria, DEFAULT_PARAMS } from '../src/lib/model/index.ts';
import { defaultNetworkFiles } from '../src/lib/app/default-networks.ts';
import { APPROX_NETWORK_FILES } from '../src/lib/app/networks.ts';
import { DEFAULT_GTFS, DEFAULT_ROADS } from './cli/_data.ts';

/**
 * Load the shipped default into `db` (an empty database), compute its derived tables as the app does
 * and return them as a snapshot. `db` keeps everything, so a test can compare it with a snapshot applied.
 */
export async function buildSnapshot(db: Db): Promise<Uint8Array> {
	const texts = DEFAULT_SCENARIO_FILES.map((f) => readFileSync(path.join(DATA_DIR, 'demo', f), 'utf8'));
	await loadDemo(db, async (name) => texts[DEFAULT_SCENARIO_FILES.indexOf(name)]);
	const nets = await loadNetworks(db, []);
	await computeTravelTimes(db, localEngine(nets), ['pt', 'car']);
	await computeSiteReachInto(db, nets, await loadRegion(db));
	const tables: Record<string, { ipc: Uint8Array; rows: number }> = {};
	for (const name of SNAPSHOT_TABLES) {
		const t = await db.arrow(`SELECT * FROM "${name}"`);
		tables[name] = { ipc: resultToIPC(t), rows: t.numRows };
	}
	const { pt, car } = nets;
	// The default's criteria too, so the app can show the analysis while DuckDB is still starting.
	const criteria = await computeCriteria(db, { ...DEFAULT_PARAMS });
	return encodeSnapshot(
		{
			format: SNAPSHOT_FORMAT,
			demoHash: await textsHash(texts),
			createdAt: new Date().toISOString(),
			networks: { pt: pt && ptInfo(pt, pt.date, pt.warnings ?? []), car: car && carInfo(car) },
			criteria
		},
		tables
	);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	const out = process.argv[2] ?? 'build/snapshot/default.bin';
	mkdirSync(path.dirname(out), { recursive: true });
	const db = await openNodeDb();
	const bytes = await buildSnapshot(db);
	await db.close();
	writeFileSync(out, bytes);
	const nets = await defaultNetworkFiles({ gtfsZip: readFileSync(DEFAULT_GTFS), roadsGeojson: readFileSync(DEFAULT_ROADS) }, 'Standortwahl build');
	for (const mode of ['pt', 'car'] as const) writeFileSync(path.join(path.dirname(out), APPROX_NETWORK_FILES[mode]), nets[mode]);
	console.error(`${out}: ${(bytes.length / 1024).toFixed(0)} kB; network files ${Object.values(APPROX_NETWORK_FILES).join(', ')}`);
}
