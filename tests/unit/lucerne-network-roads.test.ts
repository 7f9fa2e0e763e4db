import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { distM, roadsText } from '../../scripts/build-lucerne-network.ts';
import { loadRoads } from '../../src/lib/reach/networks.ts';
import { routeCar } from '../../src/lib/reach/road/index.ts';
import { carPairs } from '../../scripts/network/car-pairs.ts';

type Row = Record<string, string>;
interface Road {
	type: 'Feature';
	properties: { highway: string; oneway: string; maxspeed: number; ref: string; name: string; 'maxspeed:type'?: string };
	geometry: { type: string; coordinates: [number, number][] };
}
const text = readFileSync('data/networks/lucerne_approx_roads.geojson', 'utf8');
const roads = (JSON.parse(text) as { type: string; features: Road[] }).features;
const csv = (f: string) => Papa.parse<Row>(readFileSync(f, 'utf8'), { header: true, skipEmptyLines: true }).data;
const luCentroids = csv('data/municipalities_lu_region_2026_centroids.csv').filter((r) => r.canton === 'LU');
const zones = csv('data/demo/zones.csv');
const key = (c: [number, number]) => `${c[0]},${c[1]}`;

describe('approximate Lucerne road network', () => {
	it('is what the generator builds, byte for byte, on every run', () => {
		const a = roadsText();
		expect(a).toBe(text);
		expect(roadsText()).toBe(a);
	});

	it('is a FeatureCollection of LineStrings with highway, oneway, maxspeed, ref, name', () => {
		expect(roads.length).toBeGreaterThan(300);
		const classes = new Set(['motorway', 'motorway_link', 'primary', 'secondary', 'tertiary']);
		for (const f of roads) {
			expect(f.geometry.type).toBe('LineString');
			expect(f.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
			expect(classes.has(f.properties.highway), f.properties.highway).toBe(true);
			expect(f.properties.oneway).toBe('no');
			expect(f.properties.maxspeed).toBeGreaterThan(20);
			expect(f.properties.maxspeed).toBeLessThanOrEqual(120);
			expect(typeof f.properties.ref).toBe('string');
			expect(typeof f.properties.name).toBe('string');
		}
	});

	it('is one connected graph (union-find over identical vertex coordinates)', () => {
		const parent = new Map<string, string>();
		const find = (k: string): string => {
			while (parent.get(k) !== k) {
				parent.set(k, parent.get(parent.get(k)!)!);
				k = parent.get(k)!;
			}
			return k;
		};
		for (const f of roads) for (const c of f.geometry.coordinates) if (!parent.has(key(c))) parent.set(key(c), key(c));
		for (const f of roads) {
			const cs = f.geometry.coordinates;
			for (let i = 1; i < cs.length; i++) parent.set(find(key(cs[i - 1])), find(key(cs[i])));
		}
		const roots = new Set([...parent.keys()].map(find));
		expect(parent.size).toBeGreaterThan(300);
		expect(roots.size).toBe(1);
	});

	it('has a road vertex within 1 km of every Lucerne municipality centroid', () => {
		expect(luCentroids.length).toBe(79);
		const vertices = [...new Set(roads.flatMap((f) => f.geometry.coordinates.map(key)))].map((k) => k.split(',').map(Number));
		const far = luCentroids.filter((c) => !vertices.some(([lon, lat]) => distM(lon, lat, Number(c.centroid_lon), Number(c.centroid_lat)) <= 1000));
		expect(far.map((c) => c.name)).toEqual([]);
	});

	it('has the real motorways A2, A14 and A8 at 100–120 km/h, the A2 passing Sursee, Emmen and Kriens', () => {
		const motorways = roads.filter((f) => f.properties.highway === 'motorway');
		for (const ref of ['A2', 'A14', 'A8']) expect(motorways.some((f) => f.properties.ref === ref), ref).toBe(true);
		for (const f of motorways) {
			expect(f.properties.maxspeed).toBeGreaterThanOrEqual(100);
			expect(f.properties.maxspeed).toBeLessThanOrEqual(120);
		}
		const a2 = motorways.filter((f) => f.properties.ref === 'A2').flatMap((f) => f.geometry.coordinates);
		// Stations: Sursee, Emmenbrücke, Kriens Mattenhof (DIDOK); the motorway passes within 3 km of each.
		for (const [lon, lat] of [
			[8.09788, 47.170785],
			[8.282552, 47.070594],
			[8.30237, 47.026611]
		])
			expect(Math.min(...a2.map(([x, y]) => distM(lon, lat, x, y)))).toBeLessThan(3000);
	});

	it('gives plausible car times in the car engine (peak factors applied)', () => {
		const car = loadRoads({ geojson: text }, 'test');
		const luzern = { lon: 8.310172, lat: 47.050165 };
		const zone = (name: string) => zones.find((z) => z.name === name)!;
		const minutes = (name: string) => routeCar(car.graph, { lon: Number(zone(name).lon), lat: Number(zone(name).lat) }, luzern)!.minutes;
		// Peak-hour driving only (no terminal minutes) to Luzern station: Sursee 20–28, Hochdorf 18–28, Kriens
		// 8–15 (town streets at the urban speed and peak factor, not a free run).
		expect(minutes('Sursee')).toBeGreaterThan(20);
		expect(minutes('Sursee')).toBeLessThan(28);
		expect(minutes('Hochdorf')).toBeGreaterThan(18);
		expect(minutes('Hochdorf')).toBeLessThan(28);
		expect(minutes('Kriens')).toBeGreaterThan(8);
		expect(minutes('Kriens')).toBeLessThan(15);
		for (const z of zones) expect(routeCar(car.graph, { lon: Number(z.lon), lat: Number(z.lat) }, luzern), z.name).not.toBeNull();
	});

	it('runs town streets at the urban speed: parts inside built-up discs of towns ≥ 10 000 residents are tagged CH:urban', () => {
		const urban = roads.filter((f) => f.properties['maxspeed:type'] === 'CH:urban');
		expect(urban.length).toBeGreaterThan(50);
		// 50 km/h posted × 0.8 driven ÷ detour 1.2 (main roads) or 40 × 0.8 ÷ 1.3 (mesh), 50 × 0.8 (links).
		for (const f of urban) expect([33, 25, 40], f.properties.name).toContain(f.properties.maxspeed);
		expect(urban.filter((f) => f.properties.highway === 'motorway')).toEqual([]);
		// Every urban part lies within 3 km of a town of ≥ 10 000 residents; a village (Ballwil) has none.
		const towns = zones.filter((z) => Number(z.population) >= 10000);
		const mid = (f: (typeof roads)[number]) => f.geometry.coordinates.reduce((a, c) => [a[0] + c[0] / 2, a[1] + c[1] / 2], [0, 0]);
		for (const f of urban) {
			const [x, y] = mid(f);
			expect(Math.min(...towns.map((z) => distM(x, y, Number(z.lon), Number(z.lat))))).toBeLessThan(3000);
		}
		const ballwil = zones.find((z) => z.name === 'Ballwil')!;
		expect(urban.filter((f) => f.geometry.coordinates.some((c) => distM(c[0], c[1], Number(ballwil.lon), Number(ballwil.lat)) < 10))).toEqual([]);
	});

	it('gives door-to-door car times (terminal minutes included) within the estimated reference ranges', async () => {
		const pairs = await carPairs(text);
		for (const p of pairs) {
			expect(p.minutes, `${p.from} → ${p.to}`).toBeGreaterThanOrEqual(p.ref[0]);
			expect(p.minutes, `${p.from} → ${p.to}`).toBeLessThanOrEqual(p.ref[1]);
		}
		// Terminal minutes: Luzern (core) 3 at the origin, Kriens (urban) 3 at the Eichhof-West site.
		const luEich = pairs.find((p) => p.from === 'Luzern' && p.to === 'Eichhof-West')!;
		expect(luEich.minutes - luEich.driveMinutes).toBeCloseTo(6, 1);
	});
});
