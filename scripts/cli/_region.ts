/**
 * The region raster for CLI commands (isochrones, catchment, score): zones from the scenario DB, polygons,
 * lakes and settlement proxies from data/, optionally a STATPOP hectare CSV instead of the approximation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';
import { rows, type Db } from '../../src/lib/data/db/connector.ts';
import { DATA_DIR } from '../../src/lib/data/geocode-node.ts';
import { readStatpopHectares } from '../../src/lib/data/statpop-hectare.ts';
import { buildRegion, proxiesFromCsv, type Region, type RegionInput } from '../../src/lib/reach/raster-region.ts';

export const REGION_FILES = {
	municipalities: 'municipalities_lu_region_2026.geojson',
	lakes: 'lakes_lu_region.geojson',
	stops: 'stops_didok_lu_region_2016.csv',
	localities: 'plz_ortschaften_lu_region_2022.csv'
} as const;

/** Zones of a region: BFS number, settlement point, population. */
export type RegionZone = RegionInput['zones'][number];

/**
 * The region of `zones` from the shipped files in `dataDir` (polygons, lakes, settlement proxies) — the
 * raster and approximate population the app builds (reach/raster-region.ts); `hectares` replace the
 * approximation. The demo generator places synthetic homes on the same raster.
 */
export function regionFromFiles(dataDir: string, zones: RegionZone[], extra: Pick<RegionInput, 'hectares' | 'hectareSource' | 'cellM'> = {}): Region {
	const read = (f: string) => readFileSync(path.join(dataDir, f), 'utf8');
	return buildRegion({
		zones,
		municipalities: JSON.parse(read(REGION_FILES.municipalities)) as FeatureCollection,
		lakes: JSON.parse(read(REGION_FILES.lakes)) as FeatureCollection,
		proxies: proxiesFromCsv(read(REGION_FILES.stops), read(REGION_FILES.localities)),
		...extra
	});
}

/** Build the region of the zones in `db` (cell size in metres; `statpop` = path of a hectare CSV). */
export async function loadRegion(db: Db, opts: { cellM?: number; statpop?: string } = {}): Promise<Region> {
	const zones = await rows<RegionZone>(db, 'SELECT zone_id, lon, lat, population FROM zones WHERE lon IS NOT NULL AND lat IS NOT NULL ORDER BY zone_id');
	const statpop = opts.statpop ? readStatpopHectares(readFileSync(opts.statpop, 'utf8'), path.basename(opts.statpop)) : null;
	return regionFromFiles(DATA_DIR, zones, {
		hectares: statpop?.hectares,
		hectareSource: statpop ? `${path.basename(opts.statpop!)} (${statpop.column})` : undefined,
		cellM: opts.cellM
	});
}
