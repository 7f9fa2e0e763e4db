/**
 * The points the address directory is cut around: the scenario's zones (municipality points), today's
 * offices and the candidate sites. Customers and staff live in the zones, so a buffer around the zone
 * points holds their addresses; the app and the CLI cut with the same points.
 */
import { rows, type Db } from '../db/connector.ts';

/** Default buffer around the points, km: wide enough for large rural municipalities (Flühli ~ 10 km across). */
export const ADDRESS_BUFFER_KM = 10;

export async function addressRegionPoints(db: Db): Promise<{ lon: number; lat: number }[]> {
	const pts: { lon: number; lat: number }[] = [];
	for (const t of ['zones', 'offices', 'sites']) {
		try {
			const r = await rows<{ lon: number; lat: number }>(db, `SELECT lon::DOUBLE AS lon, lat::DOUBLE AS lat FROM "${t}" WHERE lon IS NOT NULL AND lat IS NOT NULL`);
			pts.push(...r.map((p) => ({ lon: Number(p.lon), lat: Number(p.lat) })));
		} catch {
			/* table not loaded */
		}
	}
	return pts;
}
