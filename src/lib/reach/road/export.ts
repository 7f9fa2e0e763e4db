/**
 * Export a road graph as a directed edge list CSV (id,source,target,cost,reverse_cost) that pgRouting
 * reads as is: one row per directed edge, reverse_cost = -1 (the reverse direction, where allowed,
 * is its own row). Vertex ids are OSM node ids when known, else graph index + 1.
 */
import type { RoadGraph } from './types.ts';

/** External vertex id of a node (OSM id, or index + 1). */
export function vertexId(graph: RoadGraph, u: number): number {
	const id = graph.osmId[u];
	return Number.isNaN(id) ? u + 1 : id;
}

/** The edge list as CSV text; costs are the exact float32 weights. */
export function edgesToCsv(graph: RoadGraph): string {
	const lines = ['id,source,target,cost,reverse_cost'];
	for (let u = 0; u < graph.nodeCount; u++) {
		const su = vertexId(graph, u);
		for (let e = graph.fwdOffsets[u]; e < graph.fwdOffsets[u + 1]; e++)
			lines.push(`${e + 1},${su},${vertexId(graph, graph.fwdTargets[e])},${graph.fwdWeights[e]},-1`);
	}
	return lines.join('\n') + '\n';
}
