import { writeFileSync } from 'node:fs';
import { geojsonText, labelCrs, type Crs } from '../../src/lib/data/geojson-crs.ts';
import { ReachGrid } from '../../src/lib/reach/site-reach.ts';
import type { Mode } from '../../src/lib/reach/matrix.ts';
import { option, lang as langOf } from './_args.ts';
import { openScenarioDb } from './_data.ts';
import { NETWORK_HELP, RASTER_HELP, loadNets, places, regionOf } from './_reach.ts';

export const summary = 'Isochrones of a site or office as GeoJSON (250 m raster, PT and/or car; WGS84 or LV95)';

const HELP = `Usage: npm run cli -- isochrones --site <site_id|office_id> [--mode pt|car|pt,car] [--minutes 15,30,45,60]
                                  [--out iso.geojson] [--crs wgs84|lv95] [--data folder]
One MultiPolygon per mode and threshold ("reachable within T minutes", nested, largest first), contoured from
travel times on a raster over the zones (lakes excluded). PT: arrival window 07:00-08:30, median, walks to and from
stops; car: peak-hour factor. Properties: site_id, mode, minutes, cell_m, network. LV95 output carries the crs
member (EPSG:2056) QGIS reads. Without --out the GeoJSON goes to stdout.
${NETWORK_HELP}
${RASTER_HELP}
Example: npm run cli -- isochrones --site S1-EICHHOF --mode pt --out iso.geojson --crs lv95`;

export async function run(args: string[]): Promise<number> {
	const id = option(args, '--site');
	if (args.includes('--help') || !id) {
		console.log(HELP);
		return args.includes('--help') ? 0 : 2;
	}
	const crs = (option(args, '--crs') ?? 'wgs84') as Crs;
	if (crs !== 'wgs84' && crs !== 'lv95') {
		console.error(`--crs must be wgs84 or lv95, not ${crs}`);
		return 2;
	}
	const modes = (option(args, '--mode') ?? 'pt,car').split(',') as Mode[];
	if (modes.some((m) => m !== 'pt' && m !== 'car')) {
		console.error(`--mode must be pt, car or pt,car, not ${modes.join(',')}`);
		return 2;
	}
	const minutes = (option(args, '--minutes') ?? '15,30,45,60').split(',').map(Number);
	if (minutes.some((m) => !(m > 0))) {
		console.error(`--minutes must be positive numbers, not ${option(args, '--minutes')}`);
		return 2;
	}
	const db = await openScenarioDb(option(args, '--data'), langOf(args));
	if (!db) return 1;
	try {
		const place = (await places(db)).find((p) => p.id === id);
		if (!place) {
			console.error(`Unknown site or office: ${id}`);
			return 2;
		}
		const t0 = performance.now();
		const nets = await loadNets(db, args, modes);
		const region = await regionOf(db, args);
		const grid = new ReachGrid(region, nets);
		const features = [];
		for (const m of modes) features.push(...(await grid.isochrones(m, place, minutes, crs)).features);
		const text = geojsonText(labelCrs({ type: 'FeatureCollection', features }, crs));
		const out = option(args, '--out');
		if (out) writeFileSync(out, text);
		else process.stdout.write(text);
		const r = region.cells.raster;
		console.error(
			`${features.length} isochrones of ${place.name} (${modes.join('+')}; ${minutes.join('/')} min) on ${r.width} × ${r.height} cells of ${r.cellM} m, ${crs.toUpperCase()}` +
				` · ${((performance.now() - t0) / 1000).toFixed(1)} s${out ? ` → ${out}` : ''}`
		);
		return 0;
	} finally {
		await db.close();
	}
}
