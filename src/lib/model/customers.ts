/**
 * Customer access per candidate site, aggregated in DuckDB.
 *
 * Each customer row (count × visits_per_year = visits) travels from its 100 m cell (where the matrix has
 * it; else from its zone's settlement point) to the site, or — when
 * regional branches are kept and the branch serves the customer's group — to whichever of the site
 * and those branches is quickest. Times are mode-weighted with the zone's PT share (urban/rural
 * default); the mean is weighted by visits.
 *
 * Travel times are per cell or zone, so customer rows are first summed per (group, zone, cell): the same
 * figures as row by row, but the cost no longer grows with the number of customer rows beyond one scan
 * (5 M address-level customers aggregate to at most cells × groups rows; see docs/SCALE.md).
 */
import { rows, type Db } from '../data/db/connector.ts';
import type { ScenarioParams } from './params.ts';
import { KEPT_OFFICES, TT_PIVOT, combineSql, lit, lv95CellSql, zonePtShareSql } from './sql.ts';
import type { CustomerCriteria, CustomerGroupAccess } from './types.ts';

export function customerCriteriaSql(p: ScenarioParams): string {
	const branches =
		p.keepBranches && p.branchGroups.length
			? `UNION ALL
  SELECT si.site_id, o.office_id, TRUE, g.grp FROM sites si
  CROSS JOIN (${KEPT_OFFICES}) o
  CROSS JOIN (VALUES ${p.branchGroups.map((g) => `(${lit(g)})`).join(', ')}) g(grp)`
			: '';
	return `WITH ${TT_PIVOT},
c AS (
  SELECT row_number() OVER () AS rid, c.grp, c.w, c.n, c.zone_id, c.cell, ${zonePtShareSql(p)} AS s
  FROM (SELECT "group" AS grp, zone_id, CASE WHEN lon IS NOT NULL AND lat IS NOT NULL THEN ${lv95CellSql('lon', 'lat')} END AS cell,
      sum(coalesce("count", 1) * visits_per_year) AS w, count(*) AS n
    FROM customers GROUP BY ALL) c
  LEFT JOIN zones z ON z.zone_id = c.zone_id),
dest AS (
  SELECT site_id, site_id AS dest_id, FALSE AS is_branch, NULL::VARCHAR AS grp FROM sites
  ${branches}),
opt AS (
  SELECT d.site_id, c.rid, c.grp, c.w, c.n, d.is_branch,
    -- the customers' own cell where the matrix has it, else their zone's settlement point
    CASE WHEN tc.destination_id IS NOT NULL THEN ${combineSql('c.s', 'tc.pt', 'tc.car')} ELSE ${combineSql('c.s', 't.pt', 't.car')} END AS m
  FROM c JOIN dest d ON (NOT d.is_branch OR d.grp = c.grp)
  LEFT JOIN ttc tc ON tc.origin_cell = c.cell AND tc.destination_id = d.dest_id
  LEFT JOIN tt t ON t.origin_zone = c.zone_id AND t.destination_id = d.dest_id),
best AS (
  SELECT site_id, rid, grp, any_value(w) AS w, any_value(n) AS n, min(m) AS m, arg_min(is_branch, m) AS via_branch
  FROM opt GROUP BY site_id, rid, grp)
SELECT site_id, grp,
  coalesce(sum(w) FILTER (WHERE m IS NOT NULL), 0) AS visits,
  sum(w * m) FILTER (WHERE m IS NOT NULL) / sum(w) FILTER (WHERE m IS NOT NULL) AS mean_min,
  coalesce(sum(w) FILTER (WHERE via_branch AND m IS NOT NULL), 0) AS branch_visits,
  coalesce(sum(n) FILTER (WHERE m IS NULL), 0)::BIGINT AS missing
FROM best GROUP BY GROUPING SETS ((site_id, grp), (site_id)) ORDER BY site_id, grp NULLS LAST`;
}

function access(r: Record<string, unknown>): CustomerGroupAccess {
	const visits = (r.visits as number) ?? 0;
	return {
		visits,
		meanMinutes: (r.mean_min as number | null) ?? null,
		branchShare: visits > 0 ? (r.branch_visits as number) / visits : 0
	};
}

/** Customer criteria per site id (absent when there are no customers). */
export async function customerCriteria(db: Db, p: ScenarioParams): Promise<Map<string, CustomerCriteria>> {
	const sql = customerCriteriaSql(p);
	const out = new Map<string, CustomerCriteria>();
	for (const r of await rows(db, sql)) {
		const id = r.site_id as string;
		let c = out.get(id);
		if (!c) {
			c = { byGroup: {}, all: { visits: 0, meanMinutes: null, branchShare: 0 }, missingTimes: 0, trace: { sql } };
			out.set(id, c);
		}
		if (r.grp === null) {
			c.all = access(r);
			c.missingTimes = r.missing as number;
		} else c.byGroup[r.grp as string] = access(r);
	}
	return out;
}
