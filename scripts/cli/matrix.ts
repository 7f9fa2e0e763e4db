import { writeFileSync } from 'node:fs';
import { travelTimeRows, type Mode, type TravelTimeRow } from '../../src/lib/reach/matrix.ts';
import { tables } from '../../src/lib/data/schema.ts';
import { toCsvText } from '../../src/lib/util/csv.ts';
import { matrixRequest } from '../../src/lib/app/travel-times.ts';
import { localEngine } from '../../src/lib/app/engine-local.ts';
import { ENGINE_HELP, engine, option, lang as langOf } from './_args.ts';
import { openScenarioDb } from './_data.ts';
import { loadNetworks } from './_networks.ts';

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
		const nets = await loadNetworks(db, args, modes, (l) => console.error(l));
		const request = await matrixRequest(db, modes);
		const t1 = performance.now();
		const result = travelTimeRows(await localEngine(nets).matrix(request));
		const t2 = performance.now();
		const out = option(args, '--out');
		if (out?.endsWith('.parquet')) await writeParquet(result, out);
		else {
			const csv = toCsv(result);
			if (out) writeFileSync(out, csv);
			else process.stdout.write(csv);
		}
		console.error(
			`${result.length} travel times: (${request.zones.length} zones + ${request.cells.length} home cells) × ${request.destinations.length} destinations × ${modes.join("+")}` +
				(nets.pt ? ` · PT service day ${nets.pt.date} (${nets.pt.source})` : '') +
				(nets.car ? ` · roads ${nets.car.source}` : '') +
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
	return toCsvText(
		cols,
		rs.map((r) => cols.map((c) => r[c]))
	);
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
