/** The small-group rule (model/privacy.ts, charts/bins.ts): no figure from fewer than 5 persons. */
import { describe, expect, it } from 'vitest';
import { groupFigure, isSmallCount, protectStaff, protectStats, protectZoneChange, safeShare, safeShareOf, type CommuteStats, type StaffCriteria } from '../../src/lib/model/index.ts';
import { binMinutes, medianOf, protectBins, protectedCumulative, protectedSeriesBins } from '../../src/lib/ui/charts/bins.ts';
import { fmtPersons } from '../../src/lib/report/tables.ts';

const stats = (n: number): CommuteStats => ({ n, mean: 30, p80: 40, shareOver: { 45: n ? 1 / n : 0, 60: 0 }, hoursPerYear: 100, meanChange: -2, winners: 1, losers: 2 });

describe('counts, statistics and shares', () => {
	it('counts 1–4 are masked, 0 and ≥ 5 shown', () => {
		expect([0, 1, 4, 5].map((n) => isSmallCount(n))).toEqual([false, true, true, false]);
		expect([0, 2, 5, 17].map((n) => fmtPersons(n))).toEqual(['0', '< 5', '5', '17']);
	});
	it('a statistic needs 5 persons behind it', () => {
		expect(groupFigure(4, 12.5)).toBeNull();
		expect(groupFigure(5, 12.5)).toBe(12.5);
	});
	it('a share is shown only if neither part holds 1–4 persons', () => {
		// "60–65 min: 11.1 %" of 9 movers is one person: not shown.
		expect(safeShare(1, 9)).toBeNull();
		expect(safeShare(8, 9)).toBeNull(); // its complement is one person
		expect(safeShare(5, 10)).toBe(0.5);
		expect(safeShare(0, 10)).toBe(0);
		expect(safeShare(10, 10)).toBe(1);
		expect(safeShare(3, 3)).toBeNull(); // fewer than 5 in all
		expect(safeShareOf(0.02, 100)).toBeNull();
		expect(safeShareOf(0.05, 100)).toBeCloseTo(0.05, 12);
	});
	it('commute statistics of fewer than 5 persons are dropped, counts kept', () => {
		const p = protectStats(stats(4));
		expect([p.mean, p.p80, p.hoursPerYear, p.meanChange, p.shareOver[45], p.shareOver[60]]).toEqual([null, null, null, null, null, null]);
		expect([p.winners, p.losers, p.n]).toEqual([1, 2, 4]);
		const q = protectStats(stats(500));
		expect(q.mean).toBe(30);
		expect(q.shareOver[45]).toBeNull(); // 1 of 500 is one person
		expect(q.shareOver[60]).toBe(0);
	});
	it('staff criteria of a tiny group lose their means, CO₂ and changes', () => {
		const s = { movers: 3, moversFte: 2.5, pt: stats(3), car: stats(3), combined: stats(3), ptWait: { n: 3, mean: 5, p80: 8, meanChange: 1 }, ptChangesMean: 1, co2TonnesYear: 2, co2ChangeTonnesYear: 0.1, missingTimes: 0, missingByMode: { pt: { total: 0, noZoneTimes: 0, noSiteTime: 0 }, car: { total: 0, noZoneTimes: 0, noSiteTime: 0 } }, trace: {} } as StaffCriteria;
		const p = protectStaff(s);
		expect([p.pt.mean, p.car.mean, p.combined.mean, p.ptWait.mean, p.ptChangesMean, p.co2TonnesYear]).toEqual([null, null, null, null, null, null]);
	});
	it('a municipality’s means need 5 movers with times', () => {
		const z = { zone_id: 1, movers: 9, withTimes: 2, nNew: 2, nToday: 9, meanChangeMin: 3, winners: 0, losers: 2, meanNewMin: 40, meanTodayMin: 37 };
		expect(protectZoneChange(z)).toMatchObject({ meanChangeMin: null, meanNewMin: null, meanTodayMin: 37, losers: 2 });
	});
});

describe('histogram bins and cumulative shares', () => {
	it('bins of 1–4 persons merge with neighbours until each holds 0 or ≥ 5', () => {
		// 3 persons at 10–15, 10 at 30–35, 2 at 60–65 and 1 at 90+ (9 + 7 in the middle).
		const values = [11, 12, 13, ...Array(10).fill(31), 41, 42, 43, 44, 45, 46, 47, 61, 62, 95];
		const safe = protectBins(binMinutes(values, 5, 100));
		expect(safe.every((b) => b.count === 0 || b.count >= 5)).toBe(true);
		expect(safe.reduce((s, b) => s + b.count, 0)).toBe(values.length);
		expect(safe.reduce((s, b) => s + b.share, 0)).toBeCloseTo(1, 12);
		// The 3 early persons joined the next persons; the tail (60–65 and 90+) joined the bin before it.
		expect(safe.find((b) => b.x0 <= 11 && b.x1 > 11)!.count).toBeGreaterThanOrEqual(5);
		expect(safe.at(-1)!.x1).toBe(100);
	});
	it('fewer than 5 values in all: nothing to draw; the median needs 5 too', () => {
		expect(protectBins(binMinutes([10, 20, 30, 40], 5, 60))).toEqual([]);
		expect(medianOf([10, 20, 30, 40])).toBeNull();
		expect(medianOf([10, 20, 30, 40, 50])).toBe(30);
	});
	it('several series share one partition, each bin of each series 0 or ≥ 5', () => {
		const a = [...Array(20).fill(12), 33, 34, ...Array(8).fill(52)];
		const b = [...Array(6).fill(18), ...Array(6).fill(33), 71];
		const [ba, bb] = protectedSeriesBins([a, b], 5, 80);
		expect(ba!.map((x) => x.x0)).toEqual(bb!.map((x) => x.x0));
		for (const bins of [ba!, bb!]) expect(bins.every((x) => x.count === 0 || x.count >= 5)).toBe(true);
		expect(protectedSeriesBins([[1, 2, 3]], 5, 10)).toEqual([null]);
	});
	it('the cumulative share steps at bin edges with at least 5 persons per step and in the rest', () => {
		const values = [...Array(7).fill(20), ...Array(6).fill(40), 88, Infinity];
		const pts = protectedCumulative(values, 5, 90);
		const n = values.length;
		for (const p of pts) {
			const k = Math.round(p.y * n);
			expect(k === 0 || k >= 5).toBe(true);
			expect(n - k === 0 || n - k >= 5).toBe(true);
		}
		expect(pts.at(-1)!.x).toBe(90);
		expect(protectedCumulative([1, 2, 3, 4], 5, 90)).toEqual([]);
	});
});
