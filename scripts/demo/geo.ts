/**
 * Geometry helpers for the demo generator: the shipped municipality polygons, lakes and the
 * canton outline, point-in-polygon lookups and great-circle distances.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type Area = Feature<Polygon | MultiPolygon>;
export type LonLat = [number, number];

/** A polygon feature with its bounding box, for fast rejection before the exact test. */
export interface BoxedArea {
	feature: Area;
	bbox: [number, number, number, number];
}

export interface Geo {
	/** Municipality polygons by BFS number (region file, 2026 boundaries). */
	municipalities: Map<number, BoxedArea>;
	lakes: BoxedArea[];
	/** Outline of Canton Luzern. */
	canton: Area;
}

function boxed(feature: Area): BoxedArea {
	return { feature, bbox: turf.bbox(feature) as [number, number, number, number] };
}

function readCollection(file: string): FeatureCollection<Polygon | MultiPolygon> {
	return JSON.parse(readFileSync(file, 'utf8'));
}

/** Load the geodata the generator needs from the data folder. */
export function loadGeo(dataDir: string): Geo {
	const munis = readCollection(path.join(dataDir, 'municipalities_lu_region_2026.geojson'));
	const lakes = readCollection(path.join(dataDir, 'lakes_lu_region.geojson'));
	const canton = readCollection(path.join(dataDir, 'canton_lu_boundary_2026.geojson'));
	const municipalities = new Map<number, BoxedArea>();
	for (const f of munis.features) municipalities.set(Number(f.properties!.bfs), boxed(f));
	return { municipalities, lakes: lakes.features.map(boxed), canton: canton.features[0] };
}

/** True if the point lies inside the area (boundary excluded). */
export function inside(p: LonLat, a: BoxedArea): boolean {
	const [w, s, e, n] = a.bbox;
	if (p[0] < w || p[0] > e || p[1] < s || p[1] > n) return false;
	return turf.booleanPointInPolygon(p, a.feature, { ignoreBoundary: true });
}

/** True if the point lies in one of the lakes. */
export function inLake(p: LonLat, geo: Geo): boolean {
	return geo.lakes.some((l) => inside(p, l));
}

/** BFS number of the municipality containing the point, restricted to `candidates`, or null. */
export function zoneOf(p: LonLat, geo: Geo, candidates: Iterable<number>): number | null {
	for (const bfs of candidates) {
		const a = geo.municipalities.get(bfs);
		if (a && inside(p, a)) return bfs;
	}
	return null;
}

/** Great-circle distance in km (haversine, mean Earth radius 6371 km). */
export function distanceKm(a: LonLat, b: LonLat): number {
	const rad = Math.PI / 180;
	const dLat = (b[1] - a[1]) * rad;
	const dLon = (b[0] - a[0]) * rad;
	const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
	return 2 * 6371 * Math.asin(Math.sqrt(h));
}

/** Shortest distance in km from a point to the outline of an area (0 if inside). */
export function distanceToAreaKm(p: LonLat, a: Area): number {
	if (turf.booleanPointInPolygon(p, a)) return 0;
	const lines = turf.polygonToLine(a);
	const list = lines.type === 'FeatureCollection' ? lines.features : [lines];
	return Math.min(...list.map((l) => turf.pointToLineDistance(p, l as Feature<any>, { units: 'kilometers' })));
}

/** Round a coordinate to 6 decimals (≈ 0.1 m), the precision written to the CSVs. */
export function round6(x: number): number {
	return Math.round(x * 1e6) / 1e6;
}
