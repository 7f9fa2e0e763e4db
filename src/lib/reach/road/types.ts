import type { Grid } from '../grid.ts';
/**
 * One OSM-like road: its tags that matter for cars and its geometry. Both the PBF reader and the
 * GeoJSON reader produce these; `buildRoadGraph` turns them into a graph.
 */
export interface RoadWay {
	/** OSM way id, or a running number for GeoJSON input. */
	id: number;
	/** Tags relevant to routing: highway, oneway, maxspeed, junction, access, motor_vehicle, ... */
	tags: Record<string, string>;
	/** Coordinates as a flat [lon0, lat0, lon1, lat1, ...] array. */
	coords: ArrayLike<number>;
	/**
	 * OSM node ids parallel to the coordinates. Ways share a graph node when they share a node id;
	 * without ids (GeoJSON) they share one when coordinates agree to 1e-7 degrees (about 1 cm).
	 */
	nodeIds?: ArrayLike<number>;
}

/**
 * A directed road graph in compressed sparse row form, forward and reverse.
 * Every OSM node used by a kept way is a graph node (no contraction), so the graph exported to
 * pgRouting is exactly the one we search.
 */
export interface RoadGraph {
	nodeCount: number;
	edgeCount: number;
	lon: Float64Array;
	lat: Float64Array;
	/** OSM node id per graph node (NaN for GeoJSON input without ids). */
	osmId: Float64Array;
	/** Forward CSR: edges of node u are fwdOffsets[u] .. fwdOffsets[u+1]-1. */
	fwdOffsets: Int32Array;
	fwdTargets: Int32Array;
	/** Travel time of each forward edge in seconds (already including the peak-hour factor). */
	fwdWeights: Float32Array;
	/** Length of each forward edge in metres. */
	fwdLengths: Float32Array;
	/** Reverse CSR: incoming edges of node v, listed as their source nodes. */
	revOffsets: Int32Array;
	revSources: Int32Array;
	revWeights: Float32Array;
	/** 1 for nodes on the largest strongly connected component (the only snap targets). */
	inMainComponent: Uint8Array;
	/** Node count of the largest strongly connected component. */
	mainComponentSize: number;
	/** Spatial index over the main component's nodes. */
	grid: SnapGrid;
}

/** Uniform lon/lat bucket grid over graph nodes; buckets in CSR form. */
export interface SnapGrid extends Grid {
	cellStart: Int32Array;
	cellNodes: Int32Array;
}
