/**
 * Data preparation of the site figures (src/lib/ui/site/figures.ts) on the small model fixture:
 * the NPV curve ends at the model's NPV, the bridge ends at the future cost, lease rows carry the
 * notice period, per-criterion ranks follow the criterion's direction.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { computeCriteria, scoreSites, type CriteriaResult } from '../../src/lib/model/index.ts';
import { criterionFigures, leaseRows, nominalCurve, npvCurve, siteBridge } from '../../src/lib/ui/site/figures.ts';
import { loadSmall, SMALL_PARAMS, HAND_SIZED } from '../fixtures/model/small.ts';

let db: Db;
let c: CriteriaResult;
const site = (id: string) => c.sites.find((s) => s.site_id === id)!;
const LABELS = { today: 'today', rentFreed: 'freed', newSite: 'new', synergies: 'syn', result: 'future' };

beforeAll(async () => {
	db = await openNodeDb();
	await loadSmall(db);
	c = await computeCriteria(db, SMALL_PARAMS, HAND_SIZED);
});
afterAll(async () => db.close());

describe('site figures', () => {
	it('the discounted curve ends at the model NPV, also for a site that moves later', () => {
		for (const id of ['A', 'B', 'C']) {
			const m = site(id).money;
			const curve = npvCurve(m, c.params);
			expect(curve).toHaveLength(m.cashFlows.length + 1);
			expect(curve.at(-1)).toBeCloseTo(m.npvChf, 6);
		}
		// Site C moves 2027-01-01, half a year after the scenario move: everything discounted by 1.05^−0.5.
		const m = site('C').money;
		expect(npvCurve(m, c.params)[0]).toBeCloseTo(-(m.fitOutChf + m.moveCostChf) * 1.05 ** -0.5, 6);
	});

	it('the nominal curve reaches zero in the model payback year', () => {
		const m = site('A').money;
		const curve = nominalCurve(m);
		expect(curve[0]).toBe(-(m.fitOutChf + m.moveCostChf));
		const first = curve.findIndex((v) => v >= 0);
		expect(first).toBe(Math.ceil(m.paybackYears!));
	});

	it('the cost bridge runs from today’s rent of all offices to kept rent + new site − synergies', () => {
		// Today: O1 100'000 + O2 60'000 + B1 (kept) 20'000. Freed: O1 + O2.
		const s = site('A');
		const bars = siteBridge(s, c.todayRentChfYear, LABELS);
		expect(bars.map((b) => b.label)).toEqual(['today', 'freed', 'new', 'syn', 'future']);
		expect(bars[0].value).toBe(180000);
		expect(bars[1].value).toBe(-160000);
		expect(bars.at(-1)!.value).toBeCloseTo(20000 + s.money.annualCostChf - s.money.synergyChfYear, 6);
	});

	it('lease rows: earliest end, notice period before it, by date', () => {
		// O1: lease end 2026-12-31, notice 6 months → notice from 2026-06-30. O2: no lease end, notice 3 months
		// from the notice date 2025-07-01 → free 2025-10-01, notice from 2025-07-01.
		const rows = leaseRows(site('A').money.freed, c.inputs.released);
		expect(rows).toEqual([
			{ label: 'Office two', end: '2025-10-01', noticeStart: '2025-07-01', areaM2: 300 },
			{ label: 'Office one', end: '2026-12-31', noticeStart: '2026-06-30', areaM2: 500 }
		]);
	});

	it('per-criterion ranks among the ranked sites, in the criterion’s direction', () => {
		// Without the hard constraints all three sites are ranked (site C has no travel times: PT skipped).
		const r = scoreSites(c, { staff_pt_mean: 1, npv: 1 }, { requireCapacity: false, requireAvailability: false });
		const ranked = r.ranking.map((x) => x.site_id);
		expect(ranked).toHaveLength(3);
		for (const id of ranked) {
			const f = criterionFigures(c, r, id);
			const pt = f.find((x) => x.id === 'staff_pt_mean')!;
			const npv = f.find((x) => x.id === 'npv')!;
			// Rank = 1 + number of ranked sites with a strictly better value.
			const others = ranked.map((o) => site(o));
			const ptOf = (s: (typeof others)[number]) => s.staff?.pt.mean ?? null;
			const withPt = others.filter((o) => ptOf(o) !== null);
			expect(pt.rank).toBe(ptOf(site(id)) === null ? null : 1 + withPt.filter((o) => ptOf(o)! < ptOf(site(id))!).length);
			expect(npv.rank).toBe(1 + others.filter((o) => o.money.npvChf > site(id).money.npvChf).length);
			expect(pt.of).toBe(withPt.length);
			expect(npv.of).toBe(3);
			// Points add up to the score.
			const total = f.reduce((s, x) => s + (x.points ?? 0), 0);
			expect(total).toBeCloseTo(r.ranking.find((x) => x.site_id === id)!.score, 9);
		}
		// With the constraints on, an excluded site has values but no rank or points.
		const strict = scoreSites(c, { staff_pt_mean: 1, npv: 1 });
		expect(strict.excluded.length).toBeGreaterThan(0);
		for (const e of strict.excluded) {
			const f = criterionFigures(c, strict, e.site_id);
			expect(f.every((x) => x.rank === null && x.points === null)).toBe(true);
			expect(f.find((x) => x.id === 'npv')!.value).toBe(site(e.site_id).money.npvChf);
		}
	});
});
