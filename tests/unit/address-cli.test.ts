import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import * as geocode from '../../scripts/cli/geocode.ts';
import * as validate from '../../scripts/cli/validate.ts';
import { capture } from '../helpers/capture.ts';

const ZIP = path.resolve(__dirname, '../fixtures/address/adressen_lu.zip');


describe('CLI with --addresses', () => {
	const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-addr-'));
	const input = path.join(dir, 'customers.csv');
	writeFileSync(
		input,
		'customer_id,group,visits_per_year,Strasse,Nr,PLZ,Ort\nC1,insured,1,Bahnhofstr.,9,6003,Luzern\nC2,insured,1,Bahnhofstrasse,99,6003,Luzern\nC3,insured,1,Route de Berne,12,1700,Fribourg\n'
	);

	it('geocode writes lon/lat, zone, quality, the matched address and a note per row', async () => {
		const out = path.join(dir, 'out.csv');
		const r = await capture(() => geocode.run([input, '--addresses', ZIP, '--out', out, '--lang', 'en']));
		expect(r.code).toBe(0);
		// The default cut (Lucerne region) drops Fribourg: its row falls back to … nothing (1700 is not in the Lucerne postcode register).
		expect(r.out).toMatch(/Address directory adressen_lu\.zip: 817 rows read, \d+ entrances on \d+ streets kept \(10 km around \d+ points; 16 outside\)/);
		expect(r.out).toContain('3 rows');
		const rows = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true }).data;
		expect(rows.map((x) => [x.customer_id, x.geocode_quality, x.zone_id, x.geocode_match])).toEqual([
			['C1', 'address', '1061', 'Bahnhofstrasse 9, 6003 Luzern'],
			['C2', 'street', '1061', 'Bahnhofstrasse, 6003 Luzern'],
			['C3', 'none', '', '']
		]);
		expect(rows[1].geocode_note).toContain('nearest: Bahnhofstrasse 9, 19, 29');
		expect(rows[2].geocode_note).toContain('postcode 1700 is not in the loaded address directory');
		expect(Number(rows[0].lon)).toBeCloseTo(8.307, 2);
		// --no-cut keeps the whole directory: Fribourg is found.
		const all = await capture(() => geocode.run([input, '--addresses', ZIP, '--no-cut', '--out', out]));
		expect(all.code).toBe(0);
		const rows2 = Papa.parse<Record<string, string>>(readFileSync(out, 'utf8'), { header: true, skipEmptyLines: true }).data;
		expect(rows2[2]).toMatchObject({ geocode_quality: 'address', geocode_match: 'Route de Berne 12, 1700 Fribourg', zone_id: '2196' });
	});

	it('validate --addresses reports unmatched rows with file, row and column; a broken directory is a clear error', async () => {
		const r = await capture(() => validate.run([input, '--table', 'customers', '--addresses', ZIP, '--lang', 'en']));
		expect(r.out).toMatch(/customers\.csv\s+3\s+Strasse\s+warning: «Bahnhofstrasse 99», 6003 Luzern: house number 99 not found; nearest: Bahnhofstrasse 9, 19, 29/);
		const bad = path.join(dir, 'bad.zip');
		writeFileSync(bad, 'not a directory');
		await expect(validate.run([input, '--table', 'customers', '--addresses', bad])).rejects.toThrow(/bad\.zip: Keine Adressverzeichnis-Datei|bad\.zip: Die Datei/);
	});
});
