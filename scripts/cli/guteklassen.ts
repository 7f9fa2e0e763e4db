import { writeFileSync } from 'node:fs';
import { wgs84ToLv95 } from '../../src/lib/data/coords.ts';
import { geojsonText, labelCrs, type Crs } from '../../src/lib/data/geojson-crs.ts';
import { CATEGORY_NAMES, type GuteklassenOptions } from '../../src/lib/reach/guteklassen.ts';
import { guteklassenPolygons, stationPoints } from '../../src/lib/reach/guteklassen-map.ts';
import { siteGuteklassen, stationsOf } from '../../src/lib/reach/site-reach.ts';
import { option, lang as langOf } from './_args.ts';
import { openScenarioDb } from './_data.ts';
import { loadNets, places } from './_reach.ts';

export const summary = 'ÖV-Güteklassen (ARE, classes A–D) from a GTFS feed: class per site, class areas and stops as GeoJSON';

const HELP = `Usage: npm run cli -- guteklassen [--gtfs feed.zip] [--date YYYY-MM-DD] [--data folder]
                                   [--out classes.geojson] [--stations stops.geojson] [--crs wgs84|lv95]
                                   [--tram-group B|C] [--rail-nodes id,id,...]
Method (ARE 2011, see src/lib/reach/guteklassen.ts): departures 06:00-20:00 on the service day (both directions),
interval = 840 min / (departures / 2); mode group A rail node (rail in >= 3 directions, or --rail-nodes), B rail
line and tram (--tram-group C puts trams with buses), C bus/boat/cable car; category I-V; class A-D from category and
straight-line distance (300/500/750/1000 m). Prints the class of every site; --out writes the class areas (within
the box of the sites and offices plus 30 km), --stations the stops with their category.
Without --gtfs: the approximate Lucerne timetable (synthetic; classes only illustrate the method).`;

export async function run(args: string[]): Promise<number> {
	if (args.includes('--help')) {
		console.log(HELP);
		return 0;
	}
	const crs = (option(args, '--crs') ?? 'wgs84') as Crs;
	if (crs !== 'wgs84' && crs !== 'lv95') {
		console.error(`--crs must be wgs84 or lv95, not ${crs}`);
		return 2;
	}
	const tram = option(args, '--tram-group');
	if (tram && tram !== 'B' && tram !== 'C') {
		console.error(`--tram-group must be B or C, not ${tram}`);
		return 2;
	}
	const opts: Partial<GuteklassenOptions> = { ...(tram ? { tramGroup: tram as 'B' | 'C' } : {}), ...(option(args, '--rail-nodes') ? { railNodes: option(args, '--rail-nodes')!.split(',') } : {}) };
	const db = await openScenarioDb(option(args, '--data'), langOf(args));
	if (!db) return 1;
	try {
		const { pt } = await loadNets(db, args, ['pt']);
		const stations = stationsOf(pt!, opts);
		const all = await places(db);
		const sites = all.filter((p) => p.kind === 'site');
		console.log(`ÖV-Güteklassen (ARE) from ${pt!.source}, service day ${pt!.date}, 06:00–20:00`);
		console.log(['site_id'.padEnd(16), 'class', 'stop (category, distance)'].join('  '));
		for (const g of siteGuteklassen(stations, sites, pt!.source))
			console.log([g.site_id.padEnd(16), (g.klasse ?? '–').padEnd(5), g.station ? `${g.station} (${g.category}, ${g.distance_m} m)` : 'no stop in reach'].join('  '));
		const counts = new Map<string, number>();
		for (const s of stations) if (s.departures > 0) counts.set(`${s.group}${s.category ? CATEGORY_NAMES[s.category - 1] : '–'}`, (counts.get(`${s.group}${s.category ? CATEGORY_NAMES[s.category - 1] : '–'}`) ?? 0) + 1);
		console.error(`stops with departures by group and category: ${[...counts].sort().map(([k, n]) => `${k} ${n}`).join(', ')}`);
		const out = option(args, '--out');
		if (out) {
			// The sites' and offices' box plus 30 km keeps a national feed's raster small.
			const pts = all.map((p) => wgs84ToLv95(p.lon, p.lat));
			const box: [number, number, number, number] = [Math.min(...pts.map((p) => p.e)) - 30_000, Math.min(...pts.map((p) => p.n)) - 30_000, Math.max(...pts.map((p) => p.e)) + 30_000, Math.max(...pts.map((p) => p.n)) + 30_000];
			writeFileSync(out, geojsonText(labelCrs(guteklassenPolygons(stations, { box, crs }), crs)));
			console.error(`class areas → ${out}`);
		}
		const st = option(args, '--stations');
		if (st) {
			writeFileSync(st, geojsonText(labelCrs(stationPoints(stations, crs), crs)));
			console.error(`stops → ${st}`);
		}
		return 0;
	} finally {
		await db.close();
	}
}
