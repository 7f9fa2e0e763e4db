/**
 * Travel-time matrices from r5r/r5py, Conveyal and OpenTripPlanner through the app's streaming import
 * (ImportSession / importToDb / the import worker's open-next protocol): the engine is detected from the
 * headers, the matrix is reshaped with a constant mode chosen at import, dropped pairs and notes come back,
 * issues name the user's row and column; a travel_times file of our own columns without `mode` gets an
 * added constant column. Plus the pure helpers matrixSourceColumns and addedColumnName.
 */
import { MessageChannel } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { rows } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import { ImportFileError, ImportSession, importToDb, type ImportIssue } from '../../src/lib/data/import/index.ts';
import { importHandlers, type StreamNextResponse, type StreamOpenResponse } from '../../src/lib/data/import/worker-handlers.ts';
import { addedColumnName, MATRIX_HEADERS, matrixSourceColumns } from '../../src/lib/data/travel-time-formats.ts';
import { client, serve, type Endpoint } from '../../src/lib/util/rpc.ts';
import type { ImportHandlers } from '../../src/lib/data/import/worker-handlers.ts';

const DIR = path.join(import.meta.dirname, '../fixtures/matrices');
const fixture = (f: string) => ({ fileName: f, bytes: new Uint8Array(readFileSync(path.join(DIR, f))) });
const enc = (s: string) => new TextEncoder().encode(s);
const refs = loadGeoRefs();
const where = (issues: ImportIssue[]) => issues.map((i) => [i.severity, i.row, i.column, i.code]);

async function drain(s: ImportSession) {
	let n = 0;
	for (let c = await s.next(); c; c = await s.next()) n += c.batch.numRows;
	return { n, res: s.finish() };
}

describe('pure helpers', () => {
	it('matrixSourceColumns names the engine header behind each travel_times column, as spelled', () => {
		expect(matrixSourceColumns('r5r', ['from_id', 'to_id', 'travel_time_p25', 'travel_time_p50', 'travel_time_p80'])).toEqual({
			origin_zone: 'from_id',
			destination_id: 'to_id',
			minutes_p50: 'travel_time_p50',
			minutes_p80: 'travel_time_p80'
		});
		expect(matrixSourceColumns('r5r', ['from_id', 'to_id', 'travel_time'])).toEqual({ origin_zone: 'from_id', destination_id: 'to_id', minutes_p50: 'travel_time' });
		expect(matrixSourceColumns('conveyal', ['Origin', 'Destination', 'percentile', 'Time'])).toEqual({
			origin_zone: 'Origin',
			destination_id: 'Destination',
			minutes_p50: 'Time',
			minutes_p80: 'Time'
		});
		expect(matrixSourceColumns('otp', ['fromPlace', 'toPlace', 'route_option', 'duration'])).toEqual({ origin_zone: 'fromPlace', destination_id: 'toPlace', minutes_p50: 'duration' });
	});

	it('addedColumnName avoids the file’s own headers (compared normalised)', () => {
		expect(addedColumnName(['origin_zone', 'destination_id'], 'mode')).toBe('mode');
		expect(addedColumnName(['origin_zone', ' Mode '], 'mode')).toBe('mode_2');
		expect(addedColumnName(['mode', 'MODE_2'], 'mode')).toBe('mode_3');
	});
});

describe('ImportSession with engine matrices', () => {
	it('Conveyal without a mode: recognised, travel_times headers at once, no row read until a mode is chosen', async () => {
		const s = await ImportSession.open('travel_times', fixture('conveyal_regional_times.csv'));
		expect(s.matrix).toEqual({ format: 'conveyal', mode: null, dropped: 0, notes: [] });
		expect(s.headers).toEqual([...MATRIX_HEADERS]);
		expect(s.mapping).toMatchObject({ origin_zone: 'origin_zone', mode: 'mode', minutes_p50: 'minutes_p50' });
		const e = await s.next().catch((x) => x);
		expect(e).toBeInstanceOf(ImportFileError);
		expect((e as ImportFileError).code).toBe('mode_required');
	});

	it('Conveyal with mode car: pivoted, unreached pair dropped and counted, committed through importToDb', async () => {
		const s = await ImportSession.open('travel_times', fixture('conveyal_regional_times.csv'), { matrixMode: 'car' });
		const { n, res } = await drain(s);
		expect(n).toBe(4);
		expect(res.stats).toMatchObject({ rows: 4, errors: 0, warnings: 0 });
		expect(res.preview.map((r) => [r.origin_zone, r.destination_id, r.mode, r.minutes_p50, r.minutes_p80, r.source])).toContainEqual([1059, 'S8-SURSEE', 'car', 39, null, 'conveyal']);
		expect(s.matrix).toMatchObject({ format: 'conveyal', mode: 'car', dropped: 1 });
		expect(s.matrix!.notes.map((m) => m.en).join(' ')).toMatch(/(^| )1 pair not reached/);

		const db = await openNodeDb();
		try {
			const r = await importToDb(db, 'travel_times', fixture('conveyal_regional_times.csv'), { matrixMode: 'pt' });
			expect(r).toMatchObject({ committed: true, stats: { rows: 4, errors: 0 } });
			const got = await rows<{ origin_zone: number; destination_id: string; mode: string; minutes_p50: number }>(
				db,
				'SELECT origin_zone, destination_id, mode, minutes_p50 FROM travel_times ORDER BY origin_zone, destination_id'
			);
			expect(got.map((x) => [Number(x.origin_zone), x.destination_id, x.mode, x.minutes_p50])).toEqual([
				[1059, 'S1-EICHHOF', 'pt', 10],
				[1059, 'S8-SURSEE', 'pt', 39],
				[1061, 'S1-EICHHOF', 'pt', 17],
				[1061, 'S8-SURSEE', 'pt', 27]
			]);
		} finally {
			await db.close();
		}
	});

	it('a pair given twice (origin, destination, mode) and a p80 below its p50 are errors on their rows; «1:05» is 65 minutes', async () => {
		const csv = 'origin_zone,destination_id,mode,minutes_p50,minutes_p80\n1061,S1,pt,25,30\n1061,S1,car,1:05,1:10\n1061,S1,PT,40,45\n1059,S1,pt,30,20\n1059,S1,car,00:25,00:30\n';
		const s = await ImportSession.open('travel_times', { fileName: 'tt.csv', bytes: enc(csv) });
		const { res } = await drain(s);
		expect(where(res.issues)).toEqual([
			['error', 4, 'origin_zone', 'duplicate_row'],
			['error', 5, 'minutes_p80', 'out_of_order']
		]);
		expect(res.issues[0].message.en).toBe('Duplicate row: origin_zone 1061, destination_id S1, mode pt as in row 2. One row per origin_zone, destination_id, mode: delete the duplicate or merge the two.');
		expect(res.preview.filter((r) => r.mode === 'car').map((r) => [r.minutes_p50, r.minutes_p80])).toEqual([[65, 70], [25, 30]]);
	});
	it('origin zones that are no municipality of the region (merged, or elsewhere) are named: their times join no home', async () => {
		const csv = 'origin_zone,destination_id,mode,minutes_p50\n1061,S1,pt,25\n1057,S1,pt,30\n9998,S1,pt,20\n9998,S2,pt,21\n';
		const s = await ImportSession.open('travel_times', { fileName: 'tt.csv', bytes: enc(csv) }, { refs });
		const { res } = await drain(s);
		expect(where(res.issues)).toEqual([['warning', null, 'origin_zone', 'origin_zone_unknown']]);
		expect(res.issues[0].message.en).toBe('Origin zones that are no municipality of the region (as of 2026): 1057 (merged into 1065), 9998 (3 rows, first in row 3). Their travel times match no home and are not used. Give merged municipalities by their new BFS number.');
	});
	it('r5r / OTP: issues carry the user’s row number and the engine’s column name', async () => {
		const csv = 'from_id,to_id,travel_time_p50,travel_time_p80\n1061,S1-EICHHOF,17,21\n1059,S1-EICHHOF,zehn,12\nBFS?,S8-SURSEE,27,2000\n';
		const s = await ImportSession.open('travel_times', { fileName: 'r5r.csv', bytes: enc(csv) }, { matrixMode: 'pt' });
		const { res } = await drain(s);
		expect(where(res.issues)).toEqual([
			['error', 4, 'from_id', 'bad_integer'],
			['error', 3, 'travel_time_p50', 'bad_number'],
			['error', 4, 'travel_time_p80', 'out_of_range']
		]);
		const otp = await ImportSession.open('travel_times', fixture('otp_plan.csv'), { matrixMode: 'pt' });
		const o = await drain(otp);
		expect(o.res.stats).toMatchObject({ rows: 2, errors: 0 });
		expect(otp.matrix?.format).toBe('otp');
		expect(o.res.preview.map((r) => [r.origin_zone, r.minutes_p50, r.changes, r.mode])).toEqual([
			[1061, 19, 1, 'pt'],
			[1103, 4.5, 0, 'pt']
		]);
	});

	it('a Conveyal file without percentile 50 is a file-level issue, not a crash', async () => {
		const csv = 'origin,destination,percentile,time\n1061,S1-EICHHOF,80,21\n';
		const s = await ImportSession.open('travel_times', { fileName: 'c.csv', bytes: enc(csv) }, { matrixMode: 'pt' });
		const e = await s.next().catch((x) => x);
		expect(e).toBeInstanceOf(ImportFileError);
		expect((e as ImportFileError).code).toBe('matrix_format');
		expect((e as ImportFileError).msg.de).toMatch(/Perzentil 50/);
	});
});

describe('travel_times of our own columns', () => {
	const noMode = 'origin_zone,destination_id,minutes_p50\n1061,S1-EICHHOF,12\n1059,S1-EICHHOF,7\n';

	it('without a mode column and no choice: flagged, behaves as before (missing column error)', async () => {
		const s = await ImportSession.open('travel_times', { fileName: 'own.csv', bytes: enc(noMode) });
		expect(s.matrix).toEqual({ format: null, mode: null, dropped: 0, notes: [] });
		const { res } = await drain(s);
		expect(where(res.issues)).toEqual([['error', null, null, 'missing_column']]);
	});

	it('without a mode column and mode car: an added constant column feeds mode', async () => {
		const s = await ImportSession.open('travel_times', { fileName: 'own.csv', bytes: enc(noMode) }, { matrixMode: 'car' });
		expect(s.headers).toEqual(['origin_zone', 'destination_id', 'minutes_p50', 'mode']);
		expect(s.mapping.mode).toBe('mode');
		const { n, res } = await drain(s);
		expect(n).toBe(2);
		expect(res.issues).toEqual([]);
		expect(res.preview.map((r) => r.mode)).toEqual(['car', 'car']);
		// The user unmapped a "mode" column of the file: the constant goes into mode_2.
		const withCol = 'origin_zone,destination_id,mode,minutes_p50\n1061,S1-EICHHOF,?,12\n';
		const u = await ImportSession.open('travel_times', { fileName: 'own.csv', bytes: enc(withCol) }, { matrixMode: 'pt', mapping: { mode: '' } });
		expect(u.mapping.mode).toBe('mode_2');
		expect((await drain(u)).res.preview[0].mode).toBe('pt');
	});

	it('with a mode column (or for other tables) nothing changes', async () => {
		const csv = 'origin,destination,mode,travel_time\n1061,S1-EICHHOF,pt,12\n';
		const s = await ImportSession.open('travel_times', { fileName: 'r5.csv', bytes: enc(csv) }, { matrixMode: 'car' });
		expect(s.matrix).toBeNull();
		expect((await drain(s)).res.preview[0].mode).toBe('pt');
		// An r5r matrix with its own mode column (pt and car rows) keeps it.
		const r5 = 'from_id,to_id,mode,travel_time_p50\n1061,S1-EICHHOF,pt,17\n1061,S1-EICHHOF,car,9\n';
		const m = await ImportSession.open('travel_times', { fileName: 'r5r.csv', bytes: enc(r5) }, { matrixMode: 'pt' });
		expect(m.matrix).toBeNull();
		expect((await drain(m)).res.preview.map((r) => [r.mode, r.minutes_p50])).toEqual([
			['pt', 17],
			['car', 9]
		]);
		const st = await ImportSession.open('staff', fixture('conveyal_regional_times.csv'), { matrixMode: 'car' });
		expect(st.matrix).toBeNull();
	});
});

describe('import worker protocol', () => {
	it('open reports the matrix; the last next returns dropped pairs and notes', async () => {
		const ch = new MessageChannel();
		serve(ch.port1 as unknown as Endpoint, importHandlers());
		const call = client<ImportHandlers>(ch.port2 as unknown as Endpoint);
		try {
			const f = fixture('conveyal_regional_times.csv');
			const blob = new Blob([f.bytes]);
			const o = await call.open({ table: 'travel_times', fileName: f.fileName, file: blob, matrixMode: 'pt' });
			expect(o.ok && o.matrix).toMatchObject({ format: 'conveyal', mode: 'pt' });
			if (!o.ok) return;
			let staged = 0;
			let last: StreamNextResponse;
			for (;;) {
				last = await call.next({ session: o.session });
				if (last.done) break;
				staged += tableFromIPC(last.ipc).numRows;
			}
			expect(staged).toBe(4);
			expect(last.done && last.ok && last.matrix).toMatchObject({ format: 'conveyal', dropped: 1 });
		} finally {
			ch.port1.close();
			ch.port2.close();
		}
	});
});
