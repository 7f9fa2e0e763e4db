/** The basemap's GeoJSON layers (from data/), fetched once and shared by every map in the app. */
import type { FeatureCollection } from 'geojson';
import { geoFiles, fetchJson } from '../assets.ts';
import type { BaseLayers } from './style.ts';

let loading: Promise<BaseLayers> | null = null;

export function loadBaseLayers(): Promise<BaseLayers> {
	loading ??= Promise.all([
		fetchJson<FeatureCollection>(geoFiles, 'cantons_lu_region_2026.geojson'),
		fetchJson<FeatureCollection>(geoFiles, 'municipalities_lu_region_2026.geojson'),
		fetchJson<FeatureCollection>(geoFiles, 'lakes_lu_region.geojson'),
		fetchJson<FeatureCollection>(geoFiles, 'canton_lu_boundary_2026.geojson')
	]).then(([cantons, municipalities, lakes, canton]) => ({ cantons, municipalities, lakes, canton }));
	return loading;
}

/** Point features from rows with lon/lat (other columns become properties). */
export function pointsFromRows(list: Record<string, unknown>[]): FeatureCollection {
	return {
		type: 'FeatureCollection',
		features: list.map(({ lon, lat, ...p }) => ({ type: 'Feature', properties: p, geometry: { type: 'Point', coordinates: [lon as number, lat as number] } }))
	};
}
