import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { zipSync } from 'fflate';
import { readAddressDirectory, OFFICIAL_HEADER } from '../../src/lib/data/address/read.ts';
import { AddressDirectoryError, FLAG_NOT_REAL, FLAG_OFFICIAL, isAddressDirectory, type AddressDirectory } from '../../src/lib/data/address/directory.ts';
import { bytesSource } from '../../src/lib/util/bytes.ts';
import { fileSource } from '../../src/lib/util/node-bytes.ts';
import { CancelledError } from '../../src/lib/util/rpc.ts';
import { ZipError } from '../../src/lib/util/zip.ts';
import { regionAround } from '../../src/lib/reach/region.ts';
import { WINDOWS_1252_CHARS } from '../../src/lib/util/windows-1252.ts';

const FIX = path.resolve(__dirname, '../fixtures/address');
const csvText = readFileSync(path.join(FIX, 'adressen_lu.csv'), 'utf8');
const enc = (s: string) => new TextEncoder().encode(s);
const read = (bytes: Uint8Array, opts = {}) => readAddressDirectory(bytesSource(bytes, 'test.csv'), opts);
/** Every entrance as "label number|plz|bfs|lon|lat" (order-independent comparison of two reads). */
const entrances = (d: AddressDirectory) => {
	const out: string[] = [];
	for (let s = 0; s < d.streetLabel.length; s++)
		for (let i = d.streetFirst[s]; i < d.streetFirst[s + 1]; i++)
			out.push(`${d.streetLabel[s]} ${d.numbers[d.entNumber[i]]}|${d.streetPlz[s]}|${d.streetBfs[s]}|${d.entLon[i].toFixed(7)}|${d.entLat[i].toFixed(7)}`);
	return out.sort();
};
// Lucerne study region: a few zone points of the canton with a 10 km buffer.
const lucerne = regionAround(
	[
		{ lon: 8.3098, lat: 47.0505 }, // Luzern
		{ lon: 8.1005, lat: 47.1701 }, // Sursee
		{ lon: 7.9934, lat: 47.0522 }, // Willisau
		{ lon: 8.0727, lat: 46.9886 } // Entlebuch
	],
	10
);

describe('reading the official directory', () => {
	it('reads the zip as published, with the official header, into compact columns', async () => {
		const d = await readAddressDirectory(fileSource(path.join(FIX, 'adressen_lu.zip')));
		expect(isAddressDirectory(d)).toBe(true);
		expect(d.meta).toMatchObject({
			sourceName: 'adressen_lu.zip',
			entry: 'amtliches-gebaeudeadressverzeichnis_ch_2056.csv',
			encoding: 'utf-8',
			delimiter: ';',
			rowsRead: 817,
			rowsKept: 817,
			rowsBad: 0,
			region: null
		});
		expect(d.meta.columns).toMatchObject({ street: 'STN_LABEL', number: 'ADR_NUMBER', zipLabel: 'ZIP_LABEL', bfs: 'COM_FOSNR', e: 'ADR_EASTING', n: 'ADR_NORTHING' });
		expect(d.entLon).toBeInstanceOf(Float64Array);
		expect(d.streetFirst.length).toBe(d.streetLabel.length + 1);
		// Entrances of a street are grouped and sorted by number.
		const s = d.streetLabel.findIndex((l, k) => l === 'Bahnhofstrasse' && d.streetPlz[k] === 6003);
		const nums = Array.from(d.entNumber.subarray(d.streetFirst[s], d.streetFirst[s + 1]), (n) => d.numbers[n]);
		expect(nums).toEqual(['1', '3', '5', '7', '9', '19', '29']);
		expect(d.localities[d.streetLocality[s]]).toBe('Luzern');
		expect(d.streetBfs[s]).toBe(1061);
		// Flags: the dotted number is not official, Töpferstrasse 7 is planned.
		const flagOf = (label: string, num: string) => {
			for (let k = 0; k < d.streetLabel.length; k++)
				if (d.streetLabel[k] === label) for (let i = d.streetFirst[k]; i < d.streetFirst[k + 1]; i++) if (d.numbers[d.entNumber[i]] === num) return d.entFlags[i];
			return -1;
		};
		expect(flagOf('Hirschmattstrasse', '31.1') & FLAG_OFFICIAL).toBe(0);
		expect(flagOf('Töpferstrasse', '7') & FLAG_NOT_REAL).toBe(FLAG_NOT_REAL);
		expect(flagOf('Töpferstrasse', '5')).toBe(FLAG_OFFICIAL);
	});

	it('reads the plain CSV to the same directory, in small chunks too', async () => {
		const zip = await readAddressDirectory(fileSource(path.join(FIX, 'adressen_lu.zip')));
		const csv = await read(enc(csvText), { chunkBytes: 777 });
		expect(csv.meta.entry).toBeNull();
		expect(entrances(csv)).toEqual(entrances(zip));
		// LV95 → WGS84 exactly (rigorous formulas): Bahnhofstrasse 1, Luzern lies near the station.
		const s = csv.streetLabel.findIndex((l, k) => l === 'Bahnhofstrasse' && csv.streetPlz[k] === 6003);
		const i = csv.streetFirst[s];
		expect(csv.entLon[i]).toBeCloseTo(8.3078, 3);
		expect(csv.entLat[i]).toBeCloseTo(47.0505, 3);
	});

	it('is header-driven: other names, order, delimiter, Windows-1252, LV03, quoted fields', async () => {
		// GWR-style names, comma-separated, columns reordered, Latin-1 umlauts, LV03 coordinates, a quoted name with a comma.
		const text = 'DKODN,DKODE,GDENR,DPLZNAME,DPLZ4,DEINR,STRNAME,BDG_NAME\n211200,666200,1061,Luzern,6003,5,Mühlenplatz,"Haus ""Süd"", Eingang"\n211210,666210,1061,Luzern,6003,7,Rue de l’Église,\n';
		const bytes = Uint8Array.from([...text].map((c) => WINDOWS_1252_CHARS.indexOf(c))); // Windows-1252 bytes (’ is 0x92)
		const d = await read(bytes);
		expect(d.meta).toMatchObject({ encoding: 'windows-1252', delimiter: ',', rowsKept: 2 });
		expect(d.meta.columns).toMatchObject({ street: 'STRNAME', number: 'DEINR', plz: 'DPLZ4', locality: 'DPLZNAME', bfs: 'GDENR', e: 'DKODE', n: 'DKODN' });
		expect(d.streetLabel).toEqual(['Mühlenplatz', 'Rue de l’Église']);
		expect(d.entLon[0]).toBeCloseTo(8.31, 2);
		// A quoted field spanning a line break is one row.
		const multi = OFFICIAL_HEADER.join(';') + '\n1;1;1;0;Weg;1;x;"Haus\nA";6003 Luzern;1061;Luzern;LU;real;true;01.01.2025;2666200;1211200\n';
		const m = await read(enc(multi));
		expect(m.meta.rowsRead).toBe(1);
		expect(m.meta.rowsKept).toBe(1);
	});

	it('cuts to the study region while reading', async () => {
		const all = await read(enc(csvText));
		const cut = await read(enc(csvText), { region: lucerne });
		expect(cut.meta.region).toMatchObject({ bufferKm: 10, points: 4 });
		expect(cut.meta.rowsOutside).toBeGreaterThan(0);
		expect(cut.meta.rowsKept + cut.meta.rowsOutside).toBe(all.meta.rowsRead);
		// The French and Italian rows (Fribourg, Lausanne, Vevey, Bellinzona) are gone, Luzern stays.
		expect(cut.streetLabel).toContain('Bahnhofstrasse');
		expect(cut.streetLabel).not.toContain('Route de Berne');
		expect(cut.streetLabel).not.toContain('Via Cantonale');
		for (let i = 0; i < cut.entLon.length; i++) expect(cut.entLat[i]).toBeGreaterThan(46.8);
	});

	it('reports progress and cancels', async () => {
		const seen: number[] = [];
		await read(enc(csvText), { chunkBytes: 4096, onProgress: (f: number) => seen.push(f) });
		expect(seen.length).toBeGreaterThan(5);
		expect(seen.at(-1)).toBe(1);
		const ac = new AbortController();
		ac.abort();
		await expect(read(enc(csvText), { signal: ac.signal, chunkBytes: 4096 })).rejects.toBeInstanceOf(CancelledError);
	});
});

describe('broken directories: clear errors', () => {
	const fail = async (bytes: Uint8Array) => {
		try {
			await read(bytes);
		} catch (e) {
			return e as AddressDirectoryError;
		}
		throw new Error('no error');
	};
	it('missing columns are named, with the columns found', async () => {
		const e = await fail(enc('person_id;unit;lon;lat\nP1;AK;8.3;47.0\n'));
		expect(e).toBeInstanceOf(AddressDirectoryError);
		expect(e.code).toBe('missing_columns');
		expect(e.msg.en).toContain('STN_LABEL');
		expect(e.msg.en).toContain('ADR_EASTING');
		expect(e.msg.en).toContain('Columns found: person_id, unit, lon, lat');
		expect(e.msg.de).toContain('Spalten fehlen');
	});
	it('neither zip nor CSV; a zip without CSV; an empty file; a corrupt zip', async () => {
		const bin = new Uint8Array(5000).map((_, i) => (i * 7) % 256);
		expect((await fail(bin)).code).toBe('not_directory');
		const noCsv = zipSync({ 'readme.pdf': enc('%PDF-1.4') });
		const e = await fail(noCsv);
		expect(e.code).toBe('no_csv_in_zip');
		expect(e.msg.en).toContain('readme.pdf');
		expect((await fail(new Uint8Array(0))).code).toBe('empty');
		const zip = readFileSync(path.join(FIX, 'adressen_lu.zip'));
		const broken = new Uint8Array(zip);
		broken.fill(0, 200, 2000); // inside the deflated data
		const z = await fail(broken);
		expect(z).toBeInstanceOf(ZipError);
	});
	it('bad coordinates: all rows bad is an error naming the first; some rows bad are counted', async () => {
		const head = OFFICIAL_HEADER.join(';');
		const row = (e: string, n: string) => `1;1;1;0;Weg;1;x;;6003 Luzern;1061;Luzern;LU;real;true;01.01.2025;${e};${n}`;
		const e = await fail(enc([head, row('abc', '1211200'), row('', '')].join('\n')));
		expect(e.code).toBe('bad_coordinates');
		expect(e.msg.en).toContain('line 2');
		expect(e.msg.en).toContain('abc');
		const some = await read(enc([head, row('2666200', '1211200'), row('9999999', '1211200'), row('x', 'y')].join('\n')));
		expect(some.meta).toMatchObject({ rowsRead: 3, rowsKept: 1, rowsBad: 2, badExample: { line: 3 } });
		expect((await fail(enc(head + '\n'))).code).toBe('no_rows');
	});
});
