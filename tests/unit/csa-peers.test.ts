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
	DEFAULT_WINDOW
} from '../../src/lib/reach/gtfs/index.ts';
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
