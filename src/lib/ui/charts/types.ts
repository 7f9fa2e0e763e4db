/** Props every chart shares (all strings come from the caller's dictionary: the charts hard-code no UI text). */
export interface ChartCommon {
	/** Heading of the figure; also the SVG's <title> and the exported file's heading. */
	title: string;
	/** Optional sentence under the title (source, method, scenario). */
	caption?: string;
	/** File name without extension for SVG/PNG export. */
	fileName?: string;
	/** Labels of the export buttons, e.g. { svg: 'SVG', png: 'PNG' }. */
	exportLabels?: { svg: string; png: string };
	/** Height of the drawing in px (the width follows the container). */
	height?: number;
}

/** A small data table for screen readers (and the figure's text alternative). */
export interface ChartTable {
	columns: string[];
	rows: (string | number)[][];
}
