/**
 * Load the data a CLI command works on into a Node DuckDB: a data folder through the importer (same
 * validation and messages as the app) or, without a folder, the embedded Lucerne default scenario.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { openNativeDb } from '../../src/lib/data/db/native.ts';
import type { Engine } from './_args.ts';
import { loadDemo } from '../../src/lib/data/demo.ts';
import { DATA_DIR, loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import { loadDataFolder } from '../../src/lib/data/import/index.ts';
import { readInputs } from '../../src/lib/data/import/node-files.ts';
import { formatIssueTable } from '../../src/lib/data/import/issue-table.ts';
import { APPROX_INPUTS } from '../../src/lib/app/networks.ts';

export const DEFAULT_GTFS = path.join(DATA_DIR, 'networks', APPROX_INPUTS.pt);
export const DEFAULT_ROADS = path.join(DATA_DIR, 'networks', APPROX_INPUTS.car);

/** An empty in-memory DuckDB of the chosen engine (same Db interface, same SQL). */
export function openDb(engine: Engine = 'wasm'): Promise<Db> {
	return engine === 'native' ? openNativeDb() : openNodeDb();
}

/**
 * Open a DuckDB with the default scenario, then (if `folder` is given) the folder's tables over it, so
 * a folder may hold only some tables. Prints the importer's issues; returns null when the folder has errors.
 */
export async function openScenarioDb(folder: string | undefined, lang: 'de' | 'en', engine: Engine = 'wasm'): Promise<Db | null> {
	const db = await openDb(engine);
	await loadDemo(db, async (name) => readFileSync(path.join(DATA_DIR, 'demo', name), 'utf8'));
	if (!folder) return db;
	const r = await loadDataFolder(db, readInputs(folder), { refs: loadGeoRefs() });
	if (r.issues.length) console.error(formatIssueTable(r.issues, lang));
	if (!r.committed) {
		await db.close();
		return null;
	}
	return db;
}
