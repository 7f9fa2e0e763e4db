import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import Papa from 'papaparse';
import { loadGtfs } from '../../src/lib/reach/networks.ts';
import { route } from '../../src/lib/reach/gtfs/index.ts';

/**
 * The default network takes the lines the real 2021 Swiss GTFS (Zug cut) covers from that feed. Expected
 * values are read here from data/networks/gtfs_ch_zug.zip itself (Tuesday 2021-06-15), independently of
 * the generator's code.
 */
type Row = Record<string, string>;
const csv = (text: string) => Papa.parse<Row>(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
const sec = (t: string) => t.split(':').map(Number).reduce((a, x) => a * 60 + x, 0);
const unzip = (f: string) => Object.fromEntries(Object.entries(unzipSync(new Uint8Array(readFileSync(f)))).map(([n, b]) => [n, csv(strFromU8(b))]));

const DATE = '20210615';
const real = unzip('data/networks/gtfs_ch_zug.zip');
const ours = unzip('data/networks/lucerne_approx_gtfs.zip');

/** Trips as lists of [stop name, arrival s, departure s], with each feed's own stop names. */
function tripsOf(feed: Record<string, Row[]>, keepTrip: (t: Row, r: Row) => boolean): Map<string, [string, number, number][]> {
	const stopName = new Map(feed['stops.txt'].map((s) => [s.stop_id, s.stop_name]));
	const routes = new Map(feed['routes.txt'].map((r) => [r.route_id, r]));
	const kept = new Set(feed['trips.txt'].filter((t) => keepTrip(t, routes.get(t.route_id)!)).map((t) => t.trip_id));
	const out = new Map<string, [string, number, number, number][]>();
	for (const st of feed['stop_times.txt']) {
		if (!kept.has(st.trip_id)) continue;
		out.set(st.trip_id, [...(out.get(st.trip_id) ?? []), [stopName.get(st.stop_id)!, sec(st.arrival_time), sec(st.departure_time), Number(st.stop_sequence)]]);
	}
	return new Map([...out].map(([k, v]) => [k, v.sort((a, b) => a[3] - b[3]).map(([n, a, d]) => [n, a, d] as [string, number, number])]));
}

/** Modal minutes from `a` to `b` over the trips calling at both in that order. */
function modal(trips: Map<string, [string, number, number][]>, a: string, b: string): number | null {
	const n = new Map<number, number>();
	for (const calls of trips.values()) {
		const i = calls.findIndex((c) => c[0] === a);
		const j = calls.findIndex((c, k) => k > i && c[0] === b);
		if (i < 0 || j < 0) continue;
		const m = (calls[j][1] - calls[i][2]) / 60;
		n.set(m, (n.get(m) ?? 0) + 1);
	}
	return [...n].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0]?.[0] ?? null;
}

const active = (() => {
	const on = new Set(real['calendar.txt'].filter((c) => c.tuesday === '1' && c.start_date <= DATE && DATE <= c.end_date).map((c) => c.service_id));
	for (const e of real['calendar_dates.txt']) if (e.date === DATE) (e.exception_type === '1' ? on.add(e.service_id) : on.delete(e.service_id));
	return on;
})();
// The real S-Bahn S1 (route_desc "S-Bahn"), and ours: routes of the real-trips agency named S1.
const realS1 = tripsOf(real, (t, r) => active.has(t.service_id) && r.route_short_name === 'S1' && r.route_desc === 'S-Bahn');
const oursS1 = tripsOf(ours, (_t, r) => r.agency_id === 'CH2021' && r.route_short_name === 'S1');

describe('real 2021 trips in the default network', () => {
	it.each([
		['Sursee', 'Luzern'],
		['Rothenburg', 'Luzern'],
		['Emmenbrücke Gersag', 'Luzern'],
		['Emmenbrücke', 'Luzern'],
		['Ebikon', 'Luzern'],
		['Root D4', 'Luzern'],
		['Rotkreuz', 'Luzern'],
		['Luzern', 'Sursee'],
		['Luzern', 'Emmenbrücke'],
		['Luzern', 'Ebikon'],
		['Rotkreuz', 'Zug']
	])('S1 %s → %s matches the 2021 feed within ±1 min', (a, b) => {
		const want = modal(realS1, a, b);
		expect(want, 'in the real feed').not.toBeNull();
		expect(Math.abs(modal(oursS1, a, b)! - want!)).toBeLessThanOrEqual(1);
	});

	it('has the real S1 figures that the approximate network got wrong before (3–7 min too short)', () => {
		expect(modal(oursS1, 'Sursee', 'Luzern')).toBe(27);
		expect(modal(oursS1, 'Rothenburg', 'Luzern')).toBe(14);
		expect(modal(oursS1, 'Emmenbrücke', 'Luzern')).toBe(7);
	});

	it('serves Emmenbrücke Gersag on the S1 and Rotkreuz on the IR75', () => {
		const calls = (trips: Map<string, [string, number, number][]>) => new Set([...trips.values()].flatMap((c) => c.map((x) => x[0])));
		expect(calls(oursS1).has('Emmenbrücke Gersag')).toBe(true);
		const ir75 = tripsOf(ours, (_t, r) => r.agency_id === 'CH2021' && r.route_short_name === 'IR75');
		expect(modal(ir75, 'Luzern', 'Rotkreuz')).toBe(13);
		expect(modal(ir75, 'Rotkreuz', 'Luzern')).toBe(14);
	});

	it('runs the real number of S1 trips of that day within the DIDOK region', () => {
		expect(oursS1.size).toBe(realS1.size);
	});

	it('generates no line that the real feed covers', () => {
		const generated = ours['routes.txt'].filter((r) => r.agency_id === 'APPROX');
		expect(generated.filter((r) => ['S1', 'S2', 'IR70', 'IR75'].includes(r.route_short_name)).map((r) => r.route_long_name)).toEqual([]);
		expect(generated.filter((r) => /Luzern–Zug/.test(r.route_long_name)).map((r) => r.route_long_name)).toEqual([]);
	});

	it('calibrates generated rail lines on common segments: S9 Luzern ↔ Emmenbrücke as the real S1', () => {
		const s9 = tripsOf(ours, (_t, r) => r.agency_id === 'APPROX' && r.route_short_name === 'S9');
		expect(modal(s9, 'Luzern', 'Emmenbrücke')).toBe(modal(realS1, 'Luzern', 'Emmenbrücke'));
		expect(modal(s9, 'Emmenbrücke', 'Luzern')).toBe(modal(realS1, 'Emmenbrücke', 'Luzern'));
		expect(modal(s9, 'Emmenbrücke Gersag', 'Emmenbrücke')).toBe(modal(realS1, 'Emmenbrücke Gersag', 'Emmenbrücke'));
	});

	it('routes Rothenburg → Luzern by the real S1 in the PT engine (14 min)', () => {
		const pt = loadGtfs(new Uint8Array(readFileSync('data/networks/lucerne_approx_gtfs.zip')), 'test');
		const at = (name: string) => {
			const s = ours['stops.txt'].find((x) => x.stop_name === name)!;
			return { lon: Number(s.stop_lon), lat: Number(s.stop_lat) };
		};
		const it = route(pt.timetable, at('Rothenburg'), at('Luzern'), 8 * 3600)!;
		const legs = it.legs.filter((l) => l.mode === 'pt');
		expect(legs.map((l) => l.route)).toEqual(['S1']);
		expect((legs[0].arr - legs[0].dep) / 60).toBe(14);
	});
});
