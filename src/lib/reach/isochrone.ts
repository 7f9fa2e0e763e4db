/**
 * Isochrones from a travel-time grid: marching squares (d3-contour) over minutes per grid point,
 * thresholds e.g. 15/30/45/60 min, returned as GeoJSON MultiPolygons in lon/lat.
 * Unreachable points are +Infinity and never fall inside a band.
 */
import { contours } from 'd3-contour';
import type { Feature, FeatureCollection, MultiPolygon, Position } from 'geojson';
import type { Grid } from './grid.ts';
import type { Raster } from './raster.ts';
import { lv95ToWgs84 } from '../data/coords.ts';
import type { Crs } from '../data/geojson-crs.ts';

export interface IsochroneProps {
	/** Upper bound of the band in minutes (area reachable within this time). */
	minutes: number;
	site_id: string;
	mode: string;
}

/** Contour polygons of "reachable within T minutes" for each threshold, largest first (for drawing order). */
export function isochrones(
	grid: Grid,
	minutes: ArrayLike<number>,
	thresholds: number[],
	meta: { site_id: string; mode: string }
): FeatureCollection<MultiPolygon, IsochroneProps> {
	if (minutes.length !== grid.width * grid.height) throw new Error(`isochrones: ${minutes.length} values for a ${grid.width}×${grid.height} grid`);
	// d3-contour draws regions where value >= threshold; negate so "time <= T" becomes "-time >= -T".
	const values = new Float64Array(minutes.length);
	for (let k = 0; k < minutes.length; k++) values[k] = Number.isFinite(minutes[k]) ? -minutes[k] : -1e9;
	const sorted = [...thresholds].sort((a, b) => b - a);
	const gen = contours().size([grid.width, grid.height]).thresholds(sorted.map((t) => -t));
	const features: Feature<MultiPolygon, IsochroneProps>[] = gen(Array.from(values)).map((c, k) => ({
		type: 'Feature',
		properties: { minutes: sorted[k], ...meta },
		geometry: { type: 'MultiPolygon', coordinates: c.coordinates.map((poly) => poly.map((ring) => ring.map((p) => toLonLat(grid, p)))) }
	}));
	return { type: 'FeatureCollection', features };
}

/** Output coordinates: WGS84 lon/lat (GeoJSON default) or LV95 metres (EPSG:2056). */
export type { Crs };

/**
 * Isochrones over an LV95 raster (region.ts): "reachable within T minutes" per threshold, largest first.
 * d3-contour places the value of cell (i, j) at (i + 0.5, j + 0.5), which is exactly the cell centre, so grid
 * units map to LV95 by x0 + x · cell. d3's rings are clockwise in east/north; they are reversed so outer rings run
 * counter-clockwise and holes clockwise (RFC 7946).
 */
export function rasterIsochrones(
	r: Raster,
	minutes: ArrayLike<number>,
	thresholds: number[],
	meta: { site_id: string; mode: string },
	crs: Crs = 'wgs84'
): FeatureCollection<MultiPolygon, IsochroneProps> {
	if (minutes.length !== r.width * r.height) throw new Error(`isochrones: ${minutes.length} values for a ${r.width}×${r.height} raster`);
	const values = new Array<number>(minutes.length);
	for (let k = 0; k < minutes.length; k++) values[k] = Number.isFinite(minutes[k]) ? -minutes[k] : -1e9;
	const sorted = [...thresholds].sort((a, b) => b - a);
	const gen = contours().size([r.width, r.height]).thresholds(sorted.map((t) => -t));
	const at = (p: Position): Position => {
		const e = r.x0 + p[0] * r.cellM, n = r.y0 + p[1] * r.cellM;
		if (crs === 'lv95') return [Math.round(e * 10) / 10, Math.round(n * 10) / 10];
		const w = lv95ToWgs84(e, n);
		return [round6(w.lon), round6(w.lat)];
	};
	return {
		type: 'FeatureCollection',
		features: gen(values).map((c, k) => ({
			type: 'Feature',
			properties: { minutes: sorted[k], ...meta },
			geometry: { type: 'MultiPolygon', coordinates: c.coordinates.map((poly) => poly.map((ring) => ring.map(at).reverse())) }
		}))
	};
}

// d3-contour coordinates are in grid units with (0,0) at the corner of cell 0; our cell centres sit
// on integer positions, so shift by half a cell.
function toLonLat(g: Grid, p: Position): Position {
	return [round6(g.west + (p[0] - 0.5) * g.dx), round6(g.south + (p[1] - 0.5) * g.dy)];
}

function round6(x: number): number {
	return Math.round(x * 1e6) / 1e6;
}
