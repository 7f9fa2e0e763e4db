/**
 * Arrive-by public-transport queries over an arrival window.
 *
 * Definitions (documented for the UI and the matrix; README.md in this folder): for an origin point o, a
 * destination and an arrival deadline T, the chosen journey is the one leaving o (on foot) as late as possible and
 * still at the destination by T; among journeys leaving equally late, the one arriving first.
 *  - journey = its arrival − its departure: the door-to-door time (access walk, waits at changes, riding, walks
 *    between stops, egress walk), with no wait at the origin (the traveller leaves home just in time);
 *  - wait = T − its arrival: the slack before the appointment at the destination;
 *  - journey + wait = T − departure (the measure reported before issue 11).
 * Over the window (default 07:00–08:30, every minute) we report the 50th and 80th percentile of the journey and,
 * separately, of the wait, and the median number of changes (vehicle legs − 1; 0 for walk-only journeys). Walking
 * the whole way is allowed when the origin is within `walk.maxDirectM` of the destination: it leaves at
 * T − walking time and arrives at T, so its journey is the walking time and its wait 0.
 */
import { BackwardWorkspace, ForwardWorkspace, forwardJourney, UNREACHED, UNREACHED_BACK, type EgressStop } from './csa.ts';
import { ProfileWorkspace } from './profile.ts';
import type { Timetable } from './timetable.ts';
import { formatTime } from './time.ts';
import { accessStops, DEFAULT_WALK, walkSec, type AccessList, type WalkOptions } from '../walk.ts';
import { medianOfCounts, percentilesInPlace } from '../stats.ts';
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

/**
 * Travel time summary for one origin and one destination over the window, minutes; a percentile is null when it
 * falls on a deadline the destination cannot be reached by.
 */
export interface TravelTimeResult {
	id: string;
	/** Door-to-door journey (arrival − departure), 50th and 80th percentile over the deadlines. */
	p50: number | null;
	p80: number | null;
	/** Wait before the deadline at the destination (deadline − arrival), 50th and 80th percentile. */
	waitP50: number | null;
	waitP80: number | null;
	/** Median number of changes over the samples that reach the destination (null if none). */
	changes: number | null;
}

/** TravelTimeResult as columns, one entry per origin, NaN for null (PtMatrix.toTargetColumns). */
export interface PtTargetColumns {
	p50: Float64Array;
	p80: Float64Array;
	waitP50: Float64Array;
	waitP80: Float64Array;
	changes: Float64Array;
}

/**
 * The chosen journey per origin and deadline, in seconds after midnight: `leave[o * nd + d]` and
 * `arrive[o * nd + d]` (−Infinity / +Infinity when the destination cannot be reached by deadlines[d]), and its
 * vehicle legs (NaN when unreachable).
 */
export interface WindowSamples {
	deadlines: Int32Array;
	leave: Float64Array;
	arrive: Float64Array;
	legs: Float64Array;
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

/** Per-stop latest departures (and the arrival of that journey) for every deadline of a window. */
export interface ArriveByProfile {
	deadlines: Int32Array;
	stopCount: number;
	/** latest[d * stopCount + s]: latest time at stop s (ready to board) to arrive by deadlines[d]; ≤ -2^29 = unreachable. */
	latest: Int32Array;
	/** arrival[d * stopCount + s]: when that journey reaches the destination (after the egress walk); ≥ 2^29 = unreachable. */
	arrival: Int32Array;
	/** Vehicle legs of that journey (0 = walk from a target stop). */
	legs: Int8Array;
}

/**
 * For each deadline of the window, the latest departure from every stop to reach any of `targets` (stop + egress
 * walk) in time, with that journey's arrival. From stop s for deadline d: journey = `arrival − latest`, wait =
 * `deadlines[d] − arrival`.
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
	const arrival = new Int32Array(deadlines.length * n);
	const legs = new Int8Array(deadlines.length * n);
	ws.arriveByWindow(targets, deadlines, o.maxDurationSec, latest, legs, arrival);
	return { deadlines, stopCount: n, latest, arrival, legs };
}

/**
 * Prepared origins for repeated queries (one per site): access stops computed once, workspace and sample buffers
 * reused. Use {@link travelTimesFromPoints} for a one-off call.
 */
export class PtMatrix {
	private readonly access: AccessList[];
	private readonly ws: ProfileWorkspace;
	private readonly latest: Int32Array;
	private readonly arrival: Int32Array;
	private readonly legs: Int8Array;
	/** The same, stop-major (latestT[s * nd + d]): what the origins read. */
	private readonly latestT: Int32Array;
	private readonly arrivalT: Int32Array;
	private readonly legsT: Int8Array;
	private readonly opts: PtQueryOptions;
	private readonly deadlines: Int32Array;
	private readonly leaveS: Float64Array; // origin × deadline, seconds
	private readonly arriveS: Float64Array;
	private readonly legS: Float64Array;
	/** One origin's samples (journey, then wait minutes) while their percentiles are selected. */
	private readonly sampleBuf: Float64Array;
	/** p50 and p80 of one origin's samples. */
	private readonly pair = new Float64Array(2);
	/** Per origin, whether any deadline of the last windowSamples target was reached (else no percentile is needed). */
	private readonly anyReached: Uint8Array;
	/** How many samples of one origin have 0, 1, 2, … changes (legs are an Int8: at most 127). */
	private readonly changeCounts = new Int32Array(128);
	/** toTargetColumns' output. */
	private readonly columns: PtTargetColumns;
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
		const nd = this.deadlines.length;
		this.latest = new Int32Array(nd * tt.stopCount);
		this.arrival = new Int32Array(nd * tt.stopCount);
		this.legs = new Int8Array(nd * tt.stopCount);
		this.latestT = new Int32Array(nd * tt.stopCount);
		this.arrivalT = new Int32Array(nd * tt.stopCount);
		this.legsT = new Int8Array(nd * tt.stopCount);
		this.leaveS = new Float64Array(origins.length * nd);
		this.arriveS = new Float64Array(origins.length * nd);
		this.legS = new Float64Array(origins.length * nd);
		this.sampleBuf = new Float64Array(nd);
		const n = origins.length;
		this.anyReached = new Uint8Array(n);
		this.columns = { p50: new Float64Array(n), p80: new Float64Array(n), waitP50: new Float64Array(n), waitP80: new Float64Array(n), changes: new Float64Array(n) };
	}

	/**
	 * The chosen journey from every origin to `target` for every deadline (one profile scan). The arrays are this
	 * matrix's buffers: valid until the next call.
	 */
	windowSamples(target: { lon: number; lat: number }): WindowSamples {
		const { tt, origins, access, ws, deadlines, latest, arrival, legs, leaveS, arriveS, legS } = this;
		const ns = tt.stopCount;
		const walk = this.opts.walk;
		const egress = egressStops(tt, target.lon, target.lat, walk);
		const nd = deadlines.length;
		const direct = origins.map((p) => {
			const d = haversineM(p.lon, p.lat, target.lon, target.lat);
			return d <= walk.maxDirectM ? walkSec(d, walk) : Infinity;
		});
		ws.arriveByWindow(egress, deadlines, this.opts.maxDurationSec, latest, legs, arrival);
		// The profile is deadline-major; each origin reads its few access stops across all deadlines, so a
		// stop-major copy (one stop's deadlines side by side) keeps those reads in a row, not ns apart.
		const { latestT, arrivalT, legsT } = this;
		for (let d = 0; d < nd; d++)
			for (let s = 0, i = d * ns; s < ns; s++, i++) {
				latestT[s * nd + d] = latest[i];
				arrivalT[s * nd + d] = arrival[i];
				legsT[s * nd + d] = legs[i];
			}
		const anyReached = this.anyReached;
		for (let o = 0; o < origins.length; o++) {
			const a = access[o];
			const base = o * nd;
			if (a.stops.length === 0 && direct[o] === Infinity) {
				// No stop within walking distance and the target too far to walk: unreachable at every deadline.
				leaveS.fill(-Infinity, base, base + nd);
				arriveS.fill(Infinity, base, base + nd);
				legS.fill(NaN, base, base + nd);
				anyReached[o] = 0;
				continue;
			}
			// walking all the way leaves at T − walk and arrives at T; otherwise unreachable until a stop improves it
			for (let d = 0; d < nd; d++) {
				const T = deadlines[d];
				const best = T - direct[o];
				leaveS[base + d] = best;
				arriveS[base + d] = Number.isFinite(best) ? T : Infinity;
				legS[base + d] = 0;
			}
			// Stops in the order of the access list for every deadline, as the choice between equal journeys depends on it.
			for (let k = 0; k < a.stops.length; k++) {
				const sb = a.stops[k] * nd;
				const sec = a.sec[k];
				for (let d = 0; d < nd; d++) {
					const l = latestT[sb + d];
					if (l <= UNREACHED_BACK) continue;
					const leave = l - sec;
					const best = leaveS[base + d];
					if (leave < best) continue;
					const arr = arrivalT[sb + d];
					const bestArr = arriveS[base + d];
					if (leave > best || arr < bestArr || (arr === bestArr && legsT[sb + d] < legS[base + d])) {
						leaveS[base + d] = leave;
						arriveS[base + d] = arr;
						legS[base + d] = legsT[sb + d];
					}
				}
			}
			let any = 0;
			for (let d = 0; d < nd; d++) {
				if (!Number.isFinite(leaveS[base + d])) legS[base + d] = NaN;
				else any = 1;
			}
			anyReached[o] = any;
		}
		return { deadlines, leave: leaveS, arrive: arriveS, legs: legS };
	}

	/**
	 * p50/p80 of journey and wait, and median changes, from every origin to `target`, as columns (one entry per
	 * origin; NaN where toTarget gives null): no object per origin, for the matrix's hundreds of thousands of
	 * cells. The arrays are this matrix's buffers: valid until the next call.
	 */
	toTargetColumns(target: { lon: number; lat: number }): PtTargetColumns {
		const { deadlines, leave, arrive, legs } = this.windowSamples(target);
		const nd = deadlines.length;
		const buf = this.sampleBuf;
		const changeCounts = this.changeCounts;
		const out = this.columns;
		const pair = this.pair;
		for (let o = 0; o < this.origins.length; o++) {
			if (!this.anyReached[o]) {
				out.p50[o] = out.p80[o] = out.waitP50[o] = out.waitP80[o] = out.changes[o] = NaN;
				continue;
			}
			const base = o * nd;
			// unreachable samples are +Infinity in both lists, so they rank last and null the percentiles they hit
			for (let d = 0; d < nd; d++) buf[d] = (arrive[base + d] - leave[base + d]) / 60;
			percentilesInPlace(buf, P50_P80, pair);
			out.p50[o] = tenth(pair[0]);
			out.p80[o] = tenth(pair[1]);
			for (let d = 0; d < nd; d++) buf[d] = arrive[base + d] === Infinity ? Infinity : (deadlines[d] - arrive[base + d]) / 60;
			percentilesInPlace(buf, P50_P80, pair);
			out.waitP50[o] = tenth(pair[0]);
			out.waitP80[o] = tenth(pair[1]);
			// Changes = vehicle legs − 1 (legs are small whole numbers): counted, not listed and sorted per origin.
			changeCounts.fill(0);
			let reached = 0;
			for (let d = 0; d < nd; d++) {
				const l = legs[base + d];
				if (Number.isNaN(l)) continue;
				changeCounts[Math.max(0, l - 1)]++;
				reached++;
			}
			out.changes[o] = reached ? medianOfCounts(changeCounts, reached) : NaN;
		}
		return out;
	}

	/** toTargetColumns as one object per origin (null for none). */
	toTarget(target: { lon: number; lat: number }): TravelTimeResult[] {
		const c = this.toTargetColumns(target);
		return this.origins.map((p, o) => ({ id: p.id, p50: orNull(c.p50[o]), p80: orNull(c.p80[o]), waitP50: orNull(c.waitP50[o]), waitP80: orNull(c.waitP80[o]), changes: orNull(c.changes[o]) }));
	}
}

const P50_P80 = [50, 80] as const;

/** Minutes to 0.1, NaN for none (an unreachable sample hit the percentile). */
function tenth(x: number): number {
	return Number.isFinite(x) ? Math.round(x * 10) / 10 : NaN;
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

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
	/** Departure from the origin point: the latest that still arrives by the deadline. */
	leave: number;
	/** Arrival at the destination point: the earliest when leaving at `leave`. */
	arrive: number;
	deadline: number;
	/** Door-to-door journey, arrive − leave, minutes (the travel-time definition of this module). */
	minutes: number;
	/** Wait before the deadline at the destination, deadline − arrive, minutes. */
	waitMinutes: number;
	changes: number;
	legs: ItineraryLeg[];
}

/**
 * Itinerary from point `from` to point `to` for a deadline (seconds), or null: the latest departure that arrives
 * by the deadline (backward scan), then the earliest arrival from that departure (forward scan), as the matrix
 * defines the journey. Leg end points are stop names; walk legs from/to the points are named 'origin' / 'destination'.
 */
export function route(
	tt: Timetable,
	from: { lon: number; lat: number },
	to: { lon: number; lat: number },
	deadline: number,
	opts: Partial<PtQueryOptions> = {}
): Itinerary | null {
	const o = { ...DEFAULT_PT_QUERY, ...opts };
	const egress = egressStops(tt, to.lon, to.lat, o.walk);
	const access = accessStops(from.lon, from.lat, tt.stopLon, tt.stopLat, o.walk);
	const dDirect = haversineM(from.lon, from.lat, to.lon, to.lat);
	const directSec = dDirect <= o.walk.maxDirectM ? walkSec(dDirect, o.walk) : Infinity;
	const bw = new BackwardWorkspace(tt);
	bw.latestDeparture(egress, deadline, o.maxDurationSec);
	let leave = deadline - directSec;
	for (let k = 0; k < access.stops.length; k++) {
		const s = access.stops[k];
		if (bw.ld[s] > UNREACHED_BACK) leave = Math.max(leave, bw.ld[s] - access.sec[k]);
	}
	if (!Number.isFinite(leave)) return null;
	const fw = new ForwardWorkspace(tt);
	fw.earliestArrival(access.stops, leave, o.maxDurationSec, access.sec);
	// walking all the way wins ties (no vehicle legs)
	let arrive = leave + directSec, bestY = -1;
	for (const { stop, egressSec } of egress) {
		if (fw.arr[stop] >= UNREACHED) continue;
		const a = fw.arr[stop] + egressSec;
		if (a < arrive || (a === arrive && bestY >= 0 && fw.legs[stop] < fw.legs[bestY])) {
			arrive = a;
			bestY = stop;
		}
	}
	const legs: ItineraryLeg[] = [];
	const leg = (mode: 'walk' | 'pt', fromName: string, toName: string, dep: number, arr: number, extra: Partial<ItineraryLeg> = {}) =>
		legs.push({ mode, from: fromName, to: toName, dep, arr, depHm: formatTime(dep), arrHm: formatTime(arr), ...extra });
	const done = (changes: number): Itinerary => ({ leave, arrive, deadline, minutes: (arrive - leave) / 60, waitMinutes: (deadline - arrive) / 60, changes, legs });
	if (bestY < 0) {
		leg('walk', 'origin', 'destination', leave, arrive);
		return done(0);
	}
	const steps = forwardJourney(fw, bestY);
	const first = steps.length ? steps[0].from : bestY;
	const k = access.stops.indexOf(first);
	leg('walk', 'origin', tt.stopNames[first], leave, leave + (k >= 0 ? access.sec[k] : 0));
	let trips = 0;
	for (const st of steps) {
		if (st.kind === 'walk') leg('walk', tt.stopNames[st.from], tt.stopNames[st.to], st.dep, st.arr);
		else {
			trips++;
			leg('pt', tt.stopNames[st.from], tt.stopNames[st.to], st.dep, st.arr, {
				route: tt.routeShortNames[tt.tripRoute[st.trip]],
				headsign: tt.tripHeadsigns[st.trip],
				tripId: tt.tripIds[st.trip]
			});
		}
	}
	leg('walk', tt.stopNames[bestY], 'destination', fw.arr[bestY], arrive);
	return done(Math.max(0, trips - 1));
}
