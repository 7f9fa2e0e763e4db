/**
 * Node-only loader of the geocoding references in data/ (CLI, tests). The browser fetches the
 * same files and calls buildGeoRefs itself.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildGeoRefs, GEO_REF_FILES, type GeoRefs } from './geocode.ts';

/** The repository's data/ folder. */
export const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data');

let cached: GeoRefs | null = null;

/** Load (once per process) PLZ, centroid, municipality and national outline references from `dir` (default data/). */
export function loadGeoRefs(dir: string = DATA_DIR): GeoRefs {
	if (cached && dir === DATA_DIR) return cached;
	const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
	const refs = buildGeoRefs({
		plzCsv: read(GEO_REF_FILES.plzCsv),
		centroidsCsv: read(GEO_REF_FILES.centroidsCsv),
		municipalitiesGeojson: read(GEO_REF_FILES.municipalitiesGeojson),
		countryGeojson: read(GEO_REF_FILES.countryGeojson)
	});
	if (dir === DATA_DIR) cached = refs;
	return refs;
}
