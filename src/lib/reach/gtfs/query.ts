/**
 * Arrive-by public-transport queries over an arrival window.
 *
 * Definition of travel time (documented for the UI and the matrix): for an origin point o, a destination and an
 * arrival deadline T, travel time = T − (latest time one can leave o on foot and still be at the destination by T).
 * It therefore includes the access walk, waiting at stops, in-vehicle and transfer time, the egress walk and any
 * slack before T at the destination (the traveller plans backwards from an appointment at T). Over the window
 * (default 07:00–08:30, every minute) we report the 50th and 80th percentile of these samples and the median
 * number of changes (vehicle legs − 1; 0 for walk-only journeys). Walking the whole way is allowed when the
 * origin is within `walk.maxDirectM` of the destination, and it wins when it is faster.
 */
import { BackwardWorkspace, UNREACHED_BACK, type EgressStop } from './csa.ts';
import { ProfileWorkspace } from './profile.ts';
import type { Timetable } from './timetable.ts';
import { formatTime } from './time.ts';
import { accessStops, DEFAULT_WALK, walkSec, type AccessList, type WalkOptions } from '../walk.ts';
import { percentile, median } from '../stats.ts';
import { haversineM } from '../road/geo.ts';

/** Arrival window: deadlines start, start+step, …, ≤ end (seconds after midnight). */
export interface ArrivalWindow {
	startSec: number;
	endSec: number;
	stepSec: number;
}

/** Default window 07:00–08:30 every minute (91 deadlines). */
export const DEFAULT_WINDOW: ArrivalWindow = { startSec: 7 * 3600, endSec: 8.5 * 3600, stepSec: 60 };

/** Query options. */
export interface PtQueryOptions {
	walk: WalkOptions;
	/** Longest journey considered, seconds (bounds each backward scan). Default 3 h. */
	maxDurationSec: number;
}

export const DEFAULT_PT_QUERY: PtQueryOptions = { walk: DEFAULT_WALK, maxDurationSec: 3 * 3600 };

/** A point with an id (origin zone centroid, site …). */
export interface PointLike {
	id: string;
	lon: number;
	lat: number;
}

/** Travel time summary for one origin and one destination, minutes; null = not reachable in that share of the window. */
export interface TravelTimeResult {
	id: string;
	p50: number | null;
	p80: number | null;
	/** Median number of changes over the samples that reach the destination (null if none). */
	changes: number | null;
}

/** List the deadlines of a window. */
export function windowDeadlines(w: ArrivalWindow): Int32Array {
	const n = Math.max(0, Math.floor((w.endSec - w.startSec) / w.stepSec) + 1);
	const out = new Int32Array(n);
	for (let i = 0; i < n; i++) out[i] = w.startSec + i * w.stepSec;
	return out;
}

/** Egress stops of a destination point: stops within walk.maxAccessM with their walking time. */
export function egressStops(tt: Timetable, lon: number, lat: number, walk: WalkOptions = DEFAULT_WALK): EgressStop[] {
	const a = accessStops(lon, lat, tt.stopLon, tt.stopLat, walk);
	const out: EgressStop[] = [];
	for (let i = 0; i < a.stops.length; i++) out.push({ stop: a.stops[i], egressSec: a.sec[i] });
	return out;
}

/** Per-stop latest departures for every deadline of a window. */
export interface ArriveByProfile {
	deadlines: Int32Array;
	stopCount: number;
	/** latest[d * stopCount + s]: latest time at stop s (ready to board) to arrive by deadlines[d]; ≤ -2^29 = unreachable. */
	latest: Int32Array;
	/** Vehicle legs of that journey (0 = walk from a target stop). */
	legs: Int8Array;
}

/**
 * For each deadline of the window, the latest departure from every stop to reach any of `targets` (stop + egress
 * walk) in time. Travel time from stop s for deadline d is `deadlines[d] - latest[d*stopCount+s]`.
 */
export function arriveByProfile(
	tt: Timetable,
	targets: readonly EgressStop[],
	window: ArrivalWindow = DEFAULT_WINDOW,
	opts: Partial<PtQueryOptions> = {},
	ws: ProfileWorkspace = new ProfileWorkspace(tt)
): ArriveByProfile {
	const o = { ...DEFAULT_PT_QUERY, ...opts };
	const deadlines = windowDeadlines(window);
	const n = tt.stopCount;
	const latest = new Int32Array(deadlines.length * n);
	const legs = new Int8Array(deadlines.length * n);
	ws.arriveByWindow(targets, deadlines, o.maxDurationSec, latest, legs);
	return { deadlines, stopCount: n, latest, legs };
}

/**
 * Prepared origins for repeated queries (one per site): access stops computed once, workspace and sample buffers
 * reused. Use {@link travelTimesFromPoints} for a one-off call.
 */
export class PtMatrix {
	private readonly access: AccessList[];
	private readonly ws: ProfileWorkspace;
	private readonly latest: Int32Array;
	private readonly legs: Int8Array;
	private readonly opts: PtQueryOptions;
	private readonly deadlines: Int32Array;
	private readonly samples: Float64Array; // origin × deadline, minutes
	private readonly legSamples: Float64Array;
	constructor(
		readonly tt: Timetable,
		readonly origins: readonly PointLike[],
		readonly window: ArrivalWindow = DEFAULT_WINDOW,
		opts: Partial<PtQueryOptions> = {}
	) {
		this.opts = { ...DEFAULT_PT_QUERY, ...opts };
		this.access = origins.map((p) => accessStops(p.lon, p.lat, tt.stopLon, tt.stopLat, this.opts.walk));
		this.ws = new ProfileWorkspace(tt);
		this.deadlines = windowDeadlines(window);
		this.latest = new Int32Array(this.deadlines.length * tt.stopCount);
		this.legs = new Int8Array(this.deadlines.length * tt.stopCount);
		this.samples = new Float64Array(origins.length * this.deadlines.length);
		this.legSamples = new Float64Array(origins.length * this.deadlines.length);
	}

	/** p50/p80 travel time and median changes from every origin to `target`. */
	toTarget(target: { lon: number; lat: number }): TravelTimeResult[] {
		const { tt, origins, access, ws, deadlines, samples, legSamples, latest, legs } = this;
		const ns = tt.stopCount;
		const walk = this.opts.walk;
		const egress = egressStops(tt, target.lon, target.lat, walk);
		const nd = deadlines.length;
		const direct = origins.map((p) => {
			const d = haversineM(p.lon, p.lat, target.lon, target.lat);
			return d <= walk.maxDirectM ? walkSec(d, walk) : Infinity;
		});
		ws.arriveByWindow(egress, deadlines, this.opts.maxDurationSec, latest, legs);
		for (let d = 0; d < nd; d++) {
			const T = deadlines[d];
			const ld = latest.subarray(d * ns, (d + 1) * ns);
			const ldLegs = legs.subarray(d * ns, (d + 1) * ns);
			for (let o = 0; o < origins.length; o++) {
				const a = access[o];
				let best = T - direct[o];
				let bestLegs = 0;
				for (let k = 0; k < a.stops.length; k++) {
					const s = a.stops[k];
					if (ld[s] <= UNREACHED_BACK) continue;
					const leave = ld[s] - a.sec[k];
					if (leave > best || (leave === best && ldLegs[s] < bestLegs)) {
						best = leave;
						bestLegs = ldLegs[s];
					}
				}
				samples[o * nd + d] = (T - best) / 60;
				legSamples[o * nd + d] = Number.isFinite(best) ? bestLegs : NaN;
			}
		}
		const out: TravelTimeResult[] = [];
		for (let o = 0; o < origins.length; o++) {
			const s = samples.subarray(o * nd, (o + 1) * nd);
			const p50 = percentile(s, 50), p80 = percentile(s, 80);
			const changes: number[] = [];
			for (let d = 0; d < nd; d++) {
				const l = legSamples[o * nd + d];
				if (!Number.isNaN(l)) changes.push(Math.max(0, l - 1));
			}
			out.push({
				id: origins[o].id,
				p50: Number.isFinite(p50) ? round1(p50) : null,
				p80: Number.isFinite(p80) ? round1(p80) : null,
				changes: changes.length ? median(changes) : null
			});
		}
		return out;
	}
}

function round1(x: number): number {
	return Math.round(x * 10) / 10;
}

/** Travel times from many origin points to one destination point over an arrival window (see module doc). */
export function travelTimesFromPoints(
	tt: Timetable,
	origins: readonly PointLike[],
	target: { lon: number; lat: number },
	window: ArrivalWindow = DEFAULT_WINDOW,
	opts: Partial<PtQueryOptions> = {}
): TravelTimeResult[] {
	return new PtMatrix(tt, origins, window, opts).toTarget(target);
}

/** One leg of an itinerary. Times in seconds after midnight; `*Hm` as HH:MM. */
export interface ItineraryLeg {
	mode: 'walk' | 'pt';
	from: string;
	to: string;
	dep: number;
	arr: number;
	depHm: string;
	arrHm: string;
	/** Route short name and headsign for public-transport legs. */
	route?: string;
	headsign?: string;
	tripId?: string;
}

/** An arrive-by itinerary. */
export interface Itinerary {
	/** Latest departure from the origin point. */
	leave: number;
	deadline: number;
	/** deadline − leave, minutes (the travel-time definition of this module). */
	minutes: number;
	changes: number;
	legs: ItineraryLeg[];
}

/**
 * Latest-departure itinerary from point `from` to point `to` arriving by `deadline` (seconds), or null.
 * Leg end points are stop names; walk legs from/to the points are named 'origin' / 'destination'.
 */
export function route(
	tt: Timetable,
	from: { lon: number; lat: number },
	to: { lon: number; lat: number },
	deadline: number,
	opts: Partial<PtQueryOptions> = {}
): Itinerary | null {
	const o = { ...DEFAULT_PT_QUERY, ...opts };
	const ws = new BackwardWorkspace(tt);
	const egress = egressStops(tt, to.lon, to.lat, o.walk);
	const egressOf = new Map(egress.map((e) => [e.stop, e.egressSec]));
	ws.latestDeparture(egress, deadline, o.maxDurationSec);
	const access = accessStops(from.lon, from.lat, tt.stopLon, tt.stopLat, o.walk);
	const dDirect = haversineM(from.lon, from.lat, to.lon, to.lat);
	let best = dDirect <= o.walk.maxDirectM ? deadline - walkSec(dDirect, o.walk) : -Infinity;
	let bestStop = -1, bestAccess = 0;
	for (let k = 0; k < access.stops.length; k++) {
		const s = access.stops[k];
		if (ws.ld[s] <= UNREACHED_BACK) continue;
		const leave = ws.ld[s] - access.sec[k];
		if (leave > best || (leave === best && bestStop >= 0 && ws.ldLegs[s] < ws.ldLegs[bestStop])) {
			best = leave;
			bestStop = s;
			bestAccess = access.sec[k];
		}
	}
	if (!Number.isFinite(best)) return null;
	const legs: ItineraryLeg[] = [];
	const leg = (mode: 'walk' | 'pt', fromName: string, toName: string, dep: number, arr: number, extra: Partial<ItineraryLeg> = {}) =>
		legs.push({ mode, from: fromName, to: toName, dep, arr, depHm: formatTime(dep), arrHm: formatTime(arr), ...extra });
	if (bestStop < 0) {
		leg('walk', 'origin', 'destination', best, best + walkSec(dDirect, o.walk));
		return { leave: best, deadline, minutes: (deadline - best) / 60, changes: 0, legs };
	}
	leg('walk', 'origin', tt.stopNames[bestStop], best, best + bestAccess);
	let c = ws.ldConn[bestStop];
	let exit = ws.ldExit[bestStop];
	let at = bestStop;
	let pt = 0;
	for (let guard = 0; guard < 64 && c >= 0; guard++) {
		if (tt.connDepStop[c] !== at) {
			const fStart = tt.footOutStart[at];
			let sec = 0;
			for (let e = fStart; e < tt.footOutStart[at + 1]; e++) if (tt.footOutTo[e] === tt.connDepStop[c]) sec = tt.footOutSec[e];
			const arrT = legs[legs.length - 1].arr;
			leg('walk', tt.stopNames[at], tt.stopNames[tt.connDepStop[c]], arrT, arrT + sec);
		}
		const trip = tt.connTrip[c];
		leg('pt', tt.stopNames[tt.connDepStop[c]], tt.stopNames[tt.connArrStop[exit]], tt.connDepTime[c], tt.connArrTime[exit], {
			route: tt.routeShortNames[tt.tripRoute[trip]],
			headsign: tt.tripHeadsigns[trip],
			tripId: tt.tripIds[trip]
		});
		pt++;
		at = tt.connArrStop[exit];
		const next = ws.dlConn[at];
		exit = ws.dlExit[at];
		c = next;
	}
	let last = legs[legs.length - 1].arr;
	if (!egressOf.has(at)) {
		// the scan ended with a footpath into an egress stop: take the one that arrives first
		let bestY = -1, bestT = Infinity;
		for (let e = tt.footOutStart[at]; e < tt.footOutStart[at + 1]; e++) {
			const y = tt.footOutTo[e];
			const t = tt.footOutSec[e] + (egressOf.get(y) ?? Infinity);
			if (t < bestT) { bestT = t; bestY = y; }
		}
		if (bestY >= 0) {
			const sec = bestT - egressOf.get(bestY)!;
			leg('walk', tt.stopNames[at], tt.stopNames[bestY], last, last + sec);
			last += sec;
			at = bestY;
		}
	}
	leg('walk', tt.stopNames[at], 'destination', last, last + (egressOf.get(at) ?? 0));
	return { leave: best, deadline, minutes: (deadline - best) / 60, changes: Math.max(0, pt - 1), legs };
}
