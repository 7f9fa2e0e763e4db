import { describe, expect, it, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { rows, type Db } from '../../src/lib/data/db/connector.ts';
import { DEFAULT_SCENARIO_FILES, loadDemo } from '../../src/lib/data/demo.ts';
import { DATA_DIR } from '../../src/lib/data/geocode-node.ts';
import { applySnapshot, decodeSnapshot, encodeSnapshot, textsHash, SNAPSHOT_FORMAT, SNAPSHOT_TABLES } from '../../src/lib/app/snapshot.ts';
import { buildSnapshot } from '../../scripts/snapshot.ts';
import { computeCriteria, DEFAULT_PARAMS } from '../../src/lib/model/index.ts';

const texts = DEFAULT_SCENARIO_FILES.map((f) => readFileSync(path.join(DATA_DIR, 'demo', f), 'utf8'));
const readDemo = async (name: string) => texts[DEFAULT_SCENARIO_FILES.indexOf(name)];

async function all(db: Db, table: string) {
	return rows(db, `SELECT * FROM ${table} ORDER BY ALL`);
}

describe('default snapshot', () => {
	let live: Db;
	let applied: Db;
	let bytes: Uint8Array;
	beforeAll(async () => {
		live = await openNodeDb();
		bytes = await buildSnapshot(live);
		applied = await openNodeDb(); // empty: the snapshot alone must give the whole default
	}, 120_000);
	afterAll(async () => {
		await live.close();
		await applied.close();
	});

	it('applied to an empty database gives exactly the tables the demo loader and a live run give, with their types', async () => {
		const snap = decodeSnapshot(bytes)!;
		expect(snap).not.toBeNull();
		expect(await applySnapshot(applied, snap)).toBe(true);
		// Every table of the live database (but scenario_params, which each criteria computation writes).
		const names = async (db: Db) => (await rows<{ t: string }>(db, "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'main' AND table_name <> 'scenario_params' ORDER BY 1")).map((r) => r.t);
		expect(await names(applied)).toEqual(await names(live));
		expect([...SNAPSHOT_TABLES].sort()).toEqual(await names(live));
		for (const t of SNAPSHOT_TABLES) {
			const want = await all(live, t);
			expect(want.length, t).toBeGreaterThan(0);
			expect(snap.manifest.tables[t].rows, t).toBe(want.length);
			expect(await all(applied, t), t).toEqual(want);
			const columns = `SELECT column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_name = '${t}' ORDER BY ordinal_position`;
			expect(await rows(applied, columns), t).toEqual(await rows(live, columns));
		}
		// Person-level origins are in it (not only zones), and both modes.
		const [{ cells, modes }] = await rows<{ cells: number; modes: number }>(applied, 'SELECT count(DISTINCT origin_cell)::INT AS cells, count(DISTINCT mode)::INT AS modes FROM travel_times');
		expect(cells).toBeGreaterThan(100);
		expect(modes).toBe(2);
	});

	it('carries the default criteria exactly as a live computation on the applied snapshot gives them (JSON-safe)', async () => {
		const snap = decodeSnapshot(bytes)!;
		const m = snap.manifest;
		expect(m.criteria).toBeDefined();
		const live = await computeCriteria(applied, { ...DEFAULT_PARAMS });
		expect(m.criteria).toEqual(JSON.parse(JSON.stringify(live)));
		// Nothing is lost in JSON (a NaN or Infinity would turn into null).
		expect(JSON.parse(JSON.stringify(live))).toEqual(live);
		expect(m.criteria!.sites.length).toBeGreaterThan(5);
		expect(m.criteria!.travelTimeRows).toBeGreaterThan(1000);
	});

	it('names the networks it was computed with, as the worker labels them', () => {
		const m = decodeSnapshot(bytes)!.manifest;
		expect(m.networks.pt).toMatchObject({ mode: 'pt', label: 'approx-lucerne-gtfs' });
		expect(m.networks.pt!.connections).toBeGreaterThan(10_000);
		expect(m.networks.car).toMatchObject({ mode: 'car', label: 'approx-lucerne-roads' });
	});

	it('is tied to the exact demo files', async () => {
		const m = decodeSnapshot(bytes)!.manifest;
		expect(m.demoHash).toBe(await textsHash(texts));
		const edited = texts.map((t, i) => (i === 0 ? t.replace(/\n$/, '') + '\n\n' : t));
		expect(await textsHash(edited)).not.toBe(m.demoHash);
		// Order matters too (the same texts in another order are other files).
		expect(await textsHash([...texts].reverse())).not.toBe(m.demoHash);
	});

	it('refuses what is not a complete snapshot', async () => {
		expect(decodeSnapshot(new Uint8Array(0))).toBeNull();
		expect(decodeSnapshot(bytes.subarray(0, bytes.length - 10))).toBeNull(); // truncated
		const wrongMagic = bytes.slice();
		wrongMagic[0] = 0;
		expect(decodeSnapshot(wrongMagic)).toBeNull();
		const other = encodeSnapshot({ format: SNAPSHOT_FORMAT, demoHash: 'x', createdAt: '', networks: {} }, { travel_times: { ipc: decodeSnapshot(bytes)!.tables.travel_times, rows: 1 } });
		const partial = decodeSnapshot(other)!;
		expect(partial).not.toBeNull();
		const db = await openNodeDb();
		try {
			await loadDemo(db, readDemo);
			expect(await applySnapshot(db, partial)).toBe(false);
			const [{ n }] = await rows<{ n: number }>(db, 'SELECT count(*)::INT AS n FROM travel_times');
			expect(n).toBe(0); // refused before anything changed
		} finally {
			await db.close();
		}
	});
});
