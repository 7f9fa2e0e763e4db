/**
 * Car reachability from OpenStreetMap: PBF/GeoJSON roads -> CSR road graph -> Dijkstra.
 * See README.md in this folder for the profile (speeds, one-ways, peak factor) and the verification.
 *
 * @example
 * const graph = buildRoadGraph(parseOsmPbf(bytes));
 * const { ways } = await readOsmRoads(fileOrBlobSource, { region }); // national files, cut to a region
 * const times = carTimesToTarget(graph, origins, site); // [{ id, minutes, snapM }]
 */
export type { RoadWay, RoadGraph, SnapGrid } from './types.ts';
export { parseOsmPbf, type PbfReadOptions } from './pbf.ts';
export { readOsmRoads, readOsmRoadsSync, type OsmRoads, type OsmRoadsOptions, type OsmReadCounts, type ReadStage } from './osm-roads.ts';
export type { OsmHeaderInfo } from './pbf-blob.ts';
export { RoadError, NotPbfError, type RoadErrorCode, type RoadMsg } from './pbf-errors.ts';
export { roadGraphToNetFile, roadGraphFromNetFile, roadProvenance } from './road-netfile.ts';
export { roadWaysFromGeoJSON } from './geojson.ts';
export { buildRoadGraph, keepsWay, type BuildOptions } from './build.ts';
export {
	DEFAULT_SPEED_KMH,
	PEAK_FACTOR,
	parseMaxspeed,
	carDirection,
	carSpeedMs,
	isAccessDenied,
	isCarHighway,
	isUrbanWay,
	URBAN_PEAK_FACTOR,
	type CarProfileOptions
} from './profile.ts';
export {
	AREA_CLASS_MIN_DENSITY,
	DEFAULT_AREA_CLASS,
	TERMINAL_MINUTES,
	TerminalModel,
	areaClass,
	type AreaClass,
	type TerminalMinutes,
	type TerminalOptions,
	type TerminalZone
} from './terminal.ts';
export { reverseDijkstra, forwardDijkstra, pathEdges, DijkstraWorkspace } from './dijkstra.ts';
export {
	carTimesToTarget,
	carMinutesToTarget,
	routeCar,
	snapPoint,
	snapPoints,
	DEFAULT_ACCESS_SPEED_KMH,
	DEFAULT_MAX_SNAP_M,
	type CarTime,
	type CarRoute,
	type CarQueryOptions,
	type LonLat,
	type Snap
} from './query.ts';
export { edgesToCsv, vertexId } from './export.ts';
