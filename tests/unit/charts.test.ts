/**
 * Chart helpers (pure TS, no Svelte): binning, ECDF, tornado order, waterfall steps, cumulative
 * cash flow and payback, lease segments, label layout. Expectations are hand-computed.
 */
import { describe, expect, it } from 'vitest';
import { binMinutes, binUpper, medianOf } from '../../src/lib/ui/charts/bins.ts';
import { ecdfSteps, shareWithin } from '../../src/lib/ui/charts/ecdf.ts';
import { sortBySwing, swing, tornadoExtent } from '../../src/lib/ui/charts/tornado.ts';
import { costBridge, waterfallBars, waterfallExtent } from '../../src/lib/ui/charts/waterfall.ts';
import { cumulativeDiscounted, paybackTime } from '../../src/lib/ui/charts/npv.ts';
import { freedArea, isoToTime, leaseSegments, monthsBefore } from '../../src/lib/ui/charts/lease.ts';
import { fitText, labelMargin, legendLayout, wrapText } from '../../src/lib/ui/charts/layout.ts';
import { rankColours, seriesStyle } from '../../src/lib/ui/charts/palette.ts';
import { moneyCriteria, withDefaults, type OfficeRow, type SiteRow } from '../../src/lib/model/index.ts';
import { SMALL_PARAMS } from '../fixtures/model/small.ts';

describe('histogram bins (5 min)', () => {
	// 0→[0,5); 4.9→[0,5); 5→[5,10); 12→[10,15); 14.99→[10,15); NaN and Infinity left out.
	const values = [0, 4.9, 5, 12, 14.99, NaN, Infinity];

	it('counts per bin, shares of the finite values, upper edge above the maximum', () => {
		expect(binUpper([values])).toBe(15);
		const bins = binMinutes(values);
		expect(bins.map((b) => [b.x0, b.x1, b.count])).toEqual([
			[0, 5, 2],
			[5, 10, 1],
			[10, 15, 2]
		]);
		expect(bins.map((b) => b.share)).toEqual([0.4, 0.2, 0.4]);
		expect(bins.some((b) => b.open)).toBe(false);
	});

	it('a value exactly on a multiple of the width gets its own bin', () => {
		expect(binUpper([[10]])).toBe(15);
		expect(binMinutes([10]).map((b) => b.count)).toEqual([0, 0, 1]);
	});

	it('values above the cap go into the last, open bin', () => {
		// cap 10: bins [0,5), [5,10); 12 and 14.99 land in the last one.
		const upper = binUpper([values], 5, 10);
		expect(upper).toBe(10);
		const bins = binMinutes(values, 5, upper);
		expect(bins.map((b) => b.count)).toEqual([2, 3]);
		expect(bins.map((b) => b.open)).toEqual([false, true]);
	});

	it('shared upper edge across series; other widths', () => {
		expect(binUpper([[3], [41]], 5, 120)).toBe(45);
		expect(binMinutes([1, 11, 29], 10, 30).map((b) => b.count)).toEqual([1, 1, 1]);
	});

	it('median ignores non-finite values; none or fewer than 5 persons → null', () => {
		expect(medianOf([10, 30, 20, 40, 50, NaN])).toBe(30);
		expect(medianOf([10, 20, 30, 40, 50, 60, Infinity])).toBe(35);
		expect(medianOf([10, 30, 20, NaN])).toBeNull(); // 3 persons: small-group rule
		expect(medianOf([10, 30, 20], 1)).toBe(20);
		expect(medianOf([NaN])).toBeNull();
	});
});

describe('ECDF', () => {
	// Five persons: 10, 20, 20, 50 minutes and one without connection (Infinity).
	const values = [20, 10, Infinity, 50, 20];

	it('shares within x count the unreachable person in the denominator', () => {
		expect(shareWithin(values, 9)).toBe(0);
		expect(shareWithin(values, 10)).toBe(0.2);
		expect(shareWithin(values, 30)).toBe(0.6);
		expect(shareWithin(values, 90)).toBe(0.8);
		expect(shareWithin([], 30)).toBe(0);
	});

	it('step points up to xMax, duplicates merged', () => {
		expect(ecdfSteps(values, 45)).toEqual([
			{ x: 0, y: 0 },
			{ x: 10, y: 0.2 },
			{ x: 20, y: 0.6 },
			{ x: 45, y: 0.6 }
		]);
		expect(ecdfSteps(values, 50).at(-1)).toEqual({ x: 50, y: 0.8 });
		// Zero minutes (working at the site already) count from the start.
		expect(ecdfSteps([0, 0, 30, 60], 90)[0]).toEqual({ x: 0, y: 0.5 });
	});
});

describe('tornado', () => {
	const bars = [
		{ label: 'rate', valueLow: 14, valueHigh: 6 }, // swing 8
		{ label: 'synergy', valueLow: 5, valueHigh: 15 }, // swing 10
		{ label: 'move', valueLow: 10.5, valueHigh: 9.5 }, // swing 1
		{ label: 'fitout', valueLow: 11, valueHigh: 10 } // swing 1 (tie keeps input order)
	];

	it('sorts by swing, largest first, stable for ties, input untouched', () => {
		expect(sortBySwing(bars).map((b) => b.label)).toEqual(['synergy', 'rate', 'move', 'fitout']);
		expect(bars[0].label).toBe('rate');
		expect(swing(bars[0])).toBe(8);
	});

	it('extent includes the base value', () => {
		expect(tornadoExtent(10, bars)).toEqual([5, 15]);
		expect(tornadoExtent(20, [{ label: 'a', valueLow: 12, valueHigh: 14 }])).toEqual([12, 20]);
	});
});

describe('waterfall', () => {
	it('annual cost bridge: 6.8 − 4.1 + 3.6 − 0.9 = 5.4 (millions)', () => {
		const bars = costBridge(
			{ todayCost: 6.8e6, rentFreed: 4.1e6, newSiteCost: 3.6e6, synergies: 0.9e6 },
			{ today: 'heute', rentFreed: 'Mieten', newSite: 'neu', synergies: 'Synergien', result: 'total' }
		);
		expect(bars.map((b) => b.kind)).toEqual(['total', 'decrease', 'increase', 'decrease', 'total']);
		expect(bars.map((b) => [b.from, b.to])).toEqual([
			[0, 6.8e6],
			[6.8e6, 2.7e6],
			[2.7e6, 6.3e6],
			[6.3e6, 5.4e6],
			[0, 5.4e6]
		]);
		expect(bars.map((b) => b.value)).toEqual([6.8e6, -4.1e6, 3.6e6, -0.9e6, 5.4e6]);
		expect(bars.map((b) => b.label)).toEqual(['heute', 'Mieten', 'neu', 'Synergien', 'total']);
	});

	it('running total can go below zero; extent spans 0', () => {
		const bars = waterfallBars({ label: 'a', value: 2 }, [{ label: 'b', value: -5 }, { label: 'c', value: 1 }], 'end');
		expect(bars.map((b) => b.to)).toEqual([2, -3, -2, -2]);
		expect(bars[3]).toEqual({ label: 'end', kind: 'total', from: 0, to: -2, value: -2 });
		expect(waterfallExtent(bars)).toEqual([-3, 2]);
	});
});

describe('cumulative cash flow and payback', () => {
	it('undiscounted: plain running sum, payback interpolated', () => {
		// −100, then +30 each year: −70, −40, −10, +20 → crosses 0 at 3 + 10/30.
		const c = cumulativeDiscounted(100, [30, 30, 30, 30]);
		expect(c).toEqual([-100, -70, -40, -10, 20]);
		expect(paybackTime(c)).toBeCloseTo(3 + 1 / 3, 12);
	});

	it('discounted at 10 %', () => {
		// −100 + 110/1.1 = 0 exactly after year 1; then + 121/1.21 = 100.
		const c = cumulativeDiscounted(100, [110, 121], 0.1);
		expect(c[1]).toBeCloseTo(0, 9);
		expect(c[2]).toBeCloseTo(100, 9);
		expect(paybackTime(c)).toBeCloseTo(1, 9);
	});

	it('no one-off pays back at 0; never → null; empty → null', () => {
		expect(paybackTime(cumulativeDiscounted(0, [5]))).toBe(0);
		expect(paybackTime(cumulativeDiscounted(100, [-1, 10, 10]))).toBeNull();
		expect(paybackTime([])).toBeNull();
	});

	it('agrees with the model: last point = NPV, undiscounted payback year = model payback', () => {
		const p = withDefaults(SMALL_PARAMS);
		const offices: OfficeRow[] = [
			{ office_id: 'O1', name: 'Office one', area_m2: 500, rent_chf_year: 100000, lease_end: '2026-12-31', notice_months: 6, keep: false },
			{ office_id: 'O2', name: 'Office two', area_m2: 300, rent_chf_year: 60000, lease_end: null, notice_months: 3, keep: false }
		];
		const site: SiteRow = { site_id: 'A', name: 'A', capacity_workplaces: 5, area_m2: 120, cost_chf_m2_year: 400, one_off_chf: 200000, available_from: '2026-01-01', tenure: 'rent', lon: 8, lat: 47, zone_id: 1 };
		const m = moneyCriteria(site, offices, { headcount: 4, fte: 3.5 }, p);
		const oneOff = m.fitOutChf + m.moveCostChf;
		expect(cumulativeDiscounted(oneOff, m.cashFlows, p.discountRate).at(-1)).toBeCloseTo(m.npvChf, 6);
		// New cost 120 × 400 = 48'000; one-off 200'000 + 4 × 500; flows 64'000, 116'000, 116'000.
		// Cumulative −202'000, −138'000, −22'000, +94'000 → 0 at 2 + 22/116 years, in the chart and in the model.
		expect(m.cashFlows).toEqual([64000, 116000, 116000]);
		const t = paybackTime(cumulativeDiscounted(oneOff, m.cashFlows, 0));
		expect(t).toBeCloseTo(2 + 22 / 116, 12);
		expect(m.paybackYears).toBeCloseTo(t as number, 12);
	});
});

describe('lease timeline', () => {
	it('segments clamp to today and to the lease end', () => {
		const s = leaseSegments({ label: 'A', end: '2029-03-31', noticeStart: '2028-09-30' }, '2026-11-23');
		expect(s.start).toBe(Date.UTC(2026, 10, 23));
		expect(s.notice).toBe(Date.UTC(2028, 8, 30));
		expect(s.end).toBe(Date.UTC(2029, 2, 31));
		expect(s.ended).toBe(false);
		// Notice already running: hatched from today.
		expect(leaseSegments({ label: 'B', end: '2027-03-31', noticeStart: '2026-09-30' }, '2026-11-23').notice).toBe(Date.UTC(2026, 10, 23));
		// Ended before today: zero-length bar.
		const e = leaseSegments({ label: 'C', end: '2026-06-30' }, '2026-11-23');
		expect([e.end - e.start, e.ended]).toEqual([0, true]);
	});

	it('months before with day clamping; freed area by a date', () => {
		expect(monthsBefore('2029-03-31', 6)).toBe('2028-09-30');
		expect(monthsBefore('2028-01-15', 13)).toBe('2026-12-15');
		expect(monthsBefore('2024-05-31', 3)).toBe('2024-02-29');
		const rows = [
			{ label: 'a', end: '2027-12-31', areaM2: 100 },
			{ label: 'b', end: '2028-01-01', areaM2: 50 },
			{ label: 'c', end: '2030-06-30' }
		];
		expect(freedArea(rows, '2028-01-01')).toBe(150);
		expect(freedArea(rows, '2027-12-31')).toBe(100);
		expect(freedArea(rows)).toBe(150);
		expect(() => isoToTime('31.12.2027')).toThrow();
	});
});

describe('layout and palette', () => {
	it('text fitting, wrapping and margins', () => {
		expect(fitText('Luzern', 200)).toBe('Luzern');
		const short = fitText('Kriens, Mattenhof (Neubau mit langem Namen)', 100);
		expect(short.endsWith('…')).toBe(true);
		expect(short.length).toBeLessThan(30);
		expect(wrapText('Jährliche Kosten heute', 100)).toEqual(['Jährliche Kosten', 'heute']);
		expect(wrapText('a b c d e f', 10, 12, 2)).toHaveLength(2);
		expect(labelMargin(['x'], 600)).toBe(40); // minimum
		expect(labelMargin(['a very very very long site name indeed'], 300)).toBe(105); // 35 % of 300
	});

	it('legend wraps to a second row when the width is exceeded', () => {
		const items = ['Heute', 'Seetalplatz', 'Sursee'].map((label) => ({ label, colour: '#000', kind: 'line' as const }));
		expect(legendLayout(items, 1000).height).toBe(20);
		const narrow = legendLayout(items, 120);
		expect(narrow.height).toBe(60);
		expect(narrow.items.map((i) => i.x)).toEqual([0, 0, 0]);
	});

	it('series styles differ in dash as well as colour; rank colours dark to light with readable text', () => {
		expect(seriesStyle(0).dash).not.toBe(seriesStyle(1).dash);
		expect(seriesStyle(7, '#123456').colour).toBe('#123456');
		const r = rankColours(5);
		expect(r[0]).toEqual({ fill: 'rgb(23,91,156)', text: '#fff' });
		expect(r[4]).toEqual({ fill: 'rgb(222,232,243)', text: '#000' });
	});
});
