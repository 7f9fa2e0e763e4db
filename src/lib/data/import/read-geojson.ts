/** GeoJSON reader: Point features become rows with `lon`, `lat` and their properties. */
import { decodeText } from './read-csv.ts';
import { ImportFileError } from './issues.ts';
import type { FileInput, ParsedFile, RawCell } from './types.ts';

export async function readGeojson(input: FileInput): Promise<ParsedFile> {
	let fc: { type?: string; features?: { geometry?: { type?: string; coordinates?: unknown } | null; properties?: Record<string, unknown> | null }[] };
	try {
		fc = JSON.parse(decodeText(input.bytes).text.replace(/^\uFEFF/, ''));
	} catch (e) {
		throw new ImportFileError('geojson_unreadable', { de: `Ungültiges JSON (${(e as Error).message}).`, en: `Invalid JSON (${(e as Error).message}).` });
	}
	if (!fc || !Array.isArray(fc.features))
		throw new ImportFileError('geojson_unreadable', { de: 'Keine GeoJSON-FeatureCollection.', en: 'Not a GeoJSON FeatureCollection.' });
	const props: string[] = [];
	const seen = new Set<string>(['lon', 'lat']);
	for (const f of fc.features)
		for (const k of Object.keys(f.properties ?? {}))
			if (!seen.has(k)) {
				seen.add(k);
				props.push(k);
			}
	const headers = ['lon', 'lat', ...props];
	const rows: RawCell[][] = [];
	const rowNumbers: number[] = [];
	fc.features.forEach((f, i) => {
		const c = f.geometry?.type === 'Point' && Array.isArray(f.geometry.coordinates) ? (f.geometry.coordinates as unknown[]) : null;
		// Non-point geometries keep their properties; the location step reports the missing point.
		const p = f.properties ?? {};
		rows.push([c ? toCell(c[0]) : null, c ? toCell(c[1]) : null, ...props.map((k) => toCell(p[k]))]);
		rowNumbers.push(i + 1);
	});
	return { fileName: input.fileName, format: 'geojson', headers, rows, rowNumbers, info: {} };
}

/** A property or coordinate as a cell: scalars as they are, anything else as its JSON text (validation names it). */
function toCell(v: unknown): RawCell {
	if (v === null || v === undefined) return null;
	if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
	try {
		return JSON.stringify(v);
	} catch {
		// Nested deeper than the engine's stack (a hostile file): still a cell the validator refuses by name.
		return Array.isArray(v) ? '[[[…]]]' : '{…}';
	}
}
