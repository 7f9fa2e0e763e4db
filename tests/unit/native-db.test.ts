/**
 * The native DuckDB engine (src/lib/data/db/native.ts, @duckdb/node-api) behind the same Db
 * interface as duckdb-wasm: same Arrow types and plain values for every column type the schema and
 * the model use, the importer's insertArrow path, and identical criteria and scores on the Lucerne
 * default scenario with the routed travel-time matrix.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromColumns } from '../../src/lib/data/arrow.ts';
import { arrowToRows, rows, type Db } from '../../src/lib/data/db/connector.ts';
import { openNativeDb } from '../../src/lib/data/db/native.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { loadDemo } from '../../src/lib/data/demo.ts';
import { DATA_DIR } from '../../src/lib/data/geocode-node.ts';
import { replaceTable } from '../../src/lib/data/replace.ts';
import { tables } from '../../src/lib/data/schema.ts';
import { computeCriteria, createScenario, dataVersion, scoreSites, type CriteriaResult, type ScoreResult } from '../../src/lib/model/index.ts';
import { computeMatrix, type TravelTimeRow } from '../../src/lib/reach/matrix.ts';
import { loadGtfs, loadRoads } from '../../src/lib/reach/networks.ts';

const TYPES_SQL = `SELECT sum(x) AS h, count(*) AS c, 0.5 AS d, 1234.5678::DECIMAL(30,4) AS d30, -3.125 AS dn,
  3::INTEGER AS i, 2::SMALLINT AS si, 1.5::FLOAT AS f, 2.25::DOUBLE AS dbl, DATE '2025-01-02' AS dt,
  TIMESTAMP '2025-01-02 03:04:05' AS ts, [1, NULL, 3] AS l, {'a': 1, 'b': 'x'} AS s, true AS b, 'grüezi' AS v,
  NULL AS n, NULL::DATE AS nd, NULL::VARCHAR AS nv, NULL::DOUBLE AS ndbl
FROM (SELECT range::BIGINT AS x FROM range(3))`;

describe('native DuckDB Db: values', () => {
	it('returns the Arrow types and plain values duckdb-wasm returns', async () => {
		const wasm = await openNodeDb();
		const native = await openNativeDb();
		try {
			const [a, b] = [await wasm.arrow(TYPES_SQL), await native.arrow(TYPES_SQL)];
			expect(b.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(a.schema.fields.map((f) => `${f.name}:${String(f.type)}`));
			const [ra] = arrowToRows(a);
			const [rb] = arrowToRows(b);
			// LIST and STRUCT values are Arrow row views: compare what a caller reads from them.
			expect(JSON.parse(JSON.stringify(rb))).toEqual(JSON.parse(JSON.stringify(ra)));
			expect(rb).toMatchObject({ h: 3, c: 3, d: 0.5, d30: 1234.5678, dn: -3.125, dt: '2025-01-02', v: 'grüezi', n: null });
			expect(JSON.stringify(b.getChild('l')!.get(0))).toBe('[1,null,3]');
		} finally {
			await wasm.close();
			await native.close();
		}
	});

	it('insertArrow creates and appends by position, with nulls, dates and many chunks', async () => {
		const db = await openNativeDb();
		try {
			const n = 5000;
			const ids = Array.from({ length: n }, (_, i) => i);
			const t = tableFromColumns([
				{ name: 'id', type: 'integer', values: ids },
				{ name: 'name', type: 'text', values: ids.map((i) => (i % 11 === 0 ? null : `n${i}`)) },
				{ name: 'x', type: 'number', values: ids.map((i) => (i % 7 === 0 ? null : i / 4)) },
				{ name: 'd', type: 'date', values: ids.map((i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10)) },
				{ name: 'b', type: 'boolean', values: ids.map((i) => (i % 3 === 0 ? null : i % 2 === 0)) }
			]);
			await db.insertArrow(t, 'c', 'create');
			await db.exec('CREATE TABLE a (id BIGINT, name VARCHAR, x DOUBLE, d DATE, b BOOLEAN)');
			await db.insertArrow(t, 'a', 'append');
			await db.insertArrow(t, 'a', 'append');
			type Agg = { n: number; s: number; names: number; sx: number; nx: number; md: string; mind: string; nb: number; cb: number };
			const q = (tab: string) =>
				rows<Agg>(db, `SELECT count(*) AS n, sum(id) AS s, count(name) AS names, sum(x) AS sx, count(x) AS nx, max(d) AS md, min(d) AS mind, count(*) FILTER (WHERE b) AS nb, count(b) AS cb FROM ${tab}`);
			const [c] = await q('c');
			expect(c).toEqual({ n, s: (n * (n - 1)) / 2, names: n - Math.ceil(n / 11), sx: expect.any(Number), nx: n - Math.ceil(n / 7), md: '2033-09-08', mind: '2020-01-01', nb: 1666, cb: n - Math.ceil(n / 3) });
			const [a] = await q('a');
			expect(a).toEqual({ ...c, n: 2 * n, s: 2 * c.s, names: 2 * c.names, sx: 2 * c.sx, nx: 2 * c.nx, nb: 2 * c.nb, cb: 2 * c.cb });
			const [row] = await rows(db, "SELECT * FROM c WHERE id = 33");
			expect(row).toEqual({ id: 33, name: null, x: 8.25, d: '2020-02-03', b: null });
		} finally {
			await db.close();
		}
	});
});

describe('native DuckDB Db: same model results as duckdb-wasm', () => {
	let matrix: TravelTimeRow[];
	const out: Record<string, { c: CriteriaResult; s: ScoreResult; hash: string; tt: number }> = {};
	const dbs: Db[] = [];

	beforeAll(async () => {
		// The routed matrix of the default scenario (same rows for both engines).
		const wasm = await openNodeDb();
		dbs.push(wasm);
		const native = await openNativeDb();
		dbs.push(native);
		for (const [name, db] of [
			['wasm', wasm],
			['native', native]
		] as const) {
			await loadDemo(db, async (f) => readFileSync(path.join(DATA_DIR, 'demo', f), 'utf8'));
			if (!matrix) {
				const pt = loadGtfs(readFileSync(path.join(DATA_DIR, 'networks/lucerne_approx_gtfs.zip')), 'gtfs');
				const car = loadRoads({ geojson: readFileSync(path.join(DATA_DIR, 'networks/lucerne_approx_roads.geojson'), 'utf8') }, 'roads');
				const zones = await rows<{ zone_id: number; lon: number; lat: number }>(db, 'SELECT zone_id, lon, lat FROM zones ORDER BY zone_id');
				const dests = await rows<{ id: string; lon: number; lat: number }>(db, 'SELECT site_id AS id, lon, lat FROM sites UNION ALL SELECT office_id, lon, lat FROM offices ORDER BY 1');
				matrix = await computeMatrix({ pt, car }, zones, dests);
			}
			// The importer's commit path: replaceTable → insertArrow(append) into a staging table.
			const cols = tables.travel_times.columns.map((c) => ({ name: c.name, type: c.type, values: matrix.map((r) => r[c.name as keyof TravelTimeRow] as number | string | null) }));
			await replaceTable(db, 'travel_times', tableFromColumns(cols));
			const data = await dataVersion(db);
			const c = await computeCriteria(db, {});
			const s = scoreSites(c, createScenario({ name: 'x', data }).weights);
			const [{ n }] = await rows<{ n: number }>(db, 'SELECT count(*) AS n FROM travel_times');
			out[name] = { c, s, hash: data.hash, tt: n };
		}
	}, 120_000);
	afterAll(async () => {
		for (const db of dbs) await db.close();
	});

	it('loads the same data (same data hash, same travel-time rows)', () => {
		expect(out.native.tt).toBe(matrix.length);
		expect(out.native.tt).toBe(out.wasm.tt);
		expect(out.native.hash).toBe(out.wasm.hash);
	});

	it('computeCriteria gives the same criteria for every site', () => {
		// Floating-point sums may be added up in another order by the multi-threaded engine: compare to 1e-9 relative.
		const norm = (x: unknown): unknown =>
			typeof x === 'number' ? (Number.isInteger(x) ? x : Number(x.toPrecision(10))) : Array.isArray(x) ? x.map(norm) : x && typeof x === 'object' ? Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'trace').map(([k, v]) => [k, norm(v)])) : x;
		expect(out.native.c.sites.length).toBeGreaterThan(5);
		expect(norm(out.native.c.sites)).toEqual(norm(out.wasm.c.sites));
		expect(norm(out.native.c.inputs)).toEqual(norm(out.wasm.c.inputs));
		expect(out.native.c.warnings).toEqual(out.wasm.c.warnings);
		expect(out.native.c.sites.some((s) => s.staff && s.staff.pt.mean !== null && s.customers?.all.meanMinutes)).toBe(true);
	});

	it('scoreSites gives the same ranking and scores', () => {
		expect(out.native.s.ranking.map((r) => r.site_id)).toEqual(out.wasm.s.ranking.map((r) => r.site_id));
		expect(out.native.s.excluded.map((r) => r.site_id)).toEqual(out.wasm.s.excluded.map((r) => r.site_id));
		out.native.s.ranking.forEach((r, i) => expect(r.score).toBeCloseTo(out.wasm.s.ranking[i].score, 9));
	});
});

describe('bulk paths used at scale', () => {
	it('readCsvSql reads a CSV with the schema types, the same on both engines', async () => {
		const { readCsvSql } = await import('../../src/lib/data/read-csv-sql.ts');
		const { mkdtempSync, writeFileSync } = await import('node:fs');
		const os = await import('node:os');
		const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'readcsv-')), 'c.csv');
		const text = 'customer_id,group,count,visits_per_year,lon,lat,zone_id,extra\nA,insured,2,1.5,8.3,47.05,1061,"x, y"\nB,jobseeker,,6,,,1059,\n';
		writeFileSync(file, text);
		const headers = ['customer_id', 'group', 'count', 'visits_per_year', 'lon', 'lat', 'zone_id', 'extra'];
		const native = await openNativeDb();
		const wasm = await instantiateWasmWithFile('c.csv', text);
		try {
			const sqlN = `SELECT * FROM ${readCsvSql('customers', file, headers)}`;
			const a = await native.arrow(sqlN);
			expect(a.schema.fields.map((f) => String(f.type))).toEqual(['Utf8', 'Utf8', 'Int64', 'Float64', 'Float64', 'Float64', 'Int64', 'Utf8']);
			const rn = arrowToRows(a);
			expect(rn).toEqual([
				{ customer_id: 'A', group: 'insured', count: 2, visits_per_year: 1.5, lon: 8.3, lat: 47.05, zone_id: 1061, extra: 'x, y' },
				{ customer_id: 'B', group: 'jobseeker', count: null, visits_per_year: 6, lon: null, lat: null, zone_id: 1059, extra: null }
			]);
			expect(arrowToRows(wasm.conn.query(`SELECT * FROM ${readCsvSql('customers', 'c.csv', headers)}`))).toEqual(rn);
		} finally {
			await native.close();
			wasm.conn.close();
		}
	});

	it('the scale run generates deterministic synthetic customers and staff in valid zones', async () => {
		const { syntheticCustomersSql, syntheticStaffSql } = await import('../../scripts/cli/scale.ts');
		const db = await openNativeDb();
		try {
			await loadDemo(db, async (f) => readFileSync(path.join(DATA_DIR, 'demo', f), 'utf8'));
			await db.exec(syntheticCustomersSql(20000));
			await db.exec(syntheticStaffSql(500));
			const [c] = await rows<{ n: number; h: string; bad: number; groups: number }>(
				db,
				`SELECT count(*) AS n, sum(hash(customer_id, zone_id, lon))::VARCHAR AS h, count(*) FILTER (WHERE zone_id NOT IN (SELECT zone_id FROM zones) OR zone_id IS NULL) AS bad, count(DISTINCT "group") AS groups FROM customers`
			);
			expect(c).toMatchObject({ n: 20000, bad: 0, groups: 3 });
			await db.exec(syntheticCustomersSql(20000));
			const [again] = await rows<{ h: string }>(db, 'SELECT sum(hash(customer_id, zone_id, lon))::VARCHAR AS h FROM customers');
			expect(again.h).toBe(c.h);
			const [s] = await rows<{ n: number; kept: number }>(db, `SELECT count(*) AS n, count(*) FILTER (WHERE office_id IN (SELECT office_id FROM offices WHERE keep)) AS kept FROM staff`);
			expect(s).toEqual({ n: 500, kept: 0 });
			// The bulk file path: Parquet out and back, and a CSV with only some columns (the rest NULL).
			const { loadCustomersSql } = await import('../../scripts/cli/scale.ts');
			const { mkdtempSync, writeFileSync } = await import('node:fs');
			const os = await import('node:os');
			const dir = mkdtempSync(path.join(os.tmpdir(), 'bulk-'));
			await db.exec(`COPY customers TO '${path.join(dir, 'c.parquet')}' (FORMAT parquet)`);
			await db.exec(loadCustomersSql(path.join(dir, 'c.parquet')));
			const [p] = await rows<{ h: string }>(db, 'SELECT sum(hash(customer_id, zone_id, lon))::VARCHAR AS h FROM customers');
			expect(p.h).toBe(c.h);
			writeFileSync(path.join(dir, 'c.csv'), 'group,visits_per_year,zone_id\ninsured,0.2,1061\njobseeker,6,1059\n');
			await db.exec(loadCustomersSql(path.join(dir, 'c.csv')));
			expect(await rows(db, 'SELECT * FROM customers ORDER BY zone_id')).toEqual([
				{ customer_id: null, group: 'jobseeker', count: null, visits_per_year: 6, lon: null, lat: null, zone_id: 1059, geocode_quality: null },
				{ customer_id: null, group: 'insured', count: null, visits_per_year: 0.2, lon: null, lat: null, zone_id: 1061, geocode_quality: null }
			]);
		} finally {
			await db.close();
		}
	});
});

/** duckdb-wasm (blocking Node bindings) with one registered text file. */
async function instantiateWasmWithFile(name: string, text: string) {
	const { instantiateNodeWasm } = await import('../../src/lib/data/db/node.ts');
	const db = await instantiateNodeWasm();
	db.registerFileText(name, text);
	return { db, conn: db.connect() };
}
