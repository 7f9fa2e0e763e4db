/** Points of the real (Zug) part of the benchmark feeds: zones at stops in the Canton of Zug, sites at its main stations. */
import { readFileSync } from 'node:fs';
import { parseGtfs, type Timetable } from '../src/lib/reach/gtfs/index.ts';

export interface BenchPoints {
	zug: Timetable;
	zones: Array<{ id: string; lon: number; lat: number }>;
	sites: Array<{ id: string; lon: number; lat: number }>;
}

export function zugPoints(date: string): BenchPoints {
	const zug = parseGtfs(new Uint8Array(readFileSync(new URL('../data/networks/gtfs_ch_zug.zip', import.meta.url))), { date }).timetable;
	const zones = zug.stopIds
		.map((id, s) => ({ id, lon: zug.stopLon[s] + 0.002, lat: zug.stopLat[s] }))
		.filter((p) => p.lon > 8.4 && p.lon < 8.66 && p.lat > 47.08 && p.lat < 47.25);
	const sites = [
		{ id: 'Zug', lon: 8.5153, lat: 47.1738 },
		{ id: 'Baar', lon: 8.5268, lat: 47.1961 },
		{ id: 'Rotkreuz', lon: 8.431, lat: 47.142 }
	];
	return { zug, zones, sites };
}
