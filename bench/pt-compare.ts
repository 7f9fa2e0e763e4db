/**
 * Earliest-arrival comparison of our forward CSA with minotor and raptor-journey-planner (RJP) on a real feed.
 * Shared by tests/unit/csa-peers.test.ts (bounded) and bench/pt.ts (more queries).
 *
 * Each query: a random served stop and a random departure minute (seeded); every other stop served on the day is
 * a destination. Every difference is put in a category whose cause is checked, not assumed:
 *  - overwrite (minotor): minotor's final arrival is later than ours but the minimum over its own per-round
 *    arrivals equals ours. Cause: its considerTransfers compares a footpath arrival with the current round only
 *    and then overwrites the global earliest arrival with a later time.
 *  - overwrite-cascade (minotor): minotor is later than ours (or unreached), the same query contains such an
 *    overwrite, and the corrupted earliest arrival prunes trips in later rounds.
 *  - scan-cache (RJP): RJP differs, but equals ours when its RouteScanner position cache is disabled. Cause: the
 *    cache assumes each route is asked for ever earlier times within a scan, which fails across rounds/stops.
 *  - chained-footpaths (both): the peer (RJP: with the cache disabled) is earlier than ours and equals our CSA on
 *    a timetable whose footpaths are the transitive closure of transfers.txt. Cause: RJP always lets a footpath
 *    start at a stop reached by footpath (transfers are scanned from stops marked by footpaths in the previous
 *    round); minotor does so when the intermediate stop is iterated after being improved by a footpath in the
 *    same round (order-dependent). We take one footpath per change, as GTFS transfers.txt intends.
 *  - partial-chain: the peer is earlier than ours but not as early as the closure; consistent with chaining on
 *    some stops only (minotor's order dependence), not proven pair by pair.
 *  - loop-trip (minotor): minotor is later or unreached, and our journey rides a trip that visits one stop twice
 *    (e.g. Zug bus 26 starts and ends at the same stop). minotor keeps one position per stop in a route, so it
 *    cannot board such a trip at its first visit.
 *  - walk-dominated (minotor): minotor is later or unreached, and our journey walks on from a stop X after a
 *    vehicle arrival although X was reached earlier on foot. RAPTOR marks X only when improved, so the later
 *    vehicle arrival never starts X's footpaths, and footpaths are not chained from the earlier walk either.
 *  - unexplained: anything else; reported with examples.
 * Stops without any departure or arrival on the day are excluded: the peers drop them, we keep them.
 */
import { ForwardWorkspace, UNREACHED, forwardJourney } from '../src/lib/reach/gtfs/csa.ts';
import { buildFootpathCsr, type Timetable } from '../src/lib/reach/gtfs/timetable.ts';
import type { PeerRouter } from './pt-peers.ts';

export type Category =
	| 'equal'
	| 'overwrite'
	| 'overwrite-cascade'
	| 'scan-cache'
	| 'chained-footpaths'
	| 'partial-chain'
	| 'loop-trip'
	| 'walk-dominated'
	| 'unexplained';

export interface PairResult {
	from: string;
	to: string;
	dep: number;
	ours: number | undefined;
	minotor?: number;
	rjp?: number;
	minotorCat?: Category;
	rjpCat?: Category;
}

export interface ComparisonSummary {
	queries: number;
	pairs: number;
	minotor: Record<Category, number>;
	rjp: Record<Category, number>;
	/** Pairs where all three agree. */
	allEqual: number;
	unexplained: PairResult[];
	ms: { ours: number; minotor: number; rjp: number };
}

/** Seeded PRNG (mulberry32). */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Stops with at least one connection on the day. */
export function servedStops(tt: Timetable): Uint8Array {
	const served = new Uint8Array(tt.stopCount);
	for (let c = 0; c < tt.connCount; c++) served[tt.connDepStop[c]] = served[tt.connArrStop[c]] = 1;
	return served;
}

/** 1 for trips that call at some stop more than once. */
export function loopTrips(tt: Timetable): Uint8Array {
	const seen = new Map<number, Set<number>>();
	const out = new Uint8Array(tt.tripCount);
	for (let c = 0; c < tt.connCount; c++) {
		const t = tt.connTrip[c];
		let set = seen.get(t);
		if (!set) seen.set(t, (set = new Set([tt.connDepStop[c]])));
		if (set.has(tt.connArrStop[c])) out[t] = 1;
		set.add(tt.connArrStop[c]);
	}
	return out;
}

/** Copy of `tt` whose footpaths are the shortest-path closure of its footpath graph (for the RJP check). */
export function withClosedFootpaths(tt: Timetable): Timetable {
	const n = tt.stopCount;
	const from: number[] = [], to: number[] = [], sec: number[] = [];
	const dist = new Float64Array(n);
	const done = new Uint8Array(n);
	for (let s = 0; s < n; s++) {
		if (tt.footOutStart[s] === tt.footOutStart[s + 1]) continue;
		dist.fill(Infinity);
		done.fill(0);
		dist[s] = 0;
		const touched: number[] = [s];
		for (;;) {
			let u = -1;
			for (const v of touched) if (!done[v] && (u < 0 || dist[v] < dist[u])) u = v;
			if (u < 0) break;
			done[u] = 1;
			for (let e = tt.footOutStart[u]; e < tt.footOutStart[u + 1]; e++) {
				const v = tt.footOutTo[e], d = dist[u] + tt.footOutSec[e];
				if (d < dist[v]) {
					if (dist[v] === Infinity) touched.push(v);
					dist[v] = d;
				}
			}
		}
		for (const v of touched) if (v !== s) { from.push(s); to.push(v); sec.push(dist[v]); }
	}
	return { ...tt, ...buildFootpathCsr(n, from, to, sec) };
}

/**
 * Run `queries` seeded one-to-all queries on all three engines and categorise every differing (origin, stop) pair.
 * `minotor` may be null (then only RJP is compared).
 */
export function compareWithPeers(
	tt: Timetable,
	minotor: (PeerRouter & { earliestRoundMin(f: string, d: number): (s: string) => number | undefined }) | null,
	rjp: PeerRouter,
	queries: number,
	seed = 20210615
): ComparisonSummary {
	const rnd = mulberry32(seed);
	const served = servedStops(tt);
	const servedList: number[] = [];
	for (let s = 0; s < tt.stopCount; s++) if (served[s]) servedList.push(s);
	const ws = new ForwardWorkspace(tt);
	const closed = withClosedFootpaths(tt);
	const wsClosed = new ForwardWorkspace(closed);
	const zero = (): Record<Category, number> => ({ equal: 0, overwrite: 0, 'overwrite-cascade': 0, 'scan-cache': 0, 'chained-footpaths': 0, 'partial-chain': 0, 'loop-trip': 0, 'walk-dominated': 0, unexplained: 0 });
	const loopTrip = loopTrips(tt);
	const walkDominated = (target: number) =>
		forwardJourney(ws, target).some((st) => st.kind === 'walk' && ws.arr[st.from] < st.dep);
	const ridesLoop = (target: number) => forwardJourney(ws, target).some((st) => st.kind === 'trip' && loopTrip[st.trip] === 1);
	const sum: ComparisonSummary = { queries, pairs: 0, minotor: zero(), rjp: zero(), allEqual: 0, unexplained: [], ms: { ours: 0, minotor: 0, rjp: 0 } };
	const val = (t: number) => (t >= UNREACHED ? undefined : t);
	for (let q = 0; q < queries; q++) {
		const o = servedList[Math.floor(rnd() * servedList.length)];
		const dep = 6 * 3600 + Math.floor(rnd() * 14 * 60) * 60; // 06:00–19:59
		const fromId = tt.stopIds[o];
		let t0 = performance.now();
		ws.earliestArrival([o], dep, 30 * 3600);
		sum.ms.ours += performance.now() - t0;
		wsClosed.earliestArrival([o], dep, 30 * 3600);
		t0 = performance.now();
		const m = minotor?.earliest(fromId, dep);
		if (minotor) sum.ms.minotor += performance.now() - t0;
		const mRound = minotor?.earliestRoundMin(fromId, dep);
		t0 = performance.now();
		const r = rjp.earliest(fromId, dep);
		sum.ms.rjp += performance.now() - t0;
		const rNoCache = rjp.earliestNoScanCache!(fromId, dep);
		// does this minotor query contain an overwrite anywhere?
		let overwrite = false;
		if (m && mRound)
			for (const s of servedList) {
				const a = m(tt.stopIds[s]), b = mRound(tt.stopIds[s]);
				if (a !== b) { overwrite = true; break; }
			}
		for (const s of servedList) {
			if (s === o) continue;
			sum.pairs++;
			const id = tt.stopIds[s];
			const ours = val(ws.arr[s]);
			const res: PairResult = { from: fromId, to: id, dep, ours };
			const closedArr = val(wsClosed.arr[s]);
			const earlierByChain = (t: number | undefined) => t !== undefined && t === closedArr && (ours === undefined || t < ours);
			const partial = (t: number | undefined) => t !== undefined && closedArr !== undefined && closedArr < t && (ours === undefined || t < ours);
			const later = (t: number | undefined) => ours !== undefined && (t === undefined || t > ours);
			if (m && mRound) {
				res.minotor = m(id);
				res.minotorCat =
					res.minotor === ours ? 'equal'
					: mRound(id) === ours ? 'overwrite'
					: earlierByChain(res.minotor) ? 'chained-footpaths'
					: partial(res.minotor) ? 'partial-chain'
					: later(res.minotor) && ridesLoop(s) ? 'loop-trip'
					: later(res.minotor) && walkDominated(s) ? 'walk-dominated'
					: overwrite && later(res.minotor) ? 'overwrite-cascade'
					: 'unexplained';
				sum.minotor[res.minotorCat]++;
			}
			res.rjp = r(id);
			const fixed = rNoCache(id);
			res.rjpCat =
				res.rjp === ours ? 'equal'
				: fixed === ours ? 'scan-cache'
				: earlierByChain(fixed) ? 'chained-footpaths'
				: partial(fixed) ? 'partial-chain'
				: 'unexplained';
			sum.rjp[res.rjpCat]++;
			if (res.rjpCat === 'equal' && (!m || res.minotorCat === 'equal')) sum.allEqual++;
			if ((res.rjpCat === 'unexplained' || res.minotorCat === 'unexplained') && sum.unexplained.length < 50) sum.unexplained.push(res);
		}
	}
	return sum;
}
