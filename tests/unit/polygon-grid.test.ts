/**
 * PolygonGrid (data/polygon-grid.ts) answers what testing every polygon in order with turf would: the
 * first polygon containing the point, boundary included. Checked on the shipped municipalities and the
 * national outline with random points and with the hard ones: vertices, points on segments, and points
 * level with a vertex (the ray runs through it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { PolygonGrid } from '../../src/lib/data/polygon-grid.ts';
import { createRng } from '../../src/lib/data/prng.ts';

const ROOT = path.resolve(__dirname, '../..');
const polygons = (file: string) =>
	(JSON.parse(readFileSync(path.join(ROOT, 'data', file), 'utf8')) as FeatureCollection).features.filter(
		(f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon'
	) as Feature<Polygon | MultiPolygon>[];

const brute = (polys: Feature<Polygon | MultiPolygon>[], lon: number, lat: number) => polys.findIndex((p) => booleanPointInPolygon([lon, lat], p));

describe('PolygonGrid = turf on every polygon in order', () => {
	for (const [file, cell] of [
		['municipalities_lu_region_2026.geojson', 0.002],
		['switzerland_2026.geojson', 0.005]
	] as const)
		it(file, () => {
			const polys = polygons(file);
			const grid = new PolygonGrid(polys, cell);
			const rng = createRng(11);
			const vertices = polys.flatMap((p) => (p.geometry.type === 'Polygon' ? [p.geometry.coordinates] : p.geometry.coordinates).flat(1).flat(1));
			const points: [number, number][] = [];
			for (let i = 0; i < 1500; i++) {
				const [a, b] = [vertices[rng.int(vertices.length)], vertices[rng.int(vertices.length)]];
				points.push(a as [number, number]); // a vertex
				points.push([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2]); // somewhere between two
				points.push([a[0] + (rng.next() - 0.5) * 0.01, b[1]]); // level with a vertex
				const c = vertices[(vertices.indexOf(a) + 1) % vertices.length];
				points.push([(a[0] + c[0]) / 2, (a[1] + c[1]) / 2]); // on (or next to) a segment
				points.push([a[0] + (rng.next() - 0.5) * 0.002, a[1] + (rng.next() - 0.5) * 0.002]); // near the boundary
			}
			const wrong = points.filter(([lon, lat]) => grid.find(lon, lat) !== brute(polys, lon, lat));
			expect(wrong).toEqual([]);
			expect(new Set(points.map(([lon, lat]) => grid.find(lon, lat))).size).toBeGreaterThan(file.startsWith('municipalities') ? 50 : 1);
		});
});
