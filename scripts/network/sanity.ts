/**
 * Prints plausibility figures of the shipped approximate networks, computed by the app's own engines
 * (`npx tsx scripts/network/sanity.ts`):
 * - PT: for towns of the canton, the train/bus ride of the latest 08:00 arrival at Luzern station, p50/p80
 *   over the 07:00–08:30 arrival window (from the station and from the municipality's settlement point, i.e.
 *   including the walk), and the peak-hour car time (driving only, and door to door with terminal minutes);
 * - car pairs against their estimated reference ranges (car-pairs.ts);
 * - the share of the synthetic staff whose nearest served stop is more than 10 min walk away.
 */
import { readFileSync } from 'node:fs';
import { loadGtfs, loadRoads } from '../../src/lib/reach/networks.ts';
import { PtMatrix, route } from '../../src/lib/reach/gtfs/index.ts';
import { routeCar, TerminalModel } from '../../src/lib/reach/road/index.ts';
import { readCsv } from '../demo/csv.ts';
import { dataPath, inputs } from './inputs.ts';
import { carPairs } from './car-pairs.ts';
import { servedStops, walkShare, WALK } from './walk-share.ts';

const { zones, stops } = inputs();
const zip = new Uint8Array(readFileSync(dataPath('networks/lucerne_approx_gtfs.zip')));
const pt = loadGtfs(zip, 'approx');
const car = loadRoads({ geojson: readFileSync(dataPath('networks/lucerne_approx_roads.geojson'), 'utf8') }, 'approx');
const area = new Map(readCsv(dataPath('demo/zones.csv')).map((z) => [Number(z.zone_id), Number(z.area_km2)]));
const terminal = new TerminalModel(zones.map((z) => ({ ...z, area_km2: area.get(z.zone_id) ?? null })));
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

async function main() {
	console.log(`GTFS service day ${pt.date}, ${pt.warnings} parser warnings. Times to Luzern station, minutes.`);
	console.log('municipality          08:00 arrival: rides                     station p50 p80 | zone p50 p80 | car drive door');
	for (const [zoneName, stopName] of TOWNS) {
		const i = zones.findIndex((q) => q.name === zoneName);
		const z = zones[i];
		const s = stop(stopName);
		const [fromZone, fromStop] = new PtMatrix(pt.timetable, [
			{ id: 'zone', lon: z.lon, lat: z.lat },
			{ id: 'stop', lon: s.lon, lat: s.lat }
		]).toTarget({ lon: luzern.lon, lat: luzern.lat });
		const it = route(pt.timetable, s, luzern, 8 * 3600);
		const rides = (it?.legs ?? []).filter((l) => l.mode === 'pt').map((l) => `${l.route} ${l.depHm}–${l.arrHm}`).join(', ');
		const c = routeCar(car.graph, z, luzern, { originTerminalMin: [terminal.originMinutes()[i]], targetTerminalMin: terminal.destinationMinutes({ ...luzern, zone_id: 1061 }) });
		console.log(`${zoneName.padEnd(21)} ${rides.padEnd(40)} ${fmt(fromStop.p50)} ${fmt(fromStop.p80)} |     ${fmt(fromZone.p50)} ${fmt(fromZone.p80)} |   ${fmt(c && c.minutes - c.terminalMinutes)}  ${fmt(c?.minutes)}`);
	}
	console.log('\nCar pairs (door to door, minutes): ours (driving only) vs reference estimate');
	for (const p of await carPairs()) console.log(`${`${p.from} → ${p.to}`.padEnd(32)} ${p.minutes.toFixed(1).padStart(5)} (${p.driveMinutes.toFixed(1)})   ${p.ref.join('–')}`);
	const w = walkShare(servedStops(zip));
	console.log(`\nStaff whose nearest served stop is > ${WALK.limitMin} min walk: ${w.far} of ${w.staff} = ${((100 * w.far) / w.staff).toFixed(1)} %`);
	console.log(['Luzern', 'Kriens', 'Emmen', 'Horw', 'Ebikon'].map((n) => `${n} ${w.byZone.get(n)?.[1]}/${w.byZone.get(n)?.[0]}`).join(' · '));
}

main();
