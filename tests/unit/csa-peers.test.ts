/**
 * Our forward CSA against minotor and raptor-journey-planner (test-only devDependencies) on the real Zug feed.
 * Peer-compatible rules (PEER_RULES): transfers.txt footpaths only, no default change time. Every differing pair
 * must fall into a category whose cause is checked (see bench/pt-compare.ts); identical arrivals elsewhere.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
	parseGtfs,
	PEER_RULES,
	ForwardWorkspace,
	BackwardWorkspace,
	ProfileWorkspace,
	UNREACHED_BACK,
	windowDeadlines,
	egressStops,
	DEFAULT_WINDOW,
	DEFAULT_WALK,
	UNREACHED,
	PtMatrix,
	route,
	accessStops,
	walkSec,
	type EgressStop,
	type PointLike
} from '../../src/lib/reach/gtfs/index.ts';
import { haversineM } from '../../src/lib/reach/road/geo.ts';
import { writePeerFeed, loadMinotor, loadRjp } from '../../bench/pt-peers.ts';
import { compareWithPeers, mulberry32, servedStops } from '../../bench/pt-compare.ts';

const ZIP = 'data/networks/gtfs_ch_zug.zip';
const DATE = '2021-06-15';
const { timetable: tt } = parseGtfs(new Uint8Array(readFileSync(ZIP)), { date: DATE, ...PEER_RULES });

describe('earliest arrivals vs peers on the Zug feed', () => {
	it('matches minotor and raptor-journey-planner except for explained peer behaviour', async () => {
		const peerZip = writePeerFeed(ZIP);
		const minotor = await loadMinotor(peerZip, DATE);
		const rjp = await loadRjp(peerZip, DATE);
		const s = compareWithPeers(tt, minotor, rjp, 12, 7);
		const pct = (n: number) => (100 * n) / s.pairs;
		console.log(`pairs ${s.pairs}, all equal ${pct(s.allEqual).toFixed(1)} %`, { minotor: s.minotor, rjp: s.rjp });
		expect(s.pairs).toBeGreaterThan(4000);
		// identical where the rules agree
		expect(pct(s.rjp.equal)).toBeGreaterThan(85);
		expect(pct(s.minotor.equal)).toBeGreaterThan(90);
		// every difference explained
		expect(s.rjp.unexplained).toBe(0);
		expect(s.minotor.unexplained).toBe(0);
	}, 60_000);
});

describe('backward latest departure is the exact dual of forward earliest arrival (Zug, peer rules)', () => {
	it('leaving at ld arrives by the deadline; leaving one second later does not', () => {
		const rnd = mulberry32(99);
		const served = servedStops(tt);
		const list = [...served.keys()].filter((s) => served[s]);
		const fw = new ForwardWorkspace(tt);
		const bw = new BackwardWorkspace(tt);
		let checked = 0;
		for (let q = 0; q < 6; q++) {
			const target = list[Math.floor(rnd() * list.length)];
			const T = 7 * 3600 + Math.floor(rnd() * 90) * 60;
			bw.latestDeparture([{ stop: target, egressSec: 0 }], T, 3 * 3600);
			for (const s of list) {
				if (s === target || bw.ld[s] <= UNREACHED_BACK) continue;
				fw.earliestArrival([s], bw.ld[s], 3 * 3600);
				expect(fw.arr[target]).toBeLessThanOrEqual(T);
				fw.earliestArrival([s], bw.ld[s] + 1, 3 * 3600);
				if (fw.arr[target] <= T) throw new Error(`${tt.stopIds[s]} → ${tt.stopIds[target]} by ${T}: ld ${bw.ld[s]} not latest`);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(200);
	}, 60_000);
});

describe('profile CSA equals one backward scan per deadline (Zug, default rules)', () => {
	it('gives identical latest departures for every stop and deadline 07:00–08:30', () => {
		const { timetable: full } = parseGtfs(new Uint8Array(readFileSync(ZIP)), { date: DATE });
		const deadlines = windowDeadlines(DEFAULT_WINDOW);
		const pw = new ProfileWorkspace(full);
		const bw = new BackwardWorkspace(full);
		const out = new Int32Array(deadlines.length * full.stopCount);
		const legs = new Int8Array(out.length);
		let reached = 0;
		for (let k = 0; k < 10; k++) {
			const site = (k * 59) % full.stopCount;
			const egress = egressStops(full, full.stopLon[site], full.stopLat[site]);
			pw.arriveByWindow(egress, deadlines, 24 * 3600, out, legs);
			for (let d = 0; d < deadlines.length; d++) {
				bw.latestDeparture(egress, deadlines[d], 24 * 3600);
				for (let s = 0; s < full.stopCount; s++) {
					const a = out[d * full.stopCount + s], b = bw.ld[s];
					if (b <= UNREACHED_BACK) expect(a).toBeLessThanOrEqual(UNREACHED_BACK);
					else {
						if (a !== b) throw new Error(`site ${full.stopIds[site]} T ${deadlines[d]} stop ${full.stopIds[s]}: profile ${a} scan ${b}`);
						reached++;
					}
				}
			}
		}
		expect(reached).toBeGreaterThan(100_000);
	}, 60_000);
});

describe('journey and wait of the chosen journey (Zug, default rules)', () => {
	const { timetable: full } = parseGtfs(new Uint8Array(readFileSync(ZIP)), { date: DATE });
	const deadlines = windowDeadlines(DEFAULT_WINDOW);
	const egressArrival = (fw: ForwardWorkspace, egress: readonly EgressStop[]) => {
		let best = Infinity;
		for (const e of egress) if (fw.arr[e.stop] < UNREACHED) best = Math.min(best, fw.arr[e.stop] + e.egressSec);
		return best;
	};

	it('per stop: the profile arrival equals a forward earliest-arrival search from the chosen departure', () => {
		const pw = new ProfileWorkspace(full);
		const fw = new ForwardWorkspace(full);
		const ns = full.stopCount;
		const latest = new Int32Array(deadlines.length * ns), arrival = new Int32Array(latest.length), legs = new Int8Array(latest.length);
		let checked = 0, waited = 0;
		for (let k = 0; k < 3; k++) {
			const site = (k * 211 + 17) % ns;
			const egress = egressStops(full, full.stopLon[site], full.stopLat[site]);
			pw.arriveByWindow(egress, deadlines, 3 * 3600, latest, legs, arrival);
			for (let d = 0; d < deadlines.length; d += 9) {
				for (let s = 0; s < ns; s++) {
					const i = d * ns + s;
					if (latest[i] <= UNREACHED_BACK) {
						expect(arrival[i]).toBeGreaterThanOrEqual(UNREACHED);
						continue;
					}
					expect(arrival[i]).toBeLessThanOrEqual(deadlines[d]);
					fw.earliestArrival([s], latest[i], 3 * 3600);
					const a = egressArrival(fw, egress);
					if (a !== arrival[i]) throw new Error(`site ${full.stopIds[site]} T ${deadlines[d]} stop ${full.stopIds[s]}: profile arrives ${arrival[i]}, forward ${a}`);
					if (arrival[i] < deadlines[d]) waited++;
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(5_000);
		expect(waited).toBeGreaterThan(checked / 4); // the wait is not a corner case
	}, 60_000);

	it('per origin point: journey = forward search from the departure, journey + wait = deadline − latest departure (backward scans)', () => {
		const rnd = mulberry32(11);
		// points around the stops of the feed (up to ~1.5 km off), so some walk to several stops and some to none
		const origins: PointLike[] = Array.from({ length: 40 }, (_, i) => {
			const s = Math.floor(rnd() * full.stopCount);
			return { id: String(i), lon: full.stopLon[s] + (rnd() - 0.5) * 0.024, lat: full.stopLat[s] + (rnd() - 0.5) * 0.016 };
		});
		const fw = new ForwardWorkspace(full);
		const bw = new BackwardWorkspace(full);
		const access = origins.map((p) => accessStops(p.lon, p.lat, full.stopLon, full.stopLat, DEFAULT_WALK));
		let checked = 0, walkOnly = 0, routed = 0;
		for (let k = 0; k < 3; k++) {
			const site = (k * 137 + 5) % full.stopCount;
			const target = { lon: full.stopLon[site] + 0.002, lat: full.stopLat[site] };
			// no duration bound: the profile bounds the scan by the window start, a backward scan by its deadline
			const m = new PtMatrix(full, origins, DEFAULT_WINDOW, { maxDurationSec: 24 * 3600 });
			const s = m.windowSamples(target);
			const egress = egressStops(full, target.lon, target.lat);
			for (let d = 0; d < deadlines.length; d += 10) {
				const T = deadlines[d];
				bw.latestDeparture(egress, T, 24 * 3600);
				for (let o = 0; o < origins.length; o++) {
					const i = o * deadlines.length + d;
					const a = access[o];
					const dist = haversineM(origins[o].lon, origins[o].lat, target.lon, target.lat);
					const direct = dist <= DEFAULT_WALK.maxDirectM ? walkSec(dist, DEFAULT_WALK) : Infinity;
					let oldLeave = T - direct;
					for (let j = 0; j < a.stops.length; j++) if (bw.ld[a.stops[j]] > UNREACHED_BACK) oldLeave = Math.max(oldLeave, bw.ld[a.stops[j]] - a.sec[j]);
					if (s.leave[i] !== oldLeave) throw new Error(`origin ${o} site ${full.stopIds[site]} T ${T}: matrix leaves ${s.leave[i]}, backward ${oldLeave}; arrive ${s.arrive[i]} legs ${s.legs[i]} access ${a.stops.length} direct ${direct}`);
					if (!Number.isFinite(oldLeave)) {
						expect(s.arrive[i]).toBe(Infinity);
						continue;
					}
					const journey = s.arrive[i] - s.leave[i], wait = T - s.arrive[i];
					expect(journey + wait).toBe(T - oldLeave);
					expect(wait).toBeGreaterThanOrEqual(0);
					fw.earliestArrival(a.stops, s.leave[i], 24 * 3600, a.sec);
					const forward = Math.min(egressArrival(fw, egress), s.leave[i] + direct);
					if (forward !== s.arrive[i]) throw new Error(`origin ${o} site ${full.stopIds[site]} T ${T}: matrix arrives ${s.arrive[i]}, forward ${forward}`);
					if (s.legs[i] === 0 && s.arrive[i] === T) walkOnly++;
					if (d % 30 === 0) {
						// the CLI itinerary (backward scan, then forward) is the same journey
						const it = route(full, origins[o], target, T, { maxDurationSec: 24 * 3600 })!;
						expect([it.leave, it.arrive]).toEqual([s.leave[i], s.arrive[i]]);
						routed++;
					}
					checked++;
				}
			}
		}
		expect(checked).toBeGreaterThan(300);
		expect(routed).toBeGreaterThan(30);
		console.log(`origin-point samples checked: ${checked} (walk-only ${walkOnly}, itineraries ${routed})`);
	}, 60_000);
});
