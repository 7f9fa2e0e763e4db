/**
 * Series styles: colour plus a dash pattern and a point symbol, so series stay distinguishable in
 * black-and-white print and for colour-blind readers. Colours follow global.css (accent, muted, …).
 */
export const SERIES_COLOURS = ['#5b6673', '#175b9c', '#c26a00', '#1d7a46', '#7b3294', '#b3261e'];
/** SVG stroke-dasharray per series ('' = solid). Series 0 (usually "today") is dashed. */
export const SERIES_DASHES = ['6 4', '', '2 3', '10 3 2 3', '4 2', '1 2'];
/** d3-shape symbol names per series (see d3.symbolsFill order). */
export const SERIES_SYMBOLS = ['circle', 'square', 'triangle', 'diamond', 'cross', 'star'] as const;

/** Style of series i (cycles through the lists). */
export function seriesStyle(i: number, colour?: string): { colour: string; dash: string; symbol: (typeof SERIES_SYMBOLS)[number] } {
	return {
		colour: colour ?? SERIES_COLOURS[i % SERIES_COLOURS.length],
		dash: SERIES_DASHES[i % SERIES_DASHES.length],
		symbol: SERIES_SYMBOLS[i % SERIES_SYMBOLS.length]
	};
}

/** Ordered colours for ranks 1…k: dark blue (rank 1) to light; text on them black or white. */
export function rankColours(k: number): { fill: string; text: string }[] {
	const from = [23, 91, 156]; // --accent
	const to = [222, 232, 243];
	return Array.from({ length: k }, (_, i) => {
		const f = k === 1 ? 0 : i / (k - 1);
		const c = from.map((a, j) => Math.round(a + (to[j] - a) * f));
		const lum = (0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]) / 255;
		return { fill: `rgb(${c.join(',')})`, text: lum < 0.55 ? '#fff' : '#000' };
	});
}
