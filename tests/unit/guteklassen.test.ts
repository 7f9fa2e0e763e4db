/**
 * ÖV-Güteklassen (reach/guteklassen.ts): categories and classes on a small synthetic feed whose departures are
 * counted by hand, the polygon areas against the analytic circles, and a sanity run on the real Zug feed.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { area as turfArea, booleanClockwise, booleanPointInPolygon, point } from '@turf/turf';
import { parseGtfsFiles } from '../../src/lib/reach/gtfs/index.ts';
import { loadGtfs } from '../../src/lib/reach/networks.ts';
import { classRadius, gkStations, guteklasseAt, klasseAt, serviceKind, stopCategory, type GkStation } from '../../src/lib/reach/guteklassen.ts';
import { guteklassenPolygons, stationPoints } from '../../src/lib/reach/guteklassen-map.ts';

const M_LAT = 1 / 111_320; // degrees per metre north
const mLon = (lat: number) => 1 / (111_320 * Math.cos((lat * Math.PI) / 180));

/** Synthetic feed: stop coordinates, and lines as [route_type, stops, first dep (min), headway (min), last dep (min)]. */
function feed(): Map<string, string> {
	const lat0 = 47.0, lon0 = 8.3;
	const stops: Record<string, [number, number]> = {
		N0: [lon0, lat0], // rail node: lines north (via L), east, south-west
		L: [lon0, lat0 + 1000 * M_LAT],
		N1: [lon0, lat0 + 2000 * M_LAT],
		N2: [lon0 + 2000 * mLon(lat0), lat0],
		N3: [lon0 - 1400 * mLon(lat0), lat0 - 1400 * M_LAT],
		// Buses far from the rail (10+ km east), each between two termini 3 km apart.
		B: [lon0 + 0.14, lat0],
		BW: [lon0 + 0.14 - 0.04, lat0],
		BE: [lon0 + 0.14 + 0.04, lat0],
		Q: [lon0 + 0.3, lat0],
		QW: [lon0 + 0.26, lat0],
		QE: [lon0 + 0.34, lat0],
		H: [lon0 + 0.46, lat0],
		HW: [lon0 + 0.42, lat0],
		HE: [lon0 + 0.5, lat0],
		T: [lon0 + 0.62, lat0],
		TW: [lon0 + 0.58, lat0],
		TE: [lon0 + 0.66, lat0]
	};
	type Line = [number, string[], number, number, number];
	const both = (rt: number, s: string[], first: number, head: number, last: number): Line[] => [
		[rt, s, first, head, last],
		[rt, [...s].reverse(), first, head, last]
	];
	const lines: Line[] = [
		// Rail: every 10 min 06:00–19:50 out of N0 and back: N0 departs 3 × 84 = 252 → interval 840 / 126 = 6.7 min.
		...both(2, ['N0', 'L', 'N1'], 360, 10, 1190),
		...both(2, ['N0', 'N2'], 360, 10, 1190),
		...both(2, ['N0', 'N3'], 360, 10, 1190),
		// Bus B every 15 min both ways: 2 × 56 = 112 departures → 15 min.
		...both(3, ['BW', 'B', 'BE'], 355, 15, 1180),
		// Bus Q every 30 min both ways: 2 × 28 → 30 min; an extra departure at 05:40 and at 20:00 is outside the period.
		...both(3, ['QW', 'Q', 'QE'], 340, 30, 1200),
		// Bus H hourly both ways: 2 × 14 → 60 min.
		...both(3, ['HW', 'H', 'HE'], 355, 60, 1200),
		// Tram T every 7.5 min (two interleaved 15-min lines) both ways: 4 × 56 = 224 → 7.5 min.
		...both(0, ['TW', 'T', 'TE'], 355, 15, 1180),
		...both(0, ['TW', 'T', 'TE'], 362.5, 15, 1187.5)
	];
	const hm = (min: number) => {
		const s = Math.round(min * 60);
		return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
	};
	const st = ['trip_id,arrival_time,departure_time,stop_id,stop_sequence'];
	const trips = ['route_id,service_id,trip_id'];
	const routes = ['route_id,route_short_name,route_type'];
	lines.forEach(([rt, s, first, head, last], li) => {
		routes.push(`r${li},L${li},${rt}`);
		let n = 0;
		for (let t = first; t <= last + 1e-9; t += head) {
			const id = `t${li}_${n++}`;
			trips.push(`r${li},wd,${id}`);
			s.forEach((stop, k) => st.push(`${id},${hm(t + 5 * k)},${hm(t + 5 * k)},${stop},${k + 1}`));
		}
	});
	return new Map([
		['stops.txt', ['stop_id,stop_name,stop_lat,stop_lon', ...Object.entries(stops).map(([id, [lon, lat]]) => `${id},${id},${lat},${lon}`)].join('\n')],
		['routes.txt', routes.join('\n')],
		['trips.txt', trips.join('\n')],
		['stop_times.txt', st.join('\n')],
		['calendar.txt', 'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nwd,1,1,1,1,1,0,0,20260101,20261231']
	]);
}

describe('ÖV-Güteklassen tables', () => {
	it('maps route types to rail, tram and other', () => {
		expect([2, 101, 109, 401, 1].map(serviceKind)).toEqual(['rail', 'rail', 'rail', 'rail', 'rail']);
		expect([0, 900].map(serviceKind)).toEqual(['tram', 'tram']);
		expect([3, 700, 702, 1000, 1400, 1300, 7].map(serviceKind)).toEqual(Array(7).fill('other'));
	});

	it('stop categories at the interval limits', () => {
		expect(stopCategory(4.9, 'A')).toBe(1);
		expect(stopCategory(5, 'A')).toBe(1);
		expect(stopCategory(5, 'B')).toBe(2);
		expect(stopCategory(9.99, 'C')).toBe(3);
		expect(stopCategory(10, 'C')).toBe(4);
		expect(stopCategory(39.9, 'C')).toBe(5);
		expect(stopCategory(40, 'C')).toBeNull();
		expect(stopCategory(60, 'B')).toBe(5);
		expect(stopCategory(61, 'B')).toBeNull();
		expect(stopCategory(120, 'A')).toBe(5);
		expect(stopCategory(121, 'A')).toBeNull();
		expect(stopCategory(null, 'A')).toBeNull();
	});

	it('classes by category and distance band', () => {
		expect([0, 300, 301, 500, 501, 750, 751, 1000, 1001].map((d) => klasseAt(1, d))).toEqual(['A', 'A', 'A', 'A', 'B', 'B', 'C', 'C', null]);
		expect([300, 500, 750, 1000].map((d) => klasseAt(2, d))).toEqual(['A', 'B', 'C', 'D']);
		expect([300, 500, 750, 1000].map((d) => klasseAt(3, d))).toEqual(['B', 'C', 'D', null]);
		expect([300, 500, 750].map((d) => klasseAt(4, d))).toEqual(['C', 'D', null]);
		expect([300, 301].map((d) => klasseAt(5, d))).toEqual(['D', null]);
		expect(classRadius(1, 0)).toBe(500);
		expect(classRadius(3, 0)).toBe(0);
		expect(classRadius(3, 3)).toBe(750);
	});
});

describe('ÖV-Güteklassen on a synthetic feed', () => {
	let st: Map<string, GkStation>;
	beforeAll(() => {
		const { timetable } = parseGtfsFiles(feed(), { date: '2026-03-03' });
		st = new Map(gkStations(timetable).map((s) => [s.id, s]));
	});

	it('counts departures in 06:00–20:00 both directions, once per trip and station', () => {
		expect(st.get('N0')!.departures).toBe(252);
		expect(st.get('L')!.departures).toBe(168); // through station, both directions
		expect(st.get('N1')!.departures).toBe(84); // terminus: departures of the return trips only
		expect(st.get('B')!.departures).toBe(112);
		expect(st.get('Q')!.departures).toBe(56); // 05:40/05:45 and 20:00/20:05 fall outside
		expect(st.get('H')!.departures).toBe(28);
		expect(st.get('T')!.departures).toBe(224);
	});

	it('intervals, groups and categories match the hand count', () => {
		const c = (id: string) => [st.get(id)!.group, st.get(id)!.intervalMin === null ? null : Math.round(st.get(id)!.intervalMin! * 100) / 100, st.get(id)!.category];
		expect(c('N0')).toEqual(['A', 6.67, 1]); // rail node (3 directions), 5–10 min → I
		expect(st.get('N0')!.railDirections).toBe(3);
		expect(c('L')).toEqual(['B', 10, 3]); // rail line, 10–20 min → III
		expect(c('N1')).toEqual(['B', 20, 4]); // rail line, 20–40 min → IV
		expect(c('B')).toEqual(['C', 15, 4]); // bus 10–20 min → IV
		expect(c('Q')).toEqual(['C', 30, 5]); // bus 20–40 min → V
		expect(c('H')).toEqual(['C', 60, null]); // bus hourly → no category
		expect(c('T')).toEqual(['B', 7.5, 2]); // tram in group B, 5–10 min → II
	});

	it('the tram can be grouped with buses', () => {
		const { timetable } = parseGtfsFiles(feed(), { date: '2026-03-03' });
		const t = gkStations(timetable, { tramGroup: 'C' }).find((s) => s.id === 'T')!;
		expect([t.group, t.category]).toEqual(['C', 3]);
	});

	it('class at a point is the best over the stations', () => {
		const all = [...st.values()];
		const b = st.get('B')!;
		const east = (s: GkStation, m: number) => guteklasseAt(all, s.lon + m * mLon(s.lat), s.lat);
		expect(east(b, 0)).toMatchObject({ klasse: 'C', points: 2, station: 'B', category: 4, distanceM: 0 });
		expect(east(b, 400).klasse).toBe('D');
		expect(east(b, 600).klasse).toBeNull();
		const n0 = st.get('N0')!;
		// 450 m west of N0: category I → A (≤ 500 m).
		expect(east(n0, -450)).toMatchObject({ klasse: 'A', station: 'N0', category: 1 });
		// 200 m north of L (category III → B ≤ 300) is 800 m from N0 (I → C): B wins.
		expect(guteklasseAt(all, n0.lon, n0.lat + 1200 * M_LAT)).toMatchObject({ klasse: 'B', station: 'L' });
	});

	it('draws disjoint class bands with the areas of the circles', () => {
		const fc = guteklassenPolygons([st.get('B')!]); // category IV: C ≤ 300 m, D 300–500 m
		expect(fc.features.map((f) => f.properties.klasse)).toEqual(['C', 'D']);
		const km2 = (k: string) => turfArea(fc.features.find((f) => f.properties.klasse === k)!) / 1e6;
		// Vertices on the exact circles, arcs every 5°: within 0.5 % (the rest is LV95 vs spherical area).
		expect(Math.abs(km2('C') / (Math.PI * 0.3 ** 2) - 1)).toBeLessThan(0.005);
		expect(Math.abs(km2('D') / (Math.PI * (0.5 ** 2 - 0.3 ** 2)) - 1)).toBeLessThan(0.005);
		const b = st.get('B')!;
		const inside = (k: string, m: number) => booleanPointInPolygon(point([b.lon + m * mLon(b.lat), b.lat]), fc.features.find((f) => f.properties.klasse === k)!);
		expect([inside('C', 0), inside('C', 290), inside('C', 310), inside('D', 310), inside('D', 0), inside('D', 510)]).toEqual([true, true, false, true, false, false]);
		// RFC 7946 winding: outer rings counter-clockwise, holes clockwise.
		const d = fc.features.find((f) => f.properties.klasse === 'D')!.geometry.coordinates[0];
		expect([booleanClockwise(d[0]), booleanClockwise(d[1])]).toEqual([false, true]);
	});

	it('exports stations as points with category names, also in LV95', () => {
		const fc = stationPoints([st.get('N0')!, st.get('H')!], 'lv95');
		expect(fc.features.map((f) => f.properties!.category)).toEqual(['I', null]);
		const [e, n] = fc.features[0].geometry.coordinates;
		expect(e).toBeGreaterThan(2_600_000);
		expect(n).toBeGreaterThan(1_100_000);
	});
});

describe('ÖV-Güteklassen on the real Zug feed (2021-06-15)', () => {
	let stations: GkStation[];
	beforeAll(() => {
		stations = gkStations(loadGtfs(new Uint8Array(readFileSync('data/networks/gtfs_ch_zug.zip')), 'zug', '2021-06-15').timetable);
	}, 60_000);

	it('Zug station is a rail node of category I and class A', () => {
		const zug = stations.find((s) => s.name === 'Zug' && s.group === 'A')!;
		expect(zug.category).toBe(1);
		expect(zug.departures).toBeGreaterThan(300); // ≈ 24 per hour, both directions
		expect(guteklasseAt(stations, 8.5150, 47.1737)).toMatchObject({ klasse: 'A', station: 'Zug' });
	});

	it('a bus-only village is worse than the town centre, and the mountains have no class', () => {
		// Menzingen (bus only) and the Zugerberg forest above Zug.
		const menzingen = guteklasseAt(stations, 8.5917, 47.1783);
		expect(['C', 'D']).toContain(menzingen.klasse);
		expect(guteklasseAt(stations, 8.545, 47.142).klasse).toBeNull();
	});
});
