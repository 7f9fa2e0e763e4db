/**
 * Every refusal of the GTFS reader: a GtfsError with a code, a German and an English message and, where
 * it applies, file/row/column and machine-readable data, from the streamed reader (readGtfs) and the
 * in-memory one (parseGtfs) alike. Never a stack trace, never an empty network.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
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
