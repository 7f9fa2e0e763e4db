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

/** Anchor layer ids of the slots (see context.ts); invisible, they only mark positions in the stack. */
export const SLOT_IDS = { zones: 'slot-zones', surface: 'slot-surface', overlays: 'slot-overlays', points: 'slot-points', top: 'slot-top' } as const;

const anchor = (id: string) => ({ id, type: 'background' as const, layout: { visibility: 'none' as const }, paint: {} });

/**
 * The base style: neighbouring cantons, municipality outlines and labels, lakes, the home canton's
 * outline, and the slots that thematic layers (components in this folder) insert themselves into.
 */
export function baseStyle(base: BaseLayers): StyleSpecification {
	return {
		version: 8,
		sources: {
			cantons: { type: 'geojson', data: base.cantons },
			municipalities: { type: 'geojson', data: base.municipalities, promoteId: 'bfs' },
			lakes: { type: 'geojson', data: base.lakes },
			canton: { type: 'geojson', data: base.canton }
		},
		layers: [
			{ id: 'background', type: 'background', paint: { 'background-color': '#eef0ee' } },
			{ id: 'cantons-fill', type: 'fill', source: 'cantons', paint: { 'fill-color': '#f7f7f4' } },
			anchor(SLOT_IDS.zones),
			{
				id: 'municipalities-line',
				type: 'line',
				source: 'municipalities',
				paint: { 'line-color': '#9aa3ad', 'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.3, 12, 1] }
			},
			{ id: 'cantons-line', type: 'line', source: 'cantons', paint: { 'line-color': '#6b7480', 'line-width': 1, 'line-dasharray': [3, 2] } },
			anchor(SLOT_IDS.surface),
			{ id: 'lakes-fill', type: 'fill', source: 'lakes', paint: { 'fill-color': '#a9cbe8' } },
			{ id: 'canton-line', type: 'line', source: 'canton', paint: { 'line-color': '#1f2a37', 'line-width': 2 } },
			anchor(SLOT_IDS.overlays),
			{
				id: 'municipality-labels',
				type: 'symbol',
				source: 'municipalities',
				minzoom: 10,
				layout: { 'text-field': ['get', 'name'], 'text-font': FONT, 'text-size': 11 },
				paint: { 'text-color': '#39424e', 'text-halo-color': '#ffffff', 'text-halo-width': 1.2 }
			},
			anchor(SLOT_IDS.points),
			anchor(SLOT_IDS.top)
		]
	};
}

/** Isochrone fill/line colour by the band's `minutes`. */
export function isochroneColourExpression(): ExpressionSpecification {
	return isochroneColour();
}

/** [west, south, east, north] of a FeatureCollection's coordinates (null when empty). */
export function bboxOf(fc: FeatureCollection): [number, number, number, number] | null {
	let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
	const visit = (c: unknown): void => {
		if (Array.isArray(c) && typeof c[0] === 'number') {
			const [x, y] = c as number[];
			if (x < w) w = x;
			if (x > e) e = x;
			if (y < s) s = y;
			if (y > n) n = y;
		} else if (Array.isArray(c)) for (const d of c) visit(d);
	};
	for (const f of fc.features) if (f.geometry && 'coordinates' in f.geometry) visit(f.geometry.coordinates);
	return Number.isFinite(w) ? [w, s, e, n] : null;
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
