import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { tableFromIPC } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import type { GeoRefs } from '../../src/lib/data/geocode.ts';
import { importFile } from '../../src/lib/data/import/index.ts';
import { importHandlers, ADDRESS_KEYS, type AddressLoadResponse, type AddressSummary, type WorkerImportResponse } from '../../src/lib/data/import/worker-handlers.ts';
import { readAddressDirectory } from '../../src/lib/data/address/read.ts';
import { AddressIndex } from '../../src/lib/data/address/match.ts';
import { fileSource } from '../../src/lib/util/node-bytes.ts';
import { CancelledError, client, serve, type Endpoint } from '../../src/lib/util/rpc.ts';
import type { ImportHandlers } from '../../src/lib/data/import/worker-handlers.ts';

const ZIP = path.resolve(__dirname, '../fixtures/address/adressen_lu.zip');
const base = loadGeoRefs();
let refs: GeoRefs;
beforeAll(async () => {
	refs = { ...base, addresses: new AddressIndex(await readAddressDirectory(fileSource(ZIP))) };
});
const text = (fileName: string, s: string) => ({ fileName, bytes: new TextEncoder().encode(s) });
const issuesOf = (r: Awaited<ReturnType<typeof importFile>>) => r.issues.map((i) => [i.severity, i.row, i.column, i.code]);

// Row numbers as the user sees them: header = 1.
const customers = [
	'customer_id,group,visits_per_year,Adresse,PLZ_Ort',
	'C1,insured,1,Bahnhofstrasse 9,6003 Luzern', // 2: address, exact
	'C2,insured,1,Bahnhofstr 99,6003 Luzern', // 3: street (number not found) with candidates
	'C3,insured,1,Pilatusgasse 3,6003 Luzern', // 4: street not found → postcode, with candidates
	'C4,insured,1,Postfach 12,6003 Luzern', // 5: PO box → postcode
	'C5,employer,1,Bahnhofstrasse 9,Sursee', // 6: locality only → its municipality
	'C6,employer,1,Foobarweg 1,', // 7: nothing to fall back to → error
	'C7,employer,1,"Bahnhofstr. 3, 6010 Kriens",', // 8: postcode inside the address text
	'C8,jobseeker,1,Mühlenpl. 3,6004 Luzern', // 9: normalised
	''
].join('\n');

describe('importer: addresses with the directory loaded', () => {
	it('places rows at entrances, says per row how, names unmatched rows with candidates', async () => {
		const r = await importFile('customers', text('kunden.csv', customers), { refs });
		const p = r.result!.preview;
		expect(p.map((x) => x.geocode_quality)).toEqual(['address', 'street', 'postcode', 'postcode', 'address', 'none', 'address', 'address']);
		expect(p.map((x) => x.zone_id)).toEqual([1061, 1061, 1061, 1061, 1103, null, 1059, 1061]);
		expect(r.result!.stats.quality).toEqual({ address: 4, street: 1, postcode: 2, none: 1 });
		expect(issuesOf(r)).toEqual([
			['warning', 3, 'Adresse', 'address_number_not_found'],
			['warning', 4, 'Adresse', 'address_fallback_postcode'],
			['warning', 5, 'Adresse', 'address_fallback_postcode'],
			['error', 7, 'Adresse', 'address_not_located']
		]);
		const msg = (row: number) => r.issues.find((i) => i.row === row)!.message;
		expect(msg(3).en).toBe("«Bahnhofstr 99», 6003 Luzern: house number 99 not found; nearest: Bahnhofstrasse 9, 19, 29; placed at the street's middle entrance.");
		expect(msg(3).de).toBe('«Bahnhofstr 99», 6003 Luzern: Hausnummer 99 nicht gefunden; nächste: Bahnhofstrasse 9, 19, 29; platziert am mittleren Eingang der Strasse.');
		expect(msg(4).en).toMatch(/^«Pilatusgasse 3», 6003 Luzern: street not found; nearest: Pilatusstrasse, .*; placed at the postcode 6003 \(Luzern\)\.$/);
		expect(msg(5).de).toBe('«Postfach 12», 6003 Luzern: Postfach, kein Gebäude; platziert an der PLZ 6003 (Luzern).');
		expect(msg(7).en).toMatch(/^«Foobarweg 1»: cannot be placed without postcode, locality or municipality; no postcode or municipality to fall back to/);
		// The entrance's own coordinates, not the locality point of 6003.
		const plz6003 = base.plz!.byPlz.get(6003)!;
		expect(p[0].lon).not.toBe(plz6003.lon);
		expect(p[2].lon).toBe(plz6003.lon);
	});

	it('street and house number in two columns, German headers, semicolons, postcode with locality in the PLZ column', async () => {
		const csv = ['Personal_Nr;Einheit;Pensum;Arbeitsort;Strasse;Hausnummer;PLZ', 'P1;AK;1;X;Pilatusstr.;12 A;6003 Luzern', 'P2;AK;1;X;Zentralstrasse;28-30;6003', 'P3;AK;1;X;Haldenstrasse;;6006', ''].join('\n');
		const r = await importFile('staff', text('ma.csv', csv), { refs });
		expect(r.result!.mapping).toMatchObject({ street: 'Strasse', house_number: 'Hausnummer', plz: 'PLZ' });
		expect(r.result!.preview.map((x) => x.geocode_quality)).toEqual(['address', 'address', 'street']);
		expect(issuesOf(r)).toEqual([['warning', 4, 'Strasse', 'address_no_number']]);
		expect(r.issues[0].message.en).toBe('«Haldenstrasse», 6006: no house number; placed at the middle entrance of Haldenstrasse, 6006 Luzern.');
	});

	it('coordinates still win; offices use their address column; unmapped address columns change nothing', async () => {
		const staff = 'person_id,unit,fte,office_id,lon,lat,strasse\nP1,AK,1,X,8.31,47.05,Bahnhofstrasse 9\n';
		const s = await importFile('staff', text('s.csv', staff), { refs });
		expect(s.result!.preview[0]).toMatchObject({ lon: 8.31, geocode_quality: 'coordinates' });
		const offices = 'office_id,name,address,area_m2,rent_chf_year,plz\nO1,Zentrale,Hirschmattstrasse 15,1000,100000,6003\n';
		const o = await importFile('offices', text('o.csv', offices), { refs });
		expect(o.issues).toEqual([]);
		expect(o.result!.preview[0]).toMatchObject({ address: 'Hirschmattstrasse 15', geocode_quality: 'address', zone_id: 1061 });
	});
});

describe('importer: addresses without a directory', () => {
	it('falls back to the postcode (also one found in the address text) and says once that the directory is missing', async () => {
		const r = await importFile('customers', text('kunden.csv', customers), { refs: base });
		const q = r.result!.preview.map((x) => x.geocode_quality);
		expect(q).toEqual(['postcode', 'postcode', 'postcode', 'postcode', 'municipality', 'none', 'postcode', 'postcode']);
		expect(issuesOf(r)).toEqual([
			['warning', null, 'Adresse', 'address_directory_missing'],
			['error', 7, 'Adresse', 'address_not_located']
		]);
		expect(r.result!.preview[4].zone_id).toBe(1103); // Sursee
		expect(r.issues[0].message.de).toContain('Gebäudeadressverzeichnis');
	});
});

describe('import worker: load, keep, restore, forget the directory', () => {
	function connect(store: Map<string, unknown>) {
		const ch = new MessageChannel();
		const mem = { get: async (k: string) => store.get(k), put: async (k: string, v: unknown) => void store.set(k, structuredClone(v)), del: async (k: string) => void store.delete(k) };
		serve(ch.port1 as unknown as Endpoint, importHandlers(base, { store: mem }));
		return { call: client<ImportHandlers>(ch.port2 as unknown as Endpoint), close: () => (ch.port1.close(), ch.port2.close()) };
	}
	it('cuts to the study region, serves imports, survives a new worker (store), and is forgotten', async () => {
		const store = new Map<string, unknown>();
		const a = connect(store);
		const file = new Blob([readFileSync(ZIP)]);
		const progress: number[] = [];
		const points = [{ lon: 8.3098, lat: 47.0505 }];
		const r = await a.call.loadAddresses({ file, name: 'adressen_lu.zip', points, bufferKm: 5 }, { onProgress: (f) => progress.push(f) });
		expect(r.ok).toBe(true);
		const s = (r as { summary: AddressSummary }).summary;
		expect(s.cached).toBe(true);
		expect(s.meta.region).toMatchObject({ bufferKm: 5, points: 1 });
		expect(s.entrances).toBeLessThan(817);
		expect(s.meta.rowsOutside + s.entrances).toBe(817);
		expect(store.has(ADDRESS_KEYS.directory)).toBe(true);
		const bytes = new TextEncoder().encode(customers);
		const imp = await a.call.importFile({ table: 'customers', fileName: 'k.csv', bytes });
		expect(tableFromIPC(imp.ipc!).getChild('geocode_quality')!.get(0)).toBe('address');
		a.close();

		// A new worker (a page reload) takes the kept directory back without reading the file.
		const b = connect(store);
		const restored = await b.call.restoreAddresses(undefined);
		expect(restored).toMatchObject({ entrances: s.entrances, cached: true });
		const imp2 = await b.call.importFile({ table: 'customers', fileName: 'k.csv', bytes });
		expect(imp2.stats!.quality).toEqual(imp.stats!.quality);
		await b.call.forgetAddresses(undefined);
		expect(store.size).toBe(0);
		expect(await b.call.addressStatus(undefined)).toBeNull();
		// Cancel while reading: the call rejects as cancelled, nothing is kept, the worker stays usable.
		const csv = readFileSync(path.resolve(__dirname, '../fixtures/address/adressen_lu.csv'), 'utf8');
		const big = new Blob([csv, ...Array.from({ length: 150 }, () => csv.slice(csv.indexOf('\n') + 1))]);
		const ac = new AbortController();
		const cancelled = b.call.loadAddresses({ file: big, points: [], bufferKm: 5 }, { signal: ac.signal, onProgress: () => ac.abort() });
		await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
		expect(store.size).toBe(0);
		expect(await b.call.addressStatus(undefined)).toBeNull();
		const bad = await b.call.loadAddresses({ file: new Blob(['a;b\n1;2\n']), points: [], bufferKm: 5 });
		expect(bad).toMatchObject({ ok: false, message: { en: expect.stringContaining('Not an address directory') } });
		b.close();
	});
});
