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
 * The 100 m LV95 cell of a WGS84 point: floor(E/100) · 100000 + floor(N/100), with swisstopo's
 * approximate WGS84 → LV95 formulas (about 1 m; plenty for a 100 m key). The matrix's origins and the
 * model's people both use this one expression, so their keys agree by construction.
 */
export function lv95CellSql(lon: string, lat: string): string {
	const phi = `((${lat})::DOUBLE * 3600 - 169028.66) / 10000`;
	const lam = `((${lon})::DOUBLE * 3600 - 26782.5) / 10000`;
	const e = `(2600072.37 + 211455.93 * ${lam} - 10938.51 * ${lam} * ${phi} - 0.36 * ${lam} * pow(${phi}, 2) - 44.54 * pow(${lam}, 3))`;
	const n = `(1200147.07 + 308807.95 * ${phi} + 3745.25 * pow(${lam}, 2) + 76.63 * pow(${phi}, 2) - 194.56 * pow(${lam}, 2) * ${phi} + 119.79 * pow(${phi}, 3))`;
	return `(floor(${e} / 100)::BIGINT * 100000 + floor(${n} / 100)::BIGINT)`;
}

function pivot(key: string, where: string): string {
	return `SELECT ${key}, destination_id,
    avg(minutes_p50) FILTER (WHERE mode = 'pt') AS pt,
    avg(wait_p50) FILTER (WHERE mode = 'pt') AS pt_wait,
    avg(minutes_p50) FILTER (WHERE mode = 'car') AS car,
    avg(coalesce(minutes_p80, minutes_p50)) FILTER (WHERE mode = 'pt') AS pt80,
    avg(coalesce(minutes_p80, minutes_p50)) FILTER (WHERE mode = 'car') AS car80,
    avg(changes) FILTER (WHERE mode = 'pt') AS pt_changes
  FROM travel_times WHERE ${where} GROUP BY ${key}, destination_id`;
}

/**
 * Travel times pivoted to one row per origin and destination: pt/car medians and p80, and the PT wait
 * before the deadline (pt_wait; the PT times themselves are door-to-door journeys without it).
 * `tt` holds the zones' settlement points (origin_zone), `ttc` the 100 m cells where people live
 * (origin_cell). Duplicate rows for one key are averaged.
 */
export const TT_PIVOT = `tt AS (
  ${pivot('origin_zone', 'origin_cell IS NULL')}),
ttc AS (
  ${pivot('origin_cell', 'origin_cell IS NOT NULL')})`;

/**
 * Travel times per person (alias source `m` with person_id, zone_id, cell) and destination: from the
 * person's own 100 m cell where the matrix has it, else from the home zone's settlement point. The cell
 * decides per destination as a whole (both modes), so a person is never half at home and half at the
 * zone's centre. Needs TT_PIVOT and a CTE named `persons`.
 */
export const PERSON_TT = `ptt AS (
  SELECT p.person_id, c.* EXCLUDE (origin_cell) FROM persons p JOIN ttc c ON c.origin_cell = p.cell
  UNION ALL BY NAME
  SELECT p.person_id, t.* EXCLUDE (origin_zone) FROM persons p JOIN tt t ON t.origin_zone = p.zone_id
  WHERE p.cell IS NULL OR NOT EXISTS (SELECT 1 FROM ttc c WHERE c.origin_cell = p.cell AND c.destination_id = t.destination_id))`;

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

/** The movers' travel times per destination (`ptt`, see PERSON_TT); needs TT_PIVOT and moversCte before it. */
export const MOVER_TT = `persons AS (SELECT person_id, zone_id, cell FROM movers),
${PERSON_TT}`;

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
    CASE WHEN s.lon IS NOT NULL AND s.lat IS NOT NULL THEN ${lv95CellSql('s.lon', 's.lat')} END AS cell,
    ${staffMode} AS pt_share
  FROM staff s LEFT JOIN zones z ON z.zone_id = s.zone_id
  ${where})`;
}

export { lit };
