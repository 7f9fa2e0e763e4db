/**
 * Customer access per candidate site, aggregated in DuckDB.
 *
 * Each customer row (count × visits_per_year = visits) travels from its 100 m cell (where the matrix has
 * it; else from its zone's settlement point) to the site, or — when
 * regional branches are kept and the branch serves the customer's group — to whichever of the site
 * and those branches is quickest (a tie goes to the site). Times are mode-weighted with the zone's PT share (urban/rural
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

/** Totals per site and group and per site (GROUPING SETS) over `best` (site_id, grp, w, n, p, m, via_branch). */
export const CUSTOMER_TOTALS = `SELECT site_id, grp,
  coalesce(sum(w) FILTER (WHERE m IS NOT NULL), 0) AS visits,
  coalesce(sum(p) FILTER (WHERE m IS NOT NULL), 0)::DOUBLE AS persons,
  sum(w * m) FILTER (WHERE m IS NOT NULL) / sum(w) FILTER (WHERE m IS NOT NULL) AS mean_min,
  coalesce(sum(w) FILTER (WHERE via_branch AND m IS NOT NULL), 0) AS branch_visits,
  coalesce(sum(n) FILTER (WHERE m IS NULL), 0)::BIGINT AS missing
FROM best GROUP BY GROUPING SETS ((site_id, grp), (site_id)) ORDER BY site_id, grp NULLS LAST`;

/**
 * The CTE `c`: customer rows summed per group, zone and 100 m cell (rid; visits w, rows n, persons p) with
 * their zone's PT share s.
 */
export function customerRowsCte(p: ScenarioParams): string {
	return `c AS (
  SELECT row_number() OVER () AS rid, c.grp, c.w, c.n, c.p, c.zone_id, c.cell, ${zonePtShareSql(p)} AS s
  FROM (SELECT "group" AS grp, zone_id, CASE WHEN lon IS NOT NULL AND lat IS NOT NULL THEN ${lv95CellSql('lon', 'lat')} END AS cell,
      sum(coalesce("count", 1) * visits_per_year) AS w, count(*) AS n, sum(coalesce("count", 1)) AS p
    FROM customers GROUP BY ALL) c
  LEFT JOIN zones z ON z.zone_id = c.zone_id)`;
}

export function customerCriteriaSql(p: ScenarioParams): string {
	const branches = p.keepBranches && p.branchGroups.length > 0;
	// Mode-weighted time from the customers' own cell (tc) where the matrix has it, else from their zone's point (t).
	const time = `CASE WHEN tc.destination_id IS NOT NULL THEN ${combineSql('c.s', 'tc.pt', 'tc.car')} ELSE ${combineSql('c.s', 't.pt', 't.car')} END`;
	// A kept branch is the same option whichever site is chosen: its best time per customer row is found
	// once here, not once per site (with 1 M customer rows that was 13 M options grouped again per site).
	const branchCte = branches
		? `,
bb AS (
  SELECT c.rid, min(${time}) AS bm
  FROM c JOIN (${KEPT_OFFICES}) o ON c.grp IN (${p.branchGroups.map(lit).join(', ')})
  LEFT JOIN ttc tc ON tc.origin_cell = c.cell AND tc.destination_id = o.office_id
  LEFT JOIN tt t ON t.origin_zone = c.zone_id AND t.destination_id = o.office_id
  GROUP BY c.rid)`
		: '';
	// The quicker of the site and the best branch (a tie goes to the site); either alone where the other has no time.
	const best = branches
		? `CASE WHEN bb.bm IS NULL THEN o.sm WHEN o.sm IS NULL THEN bb.bm ELSE least(o.sm, bb.bm) END AS m,
    coalesce(bb.bm < o.sm OR (o.sm IS NULL AND bb.bm IS NOT NULL), FALSE) AS via_branch`
		: 'o.sm AS m, FALSE AS via_branch';
	return `WITH ${TT_PIVOT},
${customerRowsCte(p)}${branchCte},
o AS (
  -- the customers' own cell where the matrix has it, else their zone's settlement point
  SELECT si.site_id, c.rid, c.grp, c.w, c.n, c.p, ${time} AS sm
  FROM c CROSS JOIN sites si
  LEFT JOIN ttc tc ON tc.origin_cell = c.cell AND tc.destination_id = si.site_id
  LEFT JOIN tt t ON t.origin_zone = c.zone_id AND t.destination_id = si.site_id),
best AS (
  SELECT o.site_id, o.grp, o.w, o.n, o.p, ${best}
  FROM o${branches ? ' LEFT JOIN bb ON bb.rid = o.rid' : ''})
${CUSTOMER_TOTALS}`;
}

function access(r: Record<string, unknown>): CustomerGroupAccess {
	const visits = (r.visits as number) ?? 0;
	return {
		visits,
		persons: (r.persons as number) ?? 0,
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
			c = { byGroup: {}, all: { visits: 0, persons: 0, meanMinutes: null, branchShare: 0 }, missingTimes: 0, trace: { sql } };
			out.set(id, c);
		}
		if (r.grp === null) {
			c.all = access(r);
			c.missingTimes = r.missing as number;
		} else c.byGroup[r.grp as string] = access(r);
	}
	return out;
}
