/**
 * The scenario's geography taken from its data, never from literals: the extent of its zones, sites
 * and offices (map views, isochrone grids) and the study region that national networks are cut to.
 */
import { rows, type Db } from '../data/db/connector.ts';
import { DEFAULT_REGION_BUFFER_KM, regionAround, type StudyRegion } from '../reach/region.ts';

const POINTS_SQL = `SELECT lon, lat FROM zones WHERE lon IS NOT NULL AND lat IS NOT NULL
UNION ALL SELECT lon, lat FROM sites WHERE lon IS NOT NULL AND lat IS NOT NULL
UNION ALL SELECT lon, lat FROM offices WHERE lon IS NOT NULL AND lat IS NOT NULL
UNION ALL SELECT lon, lat FROM staff WHERE lon IS NOT NULL AND lat IS NOT NULL`;

/**
 * [west, south, east, north] of the zones, sites and offices, widened by `padKm` (zone points are
 * settlement points: their municipalities reach beyond them). Null when none has coordinates.
 */
export async function scenarioExtent(db: Db, padKm = 0): Promise<[number, number, number, number] | null> {
	const [r] = await rows<{ w: number | null; s: number | null; e: number | null; n: number | null }>(
		db,
		`SELECT min(lon) AS w, min(lat) AS s, max(lon) AS e, max(lat) AS n FROM (
		   SELECT lon, lat FROM zones UNION ALL SELECT lon, lat FROM sites UNION ALL SELECT lon, lat FROM offices) WHERE lon IS NOT NULL AND lat IS NOT NULL`
	);
	if (!r || r.w === null || r.s === null || r.e === null || r.n === null) return null;
	const dLat = padKm / 111.32;
	const dLon = dLat / Math.cos((((r.s + r.n) / 2) * Math.PI) / 180);
	return [r.w - dLon, r.s - dLat, r.e + dLon, r.n + dLat];
}

/** The study region: `bufferKm` around every zone, site, office and staff home (see reach/region.ts). */
export async function studyRegion(db: Db, bufferKm = DEFAULT_REGION_BUFFER_KM): Promise<StudyRegion> {
	return regionAround(await rows<{ lon: number; lat: number }>(db, POINTS_SQL), bufferKm);
}
