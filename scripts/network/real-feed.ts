/**
 * Real trips for the default network: the lines that the real 2021 Swiss GTFS cut to Canton Zug
 * (data/networks/gtfs_ch_zug.zip, SBB / opentransportdata.swiss via r-transit/tidytransit) covers keep their
 * real running times, stop sequences, headways and departure minutes.
 *
 * One weekday of that feed (REAL_FEED.date) is taken as it is and later written into the generated feed's
 * weekday service. Stops map to DIDOK stops by UIC number (Swiss stop_ids are "8502007:0:3" with a parent
 * "8502007P"): calls at stops outside the DIDOK region list (Zürich, Italy …) or opened after 2016 are dropped,
 * so every stop of the default network stays a real DIDOK stop.
 */
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { parseCsvRecords } from '../../src/lib/util/csv.ts';
import { dataPath, type Stop } from './inputs.ts';

export const REAL_FEED = {
	file: 'networks/gtfs_ch_zug.zip',
	/**
	 * Tuesday 2021-06-15: a regular school-term weekday; 2 054 trips run, the most common count of the feed's
	 * Tuesdays (holiday weeks run fewer).
	 */
	date: '20210615',
	weekday: 'tuesday',
	/** Agencies whose name contains this run temporary rail-replacement buses: not the regular network. */
	skipAgencyName: 'Ersatzverkehr'
};

/** Swiss extended route types: rail 100–117 → 2, regular and express bus 700–704 → 3. Night buses (705),
 * boats and funiculars are not modelled, as in the rest of the default network. */
export function basicRouteType(t: number): 2 | 3 | null {
	if (t === 2 || (t >= 100 && t <= 117)) return 2;
	if (t === 3 || (t >= 700 && t <= 704)) return 3;
	return null;
}

export interface RealCall {
	stop: Stop;
	arr: number;
	dep: number;
}

export interface RealTrip {
	/** The feed's route_id (several trips share it). */
	routeId: string;
	short: string;
	routeType: 2 | 3;
	tripId: string;
	/** The feed's direction_id ('0', '1' or empty). */
	direction: string;
	/** Calls at DIDOK stops, in order; seconds after midnight of the service day. */
	calls: RealCall[];
}

type Row = Record<string, string>;
const parse = (text: string) => parseCsvRecords(text) as Row[];
const sec = (t: string) => t.trim().split(':').map(Number).reduce((a, x) => a * 60 + x, 0);
/** "8502007:0:3" → "8502007", "8502007P" → "8502007", "Parent8502007" → "8502007". */
export const uicOf = (stopId: string) => stopId.split(':')[0].replace(/^Parent/, '').replace(/P$/, '');

/** Service ids running on `date` (calendar.txt weekday pattern, calendar_dates.txt exceptions win). */
function activeServices(files: Record<string, string>, date: string, weekday: string): Set<string> {
	const on = new Set<string>();
	for (const c of parse(files['calendar.txt'] ?? '')) if (c[weekday] === '1' && c.start_date <= date && date <= c.end_date) on.add(c.service_id);
	for (const e of parse(files['calendar_dates.txt'] ?? '')) {
		if (e.date !== date) continue;
		if (e.exception_type === '1') on.add(e.service_id);
		else on.delete(e.service_id);
	}
	return on;
}

let cache: RealTrip[] | null = null;

/**
 * The real trips of REAL_FEED.date on kept route types, their calls reduced to DIDOK stops, sorted by route
 * and first departure (deterministic). Trips left with fewer than two calls are dropped.
 */
export function realTrips(stops: Stop[]): RealTrip[] {
	if (cache) return cache;
	const zip = unzipSync(new Uint8Array(readFileSync(dataPath(REAL_FEED.file))));
	const files = Object.fromEntries(Object.entries(zip).map(([n, b]) => [n, strFromU8(b)]));
	const services = activeServices(files, REAL_FEED.date, REAL_FEED.weekday);
	const skipAgency = new Set(parse(files['agency.txt']).filter((a) => a.agency_name.includes(REAL_FEED.skipAgencyName)).map((a) => a.agency_id));
	const routes = new Map<string, { short: string; type: 2 | 3 }>();
	for (const r of parse(files['routes.txt'])) {
		const type = basicRouteType(Number(r.route_type));
		if (type !== null && !skipAgency.has(r.agency_id)) routes.set(r.route_id, { short: r.route_short_name, type });
	}
	const trips = new Map<string, { routeId: string; direction: string }>();
	for (const t of parse(files['trips.txt'])) if (services.has(t.service_id) && routes.has(t.route_id)) trips.set(t.trip_id, { routeId: t.route_id, direction: t.direction_id ?? '' });
	const byUic = new Map(stops.map((s) => [s.id, s]));
	const calls = new Map<string, { seq: number; call: RealCall }[]>();
	for (const st of parse(files['stop_times.txt'])) {
		if (!trips.has(st.trip_id)) continue;
		const stop = byUic.get(uicOf(st.stop_id));
		if (!stop) continue;
		const list = calls.get(st.trip_id) ?? [];
		list.push({ seq: Number(st.stop_sequence), call: { stop, arr: sec(st.arrival_time), dep: sec(st.departure_time) } });
		calls.set(st.trip_id, list);
	}
	const out: RealTrip[] = [];
	for (const [tripId, list] of calls) {
		list.sort((a, b) => a.seq - b.seq);
		// A loop line may call twice at a stop: keep both calls, they are distinct events.
		if (list.length < 2) continue;
		const { routeId, direction } = trips.get(tripId)!;
		const r = routes.get(routeId)!;
		out.push({ routeId, short: r.short, routeType: r.type, tripId, direction, calls: list.map((x) => x.call) });
	}
	out.sort((a, b) => a.routeId.localeCompare(b.routeId) || a.calls[0].dep - b.calls[0].dep || a.tripId.localeCompare(b.tripId));
	cache = out;
	return out;
}

/** Modal ride in seconds from stop `from` to stop `to` over the real trips calling at both in that order. */
export function realRideSec(trips: RealTrip[], from: string, to: string, filter: (t: RealTrip) => boolean = () => true): number | null {
	const counts = new Map<number, number>();
	for (const t of trips) {
		if (!filter(t)) continue;
		const a = t.calls.findIndex((c) => c.stop.name === from);
		if (a < 0) continue;
		const b = t.calls.findIndex((c, i) => i > a && c.stop.name === to);
		if (b < 0) continue;
		const s = t.calls[b].arr - t.calls[a].dep;
		counts.set(s, (counts.get(s) ?? 0) + 1);
	}
	let best: number | null = null;
	for (const [s, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && s < best)) best = s;
	return best;
}
