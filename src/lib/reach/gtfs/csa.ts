/**
 * Connection Scan Algorithm (Dibbelt et al.) on a packed {@link Timetable}, forward (earliest arrival) and
 * backward (latest departure for an arrival deadline).
 *
 * Transfer rules, identical in both directions:
 *  - staying in the same trip needs no time;
 *  - changing between trips at the same stop needs `minChangeSec[stop]` after the vehicle arrival;
 *  - a footpath (one hop, never chained) from the stop of a vehicle arrival replaces the change time;
 *  - at the origin the traveller is on foot: boarding needs no change time, and one footpath may be taken first;
 *  - pickup_type / drop_off_type = 1 forbid boarding / alighting.
 *
 * Workspaces hold all per-stop and per-trip arrays and are reused between queries (no allocation per query).
 */
import { CAN_ALIGHT, CAN_BOARD, type Timetable } from './timetable.ts';

export const UNREACHED = 0x3fffffff;
export const UNREACHED_BACK = -0x3fffffff;

/** Reusable state of forward queries on one timetable. */
export class ForwardWorkspace {
	/** Earliest arrival time at each stop (vehicle or walk), seconds; UNREACHED if none. */
	readonly arr: Int32Array;
	/** Earliest time one can board at each stop (vehicle arrival + change time, or walk arrival). */
	readonly ready: Int32Array;
	/** Number of vehicle legs of the journey giving `arr`. */
	readonly legs: Int32Array;
	/** Connection by which `arr` was reached (alighting connection), or -1 (source / walk only). */
	readonly arrConn: Int32Array;
	/** Stop walked from to reach `arr` (footpath after `arrConn`), or -1. */
	readonly arrWalkFrom: Int32Array;
	/** Connection where the trip reaching a stop was boarded, by trip. */
	readonly tripBoard: Int32Array;
	/** Best vehicle arrival per stop: a later one cannot improve anything through change time or footpaths. */
	private readonly vehArr: Int32Array;
	private readonly tripStamp: Int32Array;
	private readonly tripLegs: Int32Array;
	private run = 0;
	constructor(readonly tt: Timetable) {
		this.vehArr = new Int32Array(tt.stopCount);
		this.arrConn = new Int32Array(tt.stopCount);
		this.arrWalkFrom = new Int32Array(tt.stopCount);
		this.tripBoard = new Int32Array(tt.tripCount);
		this.arr = new Int32Array(tt.stopCount);
		this.ready = new Int32Array(tt.stopCount);
		this.legs = new Int32Array(tt.stopCount);
		this.tripStamp = new Int32Array(tt.tripCount);
		this.tripLegs = new Int32Array(tt.tripCount);
	}

	/**
	 * Earliest arrival at every stop when leaving the `sources` (stop indices, on foot) at `departure` (s).
	 * Results in `this.arr` / `this.legs`. `maxDurationSec` bounds the scan. `sourceDelaySec[k]` (≥ 0) delays
	 * source k, e.g. by the walk from an origin point to that stop (default 0 for all).
	 */
	earliestArrival(sources: ArrayLike<number>, departure: number, maxDurationSec = 6 * 3600, sourceDelaySec?: ArrayLike<number>): Int32Array {
		const tt = this.tt;
		const { arr, ready, legs, arrConn, arrWalkFrom, tripBoard, vehArr } = this;
		arr.fill(UNREACHED);
		ready.fill(UNREACHED);
		vehArr.fill(UNREACHED);
		const run = ++this.run;
		const { footOutStart, footOutTo, footOutSec, minChangeSec } = tt;
		for (let k = 0; k < sources.length; k++) {
			const s = sources[k];
			const t = departure + (sourceDelaySec ? sourceDelaySec[k] : 0);
			if (t >= arr[s]) continue;
			arr[s] = t;
			ready[s] = t;
			legs[s] = 0;
			arrConn[s] = -1;
			arrWalkFrom[s] = -1;
		}
		for (let k = 0; k < sources.length; k++) {
			const s = sources[k];
			// from the source's own time: one footpath may follow the walk from the origin
			const t0 = departure + (sourceDelaySec ? sourceDelaySec[k] : 0);
			for (let e = footOutStart[s]; e < footOutStart[s + 1]; e++) {
				const x = footOutTo[e], t = t0 + footOutSec[e];
				if (t < arr[x]) { arr[x] = t; legs[x] = 0; arrConn[x] = -1; arrWalkFrom[x] = s; }
				if (t < ready[x]) ready[x] = t;
			}
		}
		const { connDepTime, connArrTime, connDepStop, connArrStop, connTrip, connFlags } = tt;
		const { tripStamp, tripLegs } = this;
		const end = departure + maxDurationSec;
		for (let c = lowerBound(connDepTime, departure); c < tt.connCount; c++) {
			const dep = connDepTime[c];
			if (dep > end) break;
			const trip = connTrip[c];
			let l: number;
			if (tripStamp[trip] === run) l = tripLegs[trip];
			else if ((connFlags[c] & CAN_BOARD) !== 0 && ready[connDepStop[c]] <= dep) {
				tripStamp[trip] = run;
				tripBoard[trip] = c;
				l = tripLegs[trip] = legs[connDepStop[c]] + 1;
			} else continue;
			if ((connFlags[c] & CAN_ALIGHT) === 0) continue;
			const s = connArrStop[c], t = connArrTime[c];
			if (t >= vehArr[s]) continue;
			vehArr[s] = t;
			if (t < arr[s]) { arr[s] = t; legs[s] = l; arrConn[s] = c; arrWalkFrom[s] = -1; }
			const r = t + minChangeSec[s];
			if (r < ready[s]) ready[s] = r;
			for (let e = footOutStart[s]; e < footOutStart[s + 1]; e++) {
				const x = footOutTo[e], tx = t + footOutSec[e];
				if (tx < arr[x]) { arr[x] = tx; legs[x] = l; arrConn[x] = c; arrWalkFrom[x] = s; }
				if (tx < ready[x]) ready[x] = tx;
			}
		}
		return arr;
	}
}

/** One step of a forward journey, for explanations and debugging. */
export interface JourneyStep {
	kind: 'trip' | 'walk';
	from: number;
	to: number;
	dep: number;
	arr: number;
	trip: number;
}

/**
 * Journey to `target` found by the last {@link ForwardWorkspace.earliestArrival} call, first step first.
 * Uses the trip boarding of the last query; valid only right after that query.
 */
export function forwardJourney(ws: ForwardWorkspace, target: number): JourneyStep[] {
	const tt = ws.tt;
	const steps: JourneyStep[] = [];
	if (ws.arr[target] >= UNREACHED) return steps;
	let s = target;
	for (let guard = 0; guard < 100; guard++) {
		const c = ws.arrConn[s], w = ws.arrWalkFrom[s];
		if (c < 0 && w < 0) break;
		const reachedBy = w >= 0 ? w : s;
		if (w >= 0) {
			const prevArr = c >= 0 ? tt.connArrTime[c] : ws.arr[w];
			steps.push({ kind: 'walk', from: w, to: s, dep: prevArr, arr: ws.arr[s], trip: -1 });
		}
		if (c < 0) { s = w; break; }
		const trip = tt.connTrip[c];
		const b = ws.tripBoard[trip];
		steps.push({ kind: 'trip', from: tt.connDepStop[b], to: reachedBy, dep: tt.connDepTime[b], arr: tt.connArrTime[c], trip });
		s = tt.connDepStop[b];
	}
	return steps.reverse();
}

/** A stop where the journey may end, with the walking time from it to the destination. */
export interface EgressStop {
	stop: number;
	egressSec: number;
}

/** Reusable state of backward (arrive-by) queries on one timetable. */
export class BackwardWorkspace {
	/**
	 * Latest time one may stand at each stop on foot and still arrive by the deadline (boarding there, or after one
	 * footpath to another stop).
	 */
	readonly ld: Int32Array;
	/** Vehicle legs of the journey giving `ld` (0 = walk from a target stop). */
	readonly ldLegs: Int32Array;
	/** Connection boarded for `ld` (-1 = walk directly / target stop). */
	readonly ldConn: Int32Array;
	/** Latest vehicle arrival at each stop that still makes it (deadline for alighting there). */
	readonly dl: Int32Array;
	readonly dlLegs: Int32Array;
	/** How `dl` continues: connection boarded next (at this stop or after a footpath), or -1 = walk to destination. */
	readonly dlConn: Int32Array;
	/** Connection where the traveller alights from the trip boarded by `ldConn` / `dlConn` (for itineraries). */
	readonly ldExit: Int32Array;
	readonly dlExit: Int32Array;
	private readonly tripExit: Int32Array;
	/** Latest boarding processed per stop (and its legs): an earlier one cannot improve ld, dl or footpaths. */
	private readonly boardT: Int32Array;
	private readonly boardL: Int32Array;
	private readonly tripStamp: Int32Array;
	private readonly tripLegs: Int32Array;
	private run = 0;
	constructor(readonly tt: Timetable) {
		const n = tt.stopCount;
		this.boardT = new Int32Array(n);
		this.boardL = new Int32Array(n);
		this.ld = new Int32Array(n);
		this.ldLegs = new Int32Array(n);
		this.ldConn = new Int32Array(n);
		this.dl = new Int32Array(n);
		this.dlLegs = new Int32Array(n);
		this.dlConn = new Int32Array(n);
		this.ldExit = new Int32Array(n);
		this.dlExit = new Int32Array(n);
		this.tripExit = new Int32Array(tt.tripCount);
		this.tripStamp = new Int32Array(tt.tripCount);
		this.tripLegs = new Int32Array(tt.tripCount);
	}

	/**
	 * Latest departure from every stop to reach one of the `targets` by `deadline` (s). Results in `ld`/`ldLegs`.
	 * Ties are broken towards fewer vehicle legs. `maxDurationSec` bounds the scan.
	 */
	latestDeparture(targets: readonly EgressStop[], deadline: number, maxDurationSec = 3 * 3600): Int32Array {
		const tt = this.tt;
		const { ld, ldLegs, ldConn, dl, dlLegs, dlConn, ldExit, dlExit, tripExit, tripStamp, tripLegs, boardT, boardL } = this;
		ld.fill(UNREACHED_BACK);
		dl.fill(UNREACHED_BACK);
		boardT.fill(UNREACHED_BACK);
		const run = ++this.run;
		for (const { stop, egressSec } of targets) {
			const t = deadline - egressSec;
			if (t > ld[stop]) {
				ld[stop] = t;
				ldLegs[stop] = 0;
				ldConn[stop] = -1;
			}
			if (t > dl[stop]) {
				dl[stop] = t;
				dlLegs[stop] = 0;
				dlConn[stop] = -1;
			}
		}
		const { connDepTime, connArrTime, connDepStop, connArrStop, connTrip, connFlags, connByArr, connArrSorted, footInStart, footInFrom, footInSec, minChangeSec } = tt;
		// one footpath into a target stop, as the forward scan walks from a vehicle arrival
		for (const { stop, egressSec } of targets) {
			for (let e = footInStart[stop]; e < footInStart[stop + 1]; e++) {
				const x = footInFrom[e], t = deadline - egressSec - footInSec[e];
				if (t > ld[x]) {
					ld[x] = t;
					ldLegs[x] = 0;
					ldConn[x] = -1;
				}
				if (t > dl[x]) {
					dl[x] = t;
					dlLegs[x] = 0;
					dlConn[x] = -1;
				}
			}
		}
		const stopAt = deadline - maxDurationSec;
		for (let k = upperBound(connArrSorted, deadline) - 1; k >= 0; k--) {
			if (connArrSorted[k] < stopAt) break;
			const c = connByArr[k];
			const trip = connTrip[c];
			let l = UNREACHED;
			if (tripStamp[trip] === run) l = tripLegs[trip];
			if ((connFlags[c] & CAN_ALIGHT) !== 0) {
				const a = connArrStop[c];
				if (connArrTime[c] <= dl[a] && dlLegs[a] + 1 < l) {
					l = dlLegs[a] + 1;
					tripStamp[trip] = run;
					tripLegs[trip] = l;
					tripExit[trip] = c;
				}
			}
			if (l === UNREACHED || (connFlags[c] & CAN_BOARD) === 0) continue;
			const s = connDepStop[c], t = connDepTime[c];
			if (t < boardT[s] || (t === boardT[s] && l >= boardL[s])) continue;
			boardT[s] = t;
			boardL[s] = l;
			if (t > ld[s] || (t === ld[s] && l < ldLegs[s])) {
				ld[s] = t;
				ldLegs[s] = l;
				ldConn[s] = c;
				ldExit[s] = tripExit[trip];
			}
			const r = t - minChangeSec[s];
			if (r > dl[s] || (r === dl[s] && l < dlLegs[s])) {
				dl[s] = r;
				dlLegs[s] = l;
				dlConn[s] = c;
				dlExit[s] = tripExit[trip];
			}
			for (let e = footInStart[s]; e < footInStart[s + 1]; e++) {
				const x = footInFrom[e], tx = t - footInSec[e];
				// on foot at x: one footpath before boarding, mirroring the forward scan at its sources
				if (tx > ld[x] || (tx === ld[x] && l < ldLegs[x])) {
					ld[x] = tx;
					ldLegs[x] = l;
					ldConn[x] = c;
					ldExit[x] = tripExit[trip];
				}
				if (tx > dl[x] || (tx === dl[x] && l < dlLegs[x])) {
					dl[x] = tx;
					dlLegs[x] = l;
					dlConn[x] = c;
					dlExit[x] = tripExit[trip];
				}
			}
		}
		return ld;
	}
}

/** First index i with a[i] >= v (a sorted ascending). */
export function lowerBound(a: Int32Array, v: number): number {
	let lo = 0, hi = a.length;
	while (lo < hi) {
		const m = (lo + hi) >>> 1;
		if (a[m] < v) lo = m + 1;
		else hi = m;
	}
	return lo;
}

/** First index i with a[i] > v (a sorted ascending). */
export function upperBound(a: Int32Array, v: number): number {
	let lo = 0, hi = a.length;
	while (lo < hi) {
		const m = (lo + hi) >>> 1;
		if (a[m] <= v) lo = m + 1;
		else hi = m;
	}
	return lo;
}
