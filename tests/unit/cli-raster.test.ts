/**
 * CLI commands of the reach raster: isochrones as GeoJSON (LV95 with the crs member QGIS reads), Güteklassen from
 * the real Zug feed, residents within reach with a STATPOP hectare file, and the errors for bad arguments.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as isochrones from '../../scripts/cli/isochrones.ts';
import * as guteklassen from '../../scripts/cli/guteklassen.ts';
import * as catchmentCmd from '../../scripts/cli/catchment.ts';
import { capture } from '../helpers/capture.ts';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'cli-raster-'));

describe('CLI raster commands', () => {
	it('isochrones writes nested PT isochrones of a site in LV95', async () => {
		const out = path.join(tmp(), 'iso.geojson');
		const r = await capture(() => isochrones.run(['--site', 'S1-EICHHOF', '--mode', 'pt', '--out', out, '--crs', 'lv95']));
		expect(r.code).toBe(0);
		const fc = JSON.parse(readFileSync(out, 'utf8'));
		expect(fc.crs.properties.name).toBe('urn:ogc:def:crs:EPSG::2056');
		expect(fc.features.map((f: { properties: { minutes: number } }) => f.properties.minutes)).toEqual([60, 45, 30, 15]);
		expect(fc.features[0].properties).toMatchObject({ site_id: 'S1-EICHHOF', mode: 'pt', cell_m: 250, network: 'approx-lucerne-gtfs' });
		const [e, n] = fc.features[3].geometry.coordinates[0][0][0];
		expect(Math.abs(e - 2_664_500)).toBeLessThan(10_000); // around Kriens
		expect(Math.abs(n - 1_209_500)).toBeLessThan(10_000);
	}, 120_000);

	it('isochrones rejects an unknown site and a bad CRS', async () => {
		expect((await capture(() => isochrones.run(['--site', 'NOPE']))).out).toMatch(/Unknown site or office: NOPE/);
		const r = await capture(() => isochrones.run(['--site', 'S1-EICHHOF', '--crs', 'ch1903']));
		expect(r.code).toBe(2);
		expect(r.out).toMatch(/--crs must be wgs84 or lv95/);
	}, 60_000);

	it('guteklassen on the real Zug feed: Root D4 and Emmenbrücke get classes; class areas and stops as GeoJSON', async () => {
		const dir = tmp();
		const r = await capture(() =>
			guteklassen.run(['--gtfs', 'data/networks/gtfs_ch_zug.zip', '--date', '2021-06-15', '--out', path.join(dir, 'gk.geojson'), '--stations', path.join(dir, 'st.geojson')])
		);
		expect(r.code).toBe(0);
		expect(r.out).toMatch(/S7-ROOTD4\s+C\s+Root D4 \(IV, 1 m\)/);
		expect(r.out).toMatch(/S1-EICHHOF\s+–\s+no stop in reach/);
		const gk = JSON.parse(readFileSync(path.join(dir, 'gk.geojson'), 'utf8'));
		expect(gk.features.map((f: { properties: { klasse: string } }) => f.properties.klasse)).toEqual(['A', 'B', 'C', 'D']);
		const st = JSON.parse(readFileSync(path.join(dir, 'st.geojson'), 'utf8'));
		expect(st.features.find((f: { properties: { name: string; category: string } }) => f.properties.name === 'Zug' && f.properties.category === 'I')).toBeTruthy();
	}, 120_000);

	it('catchment with a STATPOP hectare file counts only its residents', async () => {
		const r = await capture(() => catchmentCmd.run(['--statpop', 'tests/fixtures/statpop/STATPOP2024_sample.csv', '--modes', 'car', '--json']));
		expect(r.code).toBe(0);
		const j = JSON.parse(r.out.slice(r.out.indexOf('{'), r.out.lastIndexOf('}') + 1));
		expect(j.population.total).toBe(497);
		expect(j.population.source).toBe('statpop-hectare:STATPOP2024_sample.csv (B24BTOT)');
		const lu = j.rows.find((x: { destination_id: string; minutes: number }) => x.destination_id === 'S3-BAHNHOF' && x.minutes === 60);
		expect(lu.residents).toBeCloseTo(497, 3); // all sample hectares lie in the city of Lucerne
	}, 120_000);
});
