/**
 * Staff commute criteria per candidate site, aggregated in DuckDB.
 *
 * Model: each mover commutes from home to the site: from their own 100 m cell where travel_times has it,
 * else from their home zone's settlement point (PERSON_TT in sql.ts); today they commute to their current
 * office (destination_id = office_id). Per-mode figures
 * assume everybody used that mode; the combined figure weights each person's PT and car times by
 * their PT share (staff.mode if given, else the zone's urban/rural default). Trips per year =
 * working days × (1 − home-office share) × 2 × FTE. CO2 uses distance = straight line (home →
 * site) × a detour factor per mode, times g/pkm per mode, split by the PT share.
 *
 * PT times are door-to-door journeys (travel_times.minutes_p50); the wait before the deadline
 * (wait_p50) is summarised on its own (ptWait). Movers without a time of one mode are left out of
 * that mode's figures and counted per reason (missingByMode); their combined time is the other
 * mode's (combineSql). CO2 keeps their mode share: it is computed from distance, not from times.
 */
import { rows, type Db } from '../data/db/connector.ts';
import type { ScenarioParams } from './params.ts';
import { TT_PIVOT, combineSql, haversineKmSql, moversCte, MOVER_TT, num } from './sql.ts';
import type { CommuteStats, MissingTimes, StaffCriteria } from './types.ts';

/** The SQL computing staff criteria per site (one row per site with movers). */
export function staffCriteriaSql(p: ScenarioParams): string {
	const trips = `${num(p.workingDaysPerYear)} * (1 - ${num(p.homeOfficeShare)}) * 2 * m.fte`;
	const dNew = haversineKmSql('m.lon', 'm.lat', 'si.lon', 'si.lat');
	const dOld = haversineKmSql('m.lon', 'm.lat', 'o.lon', 'o.lat');
	const gram = (d: string) => `${d} * (m.pt_share * ${num(p.detourPt)} * ${num(p.co2GPerKmPt)} + (1 - m.pt_share) * ${num(p.detourCar)} * ${num(p.co2GPerKmCar)})`;
	const th = num(p.winnerLoserThresholdMin);
	const agg = (m: string) => [
		`count(${m}_new) AS ${m}_n`,
		`avg(${m}_new) AS ${m}_mean`,
		`quantile_cont(${m}_new, 0.8) AS ${m}_p80`,
		...p.commuteThresholdsMin.map((t) => `avg(CASE WHEN ${m}_new IS NULL THEN NULL WHEN ${m}_new > ${num(t)} THEN 1::DOUBLE ELSE 0::DOUBLE END) AS ${m}_over_${Math.round(t)}`),
		`sum(trips * ${m}_new) / 60 AS ${m}_hours`,
		`avg(${m}_new - ${m}_old) AS ${m}_change`,
		`count(*) FILTER (WHERE ${m}_new - ${m}_old <= -${th}) AS ${m}_winners`,
		`count(*) FILTER (WHERE ${m}_new - ${m}_old >= ${th}) AS ${m}_losers`
	];
	return `WITH ${TT_PIVOT},
${moversCte(p)},
${MOVER_TT},
with_times AS (
  SELECT person_id, bool_or(pt IS NOT NULL) AS pt, bool_or(car IS NOT NULL) AS car FROM ptt GROUP BY person_id),
pp AS (
  SELECT si.site_id, m.person_id, m.fte, m.pt_share, ${trips} AS trips,
    a.pt AS pt_new, a.car AS car_new, a.pt_changes, b.pt AS pt_old, b.car AS car_old,
    a.pt_wait AS wait_new, b.pt_wait AS wait_old,
    coalesce(zw.pt, FALSE) AS zone_pt, coalesce(zw.car, FALSE) AS zone_car,
    ${combineSql('m.pt_share', 'a.pt', 'a.car')} AS comb_new,
    ${combineSql('m.pt_share', 'b.pt', 'b.car')} AS comb_old,
    ${trips} * ${gram(dNew)} AS co2_new_g,
    ${trips} * ${gram(dOld)} AS co2_old_g
  FROM sites si CROSS JOIN movers m
  LEFT JOIN offices o ON o.office_id = m.office_id
  LEFT JOIN ptt a ON a.person_id = m.person_id AND a.destination_id = si.site_id
  LEFT JOIN ptt b ON b.person_id = m.person_id AND b.destination_id = m.office_id
  LEFT JOIN with_times zw ON zw.person_id = m.person_id)
SELECT site_id, count(*) AS movers, sum(fte) AS movers_fte,
  ${[...agg('pt'), ...agg('car'), ...agg('comb')].join(',\n  ')},
  count(wait_new) AS wait_n, avg(wait_new) AS wait_mean, quantile_cont(wait_new, 0.8) AS wait_p80, avg(wait_new - wait_old) AS wait_change,
  count(*) FILTER (WHERE pt_new IS NULL AND NOT zone_pt) AS pt_missing_zone,
  count(*) FILTER (WHERE pt_new IS NULL AND zone_pt) AS pt_missing_site,
  count(*) FILTER (WHERE car_new IS NULL AND NOT zone_car) AS car_missing_zone,
  count(*) FILTER (WHERE car_new IS NULL AND zone_car) AS car_missing_site,
  avg(pt_changes) AS pt_changes,
  sum(co2_new_g) / 1e6 AS co2_t,
  sum(co2_new_g - co2_old_g) / 1e6 AS co2_change_t,
  count(*) FILTER (WHERE comb_new IS NULL) AS missing
FROM pp GROUP BY site_id ORDER BY site_id`;
}

function stats(r: Record<string, unknown>, m: string, p: ScenarioParams): CommuteStats {
	const n = (k: string) => (r[`${m}_${k}`] as number | null) ?? null;
	const shareOver: Record<number, number | null> = {};
	for (const t of p.commuteThresholdsMin) shareOver[t] = n(`over_${Math.round(t)}`);
	const count = n('n') ?? 0;
	return {
		n: count,
		mean: n('mean'),
		p80: n('p80'),
		shareOver,
		hoursPerYear: count > 0 ? n('hours') : null,
		meanChange: n('change'),
		winners: n('winners') ?? 0,
		losers: n('losers') ?? 0
	};
}

/** Staff criteria per site id (sites without movers are absent). */
export async function staffCriteria(db: Db, p: ScenarioParams): Promise<Map<string, StaffCriteria>> {
	const sql = staffCriteriaSql(p);
	const out = new Map<string, StaffCriteria>();
	for (const r of await rows(db, sql)) {
		const movers = r.movers as number;
		const missing = (m: 'pt' | 'car'): MissingTimes => {
			const noZoneTimes = r[`${m}_missing_zone`] as number, noSiteTime = r[`${m}_missing_site`] as number;
			return { total: noZoneTimes + noSiteTime, noZoneTimes, noSiteTime };
		};
		out.set(r.site_id as string, {
			movers,
			moversFte: (r.movers_fte as number) ?? 0,
			pt: stats(r, 'pt', p),
			ptWait: {
				n: r.wait_n as number,
				mean: (r.wait_mean as number | null) ?? null,
				p80: (r.wait_p80 as number | null) ?? null,
				meanChange: (r.wait_change as number | null) ?? null
			},
			car: stats(r, 'car', p),
			combined: stats(r, 'comb', p),
			ptChangesMean: (r.pt_changes as number | null) ?? null,
			co2TonnesYear: (r.co2_t as number | null) ?? null,
			co2ChangeTonnesYear: (r.co2_change_t as number | null) ?? null,
			missingTimes: r.missing as number,
			missingByMode: { pt: missing('pt'), car: missing('car') },
			trace: { sql, note: 'Zone-level travel times (home zone → site / current office).' }
		});
	}
	return out;
}
