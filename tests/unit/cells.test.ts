/**
 * Zone → cell times for the score surface (reach/cells.ts): a cell placed on a site must get the
 * matrix's times for that site (same engines, same window), so the surface and the ranking agree.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { loadGtfs, loadRoads } from '../../src/lib/reach/networks.ts';
import { computeMatrix, type CarNetwork, type PtNetwork } from '../../src/lib/reach/matrix.ts';
import { cellRows, cellZoneMinutes } from '../../src/lib/reach/cells.ts';
import { matrixTimeSource } from '../../src/lib/model/index.ts';

type Row = Record<string, string>;
const csv = (f: string) => Papa.parse<Row>(readFileSync(f, 'utf8'), { header: true, skipEmptyLines: true }).data;
const zones = csv('data/demo/zones.csv')
	.filter((z) => z.canton === 'LU')
	.slice(0, 40)
	.map((z) => ({ zone_id: Number(z.zone_id), lon: Number(z.lon), lat: Number(z.lat) }));
const sites = csv('data/demo/sites.csv').map((s) => ({ id: s.site_id, lon: Number(s.lon), lat: Number(s.lat) }));

let nets: { pt: PtNetwork; car: CarNetwork };
beforeAll(() => {
	nets = {
		pt: loadGtfs(new Uint8Array(readFileSync('data/networks/lucerne_approx_gtfs.zip')), 'approx'),
		car: loadRoads({ geojson: readFileSync('data/networks/lucerne_approx_roads.geojson', 'utf8') }, 'approx')
	};
}, 60_000);

describe('cell times', () => {
	it('a cell on a site gets the matrix times of that site; progress reaches 1', async () => {
		const picked = [sites[0], sites[7]];
		const cells = [...picked, { lon: 8.2, lat: 47.0 }];
		const progress: number[] = [];
		const r = await cellZoneMinutes(nets, zones, cells, ['pt', 'car'], { progress: (f) => progress.push(f) });
		expect(r.cells).toBe(3);
		expect(r.pt!.length).toBe(3 * zones.length);
		expect(progress.at(-1)).toBe(1);
		const rows = await computeMatrix(nets, zones, picked);
		const time = matrixTimeSource(r.zoneIds, cellRows(r.pt, r.cells, zones.length), cellRows(r.car, r.cells, zones.length));
		let compared = 0;
		for (const row of rows) {
			const cell = picked.findIndex((s) => s.id === row.destination_id);
			expect(time(cell, row.origin_zone, row.mode)).toBeCloseTo(row.minutes_p50, 4);
			compared++;
		}
		expect(compared).toBeGreaterThan(zones.length); // both modes, most zones reachable
		// Pairs the matrix has no row for are unreachable in the cell times too.
		const have = new Set(rows.map((x) => `${x.destination_id}|${x.origin_zone}|${x.mode}`));
		for (const [c, s] of picked.entries())
			for (const z of zones) for (const m of ['pt', 'car'] as const) if (!have.has(`${s.id}|${z.zone_id}|${m}`)) expect(time(c, z.zone_id, m)).toBeNull();
	}, 60_000);

	it('leaves out modes whose network is not loaded', async () => {
		const r = await cellZoneMinutes({ car: nets.car }, zones, [sites[0]], ['pt', 'car']);
		expect(r.pt).toBeNull();
		expect(r.car).not.toBeNull();
	});
});
