/** Colours of the raster map layers (ui/map/grid-layers.ts) and the GeoJSON CRS helper (data/geojson-crs.ts). */
import { describe, expect, it } from 'vitest';
import { GUTEKLASSEN_COLOURS, POPULATION_BREAKS, POPULATION_COLOURS, guteklassenFill, populationRgba, rasterPixels } from '../../src/lib/ui/map/grid-layers.ts';
import { geojsonText, LV95_CRS, toCrs } from '../../src/lib/data/geojson-crs.ts';
import { lv95ToWgs84 } from '../../src/lib/data/coords.ts';

describe('raster map layers', () => {
	it('colours classes A–D and leaves empty cells transparent', () => {
		expect(GUTEKLASSEN_COLOURS.map(([k]) => k)).toEqual(['A', 'B', 'C', 'D']);
		expect(JSON.stringify(guteklassenFill())).toContain('"klasse"');
		expect(POPULATION_COLOURS.length).toBe(POPULATION_BREAKS.length);
		expect(populationRgba(0)).toEqual([0, 0, 0, 0]);
		expect(populationRgba(0.9)[3]).toBe(0);
		expect(populationRgba(1)[3]).toBeGreaterThan(0);
		expect(populationRgba(5000).slice(0, 3)).toEqual([0x7a, 0x01, 0x77]);
	});

	it('draws the raster north-up (its row 0 is the southern row)', () => {
		const px = rasterPixels(2, 2, [0, 0, 0, 2000], populationRgba);
		// Cell (1, 1) is north-east: image row 0, column 1.
		expect(Array.from(px.slice(4, 8))).toEqual([0x7a, 0x01, 0x77, 200]);
		expect(px[15]).toBe(0);
	});
});

describe('GeoJSON CRS', () => {
	const w = lv95ToWgs84(2_666_000, 1_211_000);
	const fc = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, properties: { a: 1 }, geometry: { type: 'Point' as const, coordinates: [w.lon, w.lat] } }] };

	it('keeps WGS84 as it is (RFC 7946: no crs member)', () => {
		expect(toCrs(fc, 'wgs84')).toBe(fc);
	});

	it('converts to LV95 metres and names EPSG:2056 for QGIS', () => {
		const lv = toCrs(fc, 'lv95');
		expect(lv.crs).toEqual(LV95_CRS);
		const [e, n] = (lv.features[0].geometry as { coordinates: number[] }).coordinates;
		expect(e).toBeCloseTo(2_666_000, 0);
		expect(n).toBeCloseTo(1_211_000, 0);
		const text = geojsonText(lv);
		expect(JSON.parse(text)).toEqual(lv);
		expect(text.split('\n').length).toBe(4);
	});
});

describe('score surface as GeoJSON', () => {
	it('writes one square per cell with score, values and the best cell', async () => {
		const { surfaceGeoJSON } = await import('../../src/lib/report/geojson.ts');
		const cells = [
			{ lon: 8.0, lat: 47.0, score: 50, values: { staff_pt_mean: 30.12345 } },
			{ lon: 8.02, lat: 47.0, score: null, values: { staff_pt_mean: null } },
			{ lon: 8.0, lat: 47.02, score: 90, values: { staff_pt_mean: 20 } }
		];
		const fc = surfaceGeoJSON({ cells, weights: { staff_pt_mean: 1 }, best: { lon: 8.0, lat: 47.02, index: 2, score: 90 }, candidates: [] });
		expect(fc.features.map((f) => f.properties)).toEqual([
			{ cell: 0, score: 50, best: false, staff_pt_mean: 30.123 },
			{ cell: 1, score: null, best: false, staff_pt_mean: null },
			{ cell: 2, score: 90, best: true, staff_pt_mean: 20 }
		]);
		const ring = fc.features[0].geometry.coordinates[0];
		expect(ring[0]).toEqual([7.99, 46.99]);
		expect(ring[2]).toEqual([8.01, 47.01]);
	});
});
