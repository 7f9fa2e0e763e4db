/**
 * The briefing deck as a PowerPoint file (pptxgenjs, loaded on demand; it zips in the browser, no
 * network, no eval). Text and tables stay editable text; the map and the charts go in as PNG images
 * rendered from the same SVGs the page shows.
 */
import type { FigureId, Slide, Table } from './deck.ts';

/** PNG images of the figures as data URLs with their aspect ratio (width / height). */
export type FigureImages = Partial<Record<FigureId, { data: string; ratio: number }>>;

const W = 13.33;
const H = 7.5;
const M = 0.5;
const INK = '1F2A37';
const MUTED = '5B6673';
const ACCENT = '175B9C';
const FONT = 'Arial';

type PptxModule = typeof import('pptxgenjs');
type Pres = InstanceType<PptxModule['default']>;
type PSlide = ReturnType<Pres['addSlide']>;

/** Slide title with a rule under it, as in the report. */
function heading(s: PSlide, text: string, lang: string): void {
	s.addText(text, { x: M, y: 0.3, w: W - 2 * M, h: 0.8, fontSize: 30, bold: true, color: INK, fontFace: FONT, lang });
	s.addShape('line', { x: M, y: 1.1, w: W - 2 * M, h: 0, line: { color: ACCENT, width: 2 } });
}

function bullets(s: PSlide, points: string[], box: { x: number; y: number; w: number; h: number }, fontSize: number, lang: string): void {
	if (!points.length) return;
	s.addText(
		points.map((p) => ({ text: p, options: { bullet: true, breakLine: true } })),
		{ ...box, fontSize, color: INK, fontFace: FONT, valign: 'top', paraSpaceAfter: 8, lang }
	);
}

function table(s: PSlide, tb: Table, box: { x: number; y: number; w: number }, fontSize: number, lang: string): void {
	const head = tb.columns.map((c, i) => ({ text: c, options: { bold: true, fill: { color: 'E8EDF3' }, align: tb.numeric[i] ? ('right' as const) : ('left' as const) } }));
	const body = tb.rows.map((r, k) =>
		r.map((c, i) => ({ text: c, options: { bold: k === tb.highlight, align: tb.numeric[i] ? ('right' as const) : ('left' as const), fill: k === tb.highlight ? { color: 'FBEAE9' } : undefined } }))
	);
	s.addTable([head, ...body], { ...box, fontSize, fontFace: FONT, color: INK, border: { type: 'solid', pt: 0.5, color: 'C9CDD2' }, autoPage: false, lang } as never);
}

function image(s: PSlide, img: { data: string; ratio: number } | undefined, box: { x: number; y: number; w: number; h: number }): void {
	if (!img) return;
	// Fit into the box, keeping the aspect ratio.
	const w = Math.min(box.w, box.h * img.ratio);
	const h = w / img.ratio;
	s.addImage({ data: img.data, x: box.x + (box.w - w) / 2, y: box.y, w, h });
}

/** Write the deck; `footer` goes on every slide (scenario and date). */
export async function deckToPptx(slides: Slide[], images: FigureImages, opts: { lang: 'de' | 'en'; title: string; footer: string; whatifNote: string }): Promise<Uint8Array> {
	const { default: PptxGenJS } = await import('pptxgenjs');
	const pres = new PptxGenJS();
	const lang = opts.lang === 'de' ? 'de-CH' : 'en-GB';
	pres.layout = 'LAYOUT_WIDE';
	pres.title = opts.title;
	pres.author = 'Standortwahl';
	pres.company = 'WAS Wirtschaft Arbeit Soziales';
	pres.theme = { headFontFace: FONT, bodyFontFace: FONT };
	slides.forEach((sl, i) => {
		const s = pres.addSlide();
		s.background = { color: 'FFFFFF' };
		s.addText(`${opts.footer} · ${i + 1} / ${slides.length}`, { x: M, y: H - 0.45, w: W - 2 * M, h: 0.3, fontSize: 10, color: MUTED, fontFace: FONT, lang });
		switch (sl.kind) {
			case 'title':
				s.addText(sl.title, { x: M, y: 2.0, w: W - 2 * M, h: 1.2, fontSize: 40, bold: true, color: INK, fontFace: FONT, lang });
				s.addText(sl.subtitle, { x: M, y: 3.2, w: W - 2 * M, h: 0.8, fontSize: 28, color: ACCENT, fontFace: FONT, lang });
				s.addText(sl.meta, { x: M, y: 4.2, w: W - 2 * M, h: 0.5, fontSize: 16, color: MUTED, fontFace: FONT, lang });
				if (sl.note) s.addText(sl.note, { x: M, y: 5.2, w: W - 2 * M, h: 0.9, fontSize: 16, color: INK, fontFace: FONT, fill: { color: 'FFF4D6' }, lang });
				break;
			case 'recommendation':
				heading(s, sl.title, lang);
				s.addText(sl.statement, { x: M, y: 1.3, w: W - 2 * M, h: 0.9, fontSize: 30, bold: true, color: 'B3261E', fontFace: FONT, lang });
				bullets(s, sl.points, { x: M, y: 2.25, w: W - 2 * M, h: 1.6 }, 20, lang);
				sl.figures.forEach((f, k) => {
					const x = M + k * ((W - 2 * M) / sl.figures.length);
					const w = (W - 2 * M) / sl.figures.length - 0.2;
					s.addText(
						[
							{ text: f.label, options: { fontSize: 14, color: MUTED, breakLine: true } },
							{ text: f.value, options: { fontSize: 26, bold: true, color: INK, breakLine: true } },
							...(f.sub ? [{ text: f.sub, options: { fontSize: 12, color: MUTED } }] : [])
						],
						{ x, y: 4.0, w, h: 1.6, fontFace: FONT, valign: 'top', lang }
					);
				});
				if (sl.warning) s.addText(sl.warning, { x: M, y: 5.9, w: W - 2 * M, h: 0.6, fontSize: 18, bold: true, color: INK, fill: { color: 'FFF4D6' }, fontFace: FONT, lang });
				break;
			case 'figure':
				heading(s, sl.title, lang);
				image(s, images[sl.figure], { x: M, y: 1.3, w: W - 2 * M, h: 5.0 });
				s.addText(sl.caption, { x: M, y: 6.35, w: W - 2 * M, h: 0.6, fontSize: 12, color: MUTED, fontFace: FONT, lang });
				break;
			case 'ranking':
				heading(s, sl.title, lang);
				table(s, sl.table, { x: M, y: 1.35, w: W - 2 * M }, 18, lang);
				if (sl.note) s.addText(sl.note, { x: M, y: 6.0, w: W - 2 * M, h: 0.8, fontSize: 13, color: MUTED, fontFace: FONT, lang });
				break;
			case 'robustness':
				heading(s, sl.title, lang);
				bullets(s, sl.points, { x: M, y: 1.3, w: 5.6, h: 5.4 }, 16, lang);
				image(s, images[sl.figure], { x: 6.4, y: 1.3, w: W - 6.4 - M, h: 5.4 });
				break;
			case 'costs':
				heading(s, sl.title, lang);
				table(s, sl.table, { x: M, y: 1.35, w: W - 2 * M }, 16, lang);
				bullets(s, sl.points, { x: M, y: 5.3, w: W - 2 * M, h: 0.9 }, 18, lang);
				s.addText(sl.note, { x: M, y: 6.3, w: W - 2 * M, h: 0.5, fontSize: 12, color: MUTED, fontFace: FONT, lang });
				break;
			case 'whatif':
				heading(s, sl.title, lang);
				s.addText(`${sl.intro} ${opts.whatifNote}`, { x: M, y: 1.3, w: W - 2 * M, h: 0.8, fontSize: 16, color: MUTED, fontFace: FONT, lang });
				table(s, sl.table, { x: M, y: 2.2, w: W - 2 * M }, 16, lang);
				break;
			case 'open':
				heading(s, sl.title, lang);
				bullets(s, sl.points, { x: M, y: 1.3, w: W - 2 * M, h: 5.5 }, 19, lang);
				break;
		}
	});
	return (await pres.write({ outputType: 'uint8array' })) as Uint8Array;
}
