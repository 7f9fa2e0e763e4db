/**
 * Profile Connection Scan (Dibbelt et al., "Connection Scan Algorithm", §4) for arrive-by windows: one scan over
 * the connections in decreasing departure order gives, for every stop, the Pareto set of (departure, arrival at the
 * destination); every deadline of the window is then read off those sets. Same transfer rules as csa.ts
 * (change time per stop, one footpath per change, one footpath before the first boarding and after the last
 * alighting), so the results equal {@link BackwardWorkspace.latestDeparture} run once per deadline — which the
 * tests check on the Zug feed.
 *
 * Each entry also carries its arrival, so every deadline yields the chosen journey's arrival at the destination
 * as well (door-to-door journey = arrival − departure, wait = deadline − arrival) without a second search. When two
 * options leave equally late, the one arriving earlier is chosen (then fewer legs): that is the journey a forward
 * earliest-arrival search from that departure finds.
 *
 * Memory: entries live in one pool of `connCount` slots (a connection adds at most one entry), linked per stop from
 * the newest (earliest departure) to older ones, so no allocation happens per query.
 */
import { CAN_ALIGHT, CAN_BOARD, type Timetable } from './timetable.ts';
import { UNREACHED, UNREACHED_BACK, upperBound, lowerBound, type EgressStop } from './csa.ts';

/** Reusable state of profile queries on one timetable. */
export class ProfileWorkspace {
	private readonly head: Int32Array;
	private readonly eDep: Int32Array;
	private readonly eArr: Int32Array;
	private readonly eLegs: Int32Array;
	private readonly ePrev: Int32Array;
	private readonly tripArr: Int32Array;
	private readonly tripLegs: Int32Array;
	/** Walking time from a stop to the destination (own egress or one footpath + egress), or UNREACHED. */
	private readonly toDest: Int32Array;
	private readonly ptr: Int32Array;
	private readonly board: Int32Array;
	private readonly boardLegs: Int32Array;
	private n = 0;
	private evalLegs = 0;

	constructor(readonly tt: Timetable) {
		const s = tt.stopCount, m = tt.connCount + 1;
		this.head = new Int32Array(s);
		this.eDep = new Int32Array(m);
		this.eArr = new Int32Array(m);
		this.eLegs = new Int32Array(m);
		this.ePrev = new Int32Array(m);
		this.tripArr = new Int32Array(tt.tripCount);
		this.tripLegs = new Int32Array(tt.tripCount);
		this.toDest = new Int32Array(s);
		this.ptr = new Int32Array(s);
		this.board = new Int32Array(s);
		this.boardLegs = new Int32Array(s);
	}

	/**
	 * Latest on-foot departure from every stop for every deadline (ascending). Writes
	 * `outLatest[d * stopCount + s]` (≤ UNREACHED_BACK when unreachable), `outLegs` (vehicle legs) and, if given,
	 * `outArrival` (arrival of that journey at the destination, after the egress walk; UNREACHED when unreachable).
	 */
	arriveByWindow(
		targets: readonly EgressStop[],
		deadlines: Int32Array,
		maxDurationSec: number,
		outLatest: Int32Array,
		outLegs: Int8Array | Int32Array,
		outArrival?: Int32Array
	): void {
		const tt = this.tt;
		const ns = tt.stopCount;
		const { head, eDep, eArr, eLegs, ePrev, tripArr, tripLegs, toDest } = this;
		const { connDepTime, connArrTime, connDepStop, connArrStop, connTrip, connFlags, footOutStart, footOutTo, footOutSec, minChangeSec } = tt;
		head.fill(-1);
		tripArr.fill(UNREACHED);
		toDest.fill(UNREACHED);
		this.n = 0;
		for (const { stop, egressSec } of targets) if (egressSec < toDest[stop]) toDest[stop] = egressSec;
		// one footpath into a target (computed from the direct egress values only: footpaths are not chained)
		const direct = Int32Array.from(toDest);
		for (let s = 0; s < ns; s++)
			for (let e = footOutStart[s]; e < footOutStart[s + 1]; e++) {
				const y = footOutTo[e];
				if (direct[y] < UNREACHED && footOutSec[e] + direct[y] < toDest[s]) toDest[s] = footOutSec[e] + direct[y];
			}
		const nd = deadlines.length;
		if (nd === 0) return;
		const last = deadlines[nd - 1];
		const first = deadlines[0];
		const stopBefore = lowerBound(connDepTime, first - maxDurationSec);
		for (let c = upperBound(connDepTime, last) - 1; c >= stopBefore; c--) {
			if (connArrTime[c] > last) continue;
			const trip = connTrip[c];
			let tau = tripArr[trip], legs = tripLegs[trip];
			if ((connFlags[c] & CAN_ALIGHT) !== 0) {
				const s = connArrStop[c], t = connArrTime[c];
				let a = UNREACHED, l = 0;
				if (toDest[s] < UNREACHED) a = t + toDest[s];
				const a2 = this.evaluate(s, t + minChangeSec[s]);
				if (a2 < a || (a2 === a && a2 < UNREACHED && this.evalLegs < l)) { a = a2; l = this.evalLegs; }
				for (let e = footOutStart[s]; e < footOutStart[s + 1]; e++) {
					const a3 = this.evaluate(footOutTo[e], t + footOutSec[e]);
					if (a3 < a || (a3 === a && a3 < UNREACHED && this.evalLegs < l)) { a = a3; l = this.evalLegs; }
				}
				if (a < UNREACHED && (a < tau || (a === tau && l + 1 < legs))) {
					tau = a;
					legs = l + 1;
					tripArr[trip] = tau;
					tripLegs[trip] = legs;
				}
			}
			if (tau >= UNREACHED || (connFlags[c] & CAN_BOARD) === 0) continue;
			this.add(connDepStop[c], connDepTime[c], tau, legs);
		}
		this.readDeadlines(deadlines, outLatest, outLegs, outArrival, ns);
	}

	/** Earliest arrival at the destination when ready to board at `s` at time `t` (legs in evalLegs). */
	private evaluate(s: number, t: number): number {
		const { eDep, ePrev } = this;
		let e = this.head[s];
		while (e >= 0 && eDep[e] < t) e = ePrev[e];
		if (e < 0) return UNREACHED;
		this.evalLegs = this.eLegs[e];
		return this.eArr[e];
	}

	/** Append (dep, arr) to the stop's Pareto list; deps arrive in non-increasing order. */
	private add(s: number, dep: number, arr: number, legs: number): void {
		const h = this.head[s];
		if (h >= 0) {
			if (this.eDep[h] === dep) {
				if (arr < this.eArr[h] || (arr === this.eArr[h] && legs < this.eLegs[h])) {
					this.eArr[h] = arr;
					this.eLegs[h] = legs;
				}
				return;
			}
			if (this.eArr[h] <= arr) return; // a later departure arrives as early: dominated
		}
		const e = this.n++;
		this.eDep[e] = dep;
		this.eArr[e] = arr;
		this.eLegs[e] = legs;
		this.ePrev[e] = h;
		this.head[s] = e;
	}

	/**
	 * For each deadline: latest boarding per stop (two-pointer sweep), then one footpath before boarding. Ties in
	 * departure go to the earlier arrival, then to fewer legs.
	 */
	private readDeadlines(deadlines: Int32Array, outLatest: Int32Array, outLegs: Int8Array | Int32Array, outArrival: Int32Array | undefined, ns: number): void {
		const { head, eDep, eArr, eLegs, ePrev, ptr, board, boardLegs, toDest } = this;
		const { footOutStart, footOutTo, footOutSec } = this.tt;
		ptr.fill(-1);
		for (let d = 0; d < deadlines.length; d++) {
			const T = deadlines[d];
			for (let s = 0; s < ns; s++) {
				// oldest entry (latest departure) with arrival ≤ T; entries get older along ePrev
				let e = ptr[s];
				if (e < 0) {
					e = head[s];
					if (e >= 0 && eArr[e] > T) e = -1;
				}
				if (e >= 0) while (ePrev[e] >= 0 && eArr[ePrev[e]] <= T) e = ePrev[e];
				ptr[s] = e;
				board[s] = e >= 0 ? eDep[e] : UNREACHED_BACK;
				boardLegs[s] = e >= 0 ? eLegs[e] : 0;
			}
			const base = d * ns;
			// the chosen entry of stop x is ptr[x]: its arrival is eArr[ptr[x]] (read only where needed)
			for (let s = 0; s < ns; s++) {
				let best = board[s], arr = ptr[s] >= 0 ? eArr[ptr[s]] : UNREACHED, legs = boardLegs[s];
				if (toDest[s] < UNREACHED) {
					// walking all the way: leave as late as possible, arrive exactly at T
					const w = T - toDest[s];
					if (w > best || (w === best && (T < arr || (T === arr && 0 < legs)))) { best = w; arr = T; legs = 0; }
				}
				for (let e = footOutStart[s]; e < footOutStart[s + 1]; e++) {
					const x = footOutTo[e];
					if (board[x] <= UNREACHED_BACK) continue;
					const w = board[x] - footOutSec[e];
					if (w < best) continue;
					const a = eArr[ptr[x]];
					if (w > best || a < arr || (a === arr && boardLegs[x] < legs)) { best = w; arr = a; legs = boardLegs[x]; }
				}
				outLatest[base + s] = best;
				outLegs[base + s] = Math.min(127, legs);
				if (outArrival) outArrival[base + s] = arr;
			}
		}
	}
}
