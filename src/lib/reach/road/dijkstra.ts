/**
 * Dijkstra on the CSR road graph: reverse one-to-all (every node's time to a target) and forward
 * point-to-point with predecessor edges for the itinerary. Buffers live in a reusable workspace.
 */
import { NodeHeap } from './heap.ts';
import type { RoadGraph } from './types.ts';

/** Reusable buffers for queries on graphs of up to `capacity` nodes. Not shared between threads. */
export class DijkstraWorkspace {
	readonly dist: Float64Array;
	/** Forward edge index used to reach each node (-1 none), filled by forward searches. */
	readonly predEdge: Int32Array;
	readonly heap: NodeHeap;
	constructor(readonly capacity: number) {
		this.dist = new Float64Array(capacity);
		this.predEdge = new Int32Array(capacity);
		this.heap = new NodeHeap(capacity);
	}
}

function workspaceFor(graph: RoadGraph, ws?: DijkstraWorkspace): DijkstraWorkspace {
	if (ws && ws.capacity >= graph.nodeCount) return ws;
	return new DijkstraWorkspace(graph.nodeCount);
}

/**
 * Seconds from every node to `target` (Infinity where the target cannot be reached), by Dijkstra on
 * the reverse graph. The returned array is the workspace's buffer: the next query on it overwrites it.
 */
export function reverseDijkstra(graph: RoadGraph, target: number, ws?: DijkstraWorkspace): Float64Array {
	const w = workspaceFor(graph, ws);
	const { dist, heap } = w;
	const { revOffsets, revSources, revWeights } = graph;
	dist.fill(Infinity, 0, graph.nodeCount);
	heap.clear();
	dist[target] = 0;
	heap.push(target, 0);
	while (heap.size > 0) {
		const v = heap.pop();
		const dv = dist[v];
		for (let e = revOffsets[v], end = revOffsets[v + 1]; e < end; e++) {
			const u = revSources[e];
			const nd = dv + revWeights[e];
			if (nd < dist[u]) {
				dist[u] = nd;
				heap.push(u, nd);
			}
		}
	}
	return dist;
}

/**
 * Forward Dijkstra from `source`; stops once `target` is settled (target -1: runs to all nodes).
 * Fills the workspace's dist (seconds from source) and predEdge; returns the workspace.
 */
export function forwardDijkstra(graph: RoadGraph, source: number, target = -1, ws?: DijkstraWorkspace): DijkstraWorkspace {
	const w = workspaceFor(graph, ws);
	const { dist, predEdge, heap } = w;
	const { fwdOffsets, fwdTargets, fwdWeights } = graph;
	dist.fill(Infinity, 0, graph.nodeCount);
	predEdge.fill(-1, 0, graph.nodeCount);
	heap.clear();
	dist[source] = 0;
	heap.push(source, 0);
	while (heap.size > 0) {
		const u = heap.pop();
		if (u === target) break;
		const du = dist[u];
		for (let e = fwdOffsets[u], end = fwdOffsets[u + 1]; e < end; e++) {
			const v = fwdTargets[e];
			const nd = du + fwdWeights[e];
			if (nd < dist[v]) {
				dist[v] = nd;
				predEdge[v] = e;
				heap.push(v, nd);
			}
		}
	}
	return w;
}

/** Source node of forward edge e (binary search in the offsets). */
export function edgeSource(graph: RoadGraph, e: number): number {
	let lo = 0;
	let hi = graph.nodeCount - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (graph.fwdOffsets[mid] <= e) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

/** Forward edges from the search source to `target`, in driving order ([] if unreachable or equal). */
export function pathEdges(graph: RoadGraph, ws: DijkstraWorkspace, target: number): number[] {
	const edges: number[] = [];
	let v = target;
	while (ws.predEdge[v] >= 0) {
		const e = ws.predEdge[v];
		edges.push(e);
		v = edgeSource(graph, e);
	}
	return edges.reverse();
}
