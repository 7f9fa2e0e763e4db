/**
 * Every refusal of the GTFS reader: a GtfsError with a code, a German and an English message and, where
 * it applies, file/row/column and machine-readable data, from the streamed reader (readGtfs) and the
 * in-memory one (parseGtfs) alike. Never a stack trace, never an empty network.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { GtfsError, parseGtfs, readGtfs, type ReadGtfsOptions } from '../../src/lib/reach/gtfs/index.ts';
import { regionAround, regionKey } from '../../src/lib/reach/region.ts';
import { bytesSource } from '../../src/lib/util/bytes.ts';

const ZUG = new Uint8Array(readFileSync('data/networks/gtfs_ch_zug.zip'));
const zugFiles = unzipSync(ZUG);
const DATE = '2021-06-15';

/** The error of both readers (they must agree). */
async function refusal(zip: Uint8Array, o: ReadGtfsOptions = { date: DATE }): Promise<GtfsError> {
	const streamed = await readGtfs(bytesSource(zip), o).then(
		() => null,
		(e) => e
	);
	let inMemory: unknown = null;
	try {
		const { signal: _s, ...rest } = o;
		parseGtfs(zip, { ...rest, ...(o.options ?? {}) });
	} catch (e) {
		inMemory = e;
	}
	expect(streamed).toBeInstanceOf(GtfsError);
	expect(inMemory).toBeInstanceOf(GtfsError);
	const e = streamed as GtfsError;
	expect((inMemory as GtfsError).code).toBe(e.code);
	expect((inMemory as GtfsError).location).toEqual(e.location);
	expect(e.msg.de.length).toBeGreaterThan(10);
	expect(e.msg.en.length).toBeGreaterThan(10);
	expect(e.msg.de).not.toMatch(/\n\s+at /); // no stack trace in the message
	return e;
}

/** Zug with files replaced (text, or bytes to deflate) or removed (null); the others stored (fast to build). */
function zug(patch: Record<string, string | Uint8Array | null>): Uint8Array {
	const files: Record<string, Uint8Array | [Uint8Array, { level: 0 | 6 }]> = {};
	for (const [k, v] of Object.entries(zugFiles)) files[k] = [v, { level: 0 }];
	for (const [k, v] of Object.entries(patch)) {
		if (v === null) delete files[k];
		else files[k] = typeof v === 'string' ? [strToU8(v), { level: 0 }] : [v, { level: 6 }];
	}
	return zipSync(files);
}

describe('the file is not a usable zip', () => {
	it('not a zip', async () => {
		const e = await refusal(strToU8('stop_id,stop_name\n1,A\n'.repeat(5)));
		expect(e.code).toBe('not_zip');
		expect(e.msg).toEqual({ de: 'Die Datei ist kein ZIP-Archiv', en: 'The file is not a zip archive' });
	});
	it('a truncated zip', async () => {
		const e = await refusal(ZUG.subarray(0, ZUG.length - 100));
		expect(e.code).toBe('bad_zip');
		expect(e.msg.de).toMatch(/beschädigt/);
	});
	it('a zip bomb: stop_times.txt whose real size is absurd for its compressed size', async () => {
		// 60 MB of one repeated row deflates ~1000×: stopped at 200 × compressed size + 1 MiB
		const row = '1.TA.x,08:00:00,08:00:00,8502204:0:1,1,0,0\n';
		const big = strToU8('trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type\n' + row.repeat(Math.floor(60e6 / row.length)));
		const e = await refusal(zug({ 'stop_times.txt': big }));
		expect(e.code).toBe('too_large');
		expect(e.location.file).toBe('stop_times.txt');
		expect(e.msg.de).toMatch(/ZIP-Bombe/);
		expect(e.msg.en).toMatch(/zip bomb/);
	}, 30_000);
	it('an entry that is larger than its directory says', async () => {
		const zip = zug({});
		// declare 1000 bytes for stop_times.txt in the central directory
		const name = strToU8('stop_times.txt');
		for (let p = zip.length - 22; p > 0; p--) {
			if (zip[p] === 0x50 && zip[p + 1] === 0x4b && zip[p + 2] === 1 && zip[p + 3] === 2 && name.every((b, i) => zip[p + 46 + i] === b)) {
				new DataView(zip.buffer, zip.byteOffset).setUint32(p + 24, 1000, true);
				break;
			}
		}
		const e = await refusal(zip);
		expect(e.code).toBe('size_mismatch');
		expect(e.location.file).toBe('stop_times.txt');
		expect(e.msg.de).toMatch(/^stop_times.txt: Grösse .* statt der angegebenen 1000 B \(beschädigt oder manipuliert\)$/);
	});
});

describe('required files', () => {
	for (const f of ['stops.txt', 'routes.txt', 'trips.txt', 'stop_times.txt'])
		it(`${f} missing`, async () => {
			const e = await refusal(zug({ [f]: null }));
			expect(e.code).toBe('missing_file');
			expect(e.location.file).toBe(f);
			expect(e.msg).toEqual({ de: `${f} fehlt im GTFS-Archiv`, en: `${f} is missing from the GTFS feed` });
		});
	it('both calendar files missing', async () => {
		const e = await refusal(zug({ 'calendar.txt': null, 'calendar_dates.txt': null }));
		expect(e.code).toBe('missing_file');
		expect(e.msg.en).toBe('Both calendar.txt and calendar_dates.txt are missing');
	});
	it('a required column missing, with file, row and column', async () => {
		const e = await refusal(zug({ 'stop_times.txt': 'trip_id,arrival_time,departure_time,stop_sequence\n' }));
		expect(e.code).toBe('missing_column');
		expect(e.location).toEqual({ file: 'stop_times.txt', row: 1, column: 'stop_id' });
	});
	it('an unterminated quote, with file and row', async () => {
		const stops = new TextDecoder().decode(zugFiles['stops.txt']).trim().split('\n');
		const e = await refusal(zug({ 'stops.txt': [...stops, 'X,"Nowhere,47.1,8.5,,'].join('\n') }));
		expect(e.code).toBe('bad_csv');
		expect(e.location).toEqual({ file: 'stops.txt', row: stops.length + 1 });
		expect(e.msg.de).toBe('Nicht geschlossenes Anführungszeichen');
	});
});

describe('the service day', () => {
	it('a day after the validity: proposes the nearest valid same weekday', async () => {
		const e = await refusal(ZUG, { date: '2027-01-15' });
		expect(e.code).toBe('outside_validity');
		expect(e.msg.de).toBe('Der 15.01.2027 liegt ausserhalb der Gültigkeit des Fahrplans (13.12.2020–11.12.2021). Nächster gültiger Freitag: 10.12.2021.');
		expect(e.msg.en).toBe("2027-01-15 is outside the timetable's validity (2020-12-13 to 2021-12-11). Nearest valid Friday: 2021-12-10.");
		expect(e.data).toEqual({ requested: '2027-01-15', validFrom: '2020-12-13', validTo: '2021-12-11', suggestion: '2021-12-10' });
	});
	it('a day before the validity', async () => {
		const e = await refusal(ZUG, { date: '2020-06-01' });
		expect(e.code).toBe('outside_validity');
		expect(e.data?.suggestion).toBe('2020-12-14'); // the first Monday of the validity
	});
	it('a calendar without any service day', async () => {
		const e = await refusal(zug({ 'calendar.txt': 'service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nX,0,0,0,0,0,0,0,20210101,20211231\n', 'calendar_dates.txt': null }));
		expect(e.code).toBe('no_service_dates');
		expect(e.msg).toEqual({ de: 'Keine Betriebstage im Feed', en: 'The feed defines no service dates' });
	});
	it('a malformed day', async () => {
		const e = await refusal(ZUG, { date: '15.06.2021' });
		expect(e.code).toBe('bad_date');
		expect(e.msg.de).toMatch(/JJJJ-MM-TT/);
	});
	it('a feed that runs on weekends only proposes a day with service, and is read on it without a day given', async () => {
		const [head, ...rows] = new TextDecoder().decode(zugFiles['calendar.txt']).trim().split('\n');
		// every service on Saturdays only
		const sat = rows.map((l) => l.split(',').map((v, i) => (i >= 1 && i <= 7 ? (i === 6 ? '1' : '0') : v)).join(','));
		const feed = zug({ 'calendar.txt': [head, ...sat].join('\n') + '\n', 'calendar_dates.txt': null });
		const e = await refusal(feed, { date: DATE });
		expect(e.code).toBe('no_service');
		const day = String(e.data?.suggestion ?? '');
		expect(new Date(day + 'T12:00:00Z').getUTCDay()).toBe(6);
		const r = parseGtfs(feed, {});
		expect(r.date).toBe(day);
		expect(r.timetable.connCount).toBeGreaterThan(1000);
	});
	it('a day inside the validity without any trip', async () => {
		// every service removed on the day by calendar_dates.txt
		const cal = new TextDecoder().decode(zugFiles['calendar.txt']).trim().split('\n').slice(1);
		const extra = cal.map((l) => `${l.split(',')[0]},20210615,2`).join('\n');
		const dates = new TextDecoder().decode(zugFiles['calendar_dates.txt']).replace(/\n?$/, '\n') + extra + '\n';
		const e = await refusal(zug({ 'calendar_dates.txt': dates }));
		expect(e.code).toBe('no_service');
		expect(e.msg.de).toMatch(/^Am 15\.06\.2021 verkehren laut Fahrplan keine Fahrten\. Vorschlag: /);
		expect(e.data?.date).toBe(DATE);
	});
});

describe('the study region', () => {
	it('stop_lat and stop_lon swapped: said so, not blamed on the feed\'s coverage', async () => {
		const stops = new TextDecoder().decode(zugFiles['stops.txt']);
		const [head, ...rest] = stops.split('\n');
		const swappedHead = head.replace('stop_lat', '\u0000').replace('stop_lon', 'stop_lat').replace('\u0000', 'stop_lon');
		const zugRegion = regionAround([{ lon: 8.5, lat: 47.17 }], 25);
		const e = await refusal(zug({ 'stops.txt': [swappedHead, ...rest].join('\n') }), { date: DATE, region: zugRegion });
		expect([e.code, e.location]).toEqual(['swapped_coordinates', { file: 'stops.txt', column: 'stop_lat' }]);
		expect(e.msg.de).toMatch(/^Keine Haltestelle liegt im Untersuchungsgebiet, aber \d+ lägen darin, wenn stop_lat und stop_lon vertauscht wären/);
		// The same feed the right way round is read.
		expect((await readGtfs(bytesSource(ZUG), { date: DATE, region: zugRegion })).timetable.connCount).toBeGreaterThan(1000);
	});
	it('a feed without service in the region is refused, so the network in use stays', async () => {
		const geneva = regionAround([{ lon: 6.1432, lat: 46.2044 }], 25);
		const e = await refusal(ZUG, { date: DATE, region: geneva });
		expect(e.code).toBe('no_service_in_region');
		expect(e.msg.de).toMatch(/keine Fahrten im Untersuchungsgebiet \(25 km um 1 Punkte/);
		expect(e.msg.de).toMatch(/Das bisherige Netz bleibt in Gebrauch/);
		expect(e.msg.en).toMatch(/no trips in the study region/);
		expect(e.data).toMatchObject({ date: DATE, region: regionKey(geneva) });
	});
});

/** The tiny fixture's files (tests/fixtures/gtfs/tiny), each one `patch` names replaced by its text. */
function tinyFiles(patch: Record<string, string> = {}): Record<string, Uint8Array> {
	const files: Record<string, Uint8Array> = {};
	for (const f of readdirSync('tests/fixtures/gtfs/tiny')) files[f] = new Uint8Array(readFileSync(`tests/fixtures/gtfs/tiny/${f}`));
	for (const [k, v] of Object.entries(patch)) files[k] = strToU8(v);
	return files;
}
const tinyZip = (patch: Record<string, string> = {}) => zipSync(tinyFiles(patch));
const STOP_TIMES_HEAD = 'trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,drop_off_type\n';

describe('values that would give wrong journeys are refused by name', () => {
	const o = { date: DATE };
	const stopTimes = (rows: string) => ({ 'stop_times.txt': STOP_TIMES_HEAD + rows });
	it('an empty stop_sequence (it read as 0)', async () => {
		const e = await refusal(tinyZip(stopTimes('T1,08:00:00,08:00:00,A,1,0,0\nT1,08:10:00,08:10:00,B,,0,0\n')), o);
		expect([e.code, e.location]).toEqual(['bad_value', { file: 'stop_times.txt', row: 3, column: 'stop_sequence' }]);
	});
	it('an empty route_type (it read as 0, a tram)', async () => {
		const e = await refusal(tinyZip({ 'routes.txt': 'route_id,agency_id,route_short_name,route_long_name,route_type\nR1,ag,1,,\nR2,ag,2,,3\nR3,ag,,Line Three,3\n' }), o);
		expect([e.code, e.location]).toEqual(['bad_value', { file: 'routes.txt', row: 2, column: 'route_type' }]);
	});
	it('a time with text after it, or hours no service day has (they wrapped the 32-bit seconds)', async () => {
		for (const t of ['08:10:00 xyz', '700000:00:00', '169:00:00']) {
			const e = await refusal(tinyZip(stopTimes(`T1,08:00:00,08:00:00,A,1,0,0\nT1,${t},08:10:00,B,2,0,0\n`)), o);
			expect([t, e.code, e.location]).toEqual([t, 'bad_value', { file: 'stop_times.txt', row: 3, column: 'arrival_time' }]);
		}
	});
	it('a stop coordinate beyond ±90/±180 (LV95 metres, a lost decimal point)', async () => {
		const stops = new TextDecoder().decode(readFileSync('tests/fixtures/gtfs/tiny/stops.txt')).replace('A,Alpha,47.000,8.000', 'A,Alpha,470000,8.000');
		const e = await refusal(tinyZip({ 'stops.txt': stops }), o);
		expect([e.code, e.location]).toEqual(['bad_value', { file: 'stops.txt', row: 2, column: 'stop_lat' }]);
	});
	it('a frequency window that ends before it starts, a headway below a second or one that expands to a departure every few seconds', async () => {
		const freq = (row: string) => tinyZip({ 'frequencies.txt': `trip_id,start_time,end_time,headway_secs\n${row}\n` });
		expect((await refusal(freq('T7,07:00:00,06:00:00,1200'), o)).location).toEqual({ file: 'frequencies.txt', row: 2, column: 'end_time' });
		expect((await refusal(freq('T7,06:00:00,07:00:00,0.5'), o)).location).toEqual({ file: 'frequencies.txt', row: 2, column: 'headway_secs' });
		const many = await refusal(freq('T7,00:00:00,24:00:00,30'), o);
		expect([many.location, many.msg.en]).toEqual([{ file: 'frequencies.txt', row: 2, column: 'headway_secs' }, 'headway_secs 30 gives 2,880 departures in one window (at most 1,440, one a minute for 24 hours): minutes given as seconds?']);
	});
	it('two feeds in one zip (old/ and new/) are not mixed', async () => {
		const one = unzipSync(tinyZip({}));
		const both: Record<string, Uint8Array> = {};
		for (const [k, v] of Object.entries(one)) (both[`old/${k}`] = v), (both[`new/${k}`] = v);
		const e = await refusal(zipSync(both), o);
		expect(e.code).toBe('several_feeds');
		expect(e.msg.de).toBe('Die Zip-Datei enthält mehrere Feeds (stops.txt in den Ordnern «old/», «new/»): bitte einen Feed je Zip-Datei laden.');
		// One feed in a folder, beside other files elsewhere, is read from its folder.
		const nested: Record<string, Uint8Array> = { 'README.txt': strToU8('x'), 'other/routes.txt': strToU8('broken') };
		for (const [k, v] of Object.entries(one)) nested[`feed/${k}`] = v;
		expect(parseGtfs(zipSync(nested), { date: DATE }).timetable.connCount).toBe(parseGtfs(tinyZip({}), { date: DATE }).timetable.connCount);
	});
	it('no stop times for the day\'s trips, or trips of a single stop: the file is named, not the region', async () => {
		const empty = await refusal(tinyZip(stopTimes('')), o);
		expect([empty.code, empty.location, empty.msg.en]).toEqual(['no_stop_times', { file: 'stop_times.txt' }, 'stop_times.txt has no times for the 6 trips of 2021-06-15: the feed is incomplete.']);
		const single = await refusal(tinyZip({ ...stopTimes('T1,08:00:00,08:00:00,A,1,0,0\nT2,08:11:00,08:11:00,B,1,0,0\n'), 'frequencies.txt': 'trip_id,start_time,end_time,headway_secs\n' }), o);
		expect([single.code, single.msg.en]).toEqual(['no_connections', 'The 6 trips of 2021-06-15 in the region give no connection from one stop to another: each has at most one stop.']);
	});
	it('a service day the calendar has not (30 February)', async () => {
		expect((await refusal(ZUG, { date: '2021-02-30' })).code).toBe('bad_date');
	});
});

describe('tolerated, left out and said', () => {
	const tiny = (stopTimesRows: string, stops?: string) => tinyZip({ 'stop_times.txt': STOP_TIMES_HEAD + stopTimesRows, ...(stops ? { 'stops.txt': stops } : {}) });
	const OK = 'T2,08:11:00,08:11:00,B,1,0,0\nT2,08:30:00,08:30:00,D,2,0,0\n';
	it('a trip whose time runs backwards (an arrival before the previous departure, a departure before its arrival) is left out and named', () => {
		for (const [bad, example] of [
			['T1,08:00:00,08:00:00,A,1,0,0\nT1,08:10:00,08:10:00,B,2,0,0\nT1,07:50:00,07:50:00,C,3,0,0\n', 'T1: stop_sequence 3 arrival 07:50:00 < stop_sequence 2 departure 08:10:00'],
			['T1,08:00:00,08:00:00,A,1,0,0\nT1,08:10:00,08:05:00,B,2,0,0\nT1,08:20:00,08:20:00,C,3,0,0\n', 'T1: stop_sequence 2 departure 08:05:00 < arrival 08:10:00'],
			// within a minute, and the rows in another order than their stop_sequence
			['T1,08:00:10,08:00:10,C,3,0,0\nT1,08:00:00,08:00:00,A,1,0,0\nT1,08:00:30,08:00:30,B,2,0,0\n', 'T1: stop_sequence 3 arrival 08:00:10 < stop_sequence 2 departure 08:00:30']
		] as const) {
			const r = parseGtfs(tiny(bad + OK), { date: DATE });
			const tt = r.timetable;
			expect(r.warnings.find((w) => w.code === 'time_backwards')?.examples).toEqual([example]);
			for (let c = 0; c < tt.connCount; c++) expect(tt.connArrTime[c]).toBeGreaterThanOrEqual(tt.connDepTime[c]);
			expect(new Set([...tt.connTrip].map((t) => tt.tripIds[t]))).toEqual(new Set(['T2']));
		}
	});
	it('a stop at 0/0 or without coordinates is read without a position and named', () => {
		const stops = new TextDecoder().decode(readFileSync('tests/fixtures/gtfs/tiny/stops.txt')).replace('C,Gamma,47.000,8.020', 'C,Gamma,0,0').replace('E,Echo,47.010,8.0225', 'E,Echo,,');
		const r = parseGtfs(tiny(OK, stops), { date: DATE });
		expect(r.warnings.filter((w) => w.code.startsWith('stop_')).map((w) => [w.code, w.examples])).toEqual([
			['stop_at_zero', ['C']],
			['stop_without_position', ['E']]
		]);
		expect(r.timetable.stopLat[r.timetable.stopIndex.get('C')!]).toBeNaN();
	});
});

describe('files that are no GTFS text say what they are', () => {
	it('stops.txt in UTF-16, or with semicolons: the missing column is named with the reason', async () => {
		const text = new TextDecoder().decode(readFileSync('tests/fixtures/gtfs/tiny/stops.txt'));
		const utf16 = tinyFiles();
		utf16['stops.txt'] = new Uint8Array(Buffer.from('\ufeff' + text, 'utf16le'));
		expect((await refusal(zipSync(utf16))).msg.en).toBe('Required column stop_id is missing (the file is UTF-16; GTFS requires UTF-8)');
		const semi = tinyFiles();
		semi['stops.txt'] = strToU8(text.replace(/,/g, ';'));
		expect((await refusal(zipSync(semi))).msg.de).toBe('Pflichtspalte stop_id fehlt (die Spalten sind mit Strichpunkt getrennt; GTFS verlangt Komma)');
	});
	it('a feed zipped once more: the inner zip is named', async () => {
		const e = await refusal(zipSync({ 'gtfs.zip': zipSync(tinyFiles()) }));
		expect(e.msg.en).toBe('stops.txt is missing from the GTFS feed; the archive holds "gtfs.zip": unpack that zip file and load it');
	});
	it('names in Windows-1252 are read as such, with a warning naming file and row', () => {
		const files = tinyFiles();
		const text = new TextDecoder().decode(files['stops.txt']).replace('Gamma', 'Zürich Höngg');
		files['stops.txt'] = Uint8Array.from([...text].map((c) => c.charCodeAt(0))); // one byte per character: ü = 0xFC
		const r = parseGtfs(zipSync(files), { date: DATE });
		expect(r.timetable.stopNames[r.timetable.stopIndex.get('C')!]).toBe('Zürich Höngg');
		expect(r.warnings.filter((w) => w.code === 'not_utf8').map((w) => w.examples)).toEqual([['stops.txt row 6 (1 field)']]);
	});
});
