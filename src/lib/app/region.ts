/**
 * The scenario's geography taken from its data, never from literals: the extent of its zones, sites
 * and offices (map views, isochrone grids) and the study region that national networks are cut to.
 */
import { lit, rows, type Db } from '../data/db/connector.ts';
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
	return pad([r.w, r.s, r.e, r.n], padKm);
}

/** The study region: `bufferKm` around every zone, site, office and staff home (see reach/region.ts). */
export async function studyRegion(db: Db, bufferKm = DEFAULT_REGION_BUFFER_KM): Promise<StudyRegion> {
	return regionAround(await rows<{ lon: number; lat: number }>(db, POINTS_SQL), bufferKm);
}

/**
 * The canton the study is about: where most candidate sites lie (by their zone), else where most
 * staff live. Maps shade its municipalities fully and others only where they have a value.
 */
export async function homeCanton(db: Db): Promise<string | null> {
	const [r] = await rows<{ canton: string | null }>(
		db,
		`SELECT canton FROM (
		   SELECT z.canton, 2 AS w FROM sites s JOIN zones z ON z.zone_id = s.zone_id
		   UNION ALL SELECT z.canton, 1 FROM staff s JOIN zones z ON z.zone_id = s.zone_id)
		 WHERE canton IS NOT NULL GROUP BY canton ORDER BY sum(w) DESC, canton LIMIT 1`
	);
	return r?.canton ?? null;
}

/** Extent of the home canton's zones (map views), widened by `padKm`; falls back to the whole scenario. */
export async function homeExtent(db: Db, canton: string | null, padKm = 4): Promise<[number, number, number, number] | null> {
	if (!canton) return scenarioExtent(db, padKm);
	const [r] = await rows<{ w: number | null; s: number | null; e: number | null; n: number | null }>(
		db,
		`SELECT min(lon) AS w, min(lat) AS s, max(lon) AS e, max(lat) AS n FROM zones WHERE canton = ${lit(canton)} AND lon IS NOT NULL AND lat IS NOT NULL`
	);
	if (!r || r.w === null || r.s === null || r.e === null || r.n === null) return scenarioExtent(db, padKm);
	return pad([r.w, r.s, r.e, r.n], padKm);
}

function pad(b: [number, number, number, number], padKm: number): [number, number, number, number] {
	const dLat = padKm / 111.32;
	const dLon = dLat / Math.cos((((b[1] + b[3]) / 2) * Math.PI) / 180);
	return [b[0] - dLon, b[1] - dLat, b[2] + dLon, b[3] + dLat];
}
