/**
 * Builds the approximate Lucerne default networks, deterministically (`npm run network:build`):
 *   data/networks/lucerne_approx_gtfs.zip      GTFS (one weekday service) on REAL stops (DIDOK 2016) with
 *                                              ASSUMED lines, headways and running times (scripts/network/lines.ts)
 *   data/networks/lucerne_approx_roads.geojson road LineStrings (highway, oneway, maxspeed) for the car engine:
 *                                              real motorway corridors + a regional mesh between municipality centroids
 * Not the official timetable or road network: the app labels both "approximate"; a user replaces them with an
 * official GTFS feed and an OSM extract. Assumptions: data/networks/README.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { zipSync, strToU8 } from 'fflate';
import { booleanIntersects, lineString } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, Polygon, MultiPolygon } from 'geojson';
import { LINES, FEEDER, DETOUR, DWELL_SEC, SERVICE, type LineDef } from './network/lines.ts';
import { MOTORWAYS, MESH, URBAN, ROAD_DETOUR } from './network/roads.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = (f: string) => path.join(root, 'data', f);

interface Stop {
	id: string;
	name: string;
	lon: number;
	lat: number;
}
interface Zone {
	zone_id: number;
	name: string;
	lon: number;
	lat: number;
	population: number;
}

/** Great-circle distance in metres. */
export function distM(aLon: number, aLat: number, bLon: number, bLat: number): number {
	const r = Math.PI / 180;
	const x = (bLon - aLon) * r * Math.cos(((aLat + bLat) / 2) * r);
	const y = (bLat - aLat) * r;
	return 6371000 * Math.hypot(x, y);
}

function readCsv<T>(file: string): T[] {
	return Papa.parse<T>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true, dynamicTyping: false }).data;
}

const allStops: Stop[] = readCsv<Record<string, string>>(data('stops_didok_lu_region_2016.csv')).map((r) => ({ id: r.uic, name: r.name, lon: Number(r.lon), lat: Number(r.lat) }));
const byName = new Map<string, Stop>();
for (const s of allStops) if (!byName.has(s.name)) byName.set(s.name, s);
const zones: Zone[] = readCsv<Record<string, string>>(data('demo/zones.csv')).map((r) => ({ zone_id: Number(r.zone_id), name: r.name, lon: Number(r.lon), lat: Number(r.lat), population: Number(r.population || 0) }));

function stop(name: string): Stop {
	const s = byName.get(name);
	if (!s) throw new Error(`stop not in DIDOK list: ${name}`);
	return s;
}

/**
 * Buses also call at the real stops that lie along the way: every DIDOK stop within `corridorM` of a
 * straight segment between two listed stops is inserted in order (rail lines keep their listed stops).
 */
function withStopsAlong(listed: Stop[], corridorM: number): Stop[] {
	const out: Stop[] = [listed[0]];
	const seen = new Set(listed.map((s) => s.id));
	for (let i = 1; i < listed.length; i++) {
		const [a, b] = [listed[i - 1], listed[i]];
		const kx = Math.cos((a.lat * Math.PI) / 180);
		const [dx, dy] = [(b.lon - a.lon) * kx, b.lat - a.lat];
		const len2 = dx * dx + dy * dy || 1e-12;
		const along: { s: Stop; t: number }[] = [];
		for (const s of allStops) {
			if (seen.has(s.id)) continue;
			const t = (((s.lon - a.lon) * kx) * dx + (s.lat - a.lat) * dy) / len2;
			if (t <= 0.02 || t >= 0.98) continue;
			const px = a.lon + (t * dx) / kx;
			const py = a.lat + t * dy;
			if (distM(s.lon, s.lat, px, py) <= corridorM) along.push({ s, t });
		}
		along.sort((x, y) => x.t - y.t);
		// Keep stops at least 300 m apart, as real bus stops are.
		for (const { s } of along) {
			const prev = out[out.length - 1];
			if (distM(prev.lon, prev.lat, s.lon, s.lat) >= 300 && distM(s.lon, s.lat, b.lon, b.lat) >= 300) {
				out.push(s);
				seen.add(s.id);
			}
		}
		out.push(b);
	}
	return out;
}

/** Fixed lines plus generated feeders for zones without a served stop near their centroid. */
export function buildLines(): { line: LineDef; stops: Stop[] }[] {
	const out = LINES.map((line) => ({ line, stops: line.type === 3 ? withStopsAlong(line.stops.map(stop), FEEDER.corridorM) : line.stops.map(stop) }));
	const railStops = [...new Set(out.filter((l) => l.line.type === 2).flatMap((l) => l.stops))];
	const served = () => out.flatMap((l) => l.stops);
	for (const z of [...zones].sort((a, b) => a.zone_id - b.zone_id)) {
		if (served().some((s) => distM(s.lon, s.lat, z.lon, z.lat) <= FEEDER.servedWithinM)) continue;
		let best: Stop | null = null;
		let bestD = Infinity;
		for (const s of allStops) {
			const d = distM(s.lon, s.lat, z.lon, z.lat);
			if (d < bestD) [best, bestD] = [s, d];
		}
		if (!best || bestD > FEEDER.maxStopFromCentroidM) continue;
		const from = best;
		const hub = railStops.reduce((a, b) => (distM(a.lon, a.lat, from.lon, from.lat) <= distM(b.lon, b.lat, from.lon, from.lat) ? a : b));
		const headwayMin = z.population >= FEEDER.largePopulation ? FEEDER.headwayMinLarge : FEEDER.headwayMinSmall;
		const stops = withStopsAlong([from, hub], FEEDER.corridorM);
		out.push({ line: { id: `Bus ${z.name}`, type: 3, headwayMin, speedKmh: FEEDER.speedKmh, stops: stops.map((s) => s.name) }, stops });
	}
	return out;
}

const hhmmss = (sec: number) => [Math.floor(sec / 3600), Math.floor((sec % 3600) / 60), sec % 60].map((x) => String(x).padStart(2, '0')).join(':');
const csvLine = (xs: (string | number)[]) => xs.map((x) => (/[",\n]/.test(String(x)) ? `"${String(x).replaceAll('"', '""')}"` : String(x))).join(',');

/** Deterministic small offset per line so not every line departs on the hour. */
function offsetMin(id: string, headway: number): number {
	let h = 0;
	for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
	return h % headway;
}

export function buildGtfs(): Uint8Array {
	const lines = buildLines();
	const used = new Map<string, Stop>();
	const trips: string[] = [csvLine(['route_id', 'service_id', 'trip_id', 'trip_headsign', 'direction_id'])];
	const stopTimes: string[] = [csvLine(['trip_id', 'arrival_time', 'departure_time', 'stop_id', 'stop_sequence'])];
	const routes: string[] = [csvLine(['route_id', 'agency_id', 'route_short_name', 'route_long_name', 'route_type'])];
	lines.forEach(({ line, stops }, li) => {
		const routeId = `R${li + 1}`;
		const short = line.id.split(' ')[0] === 'Bus' ? line.id : line.id.split(' ')[0];
		routes.push(csvLine([routeId, 'APPROX', short, line.id, line.type]));
		for (const s of stops) used.set(s.id, s);
		const kind = line.type === 2 ? 'rail' : 'bus';
		for (const dir of [0, 1]) {
			const seq = dir === 0 ? stops : [...stops].reverse();
			const offsets = [0];
			for (let i = 1; i < seq.length; i++) {
				const run = (distM(seq[i - 1].lon, seq[i - 1].lat, seq[i].lon, seq[i].lat) * DETOUR[kind]) / ((line.speedKmh * 1000) / 3600);
				offsets.push(offsets[i - 1] + Math.max(60, Math.round(run / 60) * 60) + (i > 1 ? DWELL_SEC[kind] : 0));
			}
			let k = 0;
			for (let t = SERVICE.firstSec + offsetMin(line.id, line.headwayMin) * 60; t < SERVICE.lastSec; t += line.headwayMin * 60) {
				const tripId = `${routeId}-${dir}-${k++}`;
				trips.push(csvLine([routeId, 'WD', tripId, seq[seq.length - 1].name, dir]));
				seq.forEach((s, i) => stopTimes.push(csvLine([tripId, hhmmss(t + offsets[i]), hhmmss(t + offsets[i]), s.id, i + 1])));
			}
		}
	});
	const stops = [csvLine(['stop_id', 'stop_name', 'stop_lat', 'stop_lon']), ...[...used.values()].sort((a, b) => a.id.localeCompare(b.id)).map((s) => csvLine([s.id, s.name, s.lat.toFixed(6), s.lon.toFixed(6)]))];
	const files: Record<string, string> = {
		'agency.txt': [csvLine(['agency_id', 'agency_name', 'agency_url', 'agency_timezone']), csvLine(['APPROX', 'Standortwahl approximate network (not an operator)', 'https://example.invalid/', 'Europe/Zurich'])].join('\n'),
		'stops.txt': stops.join('\n'),
		'routes.txt': routes.join('\n'),
		'trips.txt': trips.join('\n'),
		'stop_times.txt': stopTimes.join('\n'),
		'calendar.txt': [csvLine(['service_id', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'start_date', 'end_date']), csvLine(['WD', 1, 1, 1, 1, 1, 0, 0, SERVICE.start, SERVICE.end])].join('\n'),
		'feed_info.txt': [csvLine(['feed_publisher_name', 'feed_publisher_url', 'feed_lang', 'feed_version']), csvLine(['Standortwahl (APPROXIMATE, synthetic timetable on real DIDOK stops)', 'https://example.invalid/', 'de', 'approx-1'])].join('\n')
	};
	const mtime = new Date('2026-01-01T00:00:00Z');
	return zipSync(Object.fromEntries(Object.entries(files).map(([n, c]) => [n, [strToU8(c + '\n'), { mtime }]])), { level: 9 });
}

type RoadFeature = Feature<LineString, { highway: string; oneway: string; maxspeed: string; ref?: string; name?: string }>;

export function buildRoads(): FeatureCollection<LineString> {
	const lakes = (JSON.parse(readFileSync(data('lakes_lu_region.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>).features;
	const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
	const pt = (lon: number, lat: number): [number, number] => [r6(lon), r6(lat)];
	const crossesLake = (a: [number, number], b: [number, number]) => lakes.some((l) => booleanIntersects(lineString([a, b]), l));
	const features: RoadFeature[] = [];
	const speed = (posted: number) => String(Math.round(posted / ROAD_DETOUR));
	const edges = new Set<string>();
	const add = (a: [number, number], b: [number, number], highway: string, posted: number, extra: { ref?: string; name?: string } = {}) => {
		const key = [a.join(), b.join()].sort().join('|');
		if (edges.has(key) || key.split('|')[0] === key.split('|')[1]) return;
		edges.add(key);
		features.push({ type: 'Feature', properties: { highway, oneway: 'no', maxspeed: speed(posted), ...extra }, geometry: { type: 'LineString', coordinates: [a, b] } });
	};
	const nodes = zones.map((z) => ({ z, p: pt(z.lon, z.lat) }));
	// Regional mesh between municipality centroids.
	for (const a of nodes) {
		const near = nodes
			.filter((b) => b !== a)
			.map((b) => ({ b, d: distM(a.p[0], a.p[1], b.p[0], b.p[1]) }))
			.filter((x) => x.d <= MESH.maxLinkKm * 1000)
			.sort((x, y) => x.d - y.d)
			.slice(0, MESH.k);
		for (const { b } of near) {
			if (crossesLake(a.p, b.p)) continue;
			const urban = a.z.population >= URBAN.population && b.z.population >= URBAN.population;
			add(a.p, b.p, urban ? 'primary' : MESH.highway, urban ? URBAN.postedKmh : MESH.postedKmh);
		}
	}
	// Motorways, and a link from every waypoint to the nearest municipality centroid (junctions).
	for (const m of MOTORWAYS) {
		const pts = m.points.map(([lon, lat]) => pt(lon, lat));
		for (let i = 1; i < pts.length; i++) add(pts[i - 1], pts[i], 'motorway', m.maxspeed, { ref: m.ref, name: m.name });
		for (const w of pts) {
			const n = nodes.reduce((x, y) => (distM(x.p[0], x.p[1], w[0], w[1]) <= distM(y.p[0], y.p[1], w[0], w[1]) ? x : y));
			add(w, n.p, 'motorway_link', 60);
		}
	}
	// Connect any island (e.g. cut off by a lake) to the nearest node outside it.
	const parent = new Map<string, string>();
	const find = (k: string): string => (parent.get(k) === k ? k : (parent.set(k, find(parent.get(k)!)), parent.get(k)!));
	const allPts = new Map<string, [number, number]>();
	for (const f of features) for (const c of f.geometry.coordinates) allPts.set(c.join(), c as [number, number]);
	for (const n of nodes) allPts.set(n.p.join(), n.p);
	for (const k of allPts.keys()) parent.set(k, k);
	for (const f of features) parent.set(find(f.geometry.coordinates[0].join()), find(f.geometry.coordinates[1].join()));
	for (;;) {
		const comps = new Map<string, string[]>();
		for (const k of allPts.keys()) comps.set(find(k), [...(comps.get(find(k)) ?? []), k]);
		if (comps.size <= 1) break;
		const [main, ...rest] = [...comps.values()].sort((a, b) => b.length - a.length);
		let best: [string, string, number] | null = null;
		for (const k of rest[0]) for (const m of main) {
			const [a, b] = [allPts.get(k)!, allPts.get(m)!];
			const d = distM(a[0], a[1], b[0], b[1]);
			if (!best || d < best[2]) best = [k, m, d];
		}
		add(allPts.get(best![0])!, allPts.get(best![1])!, 'secondary', MESH.postedKmh);
		parent.set(find(best![0]), find(best![1]));
	}
	return { type: 'FeatureCollection', features };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	const gtfs = buildGtfs();
	writeFileSync(data('networks/lucerne_approx_gtfs.zip'), gtfs);
	const roads = buildRoads();
	writeFileSync(data('networks/lucerne_approx_roads.geojson'), JSON.stringify(roads) + '\n');
	console.log(`GTFS: ${gtfs.length} bytes, ${buildLines().length} lines · roads: ${roads.features.length} segments`);
}
