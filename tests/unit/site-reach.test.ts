/**
 * Travel times on the region raster (reach/grid-times.ts, site-reach.ts): every cell gets what the matrix engines
 * give for its centre, lakes get nothing, the isochrone shapes enclose the reachable cells, and residents within
 * x minutes grow with x. Runs on the shipped approximate Lucerne networks and the real zones.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { area as turfArea, booleanPointInPolygon, point } from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import { loadGtfs, loadRoads } from '../../src/lib/reach/networks.ts';
import { minutesFromPoints, type CarNetwork, type PtNetwork } from '../../src/lib/reach/matrix.ts';
import { buildRegion, proxiesFromCsv, type Region } from '../../src/lib/reach/raster-region.ts';
import { ReachGrid, catchment, siteGuteklassen, stationsOf } from '../../src/lib/reach/site-reach.ts';
import { cellAt } from '../../src/lib/reach/raster.ts';
import { wgs84ToLv95 } from '../../src/lib/data/coords.ts';

type Row = Record<string, string>;
const csv = (f: string) => Papa.parse<Row>(readFileSync(f, 'utf8'), { header: true, skipEmptyLines: true }).data;
const sites = csv('data/demo/sites.csv').map((s) => ({ id: s.site_id, lon: Number(s.lon), lat: Number(s.lat) }));
const eichhof = sites.find((s) => s.id === 'S1-EICHHOF')!;
const sursee = sites.find((s) => s.id === 'S8-SURSEE')!;

let nets: { pt: PtNetwork; car: CarNetwork };
let region: Region;
let grid: ReachGrid;
beforeAll(() => {
	nets = {
		pt: loadGtfs(new Uint8Array(readFileSync('data/networks/lucerne_approx_gtfs.zip')), 'approx-pt'),
		car: loadRoads({ geojson: readFileSync('data/networks/lucerne_approx_roads.geojson', 'utf8') }, 'approx-car')
	};
	region = buildRegion({
		zones: csv('data/demo/zones.csv').map((z) => ({ zone_id: Number(z.zone_id), lon: Number(z.lon), lat: Number(z.lat), population: Number(z.population) })),
		municipalities: JSON.parse(readFileSync('data/municipalities_lu_region_2026.geojson', 'utf8')) as FeatureCollection,
		lakes: JSON.parse(readFileSync('data/lakes_lu_region.geojson', 'utf8')) as FeatureCollection,
		proxies: proxiesFromCsv(readFileSync('data/stops_didok_lu_region_2016.csv', 'utf8'), readFileSync('data/plz_ortschaften_lu_region_2022.csv', 'utf8'))
	});
	grid = new ReachGrid(region, nets);
}, 120_000);

describe('region raster', () => {
	it('covers every zone with 250 m cells and keeps the STATPOP total', () => {
		const r = region.cells.raster;
		expect(r.cellM).toBe(250);
		expect(r.width * r.height).toBeGreaterThan(50_000);
		const zonesTotal = csv('data/demo/zones.csv').reduce((s, z) => s + Number(z.population), 0);
		expect(region.population.total).toBe(zonesTotal);
		const sum = region.population.residents.reduce((s, v) => s + v, 0);
		expect(sum / zonesTotal).toBeCloseTo(1, 5);
		expect(region.zonesWithoutPolygon).toEqual([]);
		expect(region.populationNote).toMatch(/^approximate/);
	});

	it('masks the lakes (Vierwaldstättersee in front of Luzern)', () => {
		const { e, n } = wgs84ToLv95(8.345, 47.04);
		const k = cellAt(region.cells.raster, e, n);
		expect(region.cells.blocked[k]).toBe(1);
		expect(region.population.residents[k]).toBe(0);
	});
});

describe('grid travel times', () => {
	it('every cell gets the engine time of its centre (PT, with walk-only near the site, and car)', async () => {
		const pt = (await grid.minutes('pt', eichhof))!;
		const car = (await grid.minutes('car', eichhof))!;
		const r = region.cells.raster;
		// Sample: a line of cells through the site (walk-only, served and unserved cells) plus spread cells.
		const { e, n } = wgs84ToLv95(eichhof.lon, eichhof.lat);
		const sample: number[] = [];
		for (let d = -3000; d <= 3000; d += 250) sample.push(cellAt(r, e + d, n));
		for (let k = 0; k < r.width * r.height; k += 997) sample.push(k);
		const pts = sample.map((k) => [region.cells.lon[k], region.cells.lat[k]] as [number, number]);
		const refPt = minutesFromPoints(nets, 'pt', pts, eichhof);
		const refCar = minutesFromPoints(nets, 'car', pts, eichhof);
		sample.forEach((k, i) => {
			if (region.cells.blocked[k]) {
				expect(pt[k]).toBe(Infinity);
				expect(car[k]).toBe(Infinity);
				return;
			}
			expect(pt[k]).toBeCloseTo(Number.isFinite(refPt[i]) ? Math.round(refPt[i] * 10) / 10 : Infinity, 5);
			expect(car[k]).toBeCloseTo(Number.isFinite(refCar[i]) ? Math.round(refCar[i] * 10) / 10 : Infinity, 5);
		});
		expect(sample.filter((k) => Number.isFinite(pt[k])).length).toBeGreaterThan(10);
	}, 60_000);

	it('isochrone shapes enclose the reachable cells', async () => {
		const m = (await grid.minutes('car', eichhof))!;
		const fc = await grid.isochrones('car', eichhof, [15, 30]);
		expect(fc.features.map((f) => f.properties.minutes)).toEqual([30, 15]);
		expect(fc.features[0].properties).toMatchObject({ site_id: 'S1-EICHHOF', mode: 'car', cell_m: 250, network: 'approx-car' });
		const cellKm2 = (region.cells.raster.cellM / 1000) ** 2;
		const cells15 = m.filter((v) => v <= 15).length;
		const a15 = turfArea(fc.features[1]) / 1e6;
		expect(a15 / (cells15 * cellKm2)).toBeGreaterThan(0.85);
		expect(a15 / (cells15 * cellKm2)).toBeLessThan(1.15);
		expect(booleanPointInPolygon(point([eichhof.lon, eichhof.lat]), fc.features[1])).toBe(true);
		// LV95 output: the same shape in metres.
		const lv = await grid.isochrones('car', eichhof, [15], 'lv95');
		const [e, n] = lv.features[0].geometry.coordinates[0][0][0];
		expect(e).toBeGreaterThan(2_600_000);
		expect(n).toBeGreaterThan(1_150_000);
	}, 60_000);
});

describe('catchment and Güteklasse per site', () => {
	it('residents within 15/30/45/60 min grow with the threshold; a central site reaches more by PT than Sursee', async () => {
		let last = 0;
		const rows = await catchment(grid, [eichhof, sursee], ['pt', 'car'], [15, 30, 45, 60], { progress: (f) => (last = f) });
		expect(last).toBe(1);
		expect(rows.length).toBe(2 * 2 * 4);
		for (const id of ['S1-EICHHOF', 'S8-SURSEE'])
			for (const mode of ['pt', 'car']) {
				const v = rows.filter((r) => r.destination_id === id && r.mode === mode).map((r) => r.residents);
				expect(v).toEqual([...v].sort((a, b) => a - b));
			}
		const at = (id: string, mode: string, t: number) => rows.find((r) => r.destination_id === id && r.mode === mode && r.minutes === t)!.residents;
		expect(at('S1-EICHHOF', 'pt', 30)).toBeGreaterThan(1.3 * at('S8-SURSEE', 'pt', 30));
		expect(at('S1-EICHHOF', 'car', 60)).toBeGreaterThan(0.8 * region.population.total);
		expect(rows[0]).toMatchObject({ population_source: region.populationNote, network_source: 'approx-pt' });
	}, 60_000);

	it('gives each site a class from the loaded timetable', () => {
		const gk = siteGuteklassen(stationsOf(nets.pt), sites, 'approx-pt');
		expect(gk.length).toBe(sites.length);
		for (const g of gk) expect(g.points).toBe(g.klasse ? 4 - 'ABCD'.indexOf(g.klasse) : 0);
		expect(gk.find((g) => g.site_id === 'S1-EICHHOF')!.klasse).toMatch(/[AB]/);
	});
});
