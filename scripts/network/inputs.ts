/**
 * The real data the approximate Lucerne networks are built on (read once, deterministic order):
 * DIDOK stops (2016), zones = municipalities with their settlement point (data/demo/zones.csv), municipality
 * centroids (BFS GEOSTAT 2026) and lakes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsv } from '../demo/csv.ts';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dataPath = (f: string) => path.join(ROOT, 'data', f);

export interface Stop {
	id: string;
	name: string;
	lon: number;
	lat: number;
	/** BFS municipality number of 2016 (municipalities merged since keep their old number). */
	bfs: number;
}

export interface Zone {
	zone_id: number;
	name: string;
	canton: string;
	/** Settlement point: where people live (mean of the PLZ locality points), not the geometric centroid. */
	lon: number;
	lat: number;
	population: number;
}

export interface Centroid {
	bfs: number;
	name: string;
	canton: string;
	lon: number;
	lat: number;
}

/** Great-circle distance in metres (equirectangular; exact enough below 100 km). */
export function distM(aLon: number, aLat: number, bLon: number, bLat: number): number {
	const r = Math.PI / 180;
	const x = (bLon - aLon) * r * Math.cos(((aLat + bLat) / 2) * r);
	const y = (bLat - aLat) * r;
	return 6371000 * Math.hypot(x, y);
}

let cache: { stops: Stop[]; zones: Zone[]; centroids: Centroid[]; lakes: FeatureCollection<Polygon | MultiPolygon> } | null = null;

/** All inputs, parsed once per process. */
export function inputs() {
	if (cache) return cache;
	const stops = readCsv(dataPath('stops_didok_lu_region_2016.csv')).map((r) => ({ id: r.uic, name: r.name, lon: Number(r.lon), lat: Number(r.lat), bfs: Number(r.bfs) }));
	const zones = readCsv(dataPath('demo/zones.csv'))
		.map((r) => ({ zone_id: Number(r.zone_id), name: r.name, canton: r.canton, lon: Number(r.lon), lat: Number(r.lat), population: Number(r.population || 0) }))
		.sort((a, b) => a.zone_id - b.zone_id);
	const zoneIds = new Set(zones.map((z) => z.zone_id));
	// Centroids of the zone municipalities only (the CSV also covers the wider region).
	const centroids = readCsv(dataPath('municipalities_lu_region_2026_centroids.csv'))
		.map((r) => ({ bfs: Number(r.bfs), name: r.name, canton: r.canton, lon: Number(r.centroid_lon), lat: Number(r.centroid_lat) }))
		.filter((c) => zoneIds.has(c.bfs))
		.sort((a, b) => a.bfs - b.bfs);
	const lakes = JSON.parse(readFileSync(dataPath('lakes_lu_region.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
	cache = { stops, zones, centroids, lakes };
	return cache;
}

/** Stops by exact DIDOK name (first row wins: the CSV is sorted, so this is stable). */
export function stopIndex(stops: Stop[]): (name: string) => Stop {
	const byName = new Map<string, Stop>();
	for (const s of stops) if (!byName.has(s.name)) byName.set(s.name, s);
	return (name: string) => {
		const s = byName.get(name);
		if (!s) throw new Error(`stop not in the DIDOK list: "${name}"`);
		return s;
	};
}

/** Coordinates rounded to 1e-6° (~0.1 m): identical inputs give identical vertices. */
export const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
