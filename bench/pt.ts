/**
 * Public-transport benchmark on the real Zug GTFS (2021-06-15): timetable build time, one-to-all query time of
 * our CSA (forward earliest arrival and backward arrive-by) next to minotor and raptor-journey-planner on the same
 * feed and queries, and the earliest-arrival comparison with every difference categorised.
 *
 *   npx tsx bench/pt.ts [queries=200] [comparisonQueries=150]
 *
 * Peers are devDependencies (minotor MIT, raptor-journey-planner GPL-3.0, used only here and in tests).
 */
import { readFileSync } from 'node:fs';
import {
	parseGtfs,
	PEER_RULES,
	ForwardWorkspace,
	BackwardWorkspace,
	PtMatrix,
	ProfileWorkspace,
	egressStops,
	windowDeadlines,
	DEFAULT_WINDOW
} from '../src/lib/reach/gtfs/index.ts';
import { writePeerFeed, loadMinotor, loadRjp } from './pt-peers.ts';
import { compareWithPeers, mulberry32, servedStops } from './pt-compare.ts';

const ZIP = 'data/networks/gtfs_ch_zug.zip';
const DATE = '2021-06-15';
const N = Number(process.argv[2] ?? 200);
const NCMP = Number(process.argv[3] ?? 150);

const bytes = new Uint8Array(readFileSync(ZIP));
const builds: number[] = [];
let parsed = parseGtfs(bytes, { date: DATE });
for (let i = 0; i < 5; i++) {
	parsed = parseGtfs(bytes, { date: DATE });
	builds.push(parsed.buildMs);
}
const tt = parsed.timetable;
const peerTt = parseGtfs(bytes, { date: DATE, ...PEER_RULES }).timetable;
const peerZip = writePeerFeed(ZIP);
const minotor = await loadMinotor(peerZip, DATE);
const rjp = await loadRjp(peerZip, DATE);

console.log(`feed ${ZIP}, service day ${DATE}: ${tt.stopCount} stops, ${tt.tripCount} trips, ${tt.connCount} connections, ${tt.footOutTo.length} footpaths`);
console.log(`timetable build (unzip + parse + pack), median of 5: ${median(builds).toFixed(0)} ms`);
console.log(`minotor GTFS parse: ${minotor.loadMs.toFixed(0)} ms   raptor-journey-planner load (own loader hangs on Node 20, see pt-peers.ts): ${rjp.loadMs.toFixed(0)} ms`);

// identical seeded queries for all engines
const rnd = mulberry32(42);
const served = servedStops(peerTt);
const list = [...served.keys()].filter((s) => served[s]);
const queries = Array.from({ length: N }, () => ({ o: list[Math.floor(rnd() * list.length)], dep: 6 * 3600 + Math.floor(rnd() * 14 * 60) * 60 }));

const time = (fn: () => void, reps = 1) => {
	for (let i = 0; i < Math.min(20, reps); i++) fn(); // warm-up
	const t0 = performance.now();
	for (let i = 0; i < reps; i++) fn();
	return (performance.now() - t0) / reps;
};
let qi = 0;
const next = () => queries[qi++ % queries.length];
const fwPeer = new ForwardWorkspace(peerTt);
const fw = new ForwardWorkspace(tt);
const bw = new BackwardWorkspace(tt);
const egress = queries.map((q) => egressStops(tt, tt.stopLon[q.o], tt.stopLat[q.o]));
let ei = 0;
const msOursFwdPeer = time(() => { const q = next(); fwPeer.earliestArrival([q.o], q.dep, 30 * 3600); }, N);
const msOursFwd = time(() => { const q = next(); fw.earliestArrival([q.o], q.dep, 30 * 3600); }, N);
const msOursBack = time(() => { const k = ei++ % N; bw.latestDeparture(egress[k], 8 * 3600, 3 * 3600); }, N);
const msOursWindow = time(() => { const k = ei++ % N; for (let T = DEFAULT_WINDOW.startSec; T <= DEFAULT_WINDOW.endSec; T += 60) bw.latestDeparture(egress[k], T, 3 * 3600); }, Math.min(N, 50));
const pw = new ProfileWorkspace(tt);
const deadlines = windowDeadlines(DEFAULT_WINDOW);
const pOut = new Int32Array(deadlines.length * tt.stopCount), pLegs = new Int8Array(pOut.length);
const msOursProfile = time(() => { const k = ei++ % N; pw.arriveByWindow(egress[k], deadlines, 3 * 3600, pOut, pLegs); }, N);
const msMinotor = time(() => { const q = next(); minotor.earliest(peerTt.stopIds[q.o], q.dep); }, Math.min(N, 100));
const msRjp = time(() => { const q = next(); rjp.earliest(peerTt.stopIds[q.o], q.dep); }, Math.min(N, 100));

// matrix: zone-like origin grid around Zug to one site per query target
const origins = Array.from({ length: 400 }, (_, i) => ({ id: `o${i}`, lon: 8.40 + (i % 20) * 0.01, lat: 47.08 + Math.floor(i / 20) * 0.008 }));
const matrix = new PtMatrix(tt, origins);
const msMatrix = time(() => { const q = next(); matrix.toTarget({ lon: tt.stopLon[q.o], lat: tt.stopLat[q.o] }); }, 10);

const row = (name: string, ms: number) =>
	console.log(`${name.padEnd(58)} ${ms.toFixed(3).padStart(9)} ms   minotor/ours ${(msMinotor / ms).toFixed(1).padStart(6)}x   RJP/ours ${(msRjp / ms).toFixed(1).padStart(6)}x`);
console.log(`\none-to-all query time, mean over ${N} seeded queries (06:00–20:00, served stops)`);
row('ours: forward earliest arrival, peer rules', msOursFwdPeer);
row('ours: forward earliest arrival, default rules', msOursFwd);
row('ours: backward arrive-by (one deadline 08:00, egress walk)', msOursBack);
row('ours: backward arrive-by, 91 scans 07:00–08:30', msOursWindow);
row('ours: profile CSA, whole window 07:00–08:30 (91 deadlines)', msOursProfile);
console.log(`${'minotor: earliest arrival (RAPTOR, maxTransfers 30)'.padEnd(58)} ${msMinotor.toFixed(3).padStart(9)} ms`);
console.log(`${'raptor-journey-planner: earliest arrival (RAPTOR scan)'.padEnd(58)} ${msRjp.toFixed(3).padStart(9)} ms`);
console.log(`targets: minotor/ours >= 10x, RJP/ours >= 5x (per one-to-all query; the peers have no arrive-by query)`);
const nd = deadlines.length;
console.log(`whole window (${nd} times): peers need ${nd} one-to-all queries: minotor ${(nd * msMinotor).toFixed(0)} ms (${((nd * msMinotor) / msOursProfile).toFixed(0)}x ours profile), RJP ${(nd * msRjp).toFixed(0)} ms (${((nd * msRjp) / msOursProfile).toFixed(0)}x)`);
console.log(`matrix: ${origins.length} origin points × 1 site × 91 deadlines (p50/p80/changes): ${msMatrix.toFixed(1)} ms per site`);

console.log(`\nearliest-arrival comparison (peer rules), ${NCMP} seeded queries × all served stops`);
const s = compareWithPeers(peerTt, minotor, rjp, NCMP, 20210615);
const pct = (n: number) => `${((100 * n) / s.pairs).toFixed(2)} %`;
console.log(`pairs ${s.pairs}; all three identical: ${s.allEqual} (${pct(s.allEqual)})`);
for (const [name, cats] of [['minotor', s.minotor], ['raptor-journey-planner', s.rjp]] as const) {
	console.log(`  ${name}:`);
	for (const [k, v] of Object.entries(cats)) if (v > 0) console.log(`    ${k.padEnd(20)} ${String(v).padStart(7)}  ${pct(v)}`);
}
if (s.unexplained.length) {
	console.log('  unexplained examples (from dep → to: ours / minotor / RJP):');
	const hm = (t?: number) => (t === undefined ? '--:--' : `${String(Math.floor(t / 3600)).padStart(2, '0')}:${String(Math.floor(t / 60) % 60).padStart(2, '0')}`);
	for (const u of s.unexplained.slice(0, 10)) console.log(`    ${u.from} ${hm(u.dep)} → ${u.to}: ${hm(u.ours)} / ${hm(u.minotor)} (${u.minotorCat}) / ${hm(u.rjp)} (${u.rjpCat})`);
}

function median(a: number[]): number {
	const b = [...a].sort((x, y) => x - y);
	return b[Math.floor(b.length / 2)];
}
