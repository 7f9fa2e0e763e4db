/**
 * `npm run cli -- scale [--customers N] [--staff N] [--engine native|wasm] [--threads N] [--memory-limit 8GB]
 *                       [--parquet-dir dir] [--times routed|estimate] [--customers-file f.csv|f.parquet]`
 * Scale run: the Lucerne default scenario with N synthetic customers (and optionally N synthetic staff)
 * generated in SQL, then the model's computeCriteria + scoreSites timed on the chosen engine. Prints
 * each step's time and the process's peak memory; see docs/SCALE.md for measured figures.
 */
import { closeSync, mkdirSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { lit, rows, type Db } from '../../src/lib/data/db/connector.ts';
import { openNativeDb } from '../../src/lib/data/db/native.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { loadDemo } from '../../src/lib/data/demo.ts';
import { DATA_DIR } from '../../src/lib/data/geocode-node.ts';
import { duckType, ident, tables } from '../../src/lib/data/schema.ts';
import { readCsvSql } from '../../src/lib/data/read-csv-sql.ts';
import { computeCriteria, createScenario, dataVersion, estimateTravelTimes, scoreSites } from '../../src/lib/model/index.ts';
import { computeTravelTimes } from '../../src/lib/app/travel-times.ts';
import { localEngine } from '../../src/lib/app/engine-local.ts';
import { loadNetworks } from './_networks.ts';
import { engine, option } from './_args.ts';

export const summary = 'Scale run: N synthetic customers/staff on the default scenario, time computeCriteria (native or wasm DuckDB)';

const HELP = `Usage: npm run cli -- scale [--customers 5000000] [--staff 0] [--engine native|wasm] [--threads N]
                             [--memory-limit 8GB] [--parquet-dir dir] [--times routed|estimate]
                             [--customers-file customers.csv|customers.parquet]
Loads the Lucerne default scenario, replaces customers with N synthetic customers (one row each, zones
drawn by population, groups employer/insured/jobseeker 55/33/12 %, visits 0.3/0.2/6 per year, seeded
hash, so every run is identical), adds N synthetic staff if --staff is given, computes travel times
(routed on the approximate Lucerne networks, or crow-fly estimates), then times computeCriteria and
scoreSites. --parquet-dir (native only) also writes customers to Parquet and times reading it back.
--customers-file loads customers from a file instead (columns as in the customers table, with zone_id):
Parquet via read_parquet, CSV via read_csv with the schema's types and no sniffing (readCsvSql). This bulk
path skips the importer's row-by-row validation; validate such files with "npm run cli -- validate" first.`;

const mb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function step<T>(label: string, f: () => Promise<T>): Promise<T> {
	const t0 = performance.now();
	const v = await f();
	console.log(`${label.padEnd(54)} ${((performance.now() - t0) / 1000).toFixed(2).padStart(8)} s   peak RSS ${String(mb()).padStart(6)} MB`);
	return v;
}

/** N synthetic customers, one row each, zones drawn by population (ASOF join on the cumulative share). */
export function syntheticCustomersSql(n: number, seed = 2026): string {
	return `CREATE OR REPLACE TABLE customers AS
WITH z AS (
  SELECT zone_id, lon, lat,
    (sum(population) OVER (ORDER BY zone_id) - population)::DOUBLE / sum(population) OVER () AS lo
  FROM zones WHERE population > 0),
g AS (
  SELECT i,
    (hash(i * 4 + ${seed}) % 1000000007)::DOUBLE / 1000000007 AS u,
    hash(i * 4 + 1 + ${seed}) % 100 AS grp,
    ((hash(i * 4 + 2 + ${seed}) % 10007)::DOUBLE / 10007 - 0.5) * 0.02 AS dx,
    ((hash(i * 4 + 3 + ${seed}) % 10009)::DOUBLE / 10009 - 0.5) * 0.014 AS dy
  FROM range(${Math.trunc(n)}) t(i))
SELECT 'X' || g.i AS customer_id,
  CASE WHEN grp < 55 THEN 'employer' WHEN grp < 88 THEN 'insured' ELSE 'jobseeker' END AS "group",
  1::BIGINT AS "count",
  CASE WHEN grp < 55 THEN 0.3 WHEN grp < 88 THEN 0.2 ELSE 6 END::DOUBLE AS visits_per_year,
  z.lon + g.dx AS lon, z.lat + g.dy AS lat, z.zone_id::BIGINT AS zone_id
FROM g ASOF JOIN z ON g.u >= z.lo`;
}

/** Replace customers from a Parquet or CSV file, casting to the schema's columns (missing ones NULL). */
export function loadCustomersSql(file: string): string {
	if (file.toLowerCase().endsWith('.parquet'))
		// geocode_quality is set by the importer; synthetic scale files do not carry it.
		return `CREATE OR REPLACE TABLE customers AS SELECT ${tables.customers.columns.map((c) => (c.name === 'geocode_quality' ? `NULL::VARCHAR` : `CAST(${ident(c.name)} AS ${duckType(c.type)})`) + ` AS ${ident(c.name)}`).join(', ')} FROM read_parquet(${lit(file)})`;
	// Header row only (the first 64 KB), for the column order read_csv needs.
	const fd = openSync(file, 'r');
	const buf = Buffer.alloc(64 * 1024);
	const len = readSync(fd, buf, 0, buf.length, 0);
	closeSync(fd);
	const headers = buf.subarray(0, len).toString('utf8').split(/\r?\n/)[0].split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
	const have = new Set(headers);
	const source = readCsvSql('customers', file, headers);
	const cols = tables.customers.columns.map((c) => (have.has(c.name) ? `CAST(${ident(c.name)} AS ${duckType(c.type)})` : `NULL::${duckType(c.type)}`) + ` AS ${ident(c.name)}`);
	return `CREATE OR REPLACE TABLE customers AS SELECT ${cols.join(', ')} FROM ${source}`;
}

/** N synthetic staff at today's offices (not the kept ones), homes drawn like the customers. */
export function syntheticStaffSql(n: number, seed = 2027): string {
	return `CREATE OR REPLACE TABLE staff AS
WITH z AS (
  SELECT zone_id, lon, lat,
    (sum(population) OVER (ORDER BY zone_id) - population)::DOUBLE / sum(population) OVER () AS lo
  FROM zones WHERE population > 0),
o AS (SELECT office_id, unit, row_number() OVER (ORDER BY office_id) - 1 AS k, count(*) OVER () AS n FROM offices WHERE NOT coalesce(keep, FALSE)),
g AS (
  SELECT i,
    (hash(i * 4 + ${seed}) % 1000000007)::DOUBLE / 1000000007 AS u,
    hash(i * 4 + 1 + ${seed}) % 100 AS m,
    hash(i * 4 + 2 + ${seed}) AS oh
  FROM range(${Math.trunc(n)}) t(i))
SELECT 'P' || g.i AS person_id, coalesce(o.unit, 'X') AS unit, CASE WHEN m < 20 THEN 0.6 WHEN m < 35 THEN 0.8 ELSE 1.0 END::DOUBLE AS fte,
  o.office_id, CASE WHEN m < 40 THEN 'pt' WHEN m < 80 THEN 'car' ELSE NULL END AS mode,
  z.lon AS lon, z.lat AS lat, z.zone_id::BIGINT AS zone_id
FROM g ASOF JOIN z ON g.u >= z.lo
JOIN o ON o.k = g.oh % o.n`;
}

export async function run(args: string[]): Promise<number> {
	if (args.includes('--help')) {
		console.log(HELP);
		return 0;
	}
	const nCustomers = Number(option(args, '--customers') ?? 5_000_000);
	const nStaff = option(args, '--staff') ? Number(option(args, '--staff')) : 0;
	const eng = engine(args);
	const threads = option(args, '--threads') ? Number(option(args, '--threads')) : undefined;
	const parquetDir = option(args, '--parquet-dir');
	const times = option(args, '--times') ?? 'routed';
	console.log(`# scale run: ${nCustomers.toLocaleString('en')} customers${nStaff ? `, ${nStaff.toLocaleString('en')} staff` : ''}, engine ${eng}${threads ? `, ${threads} threads` : ''}; node ${process.version}`);
	const db: Db = await step(`open ${eng} DuckDB`, () =>
		eng === 'native' ? openNativeDb({ threads, memoryLimit: option(args, '--memory-limit') }) : openNodeDb()
	);
	try {
		await step('load default scenario (zones, offices, sites, staff)', () => loadDemo(db, async (f) => readFileSync(path.join(DATA_DIR, 'demo', f), 'utf8')));
		if (times === 'estimate') await step('travel times: crow-fly estimates', () => estimateTravelTimes(db));
		else
			await step('travel times: routed (approx. Lucerne networks)', async () => computeTravelTimes(db, localEngine(await loadNetworks(db, [])), ['pt', 'car']));
		const customersFile = option(args, '--customers-file');
		if (customersFile?.toLowerCase().endsWith('.parquet') && eng !== 'native') {
			console.error('Parquet files need --engine native (duckdb-wasm in Node has no Parquet reader offline; the app reads Parquet with its importer).');
			return 2;
		}
		if (customersFile) await step(`load customers from ${path.basename(customersFile)}`, () => db.exec(loadCustomersSql(customersFile)));
		else await step(`generate ${nCustomers.toLocaleString('en')} customers (SQL)`, () => db.exec(syntheticCustomersSql(nCustomers)));
		if (nStaff) await step(`generate ${nStaff.toLocaleString('en')} staff (SQL)`, () => db.exec(syntheticStaffSql(nStaff)));
		if (parquetDir) {
			if (eng !== 'native') console.log('(--parquet-dir needs --engine native: skipped)');
			else {
				mkdirSync(parquetDir, { recursive: true });
				const file = path.join(parquetDir, 'customers.parquet');
				await step('write customers.parquet (COPY … FORMAT parquet)', () => db.exec(`COPY customers TO ${lit(file)} (FORMAT parquet)`));
				await step('read customers.parquet back (read_parquet)', () => db.exec(`CREATE OR REPLACE TABLE customers AS SELECT * FROM read_parquet(${lit(file)})`));
			}
		}
		const [{ c, tt, s }] = await rows<{ c: number; tt: number; s: number }>(db, 'SELECT (SELECT count(*) FROM customers) AS c, (SELECT count(*) FROM travel_times) AS tt, (SELECT count(*) FROM staff) AS s');
		console.log(`tables: customers ${c.toLocaleString('en')}, staff ${s.toLocaleString('en')}, travel_times ${tt.toLocaleString('en')}`);
		const data = await step('dataVersion (hash over all tables)', () => dataVersion(db));
		const criteria = await step('computeCriteria (first run)', () => computeCriteria(db, {}));
		await step('computeCriteria (second run)', () => computeCriteria(db, {}));
		const score = await step('scoreSites', async () => scoreSites(criteria, createScenario({ name: 'scale', data }).weights));
		console.log(`ranking (${score.excluded.length} excluded): ` + score.ranking.map((r) => `${r.rank}. ${r.site_id} ${r.score.toFixed(1)}`).join(', '));
		const best = criteria.sites.find((x) => x.site_id === score.ranking[0]?.site_id);
		if (best?.customers) console.log(`top site: customers' mean access ${best.customers.all.meanMinutes?.toFixed(2)} min over ${Math.round(best.customers.all.visits).toLocaleString('en')} visits/yr`);
		if (eng === 'native') {
			const mem = await rows<{ tag: string; mb: number }>(db, `SELECT tag, round(memory_usage_bytes / 1048576) AS mb FROM duckdb_memory() WHERE memory_usage_bytes > 0 ORDER BY 2 DESC`);
			console.log('DuckDB buffer memory now: ' + mem.map((m) => `${m.tag} ${m.mb} MB`).join(', '));
		}
		console.log(`peak RSS of the process: ${mb()} MB`);
		return 0;
	} finally {
		await db.close();
	}
}
