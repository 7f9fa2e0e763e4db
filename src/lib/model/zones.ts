/**
 * Figures per home zone (municipality) for the map: staff and customers living there, and the commute
 * change ("winners and losers") if everybody moved to one candidate site.
 *
 * The commute change uses exactly the definitions of staff.ts (movers from `moversCte`, times from
 * home from `MOVER_TT` (own cell, else zone), the mode-weighted time from `combineSql` with each person's PT share, and the
 * winner/loser threshold), so the per-zone winners and losers add up to the site's StaffCriteria
 * `combined.winners` / `combined.losers`, grouped by home zone. Movers without a home zone cannot be placed on
 * the map and are left out.
 */
import { lit, rows, type Db } from '../data/db/connector.ts';
import { withDefaults, type ScenarioParams } from './params.ts';
import { TT_PIVOT, combineSql, moversCte, MOVER_TT, num } from './sql.ts';

export interface ZoneCommuteChange {
	zone_id: number;
	/** Movers living in the zone (with or without travel times). */
	movers: number;
	/** Movers with both times (today and new); the means are over these. */
	withTimes: number;
	/** Mean of (new − today) of the mode-weighted commute, minutes; negative = faster. */
	meanChangeMin: number | null;
	/** Change ≤ −threshold. */
	winners: number;
	/** Change ≥ +threshold. */
	losers: number;
	/** Mean mode-weighted commute to the site, minutes (movers with a time to the site). */
	meanNewMin: number | null;
	/** Mean mode-weighted commute to today's office, minutes (movers with a time to their office). */
	meanTodayMin: number | null;
}

/** SQL of `zoneCommuteChange` (one row per home zone with movers). */
export function zoneCommuteChangeSql(params: Partial<ScenarioParams>, siteId: string): string {
	const p = withDefaults(params);
	const th = num(p.winnerLoserThresholdMin);
	return `WITH ${TT_PIVOT},
${moversCte(p)},
${MOVER_TT},
pp AS (
  SELECT m.zone_id,
    ${combineSql('m.pt_share', 'a.pt', 'a.car')} AS comb_new,
    ${combineSql('m.pt_share', 'b.pt', 'b.car')} AS comb_old
  FROM sites si CROSS JOIN movers m
  LEFT JOIN ptt a ON a.person_id = m.person_id AND a.destination_id = si.site_id
  LEFT JOIN ptt b ON b.person_id = m.person_id AND b.destination_id = m.office_id
  WHERE si.site_id = ${lit(siteId)} AND m.zone_id IS NOT NULL)
SELECT zone_id, count(*) AS movers,
  count(comb_new - comb_old) AS with_times,
  avg(comb_new - comb_old) AS mean_change,
  count(*) FILTER (WHERE comb_new - comb_old <= -${th}) AS winners,
  count(*) FILTER (WHERE comb_new - comb_old >= ${th}) AS losers,
  avg(comb_new) AS mean_new,
  avg(comb_old) AS mean_today
FROM pp GROUP BY zone_id ORDER BY zone_id`;
}

/** Commute change per home zone if all movers moved to `siteId` (empty if the site does not exist). */
export async function zoneCommuteChange(db: Db, params: Partial<ScenarioParams>, siteId: string): Promise<ZoneCommuteChange[]> {
	const list = await rows<Record<string, number | null>>(db, zoneCommuteChangeSql(params, siteId));
	return list.map((r) => ({
		zone_id: r.zone_id as number,
		movers: r.movers ?? 0,
		withTimes: r.with_times ?? 0,
		meanChangeMin: r.mean_change ?? null,
		winners: r.winners ?? 0,
		losers: r.losers ?? 0,
		meanNewMin: r.mean_new ?? null,
		meanTodayMin: r.mean_today ?? null
	}));
}

export interface ZoneTotals {
	zone_id: number;
	/** Staff living in the zone (all, movers or not). */
	staff: number;
	staffFte: number;
	/** Customers (persons or firms: sum of `count`, default 1 per row). */
	customers: number;
	/** Customer visits per year (count × visits_per_year). */
	visitsPerYear: number;
}

/** SQL of `zoneTotals`. */
export const ZONE_TOTALS_SQL = `WITH s AS (SELECT zone_id, count(*) AS staff, coalesce(sum(fte), 0)::DOUBLE AS fte FROM staff WHERE zone_id IS NOT NULL GROUP BY zone_id),
c AS (SELECT zone_id, sum(coalesce("count", 1))::DOUBLE AS customers, sum(coalesce("count", 1) * visits_per_year)::DOUBLE AS visits FROM customers WHERE zone_id IS NOT NULL GROUP BY zone_id)
SELECT coalesce(s.zone_id, c.zone_id) AS zone_id, coalesce(s.staff, 0) AS staff, coalesce(s.fte, 0) AS fte,
  coalesce(c.customers, 0) AS customers, coalesce(c.visits, 0) AS visits
FROM s FULL OUTER JOIN c ON c.zone_id = s.zone_id ORDER BY 1`;

/** Staff and customers per zone (zones with neither are absent). */
export async function zoneTotals(db: Db): Promise<ZoneTotals[]> {
	const list = await rows<Record<string, number | null>>(db, ZONE_TOTALS_SQL);
	return list.map((r) => ({ zone_id: r.zone_id as number, staff: r.staff ?? 0, staffFte: r.fte ?? 0, customers: r.customers ?? 0, visitsPerYear: r.visits ?? 0 }));
}
