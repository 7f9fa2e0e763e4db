/**
 * Travel-time matrices from r5r/r5py, Conveyal and OpenTripPlanner (tests/fixtures/matrices):
 * column-mapping suggestions, reshaping into travel_times (constant mode, percentile mapping), and the
 * import into DuckDB through validateAndType + commitImport on both engines.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rows, type Db } from '../../src/lib/data/db/connector.ts';
import { openNativeDb } from '../../src/lib/data/db/native.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { commitImport, parseFile, suggestMapping, validateAndType } from '../../src/lib/data/import/index.ts';
import type { ParsedFile } from '../../src/lib/data/import/types.ts';
import { adaptTravelTimeMatrix, detectMatrixFormat, MatrixFormatError, type AdaptOptions } from '../../src/lib/data/travel-time-formats.ts';

const DIR = path.join(import.meta.dirname, '../fixtures/matrices');

async function load(file: string) {
	return parseFile({ fileName: file, bytes: new Uint8Array(readFileSync(path.join(DIR, file))) });
}

interface Row {
	origin_zone: number;
	destination_id: string;
	mode: string;
	minutes_p50: number;
	minutes_p80: number | null;
	changes: number | null;
	source: string;
}

// One DuckDB per engine for the file; commitImport replaces travel_times each time.
let engines: Promise<Db[]> | null = null;
afterAll(async () => {
	for (const db of (await engines) ?? []) await db.close();
});

/** Adapt, validate and commit a fixture into DuckDB on both engines; rows ordered by origin, destination. */
async function importMatrix(file: string, opts: AdaptOptions): Promise<{ rows: Row[]; dropped: number; format: string }[]> {
	const parsed = await load(file);
	const out = [];
	engines ??= Promise.all([openNodeDb(), openNativeDb()]);
	for (const db of await engines) {
		const a = adaptTravelTimeMatrix(parsed, opts);
		const res = await validateAndType('travel_times', a.parsed);
		expect(res.issues.filter((i) => i.severity === 'error')).toEqual([]);
		await commitImport(db, 'travel_times', res);
		out.push({ rows: await rows<Row>(db, 'SELECT * FROM travel_times ORDER BY origin_zone, destination_id'), dropped: a.dropped, format: a.format });
	}
	// Same rows on duckdb-wasm and native DuckDB.
	expect(out[1]).toEqual(out[0]);
	return out;
}

describe('format detection and mapping suggestions', () => {
	it('detects r5r, r5py, Conveyal and OTP headers', async () => {
		expect(detectMatrixFormat((await load('r5r_travel_time_matrix.csv')).headers)).toBe('r5r');
		expect(detectMatrixFormat((await load('r5py_travel_time_matrix.csv')).headers)).toBe('r5r');
		expect(detectMatrixFormat((await load('conveyal_regional_times.csv')).headers)).toBe('conveyal');
		expect(detectMatrixFormat((await load('otp_plan.csv')).headers)).toBe('otp');
		expect(detectMatrixFormat(['origin_zone', 'destination_id', 'mode', 'minutes_p50'])).toBeNull();
	});

	it('suggests the travel_times mapping for r5r columns directly; only mode is missing', () => {
		const s = suggestMapping('travel_times', ['from_id', 'to_id', 'travel_time_p25', 'travel_time_p50', 'travel_time_p80']);
		expect(s.mapping).toMatchObject({ origin_zone: 'from_id', destination_id: 'to_id', minutes_p50: 'travel_time_p50', minutes_p80: 'travel_time_p80' });
		expect(s.unmapped).toEqual(['travel_time_p25']);
		expect(s.missing).toEqual(['mode']);
		expect(suggestMapping('travel_times', ['from_id', 'to_id', 'travel_time']).mapping.minutes_p50).toBe('travel_time');
		expect(suggestMapping('travel_times', ['fromPlace', 'toPlace', 'transfers']).mapping).toMatchObject({ origin_zone: 'fromPlace', destination_id: 'toPlace', changes: 'transfers' });
	});
});

describe('import into travel_times', () => {
	it('r5r: p50/p80 columns, p25 ignored, constant mode, source r5r', async () => {
		const [r] = await importMatrix('r5r_travel_time_matrix.csv', { mode: 'pt' });
		expect(r.format).toBe('r5r');
		expect(r.rows).toHaveLength(6);
		expect(r.rows.find((x) => x.origin_zone === 1061 && x.destination_id === 'S8-SURSEE')).toEqual({
			origin_zone: 1061,
			origin_cell: null, // an engine's matrix is by zone
			destination_id: 'S8-SURSEE',
			mode: 'pt',
			minutes_p50: 27,
			minutes_p80: 33,
			wait_p50: null, // r5 has no wait before the deadline
			wait_p80: null,
			changes: null,
			source: 'r5r'
		});
	});

	it('our own columns: the wait before the deadline is recognised by its aliases and imported; empty stays null', async () => {
		const csv = 'von,nach,verkehrsmittel,reisezeit,p80,wartezeit,waiting_p80\n1059,S1-EICHHOF,pt,21.5,24,6.5,11\n1059,S1-EICHHOF,car,7.2,7.2,,\n';
		const parsed = await parseFile({ fileName: 'tt.csv', bytes: new TextEncoder().encode(csv) });
		const s = suggestMapping('travel_times', parsed.headers);
		expect(s.mapping).toMatchObject({ origin_zone: 'von', destination_id: 'nach', mode: 'verkehrsmittel', minutes_p50: 'reisezeit', wait_p50: 'wartezeit', wait_p80: 'waiting_p80' });
		engines ??= Promise.all([openNodeDb(), openNativeDb()]);
		for (const db of await engines) {
			const res = await validateAndType('travel_times', parsed, s.mapping);
			expect(res.issues.filter((i) => i.severity === 'error')).toEqual([]);
			await commitImport(db, 'travel_times', res);
			expect(await rows(db, 'SELECT mode, minutes_p50, wait_p50, wait_p80 FROM travel_times ORDER BY mode')).toEqual([
				{ mode: 'car', minutes_p50: 7.2, wait_p50: null, wait_p80: null },
				{ mode: 'pt', minutes_p50: 21.5, wait_p50: 6.5, wait_p80: 11 }
			]);
		}
	});

	it('r5py: travel_time is the median; mode car as chosen', async () => {
		const [r] = await importMatrix('r5py_travel_time_matrix.csv', { mode: 'car', source: 'r5py' });
		expect(r.rows.map((x) => [x.origin_zone, x.mode, x.minutes_p50, x.minutes_p80, x.source])).toEqual([
			[1059, 'car', 7, null, 'r5py'],
			[1061, 'car', 12, null, 'r5py'],
			[1103, 'car', 24, null, 'r5py']
		]);
	});

	it('Conveyal: long percentile rows pivoted to p50/p80; -1 means not reached', async () => {
		const [r] = await importMatrix('conveyal_regional_times.csv', { mode: 'pt' });
		expect(r.format).toBe('conveyal');
		// 1054 → S8 is not reached at the median: left out. 1059 → S8 reached at p50 only: p80 empty.
		expect(r.dropped).toBe(1);
		expect(r.rows.map((x) => [x.origin_zone, x.destination_id, x.minutes_p50, x.minutes_p80, x.source])).toEqual([
			[1059, 'S1-EICHHOF', 10, 12, 'conveyal'],
			[1059, 'S8-SURSEE', 39, null, 'conveyal'],
			[1061, 'S1-EICHHOF', 17, 21, 'conveyal'],
			[1061, 'S8-SURSEE', 27, 33, 'conveyal']
		]);
	});

	it('OpenTripPlanner otp_plan: fastest itinerary per pair, seconds to minutes, its transfers', async () => {
		const [r] = await importMatrix('otp_plan.csv', { mode: 'pt' });
		expect(r.rows.map((x) => [x.origin_zone, x.destination_id, x.minutes_p50, x.minutes_p80, x.changes])).toEqual([
			[1061, 'S1-EICHHOF', 19, null, 1],
			[1103, 'S8-SURSEE', 4.5, null, 0]
		]);
	});

	it('refuses an unknown layout and a Conveyal file without percentile 50, with bilingual messages', async () => {
		const p = await load('r5py_travel_time_matrix.csv');
		expect(() => adaptTravelTimeMatrix({ ...p, headers: ['a', 'b', 'c'] }, { mode: 'pt' })).toThrow(MatrixFormatError);
		const c = await load('conveyal_regional_times.csv');
		const only80 = { ...c, rows: c.rows.filter((r) => String(r[2]) === '80') };
		try {
			adaptTravelTimeMatrix(only80, { mode: 'pt' });
			expect.unreachable();
		} catch (e) {
			expect((e as MatrixFormatError).messages.de).toMatch(/Perzentil 50/);
			expect((e as MatrixFormatError).messages.en).toMatch(/percentile 50/);
		}
	});
});

/** A matrix written inline, read as a file. */
const inline = (text: string, fileName = 'ttm.csv') => parseFile({ fileName, bytes: new TextEncoder().encode(text) });

/** The MatrixFormatError adapting `p` throws (fails the test when it throws none). */
function refusal(p: ParsedFile, opts: AdaptOptions = { mode: 'car' }): MatrixFormatError {
	try {
		adaptTravelTimeMatrix(p, opts);
	} catch (e) {
		if (e instanceof MatrixFormatError) return e;
		throw e;
	}
	throw new Error('no MatrixFormatError');
}

/** Where each problem of a refusal is: row, the user's header, code. */
const located = (e: MatrixFormatError) => e.issues.map((i) => [i.row, i.column, i.code]);

describe('values the engines do not write', () => {
	it('Conveyal: only -1 is "not reached"; no number, another negative, an empty time or percentile are errors on their row and column', async () => {
		const p = await inline(
			'origin,destination,percentile,time\n1059,S1-EICHHOF,50,10\n1059,S1-EICHHOF,80,-1\n1061,S1-EICHHOF,50,abc\n1061,S1-EICHHOF,80,31\n1062,S1-EICHHOF,50,-7\n1062,S1-EICHHOF,80,9\n1063,S1-EICHHOF,50,\n1064,S1-EICHHOF,p50,20\n1065,S1-EICHHOF,50,-1\n'
		);
		const e = refusal(p);
		expect(located(e)).toEqual([
			[4, 'time', 'bad_number'],
			[6, 'time', 'matrix_negative_time'],
			[8, 'time', 'matrix_missing_time'],
			[9, 'percentile', 'matrix_bad_percentile']
		]);
		expect(e.messages.de).toMatch(/^Conveyal: 4 Fehler in ttm\.csv.*Zeile 4, Spalte «time»: «abc»/);
		expect(e.messages.en).toMatch(/Row 6, column "time": -7 is negative/);
		// The valid rows alone: -1 is still counted as not reached, p80 -1 leaves minutes_p80 empty.
		const ok = { ...p, rows: [p.rows[0], p.rows[1], p.rows[8]], rowNumbers: [2, 3, 10] };
		const a = adaptTravelTimeMatrix(ok, { mode: 'car' });
		expect(a.dropped).toBe(1);
		expect(a.parsed.rows.map((r) => [r[0], r[3], r[4]])).toEqual([['1059', 10, null]]);
	});

	it('Conveyal: a pair with percentile 80 but no 50 is named, not counted as not reached', async () => {
		const e = refusal(await inline('origin,destination,percentile,time\n1059,S1-EICHHOF,50,10\n1059,S1-EICHHOF,80,12\n1064,S1-EICHHOF,80,20\n'));
		expect(located(e)).toEqual([[4, 'percentile', 'matrix_missing_p50']]);
		expect(e.messages.en).toMatch(/origin 1064, destination S1-EICHHOF has percentile 80 but no row for percentile 50/);
	});

	it('Conveyal: an (origin, destination, percentile) twice is an error naming both rows, like r5r duplicates', async () => {
		const e = refusal(await inline('origin,destination,percentile,time\n1061,S1-EICHHOF,50,25\n1061,S1-EICHHOF,80,30\n1061,S1-EICHHOF,50,55\n'));
		expect(located(e)).toEqual([[4, 'origin', 'matrix_duplicate']]);
		expect(e.messages.de).toMatch(/Zeile 4, Spalte «origin»: Doppelte Zeile: origin 1061, destination S1-EICHHOF, Perzentil 50 wie in Zeile 2/);
	});

	it('OpenTripPlanner: NA, text, negative and empty durations are errors (otp_plan leaves pairs without itinerary out)', async () => {
		const e = refusal(await inline('fromPlace,toPlace,route_option,duration,transfers\n1061,S1-EICHHOF,1,1500,1\n1062,S1-EICHHOF,1,NA,0\n1063,S1-EICHHOF,1,abc,0\n1064,S1-EICHHOF,1,-60,0\n1065,S1-EICHHOF,1,,0\n'));
		expect(located(e)).toEqual([
			[3, 'duration', 'bad_number'],
			[4, 'duration', 'bad_number'],
			[5, 'duration', 'matrix_negative_duration'],
			[6, 'duration', 'matrix_missing_duration']
		]);
		expect(e.messages.en).toMatch(/^OpenTripPlanner: 4 errors in ttm\.csv, nothing converted\. Row 3, column "duration": "NA"/);
	});

	it('OpenTripPlanner: the legs of one itinerary repeat its duration; one itinerary with two durations is an error', async () => {
		const legs = await inline('fromPlace,toPlace,route_option,duration,transfers\n1061,S1-EICHHOF,1,1500,1\n1061,S1-EICHHOF,1,1500,1\n1061,S1-EICHHOF,2,1800,0\n');
		expect(adaptTravelTimeMatrix(legs, { mode: 'pt' }).parsed.rows.map((r) => r[3])).toEqual([25]);
		const e = refusal(await inline('fromPlace,toPlace,route_option,duration,transfers\n1061,S1-EICHHOF,1,1500,1\n1061,S1-EICHHOF,2,1800,0\n1061,S1-EICHHOF,1,1200,0\n'));
		expect(located(e)).toEqual([[4, 'duration', 'matrix_duplicate']]);
		expect(e.messages.en).toMatch(/route_option 1: duration 1200 s, in row 2 1500 s/);
	});

	it('r5r/r5py: no number, a negative and a repeated pair are the validator\'s errors on their row and column', async () => {
		const p = await inline('from_id,to_id,travel_time_p50\n1061,S1-EICHHOF,25\n1062,S1-EICHHOF,NA\n1063,S1-EICHHOF,-1\n1061,S1-EICHHOF,30\n');
		const res = await validateAndType('travel_times', adaptTravelTimeMatrix(p, { mode: 'car' }).parsed);
		expect(res.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.column, i.code])).toEqual([
			[3, 'minutes_p50', 'bad_number'],
			[4, 'minutes_p50', 'out_of_range'],
			[5, 'origin_zone', 'duplicate_row']
		]);
	});
});

describe('times implausible for their unit: one file-level warning', () => {
	it('OpenTripPlanner durations in minutes (read as seconds): most times under 2 min', async () => {
		const a = adaptTravelTimeMatrix(await inline('fromPlace,toPlace,route_option,duration,transfers\n1061,S1-EICHHOF,1,25,1\n1062,S1-EICHHOF,1,45,0\n1063,S1-EICHHOF,1,1500,0\n'), { mode: 'pt' });
		expect(a.parsed.rows.map((r) => r[3])).toEqual([0.42, 0.75, 25]); // converted as before: a warning, not an error
		expect(a.warnings).toHaveLength(1);
		expect(a.notes[0]).toBe(a.warnings[0]);
		expect(a.warnings[0].en).toMatch(/^Warning: check the unit\. 2 of 3 travel times are shorter than 2 minutes \(median 0\.75 min\), the first in row 2: duration 25 s = 0\.42 min\./);
		expect(a.warnings[0].de).toMatch(/2 von 3 Reisezeiten sind kürzer als 2 Minuten/);
	});

	it('r5r and Conveyal times in seconds (read as minutes): median above 3 hours', async () => {
		const r = adaptTravelTimeMatrix(await inline('from_id,to_id,travel_time_p50,travel_time_p80\n1061,S1-EICHHOF,240,280\n1062,S1-EICHHOF,900,1000\n1063,S1-EICHHOF,25,30\n'), { mode: 'car' });
		expect(r.warnings.map((w) => w.en)).toEqual([expect.stringMatching(/^Warning: check the unit\. 2 of 3 travel times are longer than 3 hours \(median 240 min\), the first in row 2: 240 min\. r5r\/r5py times are minutes.*\(240 s = 4 min\)/)]);
		const c = adaptTravelTimeMatrix(await inline('origin,destination,percentile,time\n1061,S1-EICHHOF,50,1500\n1061,S1-EICHHOF,80,1860\n1062,S1-EICHHOF,50,-1\n1062,S1-EICHHOF,80,-1\n'), { mode: 'car' });
		expect(c.warnings.map((w) => w.en)).toEqual([expect.stringMatching(/1 of 1 travel times is longer than 3 hours .* row 2: 1500 min\. Conveyal times are minutes/)]);
	});

	it('no warning for plausible matrices', async () => {
		for (const [file, mode] of [['r5r_travel_time_matrix.csv', 'pt'], ['r5py_travel_time_matrix.csv', 'car'], ['conveyal_regional_times.csv', 'pt'], ['otp_plan.csv', 'pt']] as const)
			expect(adaptTravelTimeMatrix(await load(file), { mode }).warnings).toEqual([]);
	});
});

describe('CLI travel-times', () => {
	it('writes the converted matrix as a travel_times CSV', async () => {
		const { mkdtempSync, readFileSync: read, writeFileSync } = await import('node:fs');
		const os = await import('node:os');
		const cli = await import('../../scripts/cli/travel-times.ts');
		const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'tt-')), 'travel_times.csv');
		const err = console.error;
		console.error = () => {};
		try {
			expect(await cli.run([path.join(DIR, 'conveyal_regional_times.csv'), '--mode', 'car', '--out', out])).toBe(0);
			expect(await cli.run([path.join(DIR, 'otp_plan.csv')])).toBe(2); // --mode is required
			// An OTP duration that is no number of seconds is an error, not a silently missing pair.
			const bad = path.join(path.dirname(out), 'otp_bad.csv');
			writeFileSync(bad, 'fromPlace,toPlace,route_option,duration,transfers\n1061,S1-EICHHOF,1,1500,1\n1062,S1-EICHHOF,1,abc,0\n');
			expect(await cli.run([bad, '--mode', 'car', '--out', path.join(path.dirname(out), 'bad_out.csv')])).toBe(1);
		} finally {
			console.error = err;
		}
		const lines = read(out, 'utf8').trim().split('\n');
		expect(lines[0]).toBe('origin_zone,origin_cell,destination_id,mode,minutes_p50,minutes_p80,wait_p50,wait_p80,changes,source');
		expect(lines.slice(1)).toContain('1059,,S8-SURSEE,car,39,,,,,conveyal');
		expect(lines).toHaveLength(5);
	});
});

describe('a column choice the file does not state is said', () => {
	it('columns of two engines in one file: read as one, the other named as not used', async () => {
		const r = adaptTravelTimeMatrix(await inline('from_id,to_id,travel_time_p50,origin,destination,percentile,time\n1061,S1-EICHHOF,25,1061,S1-EICHHOF,50,99\n'), { mode: 'car' });
		expect(r.format).toBe('conveyal');
		expect(r.warnings.map((w) => w.en)).toEqual(['Warning: the columns fit r5r/r5py as well as Conveyal; read as Conveyal, the other columns are not used. Load one file per matrix.']);
		// A format the user chose is no guess: nothing to say.
		expect(adaptTravelTimeMatrix(await inline('from_id,to_id,travel_time_p50,origin,destination,percentile,time\n1061,S1-EICHHOF,25,1061,S1-EICHHOF,50,99\n'), { mode: 'car', format: 'r5r' }).warnings).toEqual([]);
	});
	it('r5r travel_time_p50 beside r5py travel_time: the median column is read, said so', async () => {
		const r = adaptTravelTimeMatrix(await inline('from_id,to_id,travel_time,travel_time_p50\n1061,S1-EICHHOF,25,30\n'), { mode: 'car' });
		expect(r.parsed.rows[0][3]).toBe('30');
		expect(r.notes.map((n) => n.en)).toContain('Columns travel_time_p50 and travel_time: the median travel_time_p50 is read, travel_time is not.');
	});
});
