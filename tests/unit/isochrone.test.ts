import { describe, expect, it } from 'vitest';
import { area as turfArea, booleanPointInPolygon, point } from '@turf/turf';
import { makeGrid, gridPoints } from '../../src/lib/reach/grid.ts';
import { isochrones } from '../../src/lib/reach/isochrone.ts';

describe('isochrones', () => {
	// A cone of travel time: 1 minute per 100 m from the centre → the 15-min isochrone is a ~1.5 km disc.
	const centre: [number, number] = [8.3, 47.05];
	const grid = makeGrid([8.25, 47.02, 8.35, 47.08], 100);
	const pts = gridPoints(grid);
	const kmPerDegLon = 111.32 * Math.cos((47.05 * Math.PI) / 180);
	const minutes = pts.map(([x, y]) => Math.hypot((x - centre[0]) * kmPerDegLon, (y - centre[1]) * 111.32) * 10);

	it('produces bands whose area matches the analytic disc', () => {
		const fc = isochrones(grid, minutes, [15, 30], { site_id: 's', mode: 'car' });
		expect(fc.features.map((f) => f.properties.minutes)).toEqual([30, 15]);
		const a15 = turfArea(fc.features[1]) / 1e6;
		expect(a15).toBeGreaterThan(Math.PI * 1.5 ** 2 * 0.95);
		expect(a15).toBeLessThan(Math.PI * 1.5 ** 2 * 1.05);
		expect(booleanPointInPolygon(point(centre), fc.features[1])).toBe(true);
		expect(booleanPointInPolygon(point([centre[0] + 2.2 / kmPerDegLon, centre[1]]), fc.features[1])).toBe(false);
		expect(booleanPointInPolygon(point([centre[0] + 2.2 / kmPerDegLon, centre[1]]), fc.features[0])).toBe(true);
	});

	it('treats unreachable points as outside every band', () => {
		const all = new Array(grid.width * grid.height).fill(Infinity);
		const fc = isochrones(grid, all, [60], { site_id: 's', mode: 'pt' });
		expect(fc.features[0].geometry.coordinates.length).toBe(0);
	});

	it('rejects a value array of the wrong size', () => {
		expect(() => isochrones(grid, [1, 2, 3], [15], { site_id: 's', mode: 'pt' })).toThrow(/grid/);
	});
});
