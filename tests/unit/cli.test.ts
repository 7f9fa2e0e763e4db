import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as matrix from '../../scripts/cli/matrix.ts';
import * as route from '../../scripts/cli/route.ts';
import * as network from '../../scripts/cli/network.ts';
import { lucerneApproxPbf } from '../fixtures/road/lucerne-pbf.ts';
import { writeFileSync } from 'node:fs';
import { capture } from '../helpers/capture.ts';


describe('CLI on the Lucerne default', () => {
	it('matrix writes every zone × destination × mode as CSV', async () => {
		const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'cli-')), 'tt.csv');
		const r = await capture(() => matrix.run(['--out', out]));
		expect(r.code).toBe(0);
		const lines = readFileSync(out, 'utf8').trim().split('\n');
		expect(lines[0]).toBe('origin_zone,origin_cell,destination_id,mode,minutes_p50,minutes_p80,wait_p50,wait_p80,changes,source');
		const head = lines[0].split(',');
		const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i], v])));
		// the wait before the deadline is a PT figure: its p50 is there for every PT row (p80 where the journey has one), empty for car
		expect(rows.filter((x) => x.mode === 'pt').every((x) => x.wait_p50 !== '' && Number(x.wait_p50) >= 0 && (x.wait_p80 === '') === (x.minutes_p80 === ''))).toBe(true);
		expect(rows.filter((x) => x.mode === 'car').every((x) => x.wait_p50 === '' && x.wait_p80 === '')).toBe(true);
		// Zones (settlement points) and the 100 m cells where staff live: every zone and every cell reaches every
		// destination by car (the road mesh is connected).
		const zoneCar = rows.filter((x) => x.mode === 'car' && x.origin_cell === '');
		const cellCar = rows.filter((x) => x.mode === 'car' && x.origin_cell !== '');
		const cells = new Set(cellCar.map((x) => x.origin_cell));
		expect(zoneCar.length).toBe(190 * 17);
		expect(cells.size).toBeGreaterThan(400); // 570 staff homes, a few share a cell
		expect(cellCar.length).toBe(cells.size * 17);
		expect(rows.filter((x) => x.mode === 'pt' && x.origin_cell === '').length).toBeGreaterThan(190 * 17 * 0.8);
		// Kriens → Eichhof-West (next door) is short by car: door to door, incl. 2 + 3 terminal minutes (urban
		// zone at both ends), under 18 min and far shorter than to Sursee.
		const kriens = zoneCar.find((x) => x.origin_zone === '1059' && x.destination_id === 'S1-EICHHOF')!;
		const kriensSursee = zoneCar.find((x) => x.origin_zone === '1059' && x.destination_id === 'S8-SURSEE')!;
		expect(Number(kriens.minutes_p50)).toBeLessThan(18);
		expect(Number(kriensSursee.minutes_p50) - Number(kriens.minutes_p50)).toBeGreaterThan(10);
	});

	it('network cuts a GTFS and a PBF to the study region into network files that matrix takes as they are', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-net-'));
		const pbf = path.join(dir, 'lu.osm.pbf');
		writeFileSync(pbf, lucerneApproxPbf());
		const pt = path.join(dir, 'pt.swnet'), car = path.join(dir, 'car.swnet');
		const a = await capture(() => network.run(['--gtfs', 'data/networks/gtfs_ch_zug.zip', '--date', '2021-06-15', '--out', pt]));
		expect(a.code).toBe(0);
		expect(a.out).toMatch(/Stichtag 2021-06-15.*Gebiet 25 km/);
		expect((await capture(() => network.run(['--pbf', pbf, '--out', car]))).code).toBe(0);
		// The same matrix from the cut files as from the originals.
		const fromFiles = path.join(dir, 'a.csv'), fromSources = path.join(dir, 'b.csv');
		expect((await capture(() => matrix.run(['--gtfs', pt, '--pbf', car, '--out', fromFiles]))).code).toBe(0);
		expect((await capture(() => matrix.run(['--gtfs', 'data/networks/gtfs_ch_zug.zip', '--date', '2021-06-15', '--pbf', pbf, '--out', fromSources]))).code).toBe(0);
		const strip = (f: string) => readFileSync(f, 'utf8').trim().split('\n').map((l) => l.split(',').slice(0, -1).join(','));
		expect(strip(fromFiles)).toEqual(strip(fromSources));
		// Bad usage is exit 2 (no stack trace): neither or both inputs.
		await expect(network.run(['--out', pt])).rejects.toThrow(/exactly one of --gtfs or --pbf/);
	});

	it('route prints a PT itinerary with legs and times', async () => {
		const r = await capture(() => route.run(['--from', '1031', '--to', 'S1-EICHHOF', '--mode', 'pt', '--arrive', '08:00']));
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/Hochdorf \(1031\) → Eichhof-West \(S1-EICHHOF\), arrive by 08:00 on [\d-]+: leave \d\d:\d\d, arrive \d\d:\d\d/);
		const [, journey, wait] = /journey (\d+) min door to door, \d+ change\(s\); wait before the deadline (\d+) min/.exec(r.out)!;
		const [lh, lm, ah, am] = /leave (\d\d):(\d\d), arrive (\d\d):(\d\d)/.exec(r.out)!.slice(1).map(Number);
		const leave = lh * 60 + lm, arrive = ah * 60 + am;
		expect(Math.abs(Number(journey) - (arrive - leave))).toBeLessThanOrEqual(1);
		expect(Math.abs(Number(wait) - (8 * 60 - arrive))).toBeLessThanOrEqual(1);
		expect(r.out).toMatch(/\d\d:\d\d–\d\d:\d\d\s+S9/);
	});

	it('route rejects an unknown place with a clear message', async () => {
		const r = await capture(() => route.run(['--from', '1031', '--to', 'NOWHERE']));
		expect(r.code).toBe(2);
		expect(r.out).toMatch(/Unknown place: NOWHERE/);
	});
});
