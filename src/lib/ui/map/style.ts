/**
 * The offline basemap: a maplibre style made only of GeoJSON sources from data/ (no tiles, no
 * glyph server, no sprites). Labels use the browser's fonts ('text-font' without `glyphs`).
 */
import type { StyleSpecification, ExpressionSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';

export interface BaseLayers {
	cantons: FeatureCollection;
	municipalities: FeatureCollection;
	lakes: FeatureCollection;
	canton: FeatureCollection;
}

export const FONT = ['DejaVu Sans', 'Noto Sans', 'Arial', 'sans-serif'];
export const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Sequential palette for choropleths (light to dark blue), colour-blind safe. */
export const CHOROPLETH = ['#f1f5fb', '#c9daf0', '#93b7e0', '#5a8fca', '#2f69ad', '#174a87'];

/** A step expression over `prop` with the given class breaks (breaks.length = colours - 1). */
export function stepColour(prop: string, breaks: number[], colours = CHOROPLETH): ExpressionSpecification {
	const e: unknown[] = ['step', ['coalesce', ['get', prop], 0], colours[0]];
	breaks.forEach((b, i) => e.push(b, colours[i + 1]));
	return e as ExpressionSpecification;
}

/** Isochrone bands: 15/30/45/60 min from dark to light (drawn largest first, so inner bands sit on top). */
export const ISOCHRONE_COLOURS: Array<[number, string]> = [
	[15, '#1b7837'],
	[30, '#5aae61'],
	[45, '#c2a5cf'],
	[60, '#762a83']
];

function isochroneColour(): ExpressionSpecification {
	const e: unknown[] = ['step', ['get', 'minutes'], ISOCHRONE_COLOURS[0][1]];
	for (const [m, c] of ISOCHRONE_COLOURS.slice(1)) e.push(m, c);
	return e as ExpressionSpecification;
}

/** The base style: neighbours, municipalities (choropleth-ready), lakes, canton outline, point layers. */
export function baseStyle(base: BaseLayers): StyleSpecification {
	return {
		version: 8,
		sources: {
			cantons: { type: 'geojson', data: base.cantons },
			municipalities: { type: 'geojson', data: base.municipalities, promoteId: 'bfs' },
			lakes: { type: 'geojson', data: base.lakes },
			canton: { type: 'geojson', data: base.canton },
			offices: { type: 'geojson', data: EMPTY },
			isochrones: { type: 'geojson', data: EMPTY },
			sites: { type: 'geojson', data: EMPTY },
			surface: { type: 'geojson', data: EMPTY },
			best: { type: 'geojson', data: EMPTY }
		},
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': '#eef0ee' } },
			{ id: 'cantons-fill', type: 'fill', source: 'cantons', paint: { 'fill-color': '#f7f7f4' } },
			{
				id: 'municipalities-fill',
				type: 'fill',
				source: 'municipalities',
				filter: ['==', ['get', 'canton'], 'LU'],
				paint: { 'fill-color': stepColour('value', [1, 3, 10, 30, 100]), 'fill-opacity': 0.9 }
			},
			{
				id: 'municipalities-line',
				type: 'line',
				source: 'municipalities',
				paint: { 'line-color': '#9aa3ad', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.3, 12, 1] }
			},
			{ id: 'cantons-line', type: 'line', source: 'cantons', paint: { 'line-color': '#6b7480', 'line-width': 1, 'line-dasharray': [3, 2] } },
			// Score surface cells (property `score`, null = not scored); colours set by the page.
			{
				id: 'surface-fill',
				type: 'fill',
				source: 'surface',
				paint: { 'fill-color': '#cccccc', 'fill-opacity': ['case', ['to-boolean', ['get', 'scored']], 0.85, 0.45] }
			},
			{ id: 'lakes-fill', type: 'fill', source: 'lakes', paint: { 'fill-color': '#a9cbe8' } },
			{ id: 'canton-line', type: 'line', source: 'canton', paint: { 'line-color': '#1f2a37', 'line-width': 2 } },
			{
				id: 'selected-zone-line',
				type: 'line',
				source: 'municipalities',
				filter: ['==', ['get', 'bfs'], -1],
				paint: { 'line-color': '#111111', 'line-width': 3 }
			},
			{
				id: 'isochrones-fill',
				type: 'fill',
				source: 'isochrones',
				paint: { 'fill-color': isochroneColour(), 'fill-opacity': 0.35 }
			},
			{ id: 'isochrones-line', type: 'line', source: 'isochrones', paint: { 'line-color': isochroneColour(), 'line-width': 1.2 } },
			{
				id: 'municipality-labels',
				type: 'symbol',
				source: 'municipalities',
				minzoom: 10,
				filter: ['==', ['get', 'canton'], 'LU'],
				layout: { 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 11 },
				paint: { 'text-color': '#39424e', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 }
			},
			{
				id: 'offices',
				type: 'circle',
				source: 'offices',
				paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-stroke-color': '#b3261e', 'circle-stroke-width': 3 }
			},
			{
				id: 'selected-site',
				type: 'circle',
				source: 'sites',
				filter: ['==', ['get', 'site_id'], ''],
				paint: { 'circle-radius': 12, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#111111', 'circle-stroke-width': 3 }
			},
			{
				id: 'sites',
				type: 'circle',
				source: 'sites',
				paint: { 'circle-radius': 7, 'circle-color': '#e8a317', 'circle-stroke-color': '#1f2a37', 'circle-stroke-width': 1.5 }
			},
			{
				id: 'site-labels',
				type: 'symbol',
				source: 'sites',
				layout: {
					'text-field': ['get', 'name'],
					'text-font': FONT,
					'text-size': 12,
					'text-offset': [0, 1.2],
					'text-anchor': 'top',
					'text-optional': true
				},
				paint: { 'text-color': '#1f2a37', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 }
			},
			// The best cell of the score surface: a black-and-white target with a label.
			{
				id: 'best-cell',
				type: 'circle',
				source: 'best',
				paint: { 'circle-radius': 9, 'circle-color': '#ffffff', 'circle-stroke-color': '#111111', 'circle-stroke-width': 4 }
			},
			{
				id: 'best-cell-label',
				type: 'symbol',
				source: 'best',
				layout: { 'text-field': ['get', 'label'], 'text-font': FONT, 'text-size': 13, 'text-offset': [0, -1.3], 'text-anchor': 'bottom' },
				paint: { 'text-color': '#111111', 'text-halo-color': '#ffffff', 'text-halo-width': 2 }
			}
		]
	};
}

/**
 * Class breaks for a count choropleth: class 0 is "none" (below 1), the other classes split the
 * positive values at rounded quantiles. Returns at most `colours - 1` ascending breaks.
 */
export function quantileBreaks(values: number[], colours = CHOROPLETH.length): number[] {
	const v = values.filter((x) => x > 0).sort((a, b) => a - b);
	const out = [1];
	const k = colours - 1;
	for (let i = 1; i < k && v.length; i++) {
		const r = niceRound(v[Math.min(v.length - 1, Math.floor((i / k) * v.length))]);
		if (r > out[out.length - 1]) out.push(r);
	}
	return out;
}

function niceRound(x: number): number {
	if (x <= 10) return Math.max(1, Math.round(x));
	const p = Math.pow(10, Math.floor(Math.log10(x)) - 1);
	return Math.round(x / p) * p;
}
