/**
 * The customer criterion's SQL (model/customers.ts) against the plain formulation it replaced: every option of
 * a customer row (the site, and each kept branch serving its group, per site) listed, then the quickest taken
 * per site and row. The fast one takes a branch's best time once per row, not once per site, and must give the
 * same figures: on the default's customers with random travel times (per zone and per 100 m cell, some
 * missing), with and without branches, for one and two branch groups. A tie between site and branch goes
 * to the site (the old listing left it to the order of the rows).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, type Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { DEFAULT_SCENARIO_FILES, loadDemo } from '../../src/lib/data/demo.ts';
import { CUSTOMER_TOTALS, customerCriteriaSql, customerRowsCte } from '../../src/lib/model/customers.ts';
import { DEFAULT_PARAMS, type ScenarioParams } from '../../src/lib/model/index.ts';
import { KEPT_OFFICES, TT_PIVOT, combineSql, lit, lv95CellSql } from '../../src/lib/model/sql.ts';

/** The formulation before (listing every option per site), as the reference; the customer rows and the totals are the same SQL. */
function optionsReferenceSql(p: ScenarioParams): string {
	const branches =
		p.keepBranches && p.branchGroups.length
			? `UNION ALL
  SELECT si.site_id, o.office_id, TRUE, g.grp FROM sites si
  CROSS JOIN (${KEPT_OFFICES}) o
  CROSS JOIN (VALUES ${p.branchGroups.map((g) => `(${lit(g)})`).join(', ')}) g(grp)`
			: '';
	return `WITH ${TT_PIVOT},
${customerRowsCte(p)},
dest AS (
  SELECT site_id, site_id AS dest_id, FALSE AS is_branch, NULL::VARCHAR AS grp FROM sites
  ${branches}),
opt AS (
  SELECT d.site_id, c.rid, c.grp, c.w, c.n, c.p, d.is_branch,
    -- the customers' own cell where the matrix has it, else their zone's settlement point
    CASE WHEN tc.destination_id IS NOT NULL THEN ${combineSql('c.s', 'tc.pt', 'tc.car')} ELSE ${combineSql('c.s', 't.pt', 't.car')} END AS m
  FROM c JOIN dest d ON (NOT d.is_branch OR d.grp = c.grp)
  LEFT JOIN ttc tc ON tc.origin_cell = c.cell AND tc.destination_id = d.dest_id
  LEFT JOIN tt t ON t.origin_zone = c.zone_id AND t.destination_id = d.dest_id),
best AS (
  SELECT site_id, rid, grp, any_value(w) AS w, any_value(n) AS n, any_value(p) AS p, min(m) AS m, arg_min(is_branch, m) AS via_branch
  FROM opt GROUP BY site_id, rid, grp)
${CUSTOMER_TOTALS}`;
}

let db: Db;

beforeAll(async () => {
	db = await openNodeDb();
	const texts = DEFAULT_SCENARIO_FILES.map((f) => readFileSync(path.join('data', 'demo', f), 'utf8'));
	await loadDemo(db, async (name) => texts[DEFAULT_SCENARIO_FILES.indexOf(name)]);
	// Customers at their own points as well as at zone points; two kept branches.
	await db.exec(`INSERT INTO customers BY NAME SELECT 'x' || customer_id AS customer_id, "group", count, visits_per_year, lon + 0.004 * ((hash(customer_id) % 7)::INTEGER - 3) AS lon, lat + 0.003 * ((hash(customer_id || 'y') % 7)::INTEGER - 3) AS lat, zone_id, 'coordinates' AS geocode_quality FROM customers`);
	await db.exec(`UPDATE offices SET keep = office_id IN (SELECT office_id FROM offices ORDER BY office_id LIMIT 2)`);
	// Random travel times from every zone and from most customer cells to every site and office, some missing.
	const r = (salt: string) => `((hash(o.k::VARCHAR || d.id || '${salt}') % 100000) / 1000.0 + 3)`;
	const dests = `(SELECT site_id AS id FROM sites UNION ALL SELECT office_id FROM offices) d`;
	await db.exec(`DELETE FROM travel_times`);
	await db.exec(`INSERT INTO travel_times BY NAME
  SELECT o.k AS origin_zone, NULL AS origin_cell, d.id AS destination_id, m.mode, ${r('a')} AS minutes_p50, ${r('b')} + 5 AS minutes_p80, 2.0 AS wait_p50, 4.0 AS wait_p80, 1.0 AS changes, 'test' AS source
  FROM (SELECT zone_id AS k FROM zones) o CROSS JOIN ${dests} CROSS JOIN (VALUES ('pt'), ('car')) m(mode)
  WHERE hash(o.k::VARCHAR || d.id || m.mode) % 9 <> 0`);
	await db.exec(`INSERT INTO travel_times BY NAME
  SELECT z.zone_id AS origin_zone, o.k AS origin_cell, d.id AS destination_id, m.mode, ${r('c')} AS minutes_p50, NULL AS minutes_p80, NULL AS wait_p50, NULL AS wait_p80, NULL AS changes, 'test' AS source
  FROM (SELECT DISTINCT ${lv95CellSql('lon', 'lat')} AS k, any_value(zone_id) AS zone_id FROM customers WHERE lon IS NOT NULL GROUP BY 1) o
  JOIN zones z ON z.zone_id = o.zone_id CROSS JOIN ${dests} CROSS JOIN (VALUES ('pt'), ('car')) m(mode)
  WHERE hash(o.k::VARCHAR || d.id) % 5 <> 0 AND hash(o.k::VARCHAR || d.id || m.mode) % 11 <> 0`);
});
afterAll(async () => db.close());

type Row = Record<string, unknown>;
const key = (r: Row) => `${r.site_id}|${r.grp}`;

function expectSame(fast: Row[], reference: Row[]): void {
	expect(fast.map(key)).toEqual(reference.map(key));
	fast.forEach((f, i) => {
		const ref = reference[i];
		for (const k of Object.keys(ref)) {
			const [a, b] = [f[k], ref[k]];
			if (typeof b === 'number' && typeof a === 'number') expect(a, `${key(ref)} ${k}`).toBeCloseTo(b, 9);
			else expect(a, `${key(ref)} ${k}`).toEqual(b);
		}
	});
}

describe('customer criterion SQL', () => {
	const cases: [string, Partial<ScenarioParams>][] = [
		['the default (branches for job seekers)', {}],
		['branches for two groups', { branchGroups: ['jobseeker', 'insured'] }],
		['no branches', { keepBranches: false }]
	];
	for (const [name, params] of cases)
		it(`gives the reference's figures: ${name}`, async () => {
			const p = { ...DEFAULT_PARAMS, ...params };
			const fast = await rows<Row>(db, customerCriteriaSql(p));
			const reference = await rows<Row>(db, optionsReferenceSql(p));
			expectSame(fast, reference);
			expect(fast.length).toBeGreaterThan(8);
			// The comparison covers branch use and missing times, not only the plain case.
			if (p.keepBranches) expect(fast.some((r) => (r.branch_visits as number) > 0)).toBe(true);
			expect(fast.some((r) => Number(r.missing) > 0)).toBe(true);
		});

	it('sends a customer to the site when site and branch are equally quick', async () => {
		const p: ScenarioParams = { ...DEFAULT_PARAMS, branchGroups: ['jobseeker'] };
		const [site] = await rows<{ site_id: string }>(db, 'SELECT site_id FROM sites ORDER BY site_id LIMIT 1');
		await db.exec('CREATE TEMP TABLE tt_backup AS SELECT * FROM travel_times');
		try {
			// Every time the same: every job seeker's site and branches tie.
			await db.exec(`UPDATE travel_times SET minutes_p50 = 20`);
			const out = await rows<Row>(db, customerCriteriaSql(p));
			const js = out.find((r) => r.site_id === site.site_id && r.grp === 'jobseeker')!;
			expect(js.mean_min).toBeCloseTo(20, 9);
			expect(js.branch_visits).toBe(0);
		} finally {
			await db.exec('DELETE FROM travel_times; INSERT INTO travel_times SELECT * FROM tt_backup; DROP TABLE tt_backup');
		}
	});
});
