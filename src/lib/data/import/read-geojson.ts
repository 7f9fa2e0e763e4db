/**
 * GeoJSON reader: features become rows with `lon`, `lat` and their properties. A Point gives its
 * coordinates; an area (Polygon, MultiPolygon: a parcel or a building) a point inside it, with a warning;
 * a MultiPoint of one point that point. Other geometries keep their properties and no point, and a warning
 * names them (the location step then names each row). A single Feature is read as a collection of one.
 */
import { pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { decodeText } from './read-csv.ts';
import { ImportFileError } from './issues.ts';
import type { FileInput, ParsedFile, RawCell, ReaderNote } from './types.ts';

type Geometry = { type?: string; coordinates?: unknown } | null | undefined;
type RawFeature = { type?: string; geometry?: Geometry; properties?: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export async function readGeojson(input: FileInput): Promise<ParsedFile> {
	let json: unknown;
	try {
		json = JSON.parse(decodeText(input.bytes).text.replace(/^\uFEFF/, ''));
	} catch (e) {
		throw new ImportFileError('geojson_unreadable', { de: `Ungültiges JSON (${(e as Error).message}).`, en: `Invalid JSON (${(e as Error).message}).` });
	}
	const features: unknown[] | null = isObject(json) ? (json.type === 'Feature' ? [json] : Array.isArray(json.features) ? json.features : null) : null;
	if (!features) throw new ImportFileError('geojson_unreadable', { de: 'Keine GeoJSON-FeatureCollection.', en: 'Not a GeoJSON FeatureCollection.' });
	features.forEach((f, i) => {
		if (!isObject(f) || (f.properties !== undefined && f.properties !== null && !isObject(f.properties)) || (f.geometry !== undefined && f.geometry !== null && !isObject(f.geometry)))
			throw new ImportFileError('geojson_unreadable', {
				de: `Feature ${i + 1} ist kein GeoJSON-Feature (ein Objekt mit «geometry» und «properties» als Objekten): ${shortJson(f)}.`,
				en: `Feature ${i + 1} is no GeoJSON feature (an object with "geometry" and "properties" as objects): ${shortJson(f)}.`
			});
	});
	const feats = features as RawFeature[];
	const props: string[] = [];
	const seen = new Set<string>(['lon', 'lat']);
	for (const f of feats)
		for (const k of Object.keys((f.properties as Record<string, unknown> | null) ?? {}))
			if (!seen.has(k)) {
				seen.add(k);
				props.push(k);
			}
	const headers = ['lon', 'lat', ...props];
	const rows: RawCell[][] = [];
	const rowNumbers: number[] = [];
	const areas: number[] = [];
	const others = new Map<string, number[]>();
	feats.forEach((f, i) => {
		const g = f.geometry;
		let c = g?.type === 'Point' && Array.isArray(g.coordinates) ? (g.coordinates as unknown[]) : null;
		if (g?.type === 'MultiPoint' && Array.isArray(g.coordinates) && g.coordinates.length === 1 && Array.isArray(g.coordinates[0])) c = g.coordinates[0] as unknown[];
		else if ((g?.type === 'Polygon' || g?.type === 'MultiPolygon') && Array.isArray(g.coordinates)) {
			c = pointInArea(g);
			if (c) areas.push(i + 1);
		}
		if (!c && g) {
			const at = others.get(g.type ?? '?');
			if (at) at.push(i + 1);
			else others.set(g.type ?? '?', [i + 1]);
		}
		const p = (f.properties as Record<string, unknown> | null) ?? {};
		rows.push([c ? toCell(c[0]) : null, c ? toCell(c[1]) : null, ...props.map((k) => toCell(p[k]))]);
		rowNumbers.push(i + 1);
	});
	const notes: ReaderNote[] = [];
	if (areas.length)
		notes.push({
			code: 'geojson_area_point',
			message: {
				de: `${areas.length === 1 ? 'Eine Fläche' : `${areas.length} Flächen`} (Polygon, Feature ${listed(areas)}) als Punkt in ihrer Fläche gelesen (ihr Schwerpunkt, wo er darin liegt). Prüfen, ob er für den Zugang stimmt.`,
				en: `${areas.length === 1 ? 'One area' : `${areas.length} areas`} (polygon, feature ${listed(areas)}) read as a point within it (its centroid where that lies inside). Check that it fits the entrance.`
			}
		});
	for (const [type, at] of others)
		notes.push({
			code: 'geojson_not_point',
			message: {
				de: `Geometrie «${type}» (Feature ${listed(at)}) gibt keinen Punkt: einen Punkt (Point) oder eine Fläche (Polygon) angeben.`,
				en: `Geometry "${type}" (feature ${listed(at)}) gives no point: give a Point or a Polygon.`
			}
		});
	return { fileName: input.fileName, format: 'geojson', headers, rows, rowNumbers, info: notes.length ? { notes } : {} };
}

/** A point inside a polygon's area (turf pointOnFeature: the centroid where it lies inside), or null for a malformed one. */
function pointInArea(g: NonNullable<Geometry>): unknown[] | null {
	try {
		const p = pointOnFeature({ type: 'Feature', properties: {}, geometry: g } as Feature<Polygon | MultiPolygon>);
		const [x, y] = p.geometry.coordinates;
		return Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null;
	} catch {
		return null;
	}
}

/** The first few feature numbers («2, 5, 9 …»). */
function listed(at: number[]): string {
	return at.slice(0, 5).join(', ') + (at.length > 5 ? ' …' : '');
}

function shortJson(v: unknown): string {
	const s = JSON.stringify(v) ?? String(v);
	return s.length > 40 ? s.slice(0, 37) + '…' : s;
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
