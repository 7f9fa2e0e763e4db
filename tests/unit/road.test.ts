import { describe, expect, it } from 'vitest';
import {
	buildRoadGraph,
	carDirection,
	carTimesToTarget,
	parseMaxspeed,
	reverseDijkstra,
	roadWaysFromGeoJSON,
	routeCar,
	type RoadGraph
} from '../../src/lib/reach/road/index.ts';

/**
 * Tiny network on the equator, 0.01° grid (x = lon, y = lat, in units of 0.01°):
 *
 *   G (1,2)
 *   ^ motorway (implicitly one-way D->G), 120 km/h x 0.75
 *   D (1,1) ---- E (2,1)      B-D-E: secondary, two-way, 60 km/h x 0.85
 *   |            ^            C->E: tertiary drawn E->C with oneway=-1, CH:urban (50) x 0.7 (urban peak)
 *   A (0,0) -- B (1,0) --> C (2,0)
 *   A-B primary maxspeed 50 (x0.8), B->C residential oneway=yes (30 x 0.9)
 *   F (0,1) private service road from A: excluded.
 *
 * Every segment is 0.01° of a great circle through/along the equator or a meridian (the D-E
 * segment lies at 0.01° latitude: shorter by a factor cos(0.01°), i.e. 1.7e-5 m, negligible).
 */
const L = 6_371_008.8 * (Math.PI / 180) * 0.01; // 1111.9508 m
const t = (kmh: number, factor: number) => L / ((kmh * factor) / 3.6);
const AB = t(50, 0.8); // 100.0756 s
const BC = t(30, 0.9); // 148.2601 s
const CE = t(50, 0.7); // 114.3726 s: CH:urban gets the urban peak factor, lower than tertiary's 0.85
const BD = t(60, 0.85); // 78.4907 s
const DE = BD;

const P = (x: number, y: number) => [x * 0.01, y * 0.01];
const line = (props: Record<string, string>, ...pts: number[][]) => ({
	type: 'Feature' as const,
	properties: props,
	geometry: { type: 'LineString', coordinates: pts }
});
const fc = {
	type: 'FeatureCollection',
	features: [
		line({ highway: 'primary', maxspeed: '50' }, P(0, 0), P(1, 0)),
		line({ highway: 'residential', oneway: 'yes' }, P(1, 0), P(2, 0)),
		line({ highway: 'tertiary', oneway: '-1', maxspeed: 'CH:urban' }, P(2, 1), P(2, 0)),
		line({ highway: 'secondary' }, P(1, 0), P(1, 1), P(2, 1)),
		line({ highway: 'motorway' }, P(1, 1), P(1, 2)),
		line({ highway: 'service', access: 'private' }, P(0, 0), P(0, 1)),
		line({ highway: 'footway' }, P(0, 0), P(0, -1))
	]
};

function nodeAt(g: RoadGraph, x: number, y: number): number {
	for (let u = 0; u < g.nodeCount; u++) if (Math.abs(g.lon[u] - x * 0.01) < 1e-9 && Math.abs(g.lat[u] - y * 0.01) < 1e-9) return u;
	return -1;
}

describe('road graph on a hand-made network', () => {
	const g = buildRoadGraph(roadWaysFromGeoJSON(fc));
	const [A, B, C, D, E, G] = [nodeAt(g, 0, 0), nodeAt(g, 1, 0), nodeAt(g, 2, 0), nodeAt(g, 1, 1), nodeAt(g, 2, 1), nodeAt(g, 1, 2)];

	it('keeps car roads only and joins ways at shared coordinates', () => {
		expect(g.nodeCount).toBe(6); // A B C D E G; F (private) and the footway end are dropped
		expect(nodeAt(g, 0, 1)).toBe(-1);
		expect(nodeAt(g, 0, -1)).toBe(-1);
		// AB 2 + BC 1 + CE 1 + BD 2 + DE 2 + DG 1
		expect(g.edgeCount).toBe(9);
	});

	it('finds the largest strongly connected component', () => {
		expect(g.mainComponentSize).toBe(5);
		expect(g.inMainComponent[G]).toBe(0);
		for (const u of [A, B, C, D, E]) expect(g.inMainComponent[u]).toBe(1);
	});

	it('reverse Dijkstra gives hand-computed times with one-ways, speeds and peak factors', () => {
		const d = reverseDijkstra(g, C);
		expect(d[C]).toBe(0);
		expect(d[B]).toBeCloseTo(BC, 3);
		expect(d[A]).toBeCloseTo(AB + BC, 3);
		expect(d[D]).toBeCloseTo(BD + BC, 3); // D->E->C is forbidden (C->E only)
		expect(d[E]).toBeCloseTo(DE + BD + BC, 3);
		expect(d[G]).toBe(Infinity); // motorway dead end
		const toE = reverseDijkstra(g, E);
		expect(toE[C]).toBeCloseTo(CE, 3);
		expect(toE[B]).toBeCloseTo(Math.min(BC + CE, BD + DE), 3);
		expect(toE[G]).toBe(Infinity);
		expect(reverseDijkstra(g, G)[D]).toBeCloseTo(t(120, 0.75), 3);
	});

	it('free-flow when the peak factor is off', () => {
		const ff = buildRoadGraph(roadWaysFromGeoJSON(fc), { peak: false });
		expect(reverseDijkstra(ff, nodeAt(ff, 2, 0))[nodeAt(ff, 0, 0)]).toBeCloseTo(L / (50 / 3.6) + L / (30 / 3.6), 3);
	});

	it('carTimesToTarget snaps to the main component and adds access at 15 km/h', () => {
		const res = carTimesToTarget(
			g,
			[
				{ id: 'a', lon: 0, lat: 0 },
				{ id: 'a-off', lon: 0, lat: -0.001 }, // 111.195 m south of A
				{ id: 'g', lon: 0.01, lat: 0.02 }, // G is off the main component -> snaps to D, 1 L away
				{ id: 'far', lon: 1, lat: 1 }
			],
			{ lon: 0.02, lat: 0 }
		);
		expect(res[0].minutes).toBeCloseTo((AB + BC) / 60, 4);
		expect(res[0].snapM).toBeCloseTo(0, 6);
		expect(res[1].snapM).toBeCloseTo(L / 10, 1);
		expect(res[1].minutes).toBeCloseTo((AB + BC + L / 10 / (15 / 3.6)) / 60, 3);
		expect(res[2].snapM).toBeCloseTo(L, 0);
		expect(res[2].minutes).toBeCloseTo((BD + BC + L / (15 / 3.6)) / 60, 3);
		expect(res[3].minutes).toBeNull(); // > 5 km from any road
	});

	it('routeCar returns the path, its length and time', () => {
		const r = routeCar(g, { lon: 0.02, lat: 0 }, { lon: 0, lat: 0 })!;
		// C -> A must go round: C->E->D->B->A
		expect(r.path).toEqual([P(2, 0), P(2, 1), P(1, 1), P(1, 0), P(0, 0)].map(([x, y]) => [x, y]));
		expect(r.meters).toBeCloseTo(4 * L, 0);
		expect(r.driveSeconds).toBeCloseTo(CE + DE + BD + AB, 3);
		expect(r.minutes).toBeCloseTo(r.driveSeconds / 60, 6);
		expect(routeCar(g, { lon: 0, lat: 0 }, { lon: 0, lat: 0 })!.meters).toBe(0);
	});
});

describe('car profile tags', () => {
	it('parses maxspeed values', () => {
		expect(parseMaxspeed('50')).toBe(50);
		expect(parseMaxspeed('80 km/h')).toBe(80);
		expect(parseMaxspeed('30 mph')).toBeCloseTo(48.28, 2);
		expect(parseMaxspeed('CH:urban')).toBe(50);
		expect(parseMaxspeed('CH:rural')).toBe(80);
		expect(parseMaxspeed('CH:motorway')).toBe(120);
		expect(parseMaxspeed('CH:zone30')).toBe(30);
		expect(parseMaxspeed('walk')).toBe(6);
		expect(parseMaxspeed('60;40')).toBe(60);
		expect(parseMaxspeed('none')).toBeNull();
		expect(parseMaxspeed('signals')).toBeNull();
		expect(parseMaxspeed(undefined)).toBeNull();
	});

	it('reads oneway, roundabouts and motorways', () => {
		expect(carDirection({ highway: 'residential', oneway: 'yes' })).toBe(1);
		expect(carDirection({ highway: 'residential', oneway: 'true' })).toBe(1);
		expect(carDirection({ highway: 'residential', oneway: '1' })).toBe(1);
		expect(carDirection({ highway: 'residential', oneway: '-1' })).toBe(-1);
		expect(carDirection({ highway: 'residential' })).toBe(0);
		expect(carDirection({ highway: 'primary', junction: 'roundabout' })).toBe(1);
		expect(carDirection({ highway: 'motorway' })).toBe(1);
		expect(carDirection({ highway: 'motorway', oneway: 'no' })).toBe(0);
		expect(carDirection({ highway: 'residential', oneway: 'reversible' })).toBeNull();
	});
});

describe('roadWaysFromGeoJSON', () => {
	it('splits MultiLineStrings, keeps tags as strings and ignores other geometries', () => {
		const ways = roadWaysFromGeoJSON({
			type: 'FeatureCollection',
			features: [
				{ type: 'Feature', properties: { highway: 'primary', maxspeed: 80, oneway: null }, geometry: { type: 'MultiLineString', coordinates: [[[0, 0], [1, 0]], [[2, 0], [3, 0], [4, 0]]] } },
				{ type: 'Feature', properties: { highway: 'primary' }, geometry: { type: 'Point', coordinates: [0, 0] } }
			]
		});
		expect(ways).toHaveLength(2);
		expect(ways[0].tags).toEqual({ highway: 'primary', maxspeed: '80' });
		expect(Array.from(ways[1].coords)).toEqual([2, 0, 3, 0, 4, 0]);
	});
	it('rejects what is not a FeatureCollection', () => {
		expect(() => roadWaysFromGeoJSON({ type: 'Feature', features: [] } as never)).toThrow(/FeatureCollection/);
	});
});
