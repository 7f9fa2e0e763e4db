/**
 * GeoJSON roads: LineString/MultiLineString features with properties {highway, oneway, maxspeed, ...}
 * (the same tag names as OSM) become RoadWays; ways join where their coordinates coincide.
 */
import type { RoadWay } from './types.ts';

interface LineFeature {
	type: 'Feature';
	id?: string | number;
	geometry: { type: string; coordinates: unknown } | null;
	properties: Record<string, unknown> | null;
}

/** Convert a GeoJSON FeatureCollection of road lines into RoadWays (other geometries are ignored). */
export function roadWaysFromGeoJSON(fc: { type: string; features: LineFeature[] }): RoadWay[] {
	if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features))
		throw new Error('not a GeoJSON FeatureCollection of road lines');
	const ways: RoadWay[] = [];
	fc.features.forEach((f, i) => {
		const g = f.geometry;
		if (!g) return;
		const lines = g.type === 'LineString' ? [g.coordinates as number[][]] : g.type === 'MultiLineString' ? (g.coordinates as number[][][]) : [];
		const tags: Record<string, string> = {};
		for (const [k, v] of Object.entries(f.properties ?? {})) if (v !== null && v !== undefined) tags[k] = String(v);
		const id = typeof f.id === 'number' ? f.id : i + 1;
		for (const line of lines) {
			if (!Array.isArray(line) || line.length < 2) continue;
			const coords: number[] = [];
			for (const c of line) coords.push(Number(c[0]), Number(c[1]));
			ways.push({ id, tags, coords });
		}
	});
	return ways;
}
