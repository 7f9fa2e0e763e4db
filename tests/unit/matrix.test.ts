import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadGtfs, loadRoads, suggestServiceDate } from '../../src/lib/reach/networks.ts';
import { computeMatrix, computeMatrixColumns, mergeTravelTimes, minutesFromPoints, travelTimeRows } from '../../src/lib/reach/matrix.ts';
import { matrixInParts, storeTravelTimes, type MatrixEngine, type MatrixRequest } from '../../src/lib/app/travel-times.ts';
import { localEngine } from '../../src/lib/app/engine-local.ts';
import { tableFromColumns } from '../../src/lib/data/arrow.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { rows as queryRows } from '../../src/lib/data/db/connector.ts';
import { replaceTable } from '../../src/lib/data/replace.ts';
import { createTableSql, tables } from '../../src/lib/data/schema.ts';

// Real networks: the Zug GTFS (2021) and a tiny hand-made road network with known times.
const zug = readFileSync('data/networks/gtfs_ch_zug.zip');

describe('service date', () => {
	it('picks a Tuesday inside the Zug feed validity', () => {
		const d = suggestServiceDate(zug);
		expect(new Date(d + 'T00:00:00Z').getUTCDay()).toBe(2);
		expect(d >= '2020-12-13' && d <= '2021-12-11').toBe(true);
	});
});

describe('matrix', () => {
	it('PT: Zug and Baar zones to Zug station, plausible and ordered', async () => {
		const pt = loadGtfs(zug, 'GTFS Zug 2021', '2021-06-15');
		const zones = [
			{ zone_id: 1711, lon: 8.5153, lat: 47.1733 }, // Zug, near the station
			{ zone_id: 1701, lon: 8.5268, lat: 47.1961 }, // Baar
			{ zone_id: 9999, lon: 9.9, lat: 46.0 } // far away: no access stop, so no row
		];
		const rows = await computeMatrix({ pt }, zones, [{ id: 'ZUG', lon: 8.5153, lat: 47.1738 }], { modes: ['pt'] });
		const byZone = new Map(rows.map((r) => [r.origin_zone, r]));
		expect(byZone.has(9999)).toBe(false);
		const zug0 = byZone.get(1711)!;
		const baar = byZone.get(1701)!;
		expect(zug0.minutes_p50).toBeLessThan(10); // a short walk
		expect(baar.minutes_p50).toBeGreaterThan(zug0.minutes_p50);
		expect(baar.minutes_p50).toBeLessThan(30); // Baar–Zug is a few minutes by S-Bahn plus access
		expect(baar.minutes_p80!).toBeGreaterThanOrEqual(baar.minutes_p50);
		expect(baar.source).toBe('GTFS Zug 2021');
	});

	it('car: hand-made road network gives the hand-computed time', async () => {
		// A 3 km straight tertiary road without maxspeed; origin and target sit on its ends.
		const lat = 47.05;
		const kmPerDegLon = 111.32 * Math.cos((lat * Math.PI) / 180);
		const fc = {
			type: 'FeatureCollection',
			features: [{ type: 'Feature', properties: { highway: 'tertiary', maxspeed: '60' }, geometry: { type: 'LineString', coordinates: [[8.3, lat], [8.3 + 3 / kmPerDegLon, lat]] } }]
		};
		const car = loadRoads({ geojson: JSON.stringify(fc) }, 'test');
		const dest = [{ id: 'S', lon: 8.3 + 3 / kmPerDegLon, lat }];
		const rows = await computeMatrix({ car }, [{ zone_id: 1, lon: 8.3, lat }], dest, { modes: ['car'], carTerminal: false });
		expect(rows).toHaveLength(1);
		// 3 km at 60 km/h = 3 min free flow; the peak factor can only make it slower, at most ~1/0.7.
		expect(rows[0].minutes_p50).toBeGreaterThanOrEqual(2.9);
		expect(rows[0].minutes_p50).toBeLessThan(4.5);
		// Default: terminal minutes at both ends; a zone without population/area is 'suburban' (1.5 + 2 min).
		const withTerminal = await computeMatrix({ car }, [{ zone_id: 1, lon: 8.3, lat }], dest, { modes: ['car'] });
		expect(withTerminal[0].minutes_p50).toBeCloseTo(rows[0].minutes_p50 + 3.5, 1);
		const grid = minutesFromPoints({ car }, 'car', [[8.3, lat], [9.5, 46.5]], { id: 'S', lon: 8.3 + 3 / kmPerDegLon, lat });
		expect(Number.isFinite(grid[0])).toBe(true);
		expect(grid[1]).toBe(Infinity); // too far from any road to snap
	});

	it('as columns (what the app stores): the same rows in DuckDB as row objects give, nulls and ids included', async () => {
		const pt = loadGtfs(zug, 'GTFS Zug 2021', '2021-06-15');
		const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { highway: 'secondary' }, geometry: { type: 'LineString', coordinates: [[8.5, 47.16], [8.53, 47.2]] } }] };
		const car = loadRoads({ geojson: JSON.stringify(fc) }, 'roads');
		const zones = [{ zone_id: 1711, lon: 8.5153, lat: 47.1733 }, { zone_id: 1701, lon: 8.5268, lat: 47.1961 }];
		// Enough cells that the columns grow past their first size (1,024 rows).
		const cells = Array.from({ length: 700 }, (_, i) => ({ origin_cell: 26_800_012_100 + i, zone_id: i % 2 ? 1711 : 1701, lon: 8.5 + (i % 30) * 0.001, lat: 47.16 + Math.floor(i / 30) * 0.0015 }));
		const dest = [{ id: 'ZUG', lon: 8.5153, lat: 47.1738 }, { id: 'BAAR «Süd»', lon: 8.5268, lat: 47.1961 }];
		const cols = await computeMatrixColumns({ pt, car }, zones, dest, { modes: ['pt', 'car'] }, {}, cells);
		expect(cols.length).toBeGreaterThan(1024);
		const rows = travelTimeRows(cols);
		expect(rows.some((r) => r.origin_cell === null) && rows.some((r) => r.wait_p50 === null) && rows.some((r) => r.changes !== null)).toBe(true);
		// Every row as the engines gave it: its origin's zone, a cell of the list or none, a time, a known label.
		const zoneOf = new Map(cells.map((c) => [c.origin_cell, c.zone_id]));
		for (const r of rows) {
			expect(r.origin_cell === null ? [1711, 1701] : [zoneOf.get(r.origin_cell)]).toContain(r.origin_zone);
			expect(r.minutes_p50).toBeGreaterThanOrEqual(0);
			expect([r.mode, r.source]).toEqual(r.mode === 'pt' ? ['pt', 'GTFS Zug 2021'] : ['car', 'roads']);
		}
		expect(new Set(rows.map((r) => r.destination_id))).toEqual(new Set(['ZUG', 'BAAR «Süd»']));
		// One row per origin, destination and mode.
		expect(new Set(rows.map((r) => `${r.origin_zone} ${r.origin_cell} ${r.destination_id} ${r.mode}`)).size).toBe(rows.length);
		const db = await openNodeDb();
		await db.exec(createTableSql(tables.travel_times));
		await storeTravelTimes(db, cols);
		const all = 'SELECT * FROM travel_times ORDER BY ALL';
		const fromColumns = await queryRows(db, all);
		// The reference: the rows as objects, through the plain column builder.
		const plain = tables.travel_times.columns.map((c) => ({ name: c.name, type: c.type, values: rows.map((r) => (r as unknown as Record<string, number | string | null>)[c.name]) }));
		await replaceTable(db, 'travel_times', tableFromColumns(plain));
		expect(fromColumns).toEqual(await queryRows(db, all));
		expect(fromColumns).toHaveLength(rows.length);
		await db.close();
	});

	it('split by origins (the two reach workers of the app) and merged: the rows of one computation, in its order', async () => {
		const pt = loadGtfs(zug, 'GTFS Zug 2021', '2021-06-15');
		const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { highway: 'secondary' }, geometry: { type: 'LineString', coordinates: [[8.5, 47.16], [8.53, 47.2]] } }] };
		const car = loadRoads({ geojson: JSON.stringify(fc) }, 'roads');
		// Zones of different density, so the cells' car terminal times differ by zone (the parts must keep them).
		const zones = [
			{ zone_id: 1711, lon: 8.5153, lat: 47.1733, population: 30_000, area_km2: 3 }, // core
			{ zone_id: 1701, lon: 8.5268, lat: 47.1961, population: 2_000, area_km2: 25 } // rural
		];
		const cells = Array.from({ length: 500 }, (_, i) => ({ origin_cell: 26_800_012_100 + i, zone_id: i % 3 ? 1711 : 1701, lon: 8.49 + (i % 25) * 0.002, lat: 47.15 + Math.floor(i / 25) * 0.003 }));
		// A destination no origin reaches by PT within the limits gives runs in neither part.
		const dest = [{ id: 'ZUG', lon: 8.5153, lat: 47.1738 }, { id: 'FAR', lon: 9.9, lat: 46.0 }, { id: 'BAAR', lon: 8.5268, lat: 47.1961 }];
		const whole = travelTimeRows(await computeMatrixColumns({ pt, car }, zones, dest, { modes: ['pt', 'car'] }, {}, cells));
		const cuts = [0, 120, 121, 390, 500];
		const parts = [];
		for (let k = 0; k + 1 < cuts.length; k++) parts.push(await computeMatrixColumns({ pt, car }, zones, dest, { modes: ['pt', 'car'] }, {}, cells.slice(cuts[k], cuts[k + 1]), k === 0));
		expect(new Set(whole.map((r) => r.mode))).toEqual(new Set(['pt', 'car']));
		expect(whole.some((r) => r.origin_cell === null)).toBe(true);
		expect(travelTimeRows(mergeTravelTimes(parts, dest))).toEqual(whole);
	});

	it('matrixInParts: engines side by side give one engine\'s matrix; a failing part cancels the others', async () => {
		const pt = loadGtfs(zug, 'GTFS Zug 2021', '2021-06-15');
		const zones = [
			{ zone_id: 1711, lon: 8.5153, lat: 47.1733, population: 30_000, area_km2: 3 },
			{ zone_id: 1701, lon: 8.5268, lat: 47.1961, population: 2_000, area_km2: 25 }
		];
		const cells = Array.from({ length: 301 }, (_, i) => ({ origin_cell: 100 + i, zone_id: i % 2 ? 1711 : 1701, lon: 8.49 + (i % 20) * 0.002, lat: 47.15 + Math.floor(i / 20) * 0.003 }));
		const request: MatrixRequest = { zones, cells, destinations: [{ id: 'ZUG', lon: 8.5153, lat: 47.1738 }, { id: 'BAAR', lon: 8.5268, lat: 47.1961 }], options: { modes: ['pt'] } };
		const one = localEngine({ pt });
		const whole = travelTimeRows(await one.matrix(request));
		const progress: number[] = [];
		expect(travelTimeRows(await matrixInParts([one, one, one], request, { onProgress: (f) => progress.push(f) }))).toEqual(whole);
		expect(progress.at(-1)).toBeCloseTo(1);
		// The second part fails at once: the first is cancelled (its next checkpoint throws) and the error is the part's own.
		let cancelled = false;
		const watching: MatrixEngine = {
			matrix: async (req, opts = {}) => {
				for (;;) {
					await new Promise((r) => setTimeout(r, 5));
					if (opts.signal?.aborted) {
						cancelled = true;
						throw new Error('cancelled');
					}
				}
			}
		};
		const failing: MatrixEngine = { matrix: async () => Promise.reject(new Error('no network')) };
		await expect(matrixInParts([watching, failing], request)).rejects.toThrow('no network');
		await new Promise((r) => setTimeout(r, 20));
		expect(cancelled).toBe(true);
	});
});
