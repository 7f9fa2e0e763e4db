import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import {
	parseGtfs,
	ForwardWorkspace,
	BackwardWorkspace,
	PEER_RULES,
	UNREACHED,
	UNREACHED_BACK,
	travelTimesFromPoints,
	arriveByProfile,
	route,
	percentile,
	PtMatrix,
	walkSec
} from '../../src/lib/reach/gtfs/index.ts';
import { haversineM } from '../../src/lib/reach/road/geo.ts';
import { weekdayFeed } from '../helpers/gtfs-feed.ts';

const dir = 'tests/fixtures/gtfs/tiny';
const files: Record<string, Uint8Array> = {};
for (const f of readdirSync(dir)) files[f] = new Uint8Array(readFileSync(join(dir, f)));
const zip = zipSync(files);
const { timetable: tt } = parseGtfs(zip, { date: '2021-06-15' });
const { timetable: peer } = parseGtfs(zip, { date: '2021-06-15', ...PEER_RULES });
const id = (s: string) => tt.stopIndex.get(s)!;
const hm = (h: number, m: number, s = 0) => h * 3600 + m * 60 + s;

describe('forward earliest arrival', () => {
	it('respects the 2-minute change at B and walks to the sibling platform B2', () => {
		const ws = new ForwardWorkspace(tt);
		ws.earliestArrival([id('A')], hm(7, 55));
		expect(ws.arr[id('B')]).toBe(hm(8, 10));
		expect(ws.arr[id('C')]).toBe(hm(8, 20)); // stays in T1: no change time
		// T2 leaves B at 08:11 (< 08:10 + 2 min); B→B2 takes 120 s, T3 leaves B2 08:13 → D 08:35
		expect(ws.arr[id('D')]).toBe(hm(8, 35));
		expect(ws.legs[id('D')]).toBe(2);
		// T5 (C 08:25) is not reachable: C needs 600 s change after 08:20
		// E by the generated D–E link (≈198 s)
		expect(ws.arr[id('E')] - hm(8, 35)).toBeGreaterThanOrEqual(196);
		expect(ws.arr[id('E')] - hm(8, 35)).toBeLessThanOrEqual(199);
	});

	it('with peer rules (no same-stop change time) T2 is caught at B', () => {
		const ws = new ForwardWorkspace(peer);
		ws.earliestArrival([peer.stopIndex.get('A')!], hm(7, 55));
		expect(ws.arr[peer.stopIndex.get('D')!]).toBe(hm(8, 30));
		expect(ws.arr[peer.stopIndex.get('E')!]).toBe(UNREACHED); // no generated links
	});

	it('uses frequency trips and trips past midnight', () => {
		const pw = new ForwardWorkspace(peer); // no E–D walking link with peer rules
		pw.earliestArrival([peer.stopIndex.get('E')!], hm(6, 1));
		expect(pw.arr[peer.stopIndex.get('D')!]).toBe(hm(6, 20) + 300); // second headway copy
		const ws = new ForwardWorkspace(tt);
		ws.earliestArrival([id('E')], hm(6, 1));
		expect(ws.arr[id('D')]).toBeLessThan(hm(6, 5)); // walking 198 s beats the 06:20 departure
		ws.earliestArrival([id('C')], hm(23, 0), 4 * 3600);
		expect(ws.arr[id('A')]).toBe(hm(25, 0));
	});
});

describe('backward latest departure', () => {
	it('gives the latest departure from every stop for a deadline', () => {
		const ws = new BackwardWorkspace(tt);
		ws.latestDeparture([{ stop: id('D'), egressSec: 0 }], hm(8, 40));
		expect(ws.ld[id('A')]).toBe(hm(8, 0));
		expect(ws.ldLegs[id('A')]).toBe(2);
		expect(ws.ld[id('B')]).toBe(hm(8, 11)); // T2 directly
		expect(ws.ld[id('B2')]).toBe(hm(8, 13));
		expect(ws.ld[id('C')]).toBe(hm(8, 25)); // T5 (calendar_dates addition)
		expect(ws.ld[id('E')]).toBeGreaterThan(hm(8, 36)); // walking E→D (≈198 s) beats the 06:40 frequency copy
		ws.latestDeparture([{ stop: id('D'), egressSec: 0 }], hm(8, 34));
		expect(ws.ld[id('A')]).toBe(UNREACHED_BACK); // 08:35 arrival is too late
	});

	it('agrees with the forward scan (latest departure ↔ earliest arrival duality) on all stop pairs', () => {
		const fw = new ForwardWorkspace(tt);
		const bw = new BackwardWorkspace(tt);
		for (let t = 0; t < tt.stopCount; t++) {
			bw.latestDeparture([{ stop: t, egressSec: 0 }], hm(9, 0));
			for (let s = 0; s < tt.stopCount; s++) {
				if (s === t || bw.ld[s] <= UNREACHED_BACK) continue;
				fw.earliestArrival([s], bw.ld[s]);
				expect(fw.arr[t]).toBeLessThanOrEqual(hm(9, 0));
				fw.earliestArrival([s], bw.ld[s] + 1);
				expect(fw.arr[t]).toBeGreaterThan(hm(9, 0));
			}
		}
	});
});

describe('arrive-by travel times over a window', () => {
	const walk = { detour: 1.3, speedMPerMin: 75, maxAccessM: 500, maxDirectM: 500 };
	it('p50/p80 of the journey (arrival − departure) and of the wait (deadline − arrival)', () => {
		// origin at A, destination at D; only T1 08:00 serves A and arrives 08:35; window 08:35–08:45: every deadline
		// takes that journey (35 min), the wait before the deadline is 0..10 min
		const [r] = travelTimesFromPoints(
			tt,
			[{ id: 'a', lon: 8.0, lat: 47.0 }],
			{ lon: 8.02, lat: 47.01 },
			{ startSec: hm(8, 35), endSec: hm(8, 45), stepSec: 60 },
			{ walk }
		);
		expect(r).toEqual({ id: 'a', p50: 35, p80: 35, waitP50: 5, waitP80: 8, changes: 1 });
	});

	it('journey + wait = deadline − latest departure for every sample', () => {
		const window = { startSec: hm(8, 35), endSec: hm(8, 45), stepSec: 60 };
		const m = new PtMatrix(tt, [{ id: 'a', lon: 8.0, lat: 47.0 }], window, { walk });
		const s = m.windowSamples({ lon: 8.02, lat: 47.01 });
		const old: number[] = [];
		for (let d = 0; d < s.deadlines.length; d++) {
			const journey = s.arrive[d] - s.leave[d], wait = s.deadlines[d] - s.arrive[d];
			expect(journey + wait).toBe(s.deadlines[d] - s.leave[d]);
			old.push((s.deadlines[d] - s.leave[d]) / 60);
		}
		// the old definition's percentiles (35..45 min) are unchanged
		expect([percentile(old, 50), percentile(old, 80)]).toEqual([40, 43]);
	});

	it('unreachable samples make high percentiles null', () => {
		const [r] = travelTimesFromPoints(
			tt,
			[{ id: 'a', lon: 8.0, lat: 47.0 }],
			{ lon: 8.02, lat: 47.01 },
			{ startSec: hm(8, 30), endSec: hm(8, 40), stepSec: 60 },
			{ walk }
		);
		// samples: 5 × unreachable (08:30–08:34), then the 08:00 → 08:35 journey (35 min) with waits 0..5
		expect(r.p50).toBe(35);
		expect(r.p80).toBeNull();
		expect(r.waitP50).toBe(5);
		expect(r.waitP80).toBeNull();
	});

	it('walk-only journeys take the walking time and do not wait', () => {
		// origin 300 m from the destination, no stop within 100 m of either: the only way is on foot
		const near = { detour: 1.3, speedMPerMin: 75, maxAccessM: 100, maxDirectM: 2000 };
		const from = { id: 'w', lon: 8.3, lat: 47.3 };
		const to = { lon: 8.3, lat: 47.3 + 300 / 111_195 };
		const [r] = travelTimesFromPoints(tt, [from], to, { startSec: hm(8, 0), endSec: hm(8, 30), stepSec: 60 }, { walk: near });
		const minutes = walkSec(haversineM(from.lon, from.lat, to.lon, to.lat), near) / 60;
		expect(r.p50).toBeCloseTo(minutes, 1);
		expect(r.p80).toBeCloseTo(minutes, 1);
		expect(r).toMatchObject({ waitP50: 0, waitP80: 0, changes: 0 });
		const it = route(tt, from, to, hm(8, 0), { walk: near })!;
		expect(it.minutes * 60).toBe(walkSec(haversineM(from.lon, from.lat, to.lon, to.lat), near));
		expect(it.waitMinutes).toBe(0);
		expect(it.legs.map((l) => l.mode)).toEqual(['walk']);
	});

	it('profile matrix has one row per deadline', () => {
		const p = arriveByProfile(tt, [{ stop: id('D'), egressSec: 0 }], { startSec: hm(8, 34), endSec: hm(8, 35), stepSec: 60 });
		expect([...p.deadlines]).toEqual([hm(8, 34), hm(8, 35)]);
		expect(p.latest[0 * p.stopCount + id('A')]).toBe(UNREACHED_BACK);
		expect(p.latest[1 * p.stopCount + id('A')]).toBe(hm(8, 0));
		expect(p.arrival[1 * p.stopCount + id('A')]).toBe(hm(8, 35));
		expect(p.legs[1 * p.stopCount + id('A')]).toBe(2);
	});

	it('percentile interpolates like numpy', () => {
		expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
		expect(percentile([10, 20, 30, 40, 50], 80)).toBe(42);
		expect(percentile([1, Infinity], 80)).toBe(Infinity);
	});
});

describe('ties in the latest departure go to the earlier arrival', () => {
	// P and Q 500 m apart (no generated link), the origin half-way; X 150 m west of P with a 120 s transfer P→X.
	// SLOW leaves P 07:30 → D 08:00; FAST1 leaves Q 07:30 → D 07:45; FAST2 leaves X 07:32 → D 07:46 (from P also "07:30").
	const m250 = 250 / (111_195 * Math.cos((47 * Math.PI) / 180));
	const lon = { P: 8.0, Q: 8.0 + 2 * m250, X: 8.0 - 0.6 * m250, D: 8.1 };
	const feed = weekdayFeed({
		stops: lon,
		trips: ['SLOW', 'FAST1', 'FAST2'],
		stopTimes: [
			['SLOW', '07:30:00', '07:30:00', 'P', 1], ['SLOW', '08:00:00', '08:00:00', 'D', 2],
			['FAST1', '07:30:00', '07:30:00', 'Q', 1], ['FAST1', '07:45:00', '07:45:00', 'D', 2],
			['FAST2', '07:32:00', '07:32:00', 'X', 1], ['FAST2', '07:46:00', '07:46:00', 'D', 2]
		],
		transfers: [['P', 'X', 2, 120]]
	});
	const { timetable: t2 } = parseGtfs(feed, { date: '2021-06-15' });
	const window = { startSec: hm(8, 0), endSec: hm(8, 0), stepSec: 60 };
	const dest = { lon: lon.D, lat: 47.0 };

	it('at a stop: boarding there and walking to another stop leave equally late; the earlier arrival counts', () => {
		const p = arriveByProfile(t2, [{ stop: t2.stopIndex.get('D')!, egressSec: 0 }], window);
		const P = t2.stopIndex.get('P')!;
		expect(p.latest[P]).toBe(hm(7, 30));
		expect(p.arrival[P]).toBe(hm(7, 46)); // via X, not SLOW's 08:00
	});

	it('at an origin point: two access stops leave equally late; the earlier arrival counts (as route() finds)', () => {
		const origin = { id: 'o', lon: 8.0 + m250, lat: 47.0 };
		const s = new PtMatrix(t2, [origin], window).windowSamples(dest);
		const access = walkSec(haversineM(origin.lon, origin.lat, lon.P, 47.0));
		expect(s.leave[0]).toBe(hm(7, 30) - access);
		expect(s.arrive[0]).toBe(hm(7, 45)); // FAST1 from Q
		const it = route(t2, origin, dest, hm(8, 0))!;
		expect([it.leave, it.arrive, it.waitMinutes]).toEqual([s.leave[0], s.arrive[0], 15]);
		expect(it.legs.find((l) => l.mode === 'pt')!.from).toBe('Q');
	});
});

describe('route itinerary', () => {
	it('lists walk and PT legs with names, times and route numbers', () => {
		const it = route(tt, { lon: 8.0, lat: 47.0 }, { lon: 8.02, lat: 47.01 }, hm(8, 40), {
			walk: { detour: 1.3, speedMPerMin: 75, maxAccessM: 100, maxDirectM: 100 }
		})!;
		expect(it.leave).toBe(hm(8, 0));
		expect(it.arrive).toBe(hm(8, 35));
		expect([it.minutes, it.waitMinutes]).toEqual([35, 5]);
		expect(it.changes).toBe(1);
		expect(it.legs.map((l) => [l.mode, l.from, l.to, l.depHm, l.arrHm, l.route ?? ''])).toEqual([
			['walk', 'origin', 'Alpha', '08:00', '08:00', ''],
			['pt', 'Alpha', 'Beta', '08:00', '08:10', '1'],
			['walk', 'Beta', 'Beta, Platform 2', '08:10', '08:12', ''],
			['pt', 'Beta, Platform 2', 'Delta', '08:13', '08:35', '2'],
			['walk', 'Delta', 'destination', '08:35', '08:35', '']
		]);
	});
});
