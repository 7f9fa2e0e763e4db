/**
 * The packed one-day timetable that all queries run on. Times are seconds after midnight of the service day
 * (values past 86 400 are trips running after midnight). Everything is typed arrays so a timetable can be
 * transferred to or rebuilt in a Web Worker cheaply.
 */

/** Options that shape the timetable (transfer rules). Defaults: {@link DEFAULT_TIMETABLE_OPTIONS}. */
export interface TimetableOptions {
	/** Service day, `YYYY-MM-DD` or `YYYYMMDD`. */
	date: string;
	/**
	 * Minimum time to change between two trips at the same stop_id when transfers.txt gives none for that
	 * stop (from_stop_id = to_stop_id). Default 120 s. Staying in the same trip never needs it.
	 */
	defaultMinChangeSec: number;
	/**
	 * Generate walking links between stops within this straight-line radius (metres) that transfers.txt does not
	 * already connect. 0 disables. Default 300 m. Duration = distance × walkDetour / walkSpeed, but at least
	 * the departure stop's minimum change time.
	 */
	walkLinkRadiusM: number;
	/** Detour factor for generated links (straight line → street distance). Default 1.3. */
	walkDetour: number;
	/** Walking speed for generated links, metres per minute. Default 75 (4.5 km/h). */
	walkSpeedMPerMin: number;
	/** Link stops that share a parent_station (both ways) with duration max(walk, defaultMinChangeSec). Default true. */
	linkSiblings: boolean;
}

export const DEFAULT_TIMETABLE_OPTIONS: Omit<TimetableOptions, 'date'> = {
	defaultMinChangeSec: 120,
	walkLinkRadiusM: 300,
	walkDetour: 1.3,
	walkSpeedMPerMin: 75,
	linkSiblings: true
};

/** Rules that reproduce what minotor and raptor-journey-planner model on a feed: only transfers.txt, no change time. */
export const PEER_RULES: Omit<TimetableOptions, 'date'> = {
	defaultMinChangeSec: 0,
	walkLinkRadiusM: 0,
	walkDetour: 1.3,
	walkSpeedMPerMin: 75,
	linkSiblings: false
};

/** Connection flag bits. */
export const CAN_BOARD = 1;
export const CAN_ALIGHT = 2;

/** One service day of a GTFS feed, packed. Stops, trips and connections are referenced by index. */
export interface Timetable {
	/** Service day as YYYYMMDD. */
	date: string;
	options: Omit<TimetableOptions, 'date'>;
	stopCount: number;
	stopIds: string[];
	stopNames: string[];
	stopLon: Float64Array;
	stopLat: Float64Array;
	/** Index of the parent station among stops, or -1 (also when the parent is missing from stops.txt). */
	stopParent: Int32Array;
	/** Parent station id as written in the feed ('' if none), kept even when the parent is missing. */
	stopParentIds: string[];
	/** Minimum change time at each stop, seconds. */
	minChangeSec: Int32Array;

	tripCount: number;
	tripIds: string[];
	tripRoute: Int32Array;
	tripHeadsigns: string[];
	routeIds: string[];
	routeShortNames: string[];
	routeTypes: Int32Array;

	/** Connections sorted by departure time (then arrival). */
	connCount: number;
	connDepStop: Int32Array;
	connArrStop: Int32Array;
	connDepTime: Int32Array;
	connArrTime: Int32Array;
	connTrip: Int32Array;
	/** CAN_BOARD | CAN_ALIGHT per connection (pickup_type / drop_off_type = 1 clear them). */
	connFlags: Uint8Array;
	/** Connection indices sorted by arrival time (for backward scans). */
	connByArr: Int32Array;
	/** Arrival times in connByArr order (for binary search). */
	connArrSorted: Int32Array;

	/** Outgoing footpaths in CSR form: footOut[footOutStart[s] .. footOutStart[s+1]) with durations in footOutSec. */
	footOutStart: Int32Array;
	footOutTo: Int32Array;
	footOutSec: Int32Array;
	/** Incoming footpaths (reverse CSR) for backward scans. */
	footInStart: Int32Array;
	footInFrom: Int32Array;
	footInSec: Int32Array;
	/** Stop index by stop_id. */
	stopIndex: Map<string, number>;
}

/** Build forward and reverse CSR adjacency from an edge list. */
export function buildFootpathCsr(
	stopCount: number,
	from: ArrayLike<number>,
	to: ArrayLike<number>,
	sec: ArrayLike<number>
): Pick<Timetable, 'footOutStart' | 'footOutTo' | 'footOutSec' | 'footInStart' | 'footInFrom' | 'footInSec'> {
	const m = from.length;
	const outStart = new Int32Array(stopCount + 1);
	const inStart = new Int32Array(stopCount + 1);
	for (let e = 0; e < m; e++) {
		outStart[from[e] + 1]++;
		inStart[to[e] + 1]++;
	}
	for (let s = 0; s < stopCount; s++) {
		outStart[s + 1] += outStart[s];
		inStart[s + 1] += inStart[s];
	}
	const outTo = new Int32Array(m), outSec = new Int32Array(m), inFrom = new Int32Array(m), inSec = new Int32Array(m);
	const oPos = outStart.slice(0, stopCount), iPos = inStart.slice(0, stopCount);
	for (let e = 0; e < m; e++) {
		const o = oPos[from[e]]++;
		outTo[o] = to[e];
		outSec[o] = sec[e];
		const i = iPos[to[e]]++;
		inFrom[i] = from[e];
		inSec[i] = sec[e];
	}
	return { footOutStart: outStart, footOutTo: outTo, footOutSec: outSec, footInStart: inStart, footInFrom: inFrom, footInSec: inSec };
}
