/**
 * The approximate Lucerne GTFS feed: the real 2021 trips of the lines the Zug feed covers (real-feed.ts),
 * assumed lines (lines.ts) on real DIDOK stops, generated feeders for municipalities the lines miss, clock-face
 * trips 05:00–24:00 in both directions, all on one weekday service.
 */
import { zipSync, strToU8 } from 'fflate';
import { BUS_CORRIDOR, FEEDER, KINDS, LINES, SERVICE, TRANSFER, type LineDef } from './lines.ts';
import { directionTimes, lineOffsets } from './timing.ts';
import { distM, inputs, stopIndex, type Stop } from './inputs.ts';
import { REAL_FEED, realTrips, type RealTrip } from './real-feed.ts';

/** A line with its stops resolved: `calls` are served, `path` adds pass-through waypoints for the distance. */
export interface ResolvedLine {
	def: LineDef;
	calls: Stop[];
	/** Straight-line distance in metres from the first call to each call, along the path. */
	distAlong: number[];
	/** Set for generated feeders: the zone they serve. */
	feederFor?: number;
}

/** DIDOK names "Place, Stop" are bus/tram stops; names without a comma are stations, piers, cable cars. */
export const isBusStopName = (name: string) => name.includes(',');

/** Insert the real bus stops lying along each straight segment between consecutive anchors. */
function withBusStopsAlong(anchors: Stop[], busStops: Stop[]): Stop[] {
	const out: Stop[] = [anchors[0]];
	const seen = new Set(anchors.map((s) => s.id));
	for (let i = 1; i < anchors.length; i++) {
		const [a, b] = [anchors[i - 1], anchors[i]];
		const kx = Math.cos((a.lat * Math.PI) / 180);
		const [dx, dy] = [(b.lon - a.lon) * kx, b.lat - a.lat];
		const len2 = dx * dx + dy * dy || 1e-12;
		const along: { s: Stop; t: number }[] = [];
		for (const s of busStops) {
			if (seen.has(s.id)) continue;
			const t = ((s.lon - a.lon) * kx * dx + (s.lat - a.lat) * dy) / len2;
			if (t <= 0 || t >= 1) continue;
			if (distM(s.lon, s.lat, a.lon + (t * dx) / kx, a.lat + t * dy) <= BUS_CORRIDOR.corridorM) along.push({ s, t });
		}
		along.sort((x, y) => x.t - y.t || x.s.id.localeCompare(y.s.id));
		for (const { s } of along) {
			const prev = out[out.length - 1];
			if (distM(prev.lon, prev.lat, s.lon, s.lat) >= BUS_CORRIDOR.minSpacingM && distM(s.lon, s.lat, b.lon, b.lat) >= BUS_CORRIDOR.minSpacingM) {
				out.push(s);
				seen.add(s.id);
			}
		}
		out.push(b);
	}
	return out;
}

function resolve(def: LineDef, stop: (n: string) => Stop, busStops: Stop[], feederFor?: number): ResolvedLine {
	const points = def.stops.map((n) => ({ stop: stop(n.replace(/^~/, '')), calls: !n.startsWith('~') }));
	const isBus = KINDS[def.kind].routeType === 3;
	const path = isBus ? withBusStopsAlong(points.map((p) => p.stop), busStops).map((s) => ({ stop: s, calls: true })) : points;
	const calls: Stop[] = [];
	const distAlong: number[] = [];
	let d = 0;
	path.forEach((p, i) => {
		if (i > 0) d += distM(path[i - 1].stop.lon, path[i - 1].stop.lat, p.stop.lon, p.stop.lat);
		if (p.calls) {
			calls.push(p.stop);
			distAlong.push(d);
		}
	});
	if (calls.length < 2 || new Set(calls.map((s) => s.id)).size !== calls.length) throw new Error(`line ${def.short} ${def.long}: needs ≥ 2 distinct stops`);
	return { def, calls, distAlong, feederFor };
}

let linesCache: ResolvedLine[] | null = null;

/**
 * The fixed lines, then one feeder per zone (in zone-id order) whose settlement point has no served stop
 * within FEEDER.servedWithinM. Zones with no stop within FEEDER.maxStopFromPointM stay unserved.
 */
export function buildLines(): ResolvedLine[] {
	if (linesCache) return linesCache;
	const { stops, zones } = inputs();
	const stop = stopIndex(stops);
	const busStops = stops.filter((s) => isBusStopName(s.name));
	const out = LINES.map((def) => resolve(def, stop, busStops));
	const real = realTrips(stops);
	const served = new Map<string, Stop>();
	for (const l of out) for (const s of l.calls) served.set(s.id, s);
	for (const t of real) for (const c of t.calls) served.set(c.stop.id, c.stop);
	const railStations = [
		...new Map([
			...out.filter((l) => KINDS[l.def.kind].routeType === 2).flatMap((l) => l.calls.map((s) => [s.id, s] as const)),
			...real.filter((t) => t.routeType === 2).flatMap((t) => t.calls.map((c) => [c.stop.id, c.stop] as const))
		]).values()
	].sort((a, b) => a.id.localeCompare(b.id));
	for (const z of zones) {
		const near = (s: Stop) => distM(s.lon, s.lat, z.lon, z.lat);
		if ([...served.values()].some((s) => near(s) <= FEEDER.servedWithinM)) continue;
		// Main stop: the bus stop nearest the settlement point (else any stop nearby).
		const pick = (cands: Stop[]) => cands.filter((s) => near(s) <= FEEDER.maxStopFromPointM).sort((a, b) => near(a) - near(b) || a.id.localeCompare(b.id))[0];
		const main = pick(busStops) ?? pick(stops);
		if (!main || served.has(main.id)) continue;
		const hub = [...railStations].sort((a, b) => distM(a.lon, a.lat, main.lon, main.lat) - distM(b.lon, b.lat, main.lon, main.lat) || a.id.localeCompare(b.id))[0];
		const headwayMin = z.population >= FEEDER.largePopulation ? FEEDER.headwayMinLarge : FEEDER.headwayMinSmall;
		const def: LineDef = { kind: 'regional_bus', short: 'Bus', long: `${z.name} (${main.name.split(',')[0]})–${hub.name} (feeder)`, headwayMin, stops: [main.name, hub.name] };
		const l = resolve(def, (n) => (n === main.name ? main : n === hub.name ? hub : stop(n)), busStops, z.zone_id);
		out.push(l);
		for (const s of l.calls) served.set(s.id, s);
	}
	linesCache = out;
	return out;
}

const hhmmss = (sec: number) => [Math.floor(sec / 3600), Math.floor((sec % 3600) / 60), sec % 60].map((x) => String(x).padStart(2, '0')).join(':');
const csvRow = (xs: (string | number)[]) => xs.map((x) => (/[",\n]/.test(String(x)) ? `"${String(x).replaceAll('"', '""')}"` : String(x))).join(',');

/** The feed as named text files (CSV with header rows). */
export function gtfsFiles(): Record<string, string> {
	const lines = buildLines();
	const used = new Map<string, Stop>();
	const routes = [csvRow(['route_id', 'agency_id', 'route_short_name', 'route_long_name', 'route_type', 'route_desc'])];
	const trips = [csvRow(['route_id', 'service_id', 'trip_id', 'trip_headsign', 'direction_id'])];
	const stopTimes = [csvRow(['trip_id', 'arrival_time', 'departure_time', 'stop_id', 'stop_sequence'])];
	const real = realTrips(inputs().stops);
	const { offsets } = lineOffsets(lines, real);
	lines.forEach((l, li) => {
		const routeId = `R${String(li + 1).padStart(3, '0')}`;
		const spec = KINDS[l.def.kind];
		routes.push(csvRow([routeId, 'APPROX', l.def.short, l.def.long, spec.routeType, `APPROXIMATE: assumed routing, ${l.def.headwayMin}-min headway, ${l.def.kind} speeds (not the official timetable)`]));
		for (const s of l.calls) used.set(s.id, s);
		const headwaySec = Math.round(l.def.headwayMin * 60);
		for (const dir of [0, 1] as const) {
			const seq = dir === 0 ? l.calls : [...l.calls].reverse();
			const offs = directionTimes(l, dir);
			let k = 0;
			for (let t0 = SERVICE.firstSec + offsets[li][dir]; Math.round(t0 / 60) * 60 < SERVICE.lastSec; t0 += headwaySec) {
				const start = Math.round(t0 / 60) * 60;
				const tripId = `${routeId}_${dir}_${String(k++).padStart(3, '0')}`;
				trips.push(csvRow([routeId, 'WD', tripId, seq[seq.length - 1].name, dir]));
				seq.forEach((s, i) => stopTimes.push(csvRow([tripId, hhmmss(start + offs[i]), hhmmss(start + offs[i]), s.id, i + 1])));
			}
		}
	});
	addRealTrips(real, routes, trips, stopTimes, used);
	const usedStops = [...used.values()].sort((a, b) => a.id.localeCompare(b.id));
	const stopsTxt = [csvRow(['stop_id', 'stop_name', 'stop_lat', 'stop_lon', 'location_type']), ...usedStops.map((s) => csvRow([s.id, s.name, s.lat.toFixed(6), s.lon.toFixed(6), 0]))];
	// Walking changes between a station and the bus stops in front of it (the engine also links stops < 300 m itself).
	const railIds = new Set([
		...lines.filter((l) => KINDS[l.def.kind].routeType === 2).flatMap((l) => l.calls.map((s) => s.id)),
		...real.filter((t) => t.routeType === 2).flatMap((t) => t.calls.map((c) => c.stop.id))
	]);
	const transfers = [csvRow(['from_stop_id', 'to_stop_id', 'transfer_type', 'min_transfer_time'])];
	for (const a of usedStops) {
		if (!railIds.has(a.id)) continue;
		for (const b of usedStops) {
			if (a.id === b.id || railIds.has(b.id)) continue;
			const d = distM(a.lon, a.lat, b.lon, b.lat);
			if (d > TRANSFER.withinM) continue;
			const sec = Math.max(TRANSFER.minSec, Math.ceil(((d * TRANSFER.detour) / TRANSFER.walkMPerMin) * 60));
			transfers.push(csvRow([a.id, b.id, 2, sec]), csvRow([b.id, a.id, 2, sec]));
		}
	}
	return {
		'agency.txt': [
			csvRow(['agency_id', 'agency_name', 'agency_url', 'agency_timezone', 'agency_lang']),
			csvRow(['APPROX', 'Standortwahl APPROXIMATE network (not an operator, not the official timetable)', 'https://opentransportdata.swiss/', 'Europe/Zurich', 'de']),
			csvRow([REAL_AGENCY, `Real Swiss timetable 2021 (SBB GTFS, trips of ${REAL_DAY}; data/networks/gtfs_ch_zug.zip)`, 'https://opentransportdata.swiss/', 'Europe/Zurich', 'de'])
		].join('\n'),
		'stops.txt': stopsTxt.join('\n'),
		'routes.txt': routes.join('\n'),
		'trips.txt': trips.join('\n'),
		'stop_times.txt': stopTimes.join('\n'),
		'calendar.txt': [csvRow(['service_id', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'start_date', 'end_date']), csvRow(['WD', 1, 1, 1, 1, 1, 0, 0, SERVICE.start, SERVICE.end])].join('\n'),
		'transfers.txt': transfers.join('\n'),
		'feed_info.txt': [csvRow(['feed_publisher_name', 'feed_publisher_url', 'feed_lang', 'feed_start_date', 'feed_end_date', 'feed_version']), csvRow(['Standortwahl (APPROXIMATE: synthetic timetable on real DIDOK stops; see data/networks/README.md)', 'https://opentransportdata.swiss/', 'de', SERVICE.start, SERVICE.end, 'approx-3'])].join('\n')
	};
}

const REAL_AGENCY = 'CH2021';
const REAL_DAY = `${REAL_FEED.date.slice(0, 4)}-${REAL_FEED.date.slice(4, 6)}-${REAL_FEED.date.slice(6)}`;

/**
 * Append the real trips: one route per feed route (ids Z01…, in feed route_id order), named after the end
 * stops of its most frequent stop sequence; times as in the feed, on the weekday service WD.
 */
function addRealTrips(real: RealTrip[], routes: string[], trips: string[], stopTimes: string[], used: Map<string, Stop>) {
	const byRoute = new Map<string, RealTrip[]>();
	for (const t of real) byRoute.set(t.routeId, [...(byRoute.get(t.routeId) ?? []), t]);
	[...byRoute.keys()].sort().forEach((feedRouteId, ri) => {
		const ts = byRoute.get(feedRouteId)!;
		const routeId = `Z${String(ri + 1).padStart(2, '0')}`;
		const patterns = new Map<string, number>();
		for (const t of ts) {
			const k = `${t.calls[0].stop.name}–${t.calls[t.calls.length - 1].stop.name}`;
			patterns.set(k, (patterns.get(k) ?? 0) + 1);
		}
		const long = [...patterns].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
		routes.push(csvRow([routeId, REAL_AGENCY, ts[0].short, long, ts[0].routeType, `REAL: 2021 Swiss timetable (feed route ${feedRouteId}), trips of ${REAL_DAY}; calls outside the DIDOK region list dropped`]));
		for (const t of ts) {
			const tripId = `${routeId}_${t.tripId}`;
			trips.push(csvRow([routeId, 'WD', tripId, t.calls[t.calls.length - 1].stop.name, t.direction === '1' ? 1 : 0]));
			t.calls.forEach((c, i) => {
				used.set(c.stop.id, c.stop);
				stopTimes.push(csvRow([tripId, hhmmss(c.arr), hhmmss(c.dep), c.stop.id, i + 1]));
			});
		}
	});
}

/** The zipped feed, byte-identical on every run (fixed file order and timestamps). */
export function buildGtfs(): Uint8Array {
	const mtime = new Date('2026-01-01T00:00:00Z');
	const files = gtfsFiles();
	return zipSync(Object.fromEntries(Object.keys(files).sort().map((n) => [n, [strToU8(files[n] + '\n'), { mtime }]])), { level: 9 });
}
