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

describe('PolygonGrid.nearest = the nearest boundary by brute force', () => {
	it('points outside every municipality (lakes, the region edge): the nearest within reach, or none', () => {
		const polys = polygons('municipalities_lu_region_2026.geojson');
		const grid = new PolygonGrid(polys, 0.002);
		const kx = (lat: number) => 111_320 * Math.cos((lat * Math.PI) / 180);
		/** Metres to polygon k's boundary, every segment measured. */
		const dist = (k: number, lon: number, lat: number) => {
			const g = polys[k].geometry;
			let best = Infinity;
			for (const ring of (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(1))
				for (let i = 1; i < ring.length; i++) {
					const ax = (ring[i - 1][0] - lon) * kx(lat);
					const ay = (ring[i - 1][1] - lat) * 110_574;
					const ex = (ring[i][0] - lon) * kx(lat) - ax;
					const ey = (ring[i][1] - lat) * 110_574 - ay;
					const len2 = ex * ex + ey * ey;
					const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * ex + ay * ey) / len2)) : 0;
					best = Math.min(best, Math.hypot(ax + t * ex, ay + t * ey));
				}
			return best;
		};
		const rng = createRng(5);
		let near = 0;
		let none = 0;
		// Over Lake Lucerne, Lake Sempach and the region's edge: many points in no polygon.
		for (let i = 0; i < 4000 && near + none < 400; i++) {
			const lon = 8.0 + rng.next() * 0.6;
			const lat = 46.9 + rng.next() * 0.35;
			if (grid.find(lon, lat) >= 0) continue;
			const d = polys.map((_, k) => dist(k, lon, lat));
			const min = Math.min(...d);
			const want = min < 300 ? d.indexOf(min) : -1;
			expect([lon, lat, grid.nearest(lon, lat, 300)]).toEqual([lon, lat, want]);
			if (want >= 0) near++;
			else none++;
		}
		expect(near).toBeGreaterThan(5);
		expect(none).toBeGreaterThan(5);
	});
});
