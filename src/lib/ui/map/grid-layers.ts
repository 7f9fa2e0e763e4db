/**
 * Colours and classes of the raster layers (ÖV-Güteklassen, residents per cell). Pure functions, unit-tested in
 * tests/unit/grid-layers.test.ts; the Svelte layer components only hand them to maplibre.
 */
import type { ExpressionSpecification } from 'maplibre-gl';

/** Classes A–D, dark to light (ColorBrewer Oranges; distinct from the isochrone and choropleth palettes). */
export const GUTEKLASSEN_COLOURS: Array<[string, string]> = [
	['A', '#7f2704'],
	['B', '#d94801'],
	['C', '#fd8d3c'],
	['D', '#fdd49e']
];

export function guteklassenFill(): ExpressionSpecification {
	return ['match', ['get', 'klasse'], ...GUTEKLASSEN_COLOURS.flat(), '#cccccc'] as unknown as ExpressionSpecification;
}

/** Residents per 250 m cell: class lower bounds and colours (ColorBrewer RdPu, light to dark; 0 stays transparent). */
export const POPULATION_BREAKS = [1, 10, 50, 150, 400, 1000];
export const POPULATION_COLOURS = ['#feebe2', '#fcc5c0', '#fa9fb5', '#f768a1', '#c51b8a', '#7a0177'];

/** RGBA of a cell value (transparent below the first break). */
export function populationRgba(v: number): [number, number, number, number] {
	let c = -1;
	for (let i = 0; i < POPULATION_BREAKS.length; i++) if (v >= POPULATION_BREAKS[i]) c = i;
	if (c < 0) return [0, 0, 0, 0];
	const h = POPULATION_COLOURS[c];
	return [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), 200];
}

/**
 * RGBA pixels of a raster, one pixel per cell, north-up (row 0 of the image = the northern row, while the
 * raster's row 0 is the southern one).
 */
export function rasterPixels(width: number, height: number, values: ArrayLike<number>, rgba: (v: number) => [number, number, number, number]): Uint8ClampedArray {
	const px = new Uint8ClampedArray(width * height * 4);
	for (let j = 0; j < height; j++)
		for (let i = 0; i < width; i++) px.set(rgba(values[j * width + i]), ((height - 1 - j) * width + i) * 4);
	return px;
}
