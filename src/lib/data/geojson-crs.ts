/**
 * GeoJSON for QGIS: WGS84 (RFC 7946, the default; no `crs` member) or Swiss LV95 (EPSG:2056, coordinates in metres,
 * with the legacy `crs` member naming EPSG:2056, which QGIS and GDAL read to place the layer without asking).
 */
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { wgs84ToLv95 } from './coords.ts';

export type Crs = 'wgs84' | 'lv95';

/** The `crs` member QGIS/GDAL understand for LV95. */
export const LV95_CRS = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::2056' } } as const;

/** A FeatureCollection already in `crs`, labelled for QGIS (adds the member for LV95). */
export function labelCrs<T extends FeatureCollection>(fc: T, crs: Crs): T & { crs?: typeof LV95_CRS } {
	return crs === 'lv95' ? { ...fc, crs: LV95_CRS } : fc;
}

/** Convert a WGS84 FeatureCollection to `crs` (LV95: metres rounded to 0.1 m) and label it. */
export function toCrs<T extends FeatureCollection>(fc: T, crs: Crs): T & { crs?: typeof LV95_CRS } {
	if (crs === 'wgs84') return fc;
	const pos = (p: Position): Position => {
		const { e, n } = wgs84ToLv95(p[0], p[1]);
		return [Math.round(e * 10) / 10, Math.round(n * 10) / 10];
	};
	const geom = (g: Geometry | null): Geometry | null => {
		if (!g) return g;
		switch (g.type) {
			case 'Point':
				return { ...g, coordinates: pos(g.coordinates) };
			case 'MultiPoint':
			case 'LineString':
				return { ...g, coordinates: g.coordinates.map(pos) };
			case 'MultiLineString':
			case 'Polygon':
				return { ...g, coordinates: g.coordinates.map((r) => r.map(pos)) };
			case 'MultiPolygon':
				return { ...g, coordinates: g.coordinates.map((p) => p.map((r) => r.map(pos))) };
			case 'GeometryCollection':
				return { ...g, geometries: g.geometries.map((x) => geom(x)!) };
		}
	};
	return labelCrs({ ...fc, features: fc.features.map((f) => ({ ...f, geometry: geom(f.geometry) })) } as T, crs);
}

/** Pretty-enough JSON for a download (one feature per line keeps large files diff- and grep-friendly). */
export function geojsonText(fc: FeatureCollection & { crs?: unknown }): string {
	const { features, ...head } = fc;
	const h = JSON.stringify(head);
	return `${h.slice(0, -1)},"features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}
