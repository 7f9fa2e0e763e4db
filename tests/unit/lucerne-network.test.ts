import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import Papa from 'papaparse';
import { buildGtfs, buildRoads, distM } from '../../scripts/build-lucerne-network.ts';
import { loadGtfs, loadRoads } from '../../src/lib/reach/networks.ts';
import { routeCar } from '../../src/lib/reach/road/index.ts';
import { PtMatrix } from '../../src/lib/reach/gtfs/index.ts';

const shippedZip = readFileSync('data/networks/lucerne_approx_gtfs.zip');
const shippedRoads = readFileSync('data/networks/lucerne_approx_roads.geojson', 'utf8');
const csv = (files: Record<string, Uint8Array>, f: string) => Papa.parse<Record<string, string>>(strFromU8(files[f]), { header: true, skipEmptyLines: true }).data;
const zones = Papa.parse<Record<string, string>>(readFileSync('data/demo/zones.csv', 'utf8'), { header: true, skipEmptyLines: true }).data;
const luZones = zones.filter((z) => z.canton === 'LU');

describe('approximate Lucerne networks', () => {
	it('are what the generator builds (shipped files are current and deterministic)', () => {
		expect(Buffer.from(buildGtfs()).equals(shippedZip)).toBe(true);
		expect(JSON.stringify(buildRoads()) + '\n').toBe(shippedRoads);
	});

	it('GTFS references resolve and times increase along every trip', () => {
		const files = unzipSync(new Uint8Array(shippedZip));
		for (const f of ['agency.txt', 'stops.txt', 'routes.txt', 'trips.txt', 'stop_times.txt', 'calendar.txt']) expect(files[f], f).toBeDefined();
		const stops = new Set(csv(files, 'stops.txt').map((s) => s.stop_id));
		const trips = new Set(csv(files, 'trips.txt').map((t) => t.trip_id));
		const last = new Map<string, number>();
		for (const st of csv(files, 'stop_times.txt')) {
			expect(stops.has(st.stop_id)).toBe(true);
			expect(trips.has(st.trip_id)).toBe(true);
			const [h, m, s] = st.arrival_time.split(':').map(Number);
			const t = h * 3600 + m * 60 + s;
			expect(t).toBeGreaterThan(last.get(st.trip_id) ?? -1);
			last.set(st.trip_id, t);
		}
	});

	it('serves every Lucerne municipality: a stop within 3 km of its centroid', () => {
		const files = unzipSync(new Uint8Array(shippedZip));
		const stops = csv(files, 'stops.txt').map((s) => [Number(s.stop_lon), Number(s.stop_lat)] as const);
		const unserved = luZones.filter((z) => !stops.some(([lon, lat]) => distM(lon, lat, Number(z.lon), Number(z.lat)) <= 3000));
		expect(unserved.map((z) => z.name)).toEqual([]);
	});

	it('road graph reaches every zone and gives plausible car times', () => {
		const car = loadRoads({ geojson: shippedRoads }, 'test');
		const luzern = { lon: 8.3102, lat: 47.0502 };
		for (const z of luZones) {
			const r = routeCar(car.graph, { lon: Number(z.lon), lat: Number(z.lat) }, luzern);
			expect(r, z.name).not.toBeNull();
		}
		const sursee = zones.find((z) => z.name === 'Sursee')!;
		const min = routeCar(car.graph, { lon: Number(sursee.lon), lat: Number(sursee.lat) }, luzern)!.minutes;
		expect(min).toBeGreaterThan(15); // ~21 km straight line
		expect(min).toBeLessThan(35);
	});

	it('PT: Hochdorf reaches Luzern station in a plausible time over the 07:00–08:30 window', () => {
		const pt = loadGtfs(new Uint8Array(shippedZip), 'test');
		const hochdorf = zones.find((z) => z.name === 'Hochdorf')!;
		const [r] = new PtMatrix(pt.timetable, [{ id: 'H', lon: Number(hochdorf.lon), lat: Number(hochdorf.lat) }]).toTarget({ lon: 8.3102, lat: 47.0502 });
		expect(r.p50).not.toBeNull();
		expect(r.p50!).toBeGreaterThan(15);
		expect(r.p50!).toBeLessThan(60);
	});
});
