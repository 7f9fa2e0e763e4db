import { describe, expect, it } from 'vitest';
import {
	TERMINAL_MINUTES,
	TerminalModel,
	URBAN_PEAK_FACTOR,
	areaClass,
	buildRoadGraph,
	carSpeedMs,
	carTimesToTarget,
	isUrbanWay,
	roadWaysFromGeoJSON,
	routeCar
} from '../../src/lib/reach/road/index.ts';

describe('car terminal minutes (road/terminal.ts)', () => {
	it('classes municipalities by residents per km²', () => {
		expect(areaClass(3007)).toBe('core'); // Luzern
		expect(areaClass(2500)).toBe('core');
		expect(areaClass(2499)).toBe('urban');
		expect(areaClass(1126)).toBe('urban'); // Kriens
		expect(areaClass(999)).toBe('suburban');
		expect(areaClass(300)).toBe('suburban');
		expect(areaClass(120)).toBe('rural');
		expect(areaClass(null)).toBe('suburban');
		expect(areaClass(NaN)).toBe('suburban');
	});

	it('gives origin minutes per zone and destination minutes by the zone of the destination or the nearest zone', () => {
		const zones = [
			{ zone_id: 1061, lon: 8.294, lat: 47.054, population: 86699, area_km2: 28.83 }, // core
			{ zone_id: 1059, lon: 8.266, lat: 47.033, population: 30685n, area_km2: 27.24 }, // urban (bigint from a database)
			{ zone_id: 1002, lon: 8.084, lat: 46.998, population: 3409, area_km2: 56.33 }, // rural
			{ zone_id: 9999, lon: 8.5, lat: 47.2 } // no population: default suburban
		];
		const m = new TerminalModel(zones);
		expect([...m.originMinutes()]).toEqual([TERMINAL_MINUTES.core.origin, TERMINAL_MINUTES.urban.origin, TERMINAL_MINUTES.rural.origin, TERMINAL_MINUTES.suburban.origin]);
		expect([0, 1, 2, 3].map((i) => m.zoneClass(i))).toEqual(['core', 'urban', 'rural', 'suburban']);
		// The zone id decides even when another zone's point is nearer (Eichhof-West lies in Kriens).
		expect(m.destinationMinutes({ lon: 8.298, lat: 47.039, zone_id: 1059 })).toBe(TERMINAL_MINUTES.urban.destination);
		expect(m.destinationMinutes({ lon: 8.298, lat: 47.039 })).toBe(TERMINAL_MINUTES.core.destination);
		expect(m.destinationMinutes({ lon: 8.09, lat: 47.0, zone_id: 12345 })).toBe(TERMINAL_MINUTES.rural.destination);
		expect(new TerminalModel([]).destinationMinutes({ lon: 8, lat: 47 })).toBe(TERMINAL_MINUTES.suburban.destination);
		expect(new TerminalModel(zones, { minutes: { core: { origin: 4, destination: 8 } } }).destinationMinutes({ lon: 8.294, lat: 47.054 })).toBe(8);
	});

	it('grow with density and are larger at the destination (parking) than at the origin', () => {
		const order = ['rural', 'suburban', 'urban', 'core'] as const;
		for (let i = 1; i < order.length; i++) {
			expect(TERMINAL_MINUTES[order[i]].origin).toBeGreaterThanOrEqual(TERMINAL_MINUTES[order[i - 1]].origin);
			expect(TERMINAL_MINUTES[order[i]].destination).toBeGreaterThan(TERMINAL_MINUTES[order[i - 1]].destination);
		}
		for (const c of order) expect(TERMINAL_MINUTES[c].destination).toBeGreaterThanOrEqual(TERMINAL_MINUTES[c].origin);
	});

	it('are added at both ends by the car queries', () => {
		const fc = {
			type: 'FeatureCollection',
			features: [{ type: 'Feature' as const, properties: { highway: 'secondary', maxspeed: '60' }, geometry: { type: 'LineString', coordinates: [[8.3, 47.05], [8.32, 47.05]] } }]
		};
		const g = buildRoadGraph(roadWaysFromGeoJSON(fc));
		const from = { id: 'a', lon: 8.3, lat: 47.05 };
		const to = { lon: 8.32, lat: 47.05 };
		const bare = carTimesToTarget(g, [from], to)[0].minutes!;
		const withT = carTimesToTarget(g, [from], to, { originTerminalMin: [2], targetTerminalMin: 5 })[0].minutes!;
		expect(withT - bare).toBeCloseTo(7, 9);
		const r = routeCar(g, from, to, { originTerminalMin: [2], targetTerminalMin: 5 })!;
		expect(r.terminalMinutes).toBe(7);
		expect(r.minutes).toBeCloseTo(withT, 9);
	});
});

describe('urban peak factor (road/profile.ts)', () => {
	it('recognises roads inside built-up areas from OSM tags', () => {
		expect(isUrbanWay({ highway: 'primary', maxspeed: 'CH:urban' })).toBe(true);
		expect(isUrbanWay({ highway: 'residential', maxspeed: 'CH:zone30' })).toBe(true);
		expect(isUrbanWay({ highway: 'residential', maxspeed: '30', 'zone:maxspeed': 'CH:30' })).toBe(true);
		expect(isUrbanWay({ highway: 'primary', maxspeed: '50', 'source:maxspeed': 'CH:urban' })).toBe(true);
		expect(isUrbanWay({ highway: 'primary', maxspeed: '33', 'maxspeed:type': 'CH:urban' })).toBe(true);
		expect(isUrbanWay({ highway: 'primary', maxspeed: '80', 'source:maxspeed': 'CH:rural' })).toBe(false);
		expect(isUrbanWay({ highway: 'primary', maxspeed: '50' })).toBe(false);
	});

	it('applies the lower of the urban and the class factor in the peak, none in free flow', () => {
		const urban = { highway: 'primary', maxspeed: '50', 'maxspeed:type': 'CH:urban' };
		expect(carSpeedMs(urban)).toBeCloseTo((50 * URBAN_PEAK_FACTOR) / 3.6, 9);
		expect(carSpeedMs(urban, { peak: false })).toBeCloseTo(50 / 3.6, 9);
		expect(carSpeedMs(urban, { urbanPeakFactor: 1 })).toBeCloseTo((50 * 0.8) / 3.6, 9);
		expect(carSpeedMs({ highway: 'primary', maxspeed: '50' })).toBeCloseTo((50 * 0.8) / 3.6, 9);
	});
});
