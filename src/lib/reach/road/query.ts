/**
 * Car queries on a road graph: every origin's time to one target (reverse Dijkstra) and a single
 * route with its itinerary. Points snap to the nearest node of the main strongly connected component;
 * the straight-line snap distance is covered at a low access speed (default 15 km/h, i.e. creeping
 * along driveways and car parks; use 5 for walking) at both ends.
 */
import { DijkstraWorkspace, forwardDijkstra, pathEdges, reverseDijkstra } from './dijkstra.ts';
import { nearestNode } from './snap.ts';
import type { RoadGraph } from './types.ts';

export interface LonLat {
	lon: number;
	lat: number;
}

export interface Snap {
	/** Graph node, -1 if the graph is empty or the point is farther than maxSnapM. */
	node: number;
	/** Straight-line distance to that node in metres. */
	distM: number;
}

export interface CarQueryOptions {
	/** Speed for the snap distance at each end, km/h. Default 15. */
	accessSpeedKmh?: number;
	/** Points farther than this from the network get no time (minutes null). Default 5000 m. */
	maxSnapM?: number;
	/** Reusable Dijkstra buffers (one per worker). */
	workspace?: DijkstraWorkspace;
	/** Snaps of the origins from `snapPoints`, to skip snapping when querying many targets. */
	originSnaps?: Snap[];
	/** Terminal minutes added at each origin (parallel to the origins; routeCar reads the first; terminal.ts). Default none. */
	originTerminalMin?: ArrayLike<number>;
	/** Terminal minutes added at the target (finding a parking space, walking in). Default 0. */
	targetTerminalMin?: number;
}

export const DEFAULT_ACCESS_SPEED_KMH = 15;
export const DEFAULT_MAX_SNAP_M = 5000;

/** Snap one point onto the main component. */
export function snapPoint(graph: RoadGraph, p: LonLat, maxSnapM = DEFAULT_MAX_SNAP_M): Snap {
	const s = nearestNode(graph.grid, graph.lon, graph.lat, p.lon, p.lat);
	return s.node >= 0 && s.distM <= maxSnapM ? s : { node: -1, distM: s.distM };
}

/** Snap many points (reuse the result for all targets of a matrix). */
export function snapPoints(graph: RoadGraph, points: LonLat[], maxSnapM = DEFAULT_MAX_SNAP_M): Snap[] {
	return points.map((p) => snapPoint(graph, p, maxSnapM));
}

/** Result of one origin's car time to the target. */
export interface CarTime {
	id: string | number;
	/** Door-to-door minutes including access (and terminal minutes when given) at both ends; null when either end is off the network. */
	minutes: number | null;
	/** Snap distance of the origin in metres. */
	snapM: number;
}

/**
 * Car minutes from pre-snapped origins to one target, into a typed array (NaN where either end is off
 * the network): the allocation-free core of a matrix. One reverse Dijkstra from the target's node.
 */
export function carMinutesToTarget(
	graph: RoadGraph,
	originSnaps: Snap[],
	target: LonLat,
	out: Float64Array = new Float64Array(originSnaps.length),
	opts: Omit<CarQueryOptions, 'originSnaps'> = {}
): Float64Array {
	const access = (opts.accessSpeedKmh ?? DEFAULT_ACCESS_SPEED_KMH) / 3.6;
	const t = snapPoint(graph, target, opts.maxSnapM ?? DEFAULT_MAX_SNAP_M);
	if (t.node < 0) return out.fill(NaN, 0, originSnaps.length);
	const dist = reverseDijkstra(graph, t.node, opts.workspace);
	const atTarget = opts.targetTerminalMin ?? 0;
	const atOrigin = opts.originTerminalMin;
	for (let i = 0; i < originSnaps.length; i++) {
		const s = originSnaps[i];
		const sec = s.node >= 0 ? dist[s.node] : Infinity;
		out[i] = Number.isFinite(sec) ? (sec + (s.distM + t.distM) / access) / 60 + atTarget + (atOrigin ? atOrigin[i] : 0) : NaN;
	}
	return out;
}

/**
 * Car minutes from every origin to one target: one reverse Dijkstra from the target's node.
 * @example carTimesToTarget(graph, [{ id: 'z1', lon: 8.3, lat: 47.05 }], { lon: 8.31, lat: 47.05 })
 */
export function carTimesToTarget(
	graph: RoadGraph,
	origins: Array<LonLat & { id: string | number }>,
	target: LonLat,
	opts: CarQueryOptions = {}
): CarTime[] {
	const snaps = opts.originSnaps ?? snapPoints(graph, origins, opts.maxSnapM ?? DEFAULT_MAX_SNAP_M);
	if (snaps.length !== origins.length) throw new Error('originSnaps must match origins');
	const minutes = carMinutesToTarget(graph, snaps, target, undefined, opts);
	return origins.map((o, i) => ({ id: o.id, minutes: Number.isNaN(minutes[i]) ? null : minutes[i], snapM: snaps[i].distM }));
}

/** One car route with its geometry. */
export interface CarRoute {
	/** Door-to-door minutes including access and terminal minutes at both ends. */
	minutes: number;
	/** Terminal minutes included in `minutes` (origin + target). */
	terminalMinutes: number;
	/** Seconds on the road network only. */
	driveSeconds: number;
	/** Metres on the road network. */
	meters: number;
	snapFromM: number;
	snapToM: number;
	fromNode: number;
	toNode: number;
	/** Road geometry from the origin's node to the target's node, [lon, lat] pairs. */
	path: Array<[number, number]>;
}

/** Fastest car route between two points (forward Dijkstra with early stop); null if not connected. */
export function routeCar(graph: RoadGraph, from: LonLat, to: LonLat, opts: CarQueryOptions = {}): CarRoute | null {
	const access = (opts.accessSpeedKmh ?? DEFAULT_ACCESS_SPEED_KMH) / 3.6;
	const maxSnap = opts.maxSnapM ?? DEFAULT_MAX_SNAP_M;
	const a = snapPoint(graph, from, maxSnap);
	const b = snapPoint(graph, to, maxSnap);
	if (a.node < 0 || b.node < 0) return null;
	const ws = forwardDijkstra(graph, a.node, b.node, opts.workspace);
	const sec = ws.dist[b.node];
	if (!Number.isFinite(sec)) return null;
	const edges = pathEdges(graph, ws, b.node);
	const path: Array<[number, number]> = [[graph.lon[a.node], graph.lat[a.node]]];
	let meters = 0;
	for (const e of edges) {
		const v = graph.fwdTargets[e];
		path.push([graph.lon[v], graph.lat[v]]);
		meters += graph.fwdLengths[e];
	}
	const terminal = (opts.originTerminalMin?.[0] ?? 0) + (opts.targetTerminalMin ?? 0);
	return {
		minutes: (sec + (a.distM + b.distM) / access) / 60 + terminal,
		terminalMinutes: terminal,
		driveSeconds: sec,
		meters,
		snapFromM: a.distM,
		snapToM: b.distM,
		fromNode: a.node,
		toNode: b.node,
		path
	};
}
