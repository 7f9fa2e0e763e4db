/**
 * How far an OSRM-like car profile is from ours on Monaco (run: npx tsx bench/car-osrm.ts).
 *
 * OSRM-like = OSRM v5 car.lua class speeds (motorway 90 ... residential 25 km/h), tagged maxspeed x 0.8,
 * no peak factor, plus the penalties OSRM adds on its edge-based graph: turn penalty 7.5 s scaled by a
 * logistic curve of the turn angle with turn_bias 1.075 (left turns dearer in right-hand traffic), 20 s
 * per U-turn, 2 s per traffic signal. We do not build an edge-based graph: the penalties are added along
 * the node-based fastest path, so "OSRM-like + penalties" is an upper bound of what OSRM would find.
 * Pairs: 1000 seeded origin/destination pairs on the main component.
 */
import { readFileSync } from 'node:fs';
import { buildRoadGraph, DijkstraWorkspace, forwardDijkstra, parseOsmPbf, pathEdges, type RoadGraph } from '../src/lib/reach/road/index.ts';
import { createRng } from '../src/lib/data/prng.ts';
import { PBF } from './car-data.ts';

const OSRM_SPEEDS: Record<string, number> = {
	motorway: 90, motorway_link: 45, trunk: 85, trunk_link: 40, primary: 65, primary_link: 30,
	secondary: 55, secondary_link: 25, tertiary: 40, tertiary_link: 20, unclassified: 25,
	residential: 25, living_street: 10, service: 15
};
const TURN_PENALTY = 7.5;
const TURN_BIAS = 1.075;
const U_TURN = 20;
const SIGNAL = 2;

const signals = new Set<number>();
const ways = parseOsmPbf(new Uint8Array(readFileSync(PBF)), {
	onWayNodeTags: (id, tags) => tags.highway === 'traffic_signals' && signals.add(id)
});
const ours = buildRoadGraph(ways);
const free = buildRoadGraph(ways, { peak: false });
const osrm = buildRoadGraph(ways, { peak: false, speedKmh: OSRM_SPEEDS, maxspeedFactor: 0.8 });

/** Undirected neighbour count per node (number of roads meeting there). */
function roadsAt(g: RoadGraph): Int32Array {
	const deg = new Int32Array(g.nodeCount);
	for (let u = 0; u < g.nodeCount; u++) {
		const nb = new Set<number>();
		for (let e = g.fwdOffsets[u]; e < g.fwdOffsets[u + 1]; e++) nb.add(g.fwdTargets[e]);
		for (let e = g.revOffsets[u]; e < g.revOffsets[u + 1]; e++) nb.add(g.revSources[e]);
		deg[u] = nb.size;
	}
	return deg;
}
const deg = roadsAt(osrm);

/** Signed turn angle in degrees at b for a->b->c: 0 straight, + right, - left, ±180 U-turn. */
function turnAngle(g: RoadGraph, a: number, b: number, c: number): number {
	const k = Math.cos((g.lat[b] * Math.PI) / 180);
	const h1 = Math.atan2(g.lat[b] - g.lat[a], (g.lon[b] - g.lon[a]) * k);
	const h2 = Math.atan2(g.lat[c] - g.lat[b], (g.lon[c] - g.lon[b]) * k);
	let d = ((h1 - h2) * 180) / Math.PI; // clockwise change of heading = right turn
	while (d > 180) d -= 360;
	while (d <= -180) d += 360;
	return d;
}

function penalties(g: RoadGraph, nodes: number[]): number {
	let p = 0;
	for (let i = 1; i < nodes.length - 1; i++) {
		const b = nodes[i];
		if (signals.has(g.osmId[b])) p += SIGNAL;
		const a = nodes[i - 1];
		const c = nodes[i + 1];
		const uTurn = a === c;
		if (deg[b] <= 2 && !uTurn) continue;
		const ang = turnAngle(g, a, b, c);
		p += ang >= 0
			? TURN_PENALTY / (1 + Math.exp(-((13 / TURN_BIAS) * (ang / 180) - 6.5 * TURN_BIAS)))
			: TURN_PENALTY / (1 + Math.exp(-((13 * TURN_BIAS) * (-ang / 180) - 6.5 / TURN_BIAS)));
		if (uTurn) p += U_TURN;
	}
	return p;
}

const rng = createRng(4242);
const main: number[] = [];
for (let u = 0; u < ours.nodeCount; u++) if (ours.inMainComponent[u]) main.push(u);
const ws = new DijkstraWorkspace(ours.nodeCount);
const ratios = { free: [] as number[], osrm: [] as number[], osrmPen: [] as number[], penShare: [] as number[] };
const abs = { ours: [] as number[], osrmPen: [] as number[] };
let pairs = 0;
while (pairs < 1000) {
	const s = main[rng.int(main.length)];
	const t = main[rng.int(main.length)];
	if (s === t) continue;
	// The three graphs share node numbering: same ways in the same order.
	const tOurs = forwardDijkstra(ours, s, t, ws).dist[t];
	const tFree = forwardDijkstra(free, s, t, ws).dist[t];
	const w = forwardDijkstra(osrm, s, t, ws);
	const tOsrm = w.dist[t];
	const nodes = [s, ...pathEdges(osrm, w, t).map((e) => osrm.fwdTargets[e])];
	const pen = penalties(osrm, nodes);
	if (tOurs < 60) continue; // skip trivial hops under a minute
	pairs++;
	ratios.free.push(tFree / tOurs);
	ratios.osrm.push(tOsrm / tOurs);
	ratios.osrmPen.push((tOsrm + pen) / tOurs);
	ratios.penShare.push(pen / (tOsrm + pen));
	abs.ours.push(tOurs);
	abs.osrmPen.push(tOsrm + pen);
}
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(p * (xs.length - 1))];
const fmt = (xs: number[]) => `p10 ${q(xs, 0.1).toFixed(2)}  median ${q(xs, 0.5).toFixed(2)}  p90 ${q(xs, 0.9).toFixed(2)}`;
console.log(`Monaco, ${pairs} seeded pairs (>= 1 min), ${signals.size} traffic signals on car roads`);
console.log(`  our profile (peak):     median ${(q(abs.ours, 0.5) / 60).toFixed(2)} min`);
console.log(`  OSRM-like + penalties:  median ${(q(abs.osrmPen, 0.5) / 60).toFixed(2)} min`);
console.log(`  ratio free-flow / ours:               ${fmt(ratios.free)}`);
console.log(`  ratio OSRM-like speeds / ours:        ${fmt(ratios.osrm)}`);
console.log(`  ratio OSRM-like + penalties / ours:   ${fmt(ratios.osrmPen)}`);
console.log(`  penalty share of OSRM-like time:      ${fmt(ratios.penShare)}`);
