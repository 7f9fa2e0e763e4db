import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { parseGtfs, GtfsError, PEER_RULES, parseGtfsTime } from '../../src/lib/reach/gtfs/index.ts';

const dir = 'tests/fixtures/gtfs/tiny';
/** Zip the tiny fixture, optionally replacing or removing files. */
function tinyZip(patch: Record<string, string | null> = {}): Uint8Array {
	const files: Record<string, Uint8Array> = {};
	for (const f of readdirSync(dir)) files[f] = new Uint8Array(readFileSync(join(dir, f)));
	for (const [name, text] of Object.entries(patch)) {
		if (text === null) delete files[name];
		else files[name] = strToU8(text);
	}
	return zipSync(files);
}
function catchGtfs(fn: () => unknown): GtfsError {
	try {
		fn();
	} catch (e) {
		if (e instanceof GtfsError) return e;
		throw e;
	}
	throw new Error('expected a GtfsError');
}

describe('parseGtfsTime', () => {
	it('parses times past midnight and rejects garbage', () => {
		expect(parseGtfsTime('08:05:30')).toBe(8 * 3600 + 5 * 60 + 30);
		expect(parseGtfsTime('7:00:00')).toBe(7 * 3600);
		expect(parseGtfsTime('25:10:00')).toBe(25 * 3600 + 600);
		expect(parseGtfsTime('')).toBe(-1);
		expect(parseGtfsTime('8h00')).toBeNaN();
		expect(parseGtfsTime('08:61:00')).toBeNaN();
	});
});

describe('parseGtfs on the tiny fixture', () => {
	const { timetable: tt, warnings } = parseGtfs(tinyZip(), { date: '2021-06-15' });
	const id = (s: string) => tt.stopIndex.get(s)!;

	it('keeps only services active on the date (calendar + calendar_dates) and expands frequencies', () => {
		// T1, T2, T3, T5 (added by calendar_dates), T6, T7 template, + 3 frequency copies; T4 is Saturday-only
		expect(tt.tripIds.filter((t) => !t.includes('@')).sort()).toEqual(['T1', 'T2', 'T3', 'T5', 'T6', 'T7']);
		expect(tt.tripIds.filter((t) => t.startsWith('T7@'))).toEqual(['T7@21600', 'T7@22800', 'T7@24000']);
		// connections: T1 2, T2 1, T3 1, T5 1, T6 2, T7 3 × 1
		expect(tt.connCount).toBe(10);
		for (let c = 1; c < tt.connCount; c++) expect(tt.connDepTime[c]).toBeGreaterThanOrEqual(tt.connDepTime[c - 1]);
	});

	it('orders stop_times by stop_sequence, keeps times past 24:00 and interpolates untimed stops', () => {
		const t3 = tt.tripIds.indexOf('T3');
		const c = [...tt.connTrip.keys()].find((k) => tt.connTrip[k] === t3)!;
		expect(tt.stopIds[tt.connDepStop[c]]).toBe('B2');
		expect(tt.stopIds[tt.connArrStop[c]]).toBe('D');
		const t6 = tt.tripIds.indexOf('T6');
		const c6 = [...tt.connTrip.keys()].filter((k) => tt.connTrip[k] === t6);
		expect(c6.map((k) => [tt.connDepTime[k], tt.connArrTime[k]])).toEqual([
			[24 * 3600 + 1800, 24 * 3600 + 2700],
			[24 * 3600 + 2700, 25 * 3600]
		]);
		expect(warnings.find((w) => w.code === 'interpolated_times')?.count).toBe(1);
	});

	it('warns about the missing parent but keeps the stop', () => {
		const w = warnings.find((x) => x.code === 'missing_parent')!;
		expect(w.count).toBe(1);
		expect(w.examples[0]).toBe('D → GHOST');
		expect(tt.stopParent[id('D')]).toBe(-1);
		expect(tt.stopParent[id('B')]).toBe(id('STB'));
		expect(tt.stopNames[id('B2')]).toBe('Beta, Platform 2');
		expect(tt.routeShortNames[tt.tripRoute[tt.tripIds.indexOf('T5')]]).toBe('Line Three');
	});

	it('applies per-stop change times, sibling links and generated walking links', () => {
		expect(tt.minChangeSec[id('C')]).toBe(600); // from_stop_id = to_stop_id
		expect(tt.minChangeSec[id('A')]).toBe(120); // default
		const foot = (a: string, b: string) => {
			for (let e = tt.footOutStart[id(a)]; e < tt.footOutStart[id(a) + 1]; e++)
				if (tt.footOutTo[e] === id(b)) return tt.footOutSec[e];
			return undefined;
		};
		expect(foot('B', 'B2')).toBe(120); // siblings under STB: max(walk 18 s, 120 s)
		// D–E: 190 m × 1.3 / 75 m/min = 3.29 min = 198 s (both directions)
		expect(foot('D', 'E')).toBeGreaterThanOrEqual(196);
		expect(foot('D', 'E')).toBeLessThanOrEqual(199);
		expect(foot('E', 'D')).toBe(foot('D', 'E'));
		expect(foot('A', 'B')).toBeUndefined(); // 758 m > 300 m
	});

	it('peer rules switch off default change time and generated links', () => {
		const { timetable: p } = parseGtfs(tinyZip(), { date: '2021-06-15', ...PEER_RULES });
		expect(p.minChangeSec[p.stopIndex.get('A')!]).toBe(0);
		expect(p.minChangeSec[p.stopIndex.get('C')!]).toBe(600);
		expect(p.footOutTo.length).toBe(0);
	});
});

describe('broken feeds give errors naming file, row and column', () => {
	it('not a zip', () => {
		const e = catchGtfs(() => parseGtfs(strToU8('hello'), { date: '2021-06-15' }));
		expect(e.code).toBe('not_zip');
		expect(e.msg.de).toContain('ZIP');
	});
	it('missing stop_times.txt', () => {
		const e = catchGtfs(() => parseGtfs(tinyZip({ 'stop_times.txt': null }), { date: '2021-06-15' }));
		expect(e.code).toBe('missing_file');
		expect(e.location.file).toBe('stop_times.txt');
	});
	it('bad time', () => {
		const text = readFileSync(join(dir, 'stop_times.txt'), 'utf8').replace('T1,08:10:00,08:10:00', 'T1,08:1O:00,08:10:00');
		const e = catchGtfs(() => parseGtfs(tinyZip({ 'stop_times.txt': text }), { date: '2021-06-15' }));
		expect(e.location).toEqual({ file: 'stop_times.txt', row: 3, column: 'arrival_time' });
		expect(e.message).toContain('stop_times.txt, row 3, column arrival_time');
	});
	it('missing required column', () => {
		const e = catchGtfs(() => parseGtfs(tinyZip({ 'trips.txt': 'route_id,trip_id\nR1,T1\n' }), { date: '2021-06-15' }));
		expect(e.location).toEqual({ file: 'trips.txt', row: 1, column: 'service_id' });
	});
});

describe('real feed: Zug 2021', () => {
	it('parses the Swiss timetable for Tuesday 2021-06-15 and tolerates ~110 missing parents', () => {
		const bytes = new Uint8Array(readFileSync('data/networks/gtfs_ch_zug.zip'));
		const { timetable: tt, warnings } = parseGtfs(bytes, { date: '2021-06-15' });
		expect(tt.stopCount).toBe(597);
		expect(tt.tripCount).toBe(2054);
		expect(tt.connCount).toBe(33432);
		const missing = warnings.find((w) => w.code === 'missing_parent')!;
		expect(missing.count).toBe(327); // stop rows pointing at a parent not in stops.txt
		const parents = new Set(tt.stopParentIds.filter((p) => p && !tt.stopIndex.has(p)));
		expect(parents.size).toBeGreaterThan(100);
		expect(parents.size).toBeLessThan(130);
		// Zug platform 1 → 4: a transfers.txt footpath of 180–420 s
		const z1 = tt.stopIndex.get('8502204:0:1')!;
		expect(tt.footOutStart[z1 + 1] - tt.footOutStart[z1]).toBeGreaterThan(3);
	});
});

describe('feedValidity', () => {
	it('reports the Zug validity and suggests a Tuesday inside it', async () => {
		const { feedValidity } = await import('../../src/lib/reach/gtfs/index.ts');
		const v = feedValidity(new Uint8Array(readFileSync('data/networks/gtfs_ch_zug.zip')));
		expect(v.start).toBe('20201213');
		expect(v.end).toBe('20211211');
		expect(new Date(`${v.suggested}T12:00:00Z`).getUTCDay()).toBe(2);
		expect(v.suggested > '2020-12-13' && v.suggested < '2021-12-11').toBe(true);
	});
	it('refuses a day outside the validity, proposing the nearest valid same weekday', () => {
		const e = catchGtfs(() => parseGtfs(tinyZip(), { date: '2030-01-01' }));
		expect(e.code).toBe('outside_validity');
		expect(e.msg.de).toBe('Der 01.01.2030 liegt ausserhalb der Gültigkeit des Fahrplans (01.01.2021–31.12.2021). Nächster gültiger Dienstag: 28.12.2021.');
		expect(e.data).toMatchObject({ requested: '2030-01-01', validFrom: '2021-01-01', validTo: '2021-12-31', suggestion: '2021-12-28' });
	});
	it('refuses a day inside the validity on which nothing runs', () => {
		const e = catchGtfs(() => parseGtfs(tinyZip(), { date: '2021-06-13' })); // a Sunday
		expect(e.code).toBe('no_service');
		expect(e.msg.de).toContain('13.06.2021');
		expect(e.data?.suggestion).toMatch(/^2021-\d\d-\d\d$/);
	});
});
