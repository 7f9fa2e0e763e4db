import { readFileSync, writeFileSync } from 'node:fs';
import { rows } from '../../src/lib/data/db/connector.ts';
import { loadGtfs, loadRoads } from '../../src/lib/reach/networks.ts';
import { computeMatrix, type Mode, type TravelTimeRow } from '../../src/lib/reach/matrix.ts';
import { tables } from '../../src/lib/data/schema.ts';
import { ENGINE_HELP, engine, option, lang as langOf } from './_args.ts';
import { DEFAULT_GTFS, DEFAULT_ROADS, openScenarioDb } from './_data.ts';

export const summary = 'Compute the travel-time matrix (zones × sites and offices × PT/car) and write CSV or Parquet';

const HELP = `Usage: npm run cli -- matrix [--data folder] [--gtfs feed.zip] [--date YYYY-MM-DD]
                              [--pbf roads.osm.pbf | --roads roads.geojson] [--modes pt,car]
                              [--out travel_times.csv|.parquet] [--engine native|wasm]
Without --data: the Lucerne default scenario. Without --gtfs/--pbf/--roads: the approximate Lucerne networks.
Origins are the zones (municipality centroids); destinations are all sites and offices.
PT: arrival window 07:00-08:30 every minute, p50/p80 and median changes. Car: peak-hour factor.
${ENGINE_HELP} (Here it only holds the scenario tables; routing runs in TypeScript.)`;

export async function run(args: string[]): Promise<number> {
	if (args.includes('--help')) {
		console.log(HELP);
		return 0;
	}
	const t0 = performance.now();
	const db = await openScenarioDb(option(args, '--data'), langOf(args), engine(args));
	if (!db) return 1;
	try {
		const modes = (option(args, '--modes') ?? 'pt,car').split(',') as Mode[];
		const gtfs = option(args, '--gtfs') ?? DEFAULT_GTFS;
		const pbf = option(args, '--pbf');
		const roads = option(args, '--roads') ?? DEFAULT_ROADS;
		const pt = modes.includes('pt') ? loadGtfs(readFileSync(gtfs), gtfs, option(args, '--date')) : undefined;
		const car = modes.includes('car') ? loadRoads(pbf ? { pbf: readFileSync(pbf) } : { geojson: readFileSync(roads, 'utf8') }, pbf ?? roads) : undefined;
		const zones = await rows<{ zone_id: number; lon: number; lat: number; population: number | null; area_km2: number | null }>(db, 'SELECT zone_id, lon, lat, population, area_km2 FROM zones ORDER BY zone_id');
		const dests = await rows<{ id: string; lon: number; lat: number; zone_id: number | null }>(db, 'SELECT site_id AS id, lon, lat, zone_id FROM sites UNION ALL SELECT office_id, lon, lat, zone_id FROM offices');
		const t1 = performance.now();
		const result = await computeMatrix({ pt, car }, zones, dests, { modes });
		const t2 = performance.now();
		const out = option(args, '--out');
		if (out?.endsWith('.parquet')) await writeParquet(result, out);
		else {
			const csv = toCsv(result);
			if (out) writeFileSync(out, csv);
			else process.stdout.write(csv);
		}
		console.error(
			`${result.length} travel times: ${zones.length} zones × ${dests.length} destinations × ${modes.join('+')}` +
				(pt ? ` · PT service day ${pt.date}` : '') +
				` · networks ${((t1 - t0) / 1000).toFixed(1)} s, matrix ${((t2 - t1) / 1000).toFixed(2)} s` +
				(out ? ` → ${out}` : '')
		);
		return 0;
	} finally {
		await db.close();
	}
}

function toCsv(rs: TravelTimeRow[]): string {
	const cols = tables.travel_times.columns.map((c) => c.name) as (keyof TravelTimeRow)[];
	const esc = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
	return [cols.join(','), ...rs.map((r) => cols.map((c) => esc(r[c])).join(','))].join('\n') + '\n';
}

/** Parquet through native DuckDB (the wasm build has no Parquet writer): CSV in a temp file, COPY out. */
async function writeParquet(rs: TravelTimeRow[], out: string): Promise<void> {
	const { DuckDBInstance } = await import('@duckdb/node-api');
	const { mkdtempSync } = await import('node:fs');
	const os = await import('node:os');
	const path = await import('node:path');
	const tmp = path.join(mkdtempSync(path.join(os.tmpdir(), 'matrix-')), 'tt.csv');
	writeFileSync(tmp, toCsv(rs));
	const inst = await DuckDBInstance.create(':memory:');
	const con = await inst.connect();
	const types = tables.travel_times.columns.map((c) => `'${c.name}': '${c.type === 'integer' ? 'BIGINT' : c.type === 'text' ? 'VARCHAR' : 'DOUBLE'}'`).join(', ');
	await con.run(`COPY (SELECT * FROM read_csv('${tmp}', header=true, columns={${types}})) TO '${out.replaceAll("'", "''")}' (FORMAT parquet)`);
}
