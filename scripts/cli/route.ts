import { readFileSync } from 'node:fs';
import { rows } from '../../src/lib/data/db/connector.ts';
import { loadGtfs, loadRoads } from '../../src/lib/reach/networks.ts';
import { route as ptRoute, parseGtfsTime, formatTime } from '../../src/lib/reach/gtfs/index.ts';
import { routeCar } from '../../src/lib/reach/road/index.ts';
import { option, lang as langOf } from './_args.ts';
import { DEFAULT_GTFS, DEFAULT_ROADS, openScenarioDb } from './_data.ts';

export const summary = 'One origin → site query with the itinerary (PT arrive-by or car)';

const HELP = `Usage: npm run cli -- route --from <lon,lat|zone_id> --to <site_id|office_id|lon,lat> [--mode pt|car]
                             [--arrive 08:00] [--data folder] [--gtfs feed.zip] [--date YYYY-MM-DD]
                             [--pbf roads.osm.pbf | --roads roads.geojson]
Example: npm run cli -- route --from 1103 --to S1-EICHHOF --mode pt --arrive 08:00`;

export async function run(args: string[]): Promise<number> {
	const from = option(args, '--from');
	const to = option(args, '--to');
	if (args.includes('--help') || !from || !to) {
		console.log(HELP);
		return args.includes('--help') ? 0 : 2;
	}
	const db = await openScenarioDb(option(args, '--data'), langOf(args));
	if (!db) return 1;
	try {
		const resolvePoint = async (s: string): Promise<{ lon: number; lat: number; label: string } | null> => {
			const m = /^(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)$/.exec(s);
			if (m) return { lon: Number(m[1]), lat: Number(m[2]), label: s };
			const q = `SELECT name, lon, lat FROM (SELECT site_id AS id, name, lon, lat FROM sites UNION ALL SELECT office_id, name, lon, lat FROM offices UNION ALL SELECT CAST(zone_id AS VARCHAR), name, lon, lat FROM zones) WHERE id = '${s.replaceAll("'", "''")}'`;
			const [r] = await rows<{ name: string; lon: number; lat: number }>(db, q);
			return r ? { lon: r.lon, lat: r.lat, label: `${r.name} (${s})` } : null;
		};
		const a = await resolvePoint(from);
		const b = await resolvePoint(to);
		if (!a || !b) {
			console.error(`Unknown place: ${!a ? from : to} (give lon,lat or an id of a site, office or zone)`);
			return 2;
		}
		if ((option(args, '--mode') ?? 'pt') === 'car') {
			const roads = option(args, '--pbf');
			const net = loadRoads(roads ? { pbf: readFileSync(roads) } : { geojson: readFileSync(option(args, '--roads') ?? DEFAULT_ROADS, 'utf8') }, roads ?? 'roads');
			const r = routeCar(net.graph, a, b);
			if (!r) {
				console.log('No car route (an end is too far from the road network).');
				return 1;
			}
			console.log(`${a.label} → ${b.label} by car: ${r.minutes.toFixed(1)} min, ${(r.meters / 1000).toFixed(1)} km (snap ${Math.round(r.snapFromM)} m / ${Math.round(r.snapToM)} m)`);
			return 0;
		}
		const gtfs = option(args, '--gtfs') ?? DEFAULT_GTFS;
		const net = loadGtfs(readFileSync(gtfs), gtfs, option(args, '--date'));
		const deadline = parseGtfsTime((option(args, '--arrive') ?? '08:00') + (/:\d\d:\d\d$/.test(option(args, '--arrive') ?? '') ? '' : ':00'));
		const it = ptRoute(net.timetable, a, b, deadline);
		if (!it) {
			console.log(`No PT connection arriving by ${option(args, '--arrive') ?? '08:00'} on ${net.date}.`);
			return 1;
		}
		console.log(`${a.label} → ${b.label}, arrive by ${option(args, '--arrive') ?? '08:00'} on ${net.date}: leave ${formatTime(it.leave)}, arrive ${formatTime(it.arrive)}`);
		console.log(`  journey ${it.minutes.toFixed(0)} min door to door, ${it.changes} change(s); wait before the deadline ${it.waitMinutes.toFixed(0)} min`);
		for (const l of it.legs) console.log(`  ${l.depHm}–${l.arrHm}  ${l.mode === 'walk' ? 'walk' : `${l.route ?? ''} → ${l.headsign ?? ''}`.padEnd(24)}  ${l.from} → ${l.to}`);
		return 0;
	} finally {
		await db.close();
	}
}
