import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadGtfs, loadRoads, suggestServiceDate } from '../../src/lib/reach/networks.ts';
import { computeMatrix, minutesFromPoints } from '../../src/lib/reach/matrix.ts';

// Real networks: the Zug GTFS (2021) and a tiny hand-made road network with known times.
const zug = readFileSync('data/networks/gtfs_ch_zug.zip');

describe('service date', () => {
	it('picks a Tuesday inside the Zug feed validity', () => {
		const d = suggestServiceDate(zug);
		expect(new Date(d + 'T00:00:00Z').getUTCDay()).toBe(2);
		expect(d >= '2020-12-13' && d <= '2021-12-11').toBe(true);
	});
});

describe('matrix', () => {
	it('PT: Zug and Baar zones to Zug station, plausible and ordered', async () => {
		const pt = loadGtfs(zug, 'GTFS Zug 2021', '2021-06-15');
		const zones = [
			{ zone_id: 1711, lon: 8.5153, lat: 47.1733 }, // Zug, near the station
			{ zone_id: 1701, lon: 8.5268, lat: 47.1961 }, // Baar
			{ zone_id: 9999, lon: 9.9, lat: 46.0 } // far away: no access stop, so no row
		];
		const rows = await computeMatrix({ pt }, zones, [{ id: 'ZUG', lon: 8.5153, lat: 47.1738 }], { modes: ['pt'] });
		const byZone = new Map(rows.map((r) => [r.origin_zone, r]));
		expect(byZone.has(9999)).toBe(false);
		const zug0 = byZone.get(1711)!;
		const baar = byZone.get(1701)!;
		expect(zug0.minutes_p50).toBeLessThan(10); // a short walk
		expect(baar.minutes_p50).toBeGreaterThan(zug0.minutes_p50);
		expect(baar.minutes_p50).toBeLessThan(30); // Baar–Zug is a few minutes by S-Bahn plus access
		expect(baar.minutes_p80!).toBeGreaterThanOrEqual(baar.minutes_p50);
		expect(baar.source).toBe('GTFS Zug 2021');
	});

	it('car: hand-made road network gives the hand-computed time', async () => {
		// A 3 km straight tertiary road without maxspeed; origin and target sit on its ends.
		const lat = 47.05;
		const kmPerDegLon = 111.32 * Math.cos((lat * Math.PI) / 180);
		const fc = {
			type: 'FeatureCollection',
			features: [{ type: 'Feature', properties: { highway: 'tertiary', maxspeed: '60' }, geometry: { type: 'LineString', coordinates: [[8.3, lat], [8.3 + 3 / kmPerDegLon, lat]] } }]
		};
		const car = loadRoads({ geojson: JSON.stringify(fc) }, 'test');
		const dest = [{ id: 'S', lon: 8.3 + 3 / kmPerDegLon, lat }];
		const rows = await computeMatrix({ car }, [{ zone_id: 1, lon: 8.3, lat }], dest, { modes: ['car'], carTerminal: false });
		expect(rows).toHaveLength(1);
		// 3 km at 60 km/h = 3 min free flow; the peak factor can only make it slower, at most ~1/0.7.
		expect(rows[0].minutes_p50).toBeGreaterThanOrEqual(2.9);
		expect(rows[0].minutes_p50).toBeLessThan(4.5);
		// Default: terminal minutes at both ends; a zone without population/area is 'suburban' (1.5 + 2 min).
		const withTerminal = await computeMatrix({ car }, [{ zone_id: 1, lon: 8.3, lat }], dest, { modes: ['car'] });
		expect(withTerminal[0].minutes_p50).toBeCloseTo(rows[0].minutes_p50 + 3.5, 1);
		const grid = minutesFromPoints({ car }, 'car', [[8.3, lat], [9.5, 46.5]], { id: 'S', lon: 8.3 + 3 / kmPerDegLon, lat });
		expect(Number.isFinite(grid[0])).toBe(true);
		expect(grid[1]).toBe(Infinity); // too far from any road to snap
	});
});
