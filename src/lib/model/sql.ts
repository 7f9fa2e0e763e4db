/**
 * SQL fragments shared by the criteria queries. Parameters are inlined as literals (numbers only, or
 * escaped strings), so each query is self-contained and can be shown to a user as its trace.
 */
import { lit } from '../data/db/connector.ts';
import type { ScenarioParams } from './params.ts';

/** Number literal that refuses NaN/Infinity (they would silently become NULL). */
export function num(x: number): string {
	if (!Number.isFinite(x)) throw new Error(`not a finite number: ${x}`);
	// Typed as DOUBLE: a bare 0.5 is a DECIMAL in DuckDB, which rows() would read unscaled.
	return `${x}::DOUBLE`;
}

/**
 * Travel times pivoted to one row per (origin_zone, destination_id): pt/car medians and p80, and the PT
 * wait before the deadline (pt_wait; the PT times themselves are door-to-door journeys without it).
 * Duplicate rows for one key are averaged.
 */
export const TT_PIVOT = `tt AS (
  SELECT origin_zone, destination_id,
    avg(minutes_p50) FILTER (WHERE mode = 'pt') AS pt,
    avg(wait_p50) FILTER (WHERE mode = 'pt') AS pt_wait,
    avg(minutes_p50) FILTER (WHERE mode = 'car') AS car,
    avg(coalesce(minutes_p80, minutes_p50)) FILTER (WHERE mode = 'pt') AS pt80,
    avg(coalesce(minutes_p80, minutes_p50)) FILTER (WHERE mode = 'car') AS car80,
    avg(changes) FILTER (WHERE mode = 'pt') AS pt_changes
  FROM travel_times GROUP BY origin_zone, destination_id)`;

/**
 * PT share of a zone (alias `z` on zones): urban if population density ≥ the threshold.
 * Zones without population or area count as rural.
 */
export function zonePtShareSql(p: ScenarioParams, z = 'z'): string {
	return `CASE WHEN ${z}.population IS NOT NULL AND ${z}.area_km2 > 0 AND ${z}.population / ${z}.area_km2 >= ${num(p.urbanDensityPerKm2)} THEN ${num(p.ptShareUrban)} ELSE ${num(p.ptShareRural)} END`;
}

/**
 * Mode-weighted time: s·pt + (1−s)·car. If one mode has no time, the other alone: a missing PT time means PT is
 * not an option for that trip (e.g. no stop within walking distance), so the person drives (and vice versa).
 */
export function combineSql(s: string, pt: string, car: string): string {
	return `CASE WHEN ${pt} IS NULL THEN ${car} WHEN ${car} IS NULL THEN ${pt} ELSE ${s} * ${pt} + (1 - ${s}) * ${car} END`;
}

/** Great-circle distance in km between two lon/lat pairs (haversine, R = 6371.0088 km). */
export function haversineKmSql(lon1: string, lat1: string, lon2: string, lat2: string): string {
	return `(2 * 6371.0088 * asin(sqrt(pow(sin(radians(${lat2} - ${lat1}) / 2), 2) + cos(radians(${lat1})) * cos(radians(${lat2})) * pow(sin(radians(${lon2} - ${lon1}) / 2), 2))))`;
}

/** Offices that stay (keep = true) — their staff do not move, their customers may still use them. */
export const KEPT_OFFICES = `SELECT office_id FROM offices WHERE coalesce(keep, FALSE)`;

/** The staff who move to the new site, with their PT share (alias m). */
export function moversCte(p: ScenarioParams): string {
	const staffMode = p.useStaffMode
		? `CASE WHEN s.mode = 'pt' THEN 1::DOUBLE WHEN s.mode = 'car' THEN 0::DOUBLE ELSE ${zonePtShareSql(p)} END`
		: zonePtShareSql(p);
	const where = p.keptOfficesStay ? `WHERE s.office_id NOT IN (${KEPT_OFFICES})` : '';
	return `movers AS (
  SELECT s.person_id, s.fte, s.office_id, s.zone_id,
    coalesce(s.lon, z.lon) AS lon, coalesce(s.lat, z.lat) AS lat,
    ${staffMode} AS pt_share
  FROM staff s LEFT JOIN zones z ON z.zone_id = s.zone_id
  ${where})`;
}

export { lit };
