/**
 * PtMatrix (reach/gtfs/query.ts) against a plain reference on the real Zug feed: the chosen journey per
 * origin and deadline as the arrive-by profile defines it (the latest departure over the access stops,
 * ties to the earlier arrival, then fewer legs, stops in access-list order), and p50/p80 and the median
 * changes by sorting. The matrix reads a stop-major copy of the profile and selects percentiles in place
 * (both for speed, millions of origins); the figures must not change. The tie to fewer legs on a synthetic feed
 * (the Zug sample has no such tie), and the statistics helpers alone.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accessStops, arriveByProfile, DEFAULT_PT_QUERY, DEFAULT_WINDOW, egressStops, parseGtfs, PtMatrix, UNREACHED_BACK, walkSec } from '../../src/lib/reach/gtfs/index.ts';
import { median, medianOfCounts, percentile, percentileInPlace, percentilesInPlace } from '../../src/lib/reach/stats.ts';
import { haversineM } from '../../src/lib/reach/road/geo.ts';
import { mulberry32 } from '../../bench/pt-compare.ts';
import { weekdayFeed } from '../helpers/gtfs-feed.ts';

const { timetable: tt } = parseGtfs(new Uint8Array(readFileSync('data/networks/gtfs_ch_zug.zip')), { date: '2021-06-15' });

/** The journey per deadline from one origin, deadline by deadline (what the matrix computed before). */
function reference(origin: { lon: number; lat: number }, target: { lon: number; lat: number }) {
	const walk = DEFAULT_PT_QUERY.walk;
	const prof = arriveByProfile(tt, egressStops(tt, target.lon, target.lat, walk), DEFAULT_WINDOW);
	const a = accessStops(origin.lon, origin.lat, tt.stopLon, tt.stopLat, walk);
	const dist = haversineM(origin.lon, origin.lat, target.lon, target.lat);
	const direct = dist <= walk.maxDirectM ? walkSec(dist, walk) : Infinity;
	const ns = tt.stopCount;
	const journeys = [];
	for (let d = 0; d < prof.deadlines.length; d++) {
		const T = prof.deadlines[d];
		let best = T - direct;
		let bestArr = Number.isFinite(best) ? T : Infinity;
		let bestLegs = 0;
		for (let k = 0; k < a.stops.length; k++) {
			const s = d * ns + a.stops[k];
			if (prof.latest[s] <= UNREACHED_BACK) continue;
			const leave = prof.latest[s] - a.sec[k];
			if (leave < best) continue;
			const arr = prof.arrival[s];
			if (leave > best || arr < bestArr || (arr === bestArr && prof.legs[s] < bestLegs)) [best, bestArr, bestLegs] = [leave, arr, prof.legs[s]];
		}
		journeys.push({ T, leave: best, arrive: bestArr, legs: Number.isFinite(best) ? bestLegs : NaN });
	}
	const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null);
	const minutes = journeys.map((j) => (j.arrive - j.leave) / 60);
	const waits = journeys.map((j) => (j.arrive === Infinity ? Infinity : (j.T - j.arrive) / 60));
	const changes = journeys.filter((j) => !Number.isNaN(j.legs)).map((j) => Math.max(0, j.legs - 1));
	return {
		journeys,
		row: { p50: round(percentile(minutes, 50)), p80: round(percentile(minutes, 80)), waitP50: round(percentile(waits, 50)), waitP80: round(percentile(waits, 80)), changes: changes.length ? median(changes) : null }
	};
}

describe('PtMatrix against the plain reference (Zug feed)', () => {
	it('gives the same journey per origin and deadline, and the same p50/p80, waits and changes', () => {
		const rnd = mulberry32(11);
		// Origins over the canton and beside stops (ties between access stops are common there), some beyond walking reach.
		const origins = Array.from({ length: 400 }, (_, i) => {
			if (i % 3 === 0) {
				const s = Math.floor(rnd() * tt.stopCount);
				return { id: `s${i}`, lon: tt.stopLon[s] + (rnd() - 0.5) * 0.004, lat: tt.stopLat[s] + (rnd() - 0.5) * 0.003 };
			}
			return { id: `r${i}`, lon: 8.4 + rnd() * 0.25, lat: 47.08 + rnd() * 0.14 };
		});
		const targets = [
			{ lon: 8.5158, lat: 47.1733 }, // Zug station
			{ lon: 8.4637, lat: 47.1138 },
			{ lon: 8.6, lat: 47.2 }
		];
		const m = new PtMatrix(tt, origins);
		let reached = 0;
		for (const target of targets) {
			const rows = m.toTarget(target);
			const samples = m.windowSamples(target);
			const nd = samples.deadlines.length;
			origins.forEach((o, i) => {
				const ref = reference(o, target);
				expect(rows[i], `${o.id} → ${target.lon}`).toEqual({ id: o.id, ...ref.row });
				ref.journeys.forEach((j, d) => {
					expect([samples.leave[i * nd + d], samples.arrive[i * nd + d], samples.legs[i * nd + d]]).toEqual([j.leave, j.arrive, j.legs]);
				});
				if (ref.row.p50 !== null) reached++;
			});
		}
		expect(reached).toBeGreaterThan(200); // ~a fifth of the 1,200 pairs reach (random points are often beyond a walk to a stop): not a comparison of empty rows
	});
});

describe('a tie in departure and arrival goes to fewer vehicle legs', () => {
	// The origin half-way between P and Q (500 m apart): DIRECT leaves Q 07:30 → D 07:50; P 07:30 → M 07:40, then
	// M 07:44 → D 07:50 (two legs). Same departure from the origin, same arrival: the direct one counts (0 changes),
	// whichever stop the access list names first (both orders of stops.txt).
	const m250 = 250 / (111_195 * Math.cos((47 * Math.PI) / 180));
	const at = { P: 8.0, Q: 8.0 + 2 * m250, M: 8.05, D: 8.1 };
	// stops.txt in the given order: the access list follows the stop index.
	const feed = (order: (keyof typeof at)[]) =>
		weekdayFeed({
			stops: Object.fromEntries(order.map((k) => [k, at[k]])),
			trips: ['DIRECT', 'TWO_A', 'TWO_B'],
			stopTimes: [
				['DIRECT', '07:30:00', '07:30:00', 'Q', 1], ['DIRECT', '07:50:00', '07:50:00', 'D', 2],
				['TWO_A', '07:30:00', '07:30:00', 'P', 1], ['TWO_A', '07:40:00', '07:40:00', 'M', 2],
				['TWO_B', '07:44:00', '07:44:00', 'M', 1], ['TWO_B', '07:50:00', '07:50:00', 'D', 2]
			]
		});
	for (const order of [['P', 'Q', 'M', 'D'], ['Q', 'P', 'M', 'D']] as (keyof typeof at)[][])
		it(`stops listed ${order.join(', ')}`, () => {
			const { timetable } = parseGtfs(feed(order), { date: '2021-06-15' });
			const window = { startSec: 8 * 3600, endSec: 8 * 3600, stepSec: 60 };
			const m = new PtMatrix(timetable, [{ id: 'o', lon: at.P + m250, lat: 47.0 }], window);
			const s = m.windowSamples({ lon: at.D, lat: 47.0 });
			expect([s.arrive[0], s.legs[0]]).toEqual([7 * 3600 + 50 * 60, 1]);
			expect(m.toTarget({ lon: at.D, lat: 47.0 })[0].changes).toBe(0);
		});
});

describe('percentiles without a sort', () => {
	it('percentileInPlace equals percentile (numpy\'s interpolation) on random samples with ties and Infinity', () => {
		const rnd = mulberry32(5);
		for (let t = 0; t < 3000; t++) {
			const n = 1 + Math.floor(rnd() * 120);
			const values = Array.from({ length: n }, () => (rnd() < 0.15 ? Infinity : rnd() < 0.3 ? Math.floor(rnd() * 4) : Math.round(rnd() * 900) / 10));
			for (const p of [0, 10, 50, 80, 95, 100]) expect(percentileInPlace(Float64Array.from(values), p), `${p} of ${values}`).toBe(percentile(values, p));
			// Several at once on one array: each selection searches right of the one before.
			const ps = [0, 10, 50, 50, 80, 95, 100].filter(() => rnd() < 0.6);
			expect([...percentilesInPlace(Float64Array.from(values), ps, new Float64Array(ps.length))], `${ps} of ${values}`).toEqual(ps.map((p) => percentile(values, p)));
		}
		expect(percentileInPlace(new Float64Array(0), 50)).toBeNaN();
		expect(percentileInPlace(Float64Array.from([3, NaN, 1]), 50)).toBe(percentile([3, NaN, 1], 50));
	});

	it('medianOfCounts equals the median of the values counted', () => {
		const rnd = mulberry32(9);
		for (let t = 0; t < 2000; t++) {
			const values = Array.from({ length: 1 + Math.floor(rnd() * 95) }, () => Math.floor(rnd() * rnd() * 6));
			const counts = new Int32Array(8);
			for (const v of values) counts[v]++;
			expect(medianOfCounts(counts, values.length), String(values)).toBe(median(values));
		}
		expect(medianOfCounts(new Int32Array(4), 0)).toBeNaN();
	});
});
