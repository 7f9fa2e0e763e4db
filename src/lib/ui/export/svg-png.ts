/**
 * Chart export: a rendered <svg> as a standalone SVG file or as PNG. The page's CSS (variables,
 * classes, print rules) does not travel with an SVG file, so the computed styles are inlined into a
 * clone. PNG goes through a data: URL image drawn onto a canvas: no eval, no network, allowed by the
 * app's CSP (img-src data: blob:).
 */
import { download } from '../download.ts';

/** Presentation properties worth copying from computed style into the standalone SVG. */
const STYLE_PROPS = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'stroke-opacity',
	'stroke-linecap',
	'stroke-linejoin',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'font-style',
	'text-anchor',
	'dominant-baseline',
	'paint-order',
	'visibility'
] as const;

/** Elements that are display:none by nature but needed in the file (definitions, metadata). */
const NEVER_RENDERED = new Set(['defs', 'pattern', 'clipPath', 'mask', 'marker', 'linearGradient', 'radialGradient', 'symbol', 'title', 'desc', 'style']);

const FALLBACK_FONT = "system-ui, 'DejaVu Sans', 'Segoe UI', Roboto, Arial, sans-serif";

/** Size of the SVG as laid out (attribute width/height, else the viewBox, else the bounding box). */
function svgSize(svg: SVGSVGElement): { width: number; height: number } {
	const vb = svg.viewBox?.baseVal;
	const w = Number(svg.getAttribute('width')) || vb?.width || svg.getBoundingClientRect().width || 600;
	const h = Number(svg.getAttribute('height')) || vb?.height || svg.getBoundingClientRect().height || 400;
	return { width: Math.round(w), height: Math.round(h) };
}

/** Options for a standalone export. */
export interface SvgExportOptions {
	/** A heading drawn above the chart (the figure caption is not part of the <svg>). */
	heading?: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const HEADING_BAND = 30;

/**
 * Serialise a rendered SVG element as a standalone SVG document: computed styles inlined, explicit
 * size, a white background, a font family and optionally a heading. The element must be attached to
 * the document (computed styles).
 */
export function svgToString(svg: SVGSVGElement, opts: SvgExportOptions = {}): string {
	const size = svgSize(svg);
	const clone = svg.cloneNode(true) as SVGSVGElement;
	const src = [svg, ...svg.querySelectorAll('*')];
	const dst = [clone, ...clone.querySelectorAll('*')];
	const hidden: Element[] = [];
	const computed = new Map<Element, CSSStyleDeclaration>();
	src.forEach((el, i) => {
		const cs = getComputedStyle(el);
		computed.set(el, cs);
		const out = dst[i] as SVGElement;
		out.removeAttribute('class');
		if (NEVER_RENDERED.has(el.tagName) && el.tagName !== 'pattern') {
			out.removeAttribute('style');
			return;
		}
		// Hidden parts (e.g. screen-only hints) are dropped rather than shipped invisible.
		if (cs.display === 'none' && !el.closest('defs')) hidden.push(out);
		// Only what differs from the parent (the rest is inherited in the file too) keeps the file small.
		const parent = el === svg ? null : computed.get(el.parentElement as Element) ?? null;
		const decl = STYLE_PROPS.map((p) => {
			const v = cs.getPropertyValue(p);
			if (!v) return '';
			if (p === 'opacity') return v === '1' ? '' : `${p}:${v}`; // not inherited: write only non-defaults
			return parent && parent.getPropertyValue(p) === v ? '' : `${p}:${v}`;
		})
			.filter(Boolean)
			.join(';');
		if (decl) out.setAttribute('style', decl);
		else out.removeAttribute('style');
	});
	hidden.forEach((el) => el.remove());

	const band = opts.heading ? HEADING_BAND : 0;
	const width = size.width;
	const height = size.height + band;
	const vb = clone.viewBox?.baseVal;
	const [vx, vy, vw, vh] = vb && vb.width ? [vb.x, vb.y, vb.width, vb.height] : [0, 0, size.width, size.height];
	// The drawing keeps its own coordinates inside a nested <svg>; heading and background go around it.
	const out = document.createElementNS(SVG_NS, 'svg');
	out.setAttribute('xmlns', SVG_NS);
	out.setAttribute('width', String(width));
	out.setAttribute('height', String(height));
	out.setAttribute('viewBox', `0 0 ${width} ${height}`);
	const family = getComputedStyle(svg).fontFamily || FALLBACK_FONT;
	out.setAttribute('style', `font-family:${family};background:#fff`);
	for (const meta of clone.querySelectorAll(':scope > title, :scope > desc')) out.append(meta);
	const bg = document.createElementNS(SVG_NS, 'rect');
	bg.setAttribute('width', String(width));
	bg.setAttribute('height', String(height));
	bg.setAttribute('fill', '#fff');
	out.append(bg);
	if (opts.heading) {
		const h = document.createElementNS(SVG_NS, 'text');
		h.setAttribute('x', '8');
		h.setAttribute('y', '20');
		h.setAttribute('style', `font-family:${family};font-size:15px;font-weight:700;fill:#000`);
		h.textContent = opts.heading;
		out.append(h);
	}
	clone.setAttribute('x', '0');
	clone.setAttribute('y', String(band));
	clone.setAttribute('width', String(size.width));
	clone.setAttribute('height', String(size.height));
	clone.setAttribute('viewBox', `${vx} ${vy} ${vw} ${vh}`);
	clone.removeAttribute('role');
	clone.removeAttribute('aria-labelledby');
	out.append(clone);
	return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(out);
}

/** Download a rendered chart as a standalone .svg file. */
export function downloadSvg(svg: SVGSVGElement, fileName: string, opts: SvgExportOptions = {}): void {
	download(svgToString(svg, opts), fileName, 'image/svg+xml;charset=utf-8');
}

/** Render a chart to a PNG blob at `scale` × its laid-out size (2 = sharp on paper and HiDPI). */
export async function svgToPngBlob(svg: SVGSVGElement, scale = 2, opts: SvgExportOptions = {}): Promise<Blob> {
	const { width, height: h0 } = svgSize(svg);
	const height = h0 + (opts.heading ? HEADING_BAND : 0);
	const url = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svgToString(svg, opts));
	const img = new Image();
	img.decoding = 'sync';
	await new Promise<void>((resolve, reject) => {
		img.onload = () => resolve();
		img.onerror = () => reject(new Error('SVG image could not be loaded'));
		img.src = url;
	});
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(width * scale);
	canvas.height = Math.round(height * scale);
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('no 2d canvas');
	ctx.fillStyle = '#fff';
	ctx.fillRect(0, 0, canvas.width, canvas.height);
	ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
	return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

/** Download a rendered chart as a .png file. */
export async function downloadPng(svg: SVGSVGElement, fileName: string, opts: SvgExportOptions & { scale?: number } = {}): Promise<void> {
	download(await svgToPngBlob(svg, opts.scale ?? 2, opts), fileName);
}
