/**
 * Thematic layers of the overview map: class breaks, palettes and maplibre expressions for the
 * municipality shading (counts, commute change) and the score surface, and the legend classes that
 * match them. Pure functions (no Svelte, no DOM), unit-tested in tests/unit/map-layers.test.ts.
 */
import type { ExpressionSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { CHOROPLETH, quantileBreaks } from './style.ts';
import { MIN_COUNT } from '../../report/tables.ts';

export type Shading = 'staff' | 'customers' | 'change' | 'surface' | 'none';

/** A legend row: colour and label; `lo`/`hi` are the class bounds (for tests and data attributes). */
export interface LegendClass {
	colour: string;
	label: string;
	lo: number;
	hi: number;
}

/** No value (zone without movers, cell not scored). */
export const NO_DATA = '#e3e5e8';
const TRANSPARENT = 'rgba(0,0,0,0)';
/** Municipality without movers on the commute-change layer: mid grey, apart from the near-white 0 class. */
export const CHANGE_NO_DATA = '#c4c4c4';

/**
 * Breaks for a choropleth of person counts: like `quantileBreaks`, but if any value lies in 1 … 4,
 * with a break at 5 so the lowest class is "1 – 4", shown as "< 5" (no municipality can be read as
 * holding 1, 2, … persons).
 */
export function countBreaks(values: number[], colours = CHOROPLETH.length): number[] {
	if (!values.some((v) => v > 0 && v < MIN_COUNT)) return quantileBreaks(values, colours);
	// Classes "0", "< 5", then the values from 5 up split at their own quantiles.
	const upper = quantileBreaks(values.filter((v) => v >= MIN_COUNT), colours - 1).filter((b) => b > MIN_COUNT);
	return [1, MIN_COUNT, ...upper].slice(0, colours - 1);
}

/**
 * Legend classes for count breaks: class 0 is "0", then [b_i, b_{i+1} − 1]; with `persons` the
 * class 1 – 4 reads "< 5".
 */
export function countClasses(breaks: number[], fmt: (n: number) => string, persons: boolean, colours = CHOROPLETH): LegendClass[] {
	return [0, ...breaks].map((lo, i) => {
		const hi = i < breaks.length ? breaks[i] - 1 : Infinity;
		let label: string;
		if (i === 0) label = fmt(0);
		else if (hi === Infinity) label = `≥ ${fmt(lo)}`;
		else if (persons && lo === 1 && hi === MIN_COUNT - 1) label = `< ${fmt(MIN_COUNT)}`;
		else label = hi <= lo ? fmt(lo) : `${fmt(lo)} – ${fmt(hi)}`;
		return { colour: colours[i], label, lo, hi };
	});
}

/**
 * Diverging palette for the commute change, minutes: blue = faster (negative), red = slower,
 * neutral grey-white around 0 (ColorBrewer RdBu, reversed; colour-blind safe).
 */
export const DIVERGING = ['#2166ac', '#4393c3', '#92c5de', '#d1e5f0', '#f7f7f7', '#fddbc7', '#f4a582', '#d6604d', '#b2182b'];
/** Class limits in minutes, symmetric around 0 (the middle class is −2 … +2). */
export const CHANGE_BREAKS = [-20, -10, -5, -2, 2, 5, 10, 20];

/** Legend classes for the diverging commute-change palette. */
export function changeClasses(fmt: (n: number) => string, breaks = CHANGE_BREAKS, colours = DIVERGING): LegendClass[] {
	const sign = (x: number) => (x > 0 ? `+${fmt(x)}` : x < 0 ? `−${fmt(-x)}` : fmt(0));
	return colours.map((colour, i) => {
		const lo = i === 0 ? -Infinity : breaks[i - 1];
		const hi = i === breaks.length ? Infinity : breaks[i];
		const label = lo === -Infinity ? `< ${sign(hi)}` : hi === Infinity ? `> ${sign(lo)}` : `${sign(lo)} … ${sign(hi)}`;
		return { colour, label, lo, hi };
	});
}

/** Score surface: sequential (YlGnBu), darker = better; classes stress the top of the 0–100 score. */
export const SURFACE_COLOURS = ['#ffffcc', '#c7e9b4', '#7fcdbb', '#2c7fb8', '#253494'];
export const SURFACE_BREAKS = [40, 60, 75, 90];

/** Legend classes for the score surface. */
export function surfaceClasses(fmt: (n: number) => string, breaks = SURFACE_BREAKS, colours = SURFACE_COLOURS): LegendClass[] {
	return colours.map((colour, i) => {
		const lo = i === 0 ? 0 : breaks[i - 1];
		const hi = i === breaks.length ? 100 : breaks[i];
		return { colour, label: `${fmt(lo)} – ${fmt(hi)}`, lo, hi };
	});
}

/** A step expression on numeric `prop`, used where boolean `guard` is true; elsewhere `none`. */
export function stepOrNone(prop: string, guard: string, breaks: number[], colours: string[], none = NO_DATA): ExpressionSpecification {
	const step: unknown[] = ['step', ['to-number', ['get', prop], 0], colours[0]];
	breaks.forEach((b, i) => step.push(b, colours[i + 1]));
	return ['case', ['to-boolean', ['get', guard]], step, none] as unknown as ExpressionSpecification;
}

/** Fill colour of the municipalities for a shading (value in property `value`, presence in `has_value`). */
export function zoneFill(shading: Shading, breaks: number[]): ExpressionSpecification | string {
	if (shading === 'change') return stepOrNone('value', 'has_value', CHANGE_BREAKS, DIVERGING, CHANGE_NO_DATA);
	if (shading === 'staff' || shading === 'customers') return stepOrNone('value', 'has_value', breaks, CHOROPLETH, CHOROPLETH[0]);
	return TRANSPARENT;
}

/** Fill colour of the surface cells (property `score`, `scored` false = not scored). */
export function surfaceFill(): ExpressionSpecification {
	return stepOrNone('score', 'scored', SURFACE_BREAKS, SURFACE_COLOURS, NO_DATA);
}

/** The class index a value falls into (for tests and data attributes): breaks as in a maplibre step. */
export function classOf(value: number, breaks: number[]): number {
	let i = 0;
	while (i < breaks.length && value >= breaks[i]) i++;
	return i;
}

/**
 * Square polygons around regular grid points (the surface cells). The spacing is read from the points
 * (smallest distinct step in lon and lat), so it matches `cantonGrid` whatever its cell size.
 */
export function cellSquares(cells: Array<{ lon: number; lat: number; score: number | null }>): FeatureCollection {
	const step = (xs: number[]) => {
		const u = [...new Set(xs.map((x) => Math.round(x * 1e7) / 1e7))].sort((a, b) => a - b);
		let m = Infinity;
		for (let i = 1; i < u.length; i++) if (u[i] - u[i - 1] > 1e-7) m = Math.min(m, u[i] - u[i - 1]);
		return Number.isFinite(m) ? m : 0.02;
	};
	const dx = step(cells.map((c) => c.lon)) / 2;
	const dy = step(cells.map((c) => c.lat)) / 2;
	return {
		type: 'FeatureCollection',
		features: cells.map((c, i) => ({
			type: 'Feature',
			properties: { index: i, scored: c.score !== null, score: c.score === null ? 0 : Math.round(c.score * 10) / 10 },
			geometry: {
				type: 'Polygon',
				coordinates: [[[c.lon - dx, c.lat - dy], [c.lon + dx, c.lat - dy], [c.lon + dx, c.lat + dy], [c.lon - dx, c.lat + dy], [c.lon - dx, c.lat - dy]]]
			}
		}))
	};
}
