/**
 * `parseOsmPbf(bytes)`: the whole-file entry point for small inputs and tests, kept for its callers. It
 * runs the block-by-block reader of osm-roads.ts over bytes in memory (no region, every highway way).
 * For national files use `readOsmRoads(source, { region })`, which reads from a File or a file handle.
 */
import { readOsmRoadsSync } from './osm-roads.ts';
import type { RoadWay } from './types.ts';

export { NotPbfError, RoadError, type RoadErrorCode, type RoadMsg } from './pbf-errors.ts';

export interface PbfReadOptions {
	/** Keep a way when this returns true for its tags (only ways with a highway tag are offered). Default: all of them. */
	keepWay?: (tags: Record<string, string>) => boolean;
	/** Called for every tagged node that a kept way uses (e.g. to find traffic signals). */
	onWayNodeTags?: (id: number, tags: Record<string, string>) => void;
	/** Return [] instead of refusing a file without roads. */
	allowEmpty?: boolean;
}

/**
 * Read the highway ways of an OSM PBF file with their node coordinates.
 * Ways whose nodes are missing from the file (clipped extracts) are cut at the missing nodes.
 * @throws NotPbfError for input that is not a readable OSM PBF (English message "not an OSM PBF: …"
 *   for files of another kind), RoadError `no_roads` for a file without roads.
 */
export function parseOsmPbf(bytes: Uint8Array, opts: PbfReadOptions = {}): RoadWay[] {
	return readOsmRoadsSync(bytes, opts).ways;
}
