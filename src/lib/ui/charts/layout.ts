/** Text-size estimates for chart margins (no DOM measurement, so it also works before mount and in tests). */

/** Approximate rendered width (px) of a text in a sans-serif font: ~0.56 em per character on average. */
export function approxTextWidth(text: string, fontSize = 12): number {
	let w = 0;
	for (const ch of text) w += /[il.,:;'’|!\s]/.test(ch) ? 0.3 : /[mwMW@%]/.test(ch) ? 0.85 : /[A-Z0-9]/.test(ch) ? 0.64 : 0.54;
	return w * fontSize;
}

/** Shorten a text with "…" so that it fits roughly into maxWidth px. */
export function fitText(text: string, maxWidth: number, fontSize = 12): string {
	if (approxTextWidth(text, fontSize) <= maxWidth) return text;
	let s = text;
	while (s.length > 1 && approxTextWidth(s + '…', fontSize) > maxWidth) s = s.slice(0, -1);
	return s.trimEnd() + '…';
}

/** Left margin (px) for category labels: widest label + padding, between min and maxShare of the width. */
export function labelMargin(labels: readonly string[], width: number, fontSize = 12, min = 40, maxShare = 0.35): number {
	const widest = labels.reduce((m, l) => Math.max(m, approxTextWidth(l, fontSize)), 0);
	return Math.ceil(Math.max(min, Math.min(widest + 14, width * maxShare)));
}

/** Break a label into at most `maxLines` lines of roughly maxWidth px (words kept whole; the last line shortened). */
export function wrapText(text: string, maxWidth: number, fontSize = 12, maxLines = 2): string[] {
	const words = text.split(/\s+/).filter(Boolean);
	const lines: string[] = [];
	let cur = '';
	for (const w of words) {
		const next = cur ? `${cur} ${w}` : w;
		if (cur && approxTextWidth(next, fontSize) > maxWidth) {
			lines.push(cur);
			cur = w;
		} else cur = next;
	}
	if (cur) lines.push(cur);
	if (lines.length > maxLines) {
		const rest = lines.slice(maxLines - 1).join(' ');
		lines.length = maxLines - 1;
		lines.push(rest);
	}
	return lines.map((l) => fitText(l, maxWidth, fontSize));
}

/** A legend entry: a swatch (line, box or hatched box) and its label. */
export interface LegendItem {
	label: string;
	colour: string;
	/** 'text': a label without swatch (e.g. a legend title). */
	kind: 'line' | 'box' | 'hatch' | 'text';
	/** stroke-dasharray for 'line'. */
	dash?: string;
	/** SVG path of a point symbol centred on a 'line' swatch (d3-shape symbol output). */
	symbolPath?: string;
	/** Pattern id for 'hatch' (fill url). */
	pattern?: string;
	/** Text colour on the swatch (e.g. rank numbers); none if empty. */
	swatchText?: string;
	swatchTextColour?: string;
}

export interface PlacedLegendItem extends LegendItem {
	x: number;
	y: number;
}

/** Lay legend entries out left to right, wrapping at maxWidth. Returns positions (text baseline rows) and total height. */
export function legendLayout(items: readonly LegendItem[], maxWidth: number, fontSize = 12, swatch = 22, gap = 16): { items: PlacedLegendItem[]; height: number } {
	const rowH = fontSize + 8;
	let x = 0;
	let row = 0;
	const placed = items.map((it) => {
		const w = it.kind === 'text' ? approxTextWidth(it.label, fontSize) * 1.1 + 6 : swatch + (it.label ? 6 + approxTextWidth(it.label, fontSize) : 0);
		if (x > 0 && x + w > maxWidth) {
			x = 0;
			row++;
		}
		const p = { ...it, x, y: row * rowH };
		x += w + gap;
		return p;
	});
	return { items: placed, height: items.length ? (row + 1) * rowH : 0 };
}

/** Drawing width from a measured container width: at least `min`, `fallback` before the first layout. */
export function chartWidth(clientWidth: number, min = 320, fallback = 640): number {
	return Math.max(min, clientWidth || fallback);
}
