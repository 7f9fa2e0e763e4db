/**
 * Loading the networks the matrix runs on: a GTFS zip (PT), OSM PBF or GeoJSON roads (car).
 * Shared by the browser worker and the CLI; inputs are bytes/text so nothing here touches files.
 */
import Papa from 'papaparse';
import { parseGtfsFiles, unzipFeed } from './gtfs/index.ts';
import { buildRoadGraph, parseOsmPbf, roadWaysFromGeoJSON } from './road/index.ts';
import type { CarNetwork, PtNetwork } from './matrix.ts';

/**
 * A representative weekday for a feed without a user choice: the first Tuesday inside the span of
 * calendar.txt (or of calendar_dates.txt) on which most services run. Tuesdays avoid Monday/Friday
 * specials; choose a date explicitly for anything else.
 */
export function suggestServiceDate(files: Map<string, string>): string {
	const dates: string[] = [];
	const cal = files.get('calendar.txt');
	if (cal) {
		for (const r of Papa.parse<Record<string, string>>(cal.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data) {
			if (r.tuesday?.trim() === '1' && r.start_date && r.end_date) dates.push(r.start_date.trim(), r.end_date.trim());
		}
	}
	if (dates.length === 0) {
		const cd = files.get('calendar_dates.txt');
		if (cd) for (const r of Papa.parse<Record<string, string>>(cd.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data) if (r.exception_type?.trim() === '1' && r.date) dates.push(r.date.trim());
	}
	if (dates.length === 0) throw new Error('GTFS: calendar.txt and calendar_dates.txt give no service date; choose a date explicitly');
	dates.sort();
	// Start one week in (feeds often begin on a holiday or a timetable change), then the next Tuesday.
	const first = toDate(dates[0]);
	const last = toDate(dates[dates.length - 1]);
	const d = new Date(first.getTime() + 7 * 86_400_000);
	if (d > last) d.setTime(first.getTime());
	while (d.getUTCDay() !== 2 && d < last) d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

function toDate(yyyymmdd: string): Date {
	return new Date(Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8))));
}

/** Parse a GTFS zip into a PT network for one service day. */
export function loadGtfs(zip: Uint8Array, source: string, date?: string): PtNetwork & { date: string; warnings: number } {
	const files = unzipFeed(zip);
	const day = date ?? suggestServiceDate(files);
	const { timetable, warnings } = parseGtfsFiles(files, { date: day });
	return { timetable, source, date: day, warnings: warnings.length };
}

/** Build a car network from an OSM PBF (bytes) or a GeoJSON road FeatureCollection (text). */
export function loadRoads(input: { pbf: Uint8Array } | { geojson: string }, source: string): CarNetwork {
	const ways = 'pbf' in input ? parseOsmPbf(input.pbf) : roadWaysFromGeoJSON(JSON.parse(input.geojson));
	return { graph: buildRoadGraph(ways), source };
}
