/**
 * Crude travel times from straight-line distance, for trying the model before the routing engines
 * have run: minutes = access + distance × detour / speed × 60, per mode, from each zone centroid to
 * every site and office. Rows are tagged source = 'estimate:crow-fly' and must not be presented
 * as routed times.
 */
import type { Db } from '../data/db/connector.ts';
import { haversineKmSql, num } from './sql.ts';

export interface EstimateOptions {
	speedKmhCar: number;
	speedKmhPt: number;
	/** Fixed minutes added per trip (parking, walking to the stop, waiting). */
	accessMinCar: number;
	accessMinPt: number;
	detourCar: number;
	detourPt: number;
}

export const DEFAULT_ESTIMATE: EstimateOptions = { speedKmhCar: 45, speedKmhPt: 25, accessMinCar: 5, accessMinPt: 10, detourCar: 1.3, detourPt: 1.4 };

export const ESTIMATE_SOURCE = 'estimate:crow-fly';

/** SQL inserting estimated times for zone × (sites ∪ offices) pairs that have none yet. */
export function estimateTravelTimesSql(o: EstimateOptions = DEFAULT_ESTIMATE): string {
	const d = haversineKmSql('z.lon', 'z.lat', 'x.lon', 'x.lat');
	const minutes = (detour: number, speed: number, access: number) => `${num(access)} + ${d} * ${num(detour)} / ${num(speed)} * 60`;
	return `INSERT INTO travel_times (origin_zone, destination_id, mode, minutes_p50, minutes_p80, changes, source)
WITH dest AS (SELECT site_id AS id, lon, lat FROM sites UNION ALL SELECT office_id, lon, lat FROM offices),
modes AS (SELECT * FROM (VALUES ('pt'), ('car')) m(mode))
SELECT z.zone_id, x.id, m.mode,
  CASE WHEN m.mode = 'pt' THEN ${minutes(o.detourPt, o.speedKmhPt, o.accessMinPt)} ELSE ${minutes(o.detourCar, o.speedKmhCar, o.accessMinCar)} END,
  NULL, NULL, '${ESTIMATE_SOURCE}'
FROM zones z CROSS JOIN dest x CROSS JOIN modes m
WHERE x.lon IS NOT NULL AND x.lat IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM travel_times t WHERE t.origin_zone = z.zone_id AND t.destination_id = x.id AND t.mode = m.mode)`;
}

/** Fill missing travel times with crow-fly estimates (see module comment). */
export async function estimateTravelTimes(db: Db, o: EstimateOptions = DEFAULT_ESTIMATE): Promise<void> {
	await db.exec(estimateTravelTimesSql(o));
}
