/**
 * Loading the networks the matrix runs on: a GTFS zip (PT), OSM PBF or GeoJSON roads (car).
 * Shared by the browser worker and the CLI; inputs are bytes, texts or ByteSources, so nothing here
 * touches files.
 */
import { feedValidity, parseGtfs, readGtfs, type GtfsReadResult, type ReadGtfsOptions } from './gtfs/index.ts';
import { buildRoadGraph, parseOsmPbf, roadWaysFromGeoJSON } from './road/index.ts';
import type { CarNetwork, PtNetwork } from './matrix.ts';
import type { ByteSource } from '../util/bytes.ts';
import type { GtfsWarning } from './gtfs/errors.ts';

/**
 * A representative weekday for a feed without a user choice: the Tuesday within ±8 weeks of the middle
 * of the feed's validity on which most services run (Tuesdays avoid Monday/Friday specials, the middle
 * avoids holidays and timetable changes at the ends). Choose a date explicitly for anything else.
 */
export function suggestServiceDate(zip: Uint8Array): string {
	return feedValidity(zip).suggested;
}

/** Parse a small GTFS zip held in memory into a PT network for one service day (default: suggested). */
export function loadGtfs(zip: Uint8Array, source: string, date?: string): PtNetwork & { date: string; warnings: GtfsWarning[] } {
	const r = parseGtfs(zip, { date });
	return { timetable: r.timetable, source, date: r.date, warnings: r.warnings };
}

/**
 * Stream a GTFS zip of any size (a national feed) from a ByteSource, cut to the study region while it
 * is read (options.region); the reader's full result (counts, validity, feed_info, warnings) comes along
 * for provenance and the UI.
 */
export async function loadGtfsStream(src: ByteSource, source: string, options: ReadGtfsOptions = {}): Promise<PtNetwork & { date: string; warnings: GtfsWarning[]; read: GtfsReadResult }> {
	const r = await readGtfs(src, options);
	return { timetable: r.timetable, source, date: r.date, warnings: r.warnings, read: r };
}

/** Build a car network from an OSM PBF (bytes) or a GeoJSON road FeatureCollection (text). */
export function loadRoads(input: { pbf: Uint8Array } | { geojson: string }, source: string): CarNetwork {
	const ways = 'pbf' in input ? parseOsmPbf(input.pbf) : roadWaysFromGeoJSON(JSON.parse(input.geojson));
	return { graph: buildRoadGraph(ways), source };
}
