/**
 * Builds the approximate Lucerne default networks, deterministically (`npm run network:build`):
 *   data/networks/lucerne_approx_gtfs.zip      GTFS, one weekday service 2026, on REAL stops (DIDOK 2016): the REAL
 *                                              2021 trips of the lines data/networks/gtfs_ch_zug.zip covers
 *                                              (scripts/network/real-feed.ts) and ASSUMED other lines, headways and
 *                                              running times (scripts/network/lines.ts), calibrated on the real
 *                                              trips where they share segments (scripts/network/calibrate.ts)
 *   data/networks/lucerne_approx_roads.geojson road LineStrings {highway, oneway, maxspeed, ref, name, maxspeed:type}:
 *                                              real motorway corridors, main roads between towns, local mesh, urban
 *                                              speed regime inside towns (scripts/network/roads.ts)
 * Not the official timetable or road network: the app labels both "approximate"; a user replaces them with an
 * official GTFS feed (opentransportdata.swiss) and an OSM extract. Assumptions: data/networks/README.md.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGtfs, buildLines } from './network/gtfs.ts';
import { buildRoadNetwork } from './network/road-network.ts';
import { dataPath } from './network/inputs.ts';

export { buildGtfs, buildLines, gtfsFiles } from './network/gtfs.ts';
export { runningTimes, lineOffsets } from './network/timing.ts';
export { distM } from './network/inputs.ts';

/** The road FeatureCollection (throws if a main road crosses a lake: the waypoint data needs fixing). */
export function buildRoads() {
	const { roads, problems } = buildRoadNetwork();
	if (problems.length) throw new Error(`road data: ${problems.join('; ')}`);
	return roads;
}

/** The exact text written to lucerne_approx_roads.geojson (one feature per line, stable). */
export function roadsText(): string {
	const { features } = buildRoads();
	return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
	const gtfs = buildGtfs();
	writeFileSync(dataPath('networks/lucerne_approx_gtfs.zip'), gtfs);
	const text = roadsText();
	writeFileSync(dataPath('networks/lucerne_approx_roads.geojson'), text);
	const lines = buildLines();
	const feeders = lines.filter((l) => l.feederFor !== undefined).length;
	console.log(`GTFS: ${gtfs.length} bytes, ${lines.length} lines (${feeders} generated feeders) · roads: ${text.split('\n').length - 3} segments`);
}
