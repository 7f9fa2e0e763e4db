/**
 * Adapters for the two peer routers used to verify and benchmark our CSA (tests and bench only, never src):
 *  - minotor (MIT, RAPTOR): needs a feed whose parent_station references exist (it crashes on missing parents,
 *    independent of the Node version), so it gets a copy of the feed with parent_station blanked — which also
 *    stops it from widening origins/destinations to all platforms of a station, so both peers and our engine
 *    route strictly stop_id to stop_id.
 *  - raptor-journey-planner (GPL-3.0, RAPTOR): devDependency, loaded from the same patched copy.
 * Both model: transfers.txt footpaths (min_transfer_time), no change time at the same stop_id (the Zug feed
 * has no from = to rows), pickup/drop-off flags. Our timetable built with PEER_RULES models the same.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { unzipFeed } from '../src/lib/reach/gtfs/parse.ts';
import { readCsv } from '../src/lib/reach/gtfs/csv.ts';

/** Write a copy of the feed with stops.txt parent_station emptied; returns its path. */
export function writePeerFeed(zipPath: string, outDir = join(tmpdir(), 'standortwahl-pt-peers')): string {
	mkdirSync(outDir, { recursive: true });
	const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
	const stops = strFromU8(files['stops.txt']).split(/\r?\n/);
	const header = stops[0].split(',');
	const col = header.indexOf('parent_station');
	if (col >= 0) {
		for (let i = 1; i < stops.length; i++) {
			if (!stops[i]) continue;
			const f = splitCsvLine(stops[i]);
			f[col] = '';
			stops[i] = f.map(quote).join(',');
		}
	}
	files['stops.txt'] = strToU8(stops.join('\n'));
	const out = join(outDir, 'peer-feed.zip');
	writeFileSync(out, zipSync(files, { level: 1 }));
	return out;
}

function splitCsvLine(line: string): string[] {
	const out: string[] = [];
	let cur = '', q = false;
	for (let i = 0; i < line.length; i++) {
		const c = line[i];
		if (q) {
			if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; }
			else if (c === '"') q = false;
			else cur += c;
		} else if (c === '"') q = true;
		else if (c === ',') { out.push(cur); cur = ''; }
		else cur += c;
	}
	out.push(cur);
	return out;
}
function quote(s: string): string {
	return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A one-to-all earliest-arrival router: arrival seconds by stop_id (missing = unreached). */
export interface PeerRouter {
	name: string;
	loadMs: number;
	earliest(fromStopId: string, departureSec: number): (stopId: string) => number | undefined;
	/** RJP only: the same query with its RouteScanner position cache disabled (see pt-compare.ts). */
	earliestNoScanCache?(fromStopId: string, departureSec: number): (stopId: string) => number | undefined;
}

/** minotor on the patched feed. `roundMin` also returns the minimum over its per-round arrivals (see report). */
export async function loadMinotor(peerZip: string, date: string): Promise<PeerRouter & { earliestRoundMin(from: string, dep: number): (s: string) => number | undefined }> {
	const t0 = performance.now();
	const { GtfsParser, chGtfsProfile } = await import('minotor/parser');
	const { Query, Router, Time } = await import('minotor');
	const quiet = silence();
	let parsed;
	try {
		parsed = await new GtfsParser(peerZip, chGtfsProfile).parse(new Date(`${date}T12:00:00Z`));
	} finally {
		quiet();
	}
	const router = new Router(parsed.timetable, parsed.stopsIndex);
	// minotor's CSV reader casts purely numeric ids to numbers ("8593410" → 8593410), so its maps use number keys.
	const key = (id: string) => (/^\d+$/.test(id) ? (Number(id) as unknown as string) : id);
	const run = (from: string, dep: number) =>
		router.route(
			new Query.Builder().from(key(from)).to([]).departureTime(Time.fromSeconds(dep)).maxTransfers(30).build()
		);
	return {
		name: 'minotor',
		loadMs: performance.now() - t0,
		earliest(from, dep) {
			const r = run(from, dep);
			return (s) => r.arrivalAt(key(s))?.time.toSeconds();
		},
		earliestRoundMin(from, dep) {
			const r = run(from, dep) as unknown as { earliestArrivalsPerRound: Map<string, { time: { toSeconds(): number } }>[] };
			return (s) => {
				let best: number | undefined;
				for (const round of r.earliestArrivalsPerRound) {
					const t = round.get(key(s))?.time.toSeconds();
					if (t !== undefined && (best === undefined || t < best)) best = t;
				}
				return best;
			};
		}
	};
}

/**
 * raptor-journey-planner on the patched feed (trips filtered to the date).
 * Its own loadGTFS never resolves on Node 20 (gtfs-stream's unzipper stream reads every row but never ends),
 * so we build the same structures its loader builds (see GTFSLoader in the package: trips with stopTimes in
 * file order, transfers from != to as footpaths, from == to as interchange, calendars as its Service class)
 * and hand them to its RaptorAlgorithmFactory unchanged.
 */
export async function loadRjp(peerZip: string, date: string): Promise<PeerRouter> {
	const t0 = performance.now();
	const rjp = await import('raptor-journey-planner');
	const { RaptorAlgorithmFactory, Service, TimeParser, RouteScanner } = ((rjp as unknown as { default?: typeof rjp }).default ?? rjp) as typeof rjp;
	// Diagnostic switch: RouteScanner remembers, per route, where it last found a trip and never looks at later
	// trips again within one scan. Clearing that memory before each lookup shows which differences it causes.
	let noCache = false;
	const proto = RouteScanner.prototype as unknown as { getTrip: (...a: unknown[]) => unknown; routeScanPosition: Record<string, number> };
	const getTrip = proto.getTrip;
	proto.getTrip = function (this: typeof proto, routeId: unknown, ...rest: unknown[]) {
		if (noCache) delete this.routeScanPosition[routeId as string];
		return getTrip.call(this, routeId, ...rest);
	};
	const files = unzipFeed(new Uint8Array(readFileSync(peerZip)));
	const rows = (name: string, fn: (r: Record<string, string>) => void) => {
		let names: string[] = [];
		const text = files.get(name);
		if (text === undefined) return;
		readCsv(text, name, (h) => (names = h.names), (f) => {
			const r: Record<string, string> = {};
			for (let i = 0; i < names.length; i++) if (f[i] !== '' && f[i] !== undefined) r[names[i]] = f[i];
			fn(r);
		});
	};
	const timeParser = new TimeParser();
	type StopTime = { stop: string; departureTime: number; arrivalTime: number; pickUp: boolean; dropOff: boolean };
	const trips: { serviceId: string; tripId: string; stopTimes: StopTime[]; service: unknown }[] = [];
	const transfers: Record<string, unknown[]> = {};
	const interchange: Record<string, number> = {};
	const calendars: Record<string, { start: number; end: number; days: Record<number, boolean> }> = {};
	const dates: Record<string, Record<string, boolean>> = {};
	const stopTimes: Record<string, StopTime[]> = {};
	rows('calendar.txt', (r) => {
		calendars[r.service_id] = {
			start: +r.start_date,
			end: +r.end_date,
			days: { 0: r.sunday === '1', 1: r.monday === '1', 2: r.tuesday === '1', 3: r.wednesday === '1', 4: r.thursday === '1', 5: r.friday === '1', 6: r.saturday === '1' }
		};
	});
	rows('calendar_dates.txt', (r) => ((dates[r.service_id] ??= {})[r.date] = r.exception_type === '1'));
	rows('trips.txt', (r) => trips.push({ serviceId: r.service_id, tripId: r.trip_id, stopTimes: [], service: {} }));
	rows('stop_times.txt', (r) =>
		(stopTimes[r.trip_id] ??= []).push({
			stop: r.stop_id,
			departureTime: timeParser.getTime(r.departure_time),
			arrivalTime: timeParser.getTime(r.arrival_time),
			pickUp: r.pickup_type === '0' || r.pickup_type === undefined,
			dropOff: r.drop_off_type === '0' || r.drop_off_type === undefined
		})
	);
	rows('transfers.txt', (r) => {
		if (r.from_stop_id === r.to_stop_id) interchange[r.from_stop_id] = +r.min_transfer_time;
		else
			(transfers[r.from_stop_id] ??= []).push({
				origin: r.from_stop_id,
				destination: r.to_stop_id,
				duration: +r.min_transfer_time,
				startTime: 0,
				endTime: Number.MAX_SAFE_INTEGER
			});
	});
	const services: Record<string, unknown> = {};
	for (const [id, c] of Object.entries(calendars)) services[id] = new Service(c.start, c.end, c.days as never, dates[id] || {});
	for (const t of trips) {
		t.stopTimes = stopTimes[t.tripId];
		t.service = services[t.serviceId];
	}
	const day = new Date(`${date}T12:00:00Z`);
	const raptor = RaptorAlgorithmFactory.create(trips as never, transfers as never, interchange, day);
	const dateNum = Number(date.replace(/-/g, ''));
	const dow = day.getUTCDay();
	return {
		name: 'raptor-journey-planner',
		loadMs: performance.now() - t0,
		earliest(from, dep) {
			return scan(from, dep, false);
		},
		earliestNoScanCache(from, dep) {
			return scan(from, dep, true);
		}
	};
	function scan(from: string, dep: number, disableCache: boolean) {
		noCache = disableCache;
		const [, best] = raptor.scan({ [from]: dep }, dateNum, dow as never) as unknown as [unknown, Record<string, number>];
		noCache = false;
		return (s: string) => {
			const t = best[s];
			return t === undefined || t >= Number.MAX_SAFE_INTEGER ? undefined : t;
		};
	}
}

/** Mute console output of a peer's parser (minotor logs one line per defect); returns the restore function. */
function silence(): () => void {
	const saved = { warn: console.warn, info: console.info, log: console.log };
	console.warn = console.info = console.log = () => {};
	return () => Object.assign(console, saved);
}
