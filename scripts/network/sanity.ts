/**
 * Prints plausibility figures of the shipped approximate networks, computed by the app's own engines
 * (`npx tsx scripts/network/sanity.ts`): for towns of the canton, the train/bus ride of the latest 08:00
 * arrival at Luzern station, p50/p80 over the 07:00–08:30 arrival window (from the station and from the
 * municipality's settlement point, i.e. including the walk), and the peak-hour car time.
 */
import { readFileSync } from 'node:fs';
import { loadGtfs, loadRoads } from '../../src/lib/reach/networks.ts';
import { PtMatrix, route } from '../../src/lib/reach/gtfs/index.ts';
import { routeCar } from '../../src/lib/reach/road/index.ts';
import { dataPath, inputs } from './inputs.ts';

const { zones, stops } = inputs();
const pt = loadGtfs(new Uint8Array(readFileSync(dataPath('networks/lucerne_approx_gtfs.zip'))), 'approx');
const car = loadRoads({ geojson: readFileSync(dataPath('networks/lucerne_approx_roads.geojson'), 'utf8') }, 'approx');
const stop = (name: string) => stops.find((s) => s.name === name)!;
const luzern = stop('Luzern');
const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '  –' : x.toFixed(0).padStart(3));

/** [municipality (zone), its main station or stop] */
const TOWNS: [string, string][] = [
	['Sursee', 'Sursee'],
	['Wolhusen', 'Wolhusen'],
	['Hochdorf', 'Hochdorf'],
	['Willisau', 'Willisau'],
	['Schüpfheim', 'Schüpfheim'],
	['Escholzmatt-Marbach', 'Escholzmatt'],
	['Emmen', 'Emmenbrücke'],
	['Kriens', 'Kriens Mattenhof'],
	['Ebikon', 'Ebikon'],
	['Küssnacht (SZ)', 'Küssnacht am Rigi'],
	['Zug', 'Zug'],
	['Beromünster', 'Beromünster, Flecken'],
	['Triengen', 'Triengen, Dorf'],
	['Luthern', 'Luthern Dorf, Post'],
	['Flühli', 'Flühli LU, Post']
];

console.log(`GTFS service day ${pt.date}, ${pt.warnings} parser warnings. Times to Luzern station, minutes.`);
console.log('municipality          08:00 arrival: rides                     station p50 p80 | zone p50 p80 | car zone');
for (const [zoneName, stopName] of TOWNS) {
	const z = zones.find((q) => q.name === zoneName)!;
	const s = stop(stopName);
	const [fromZone, fromStop] = new PtMatrix(pt.timetable, [
		{ id: 'zone', lon: z.lon, lat: z.lat },
		{ id: 'stop', lon: s.lon, lat: s.lat }
	]).toTarget({ lon: luzern.lon, lat: luzern.lat });
	const it = route(pt.timetable, s, luzern, 8 * 3600);
	const rides = (it?.legs ?? []).filter((l) => l.mode === 'pt').map((l) => `${l.route} ${l.depHm}–${l.arrHm}`).join(', ');
	const c = routeCar(car.graph, z, luzern);
	console.log(`${zoneName.padEnd(21)} ${rides.padEnd(40)} ${fmt(fromStop.p50)} ${fmt(fromStop.p80)} |     ${fmt(fromZone.p50)} ${fmt(fromZone.p80)} |   ${fmt(c?.minutes)}`);
}
