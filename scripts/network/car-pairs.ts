/**
 * Car plausibility pairs of the default network: door-to-door minutes from a municipality's settlement point
 * to a destination, as the matrix computes them (peak factors, urban speeds, terminal minutes at both ends),
 * beside a reference range. The references are ESTIMATES from general knowledge of typical morning-peak
 * route-planner times in the region plus parking and walking, not measurements (no offline source exists).
 */
import { readFileSync } from 'node:fs';
import { loadRoads } from '../../src/lib/reach/networks.ts';
import { computeMatrix } from '../../src/lib/reach/matrix.ts';
import { readCsv } from '../demo/csv.ts';
import { dataPath, inputs } from './inputs.ts';

export interface CarPair {
	from: string;
	to: string;
	/** Reference range, door-to-door minutes in the morning peak (estimate, see above). */
	ref: [number, number];
}

/** Destinations: Luzern station (zone Luzern) and the Eichhof-West site (zone Kriens, data/demo/sites.csv). */
export const CAR_PAIRS: CarPair[] = [
	{ from: 'Luzern', to: 'Eichhof-West', ref: [8, 14] },
	{ from: 'Kriens', to: 'Luzern Bahnhof', ref: [15, 24] },
	{ from: 'Emmen', to: 'Luzern Bahnhof', ref: [14, 22] },
	{ from: 'Ebikon', to: 'Luzern Bahnhof', ref: [15, 24] },
	{ from: 'Sursee', to: 'Luzern Bahnhof', ref: [26, 38] },
	{ from: 'Hochdorf', to: 'Luzern Bahnhof', ref: [25, 36] },
	{ from: 'Willisau', to: 'Luzern Bahnhof', ref: [35, 48] },
	{ from: 'Sursee', to: 'Eichhof-West', ref: [24, 35] }
];

export interface CarPairResult extends CarPair {
	/** Door-to-door minutes (matrix) and the same without terminal minutes. */
	minutes: number;
	driveMinutes: number;
}

/** The pairs on the shipped approximate road file (or another GeoJSON text). */
export async function carPairs(geojson = readFileSync(dataPath('networks/lucerne_approx_roads.geojson'), 'utf8')): Promise<CarPairResult[]> {
	const car = loadRoads({ geojson }, 'approx');
	const { zones, stops } = inputs();
	const luzern = stops.find((s) => s.name === 'Luzern')!;
	const eichhof = readCsv(dataPath('demo/sites.csv')).find((s) => s.name === 'Eichhof-West')!;
	const dests = [
		{ id: 'Luzern Bahnhof', lon: luzern.lon, lat: luzern.lat, zone_id: 1061 },
		{ id: 'Eichhof-West', lon: Number(eichhof.lon), lat: Number(eichhof.lat), zone_id: Number(eichhof.zone_id) }
	];
	const area = new Map(readCsv(dataPath('demo/zones.csv')).map((z) => [Number(z.zone_id), Number(z.area_km2)]));
	const zs = zones.map((z) => ({ zone_id: z.zone_id, lon: z.lon, lat: z.lat, population: z.population, area_km2: area.get(z.zone_id) ?? null }));
	const withT = await computeMatrix({ car }, zs, dests, { modes: ['car'] });
	const without = await computeMatrix({ car }, zs, dests, { modes: ['car'], carTerminal: false });
	const at = (rows: typeof withT, p: CarPair) => rows.find((r) => r.destination_id === p.to && r.origin_zone === zones.find((z) => z.name === p.from)!.zone_id)!.minutes_p50;
	return CAR_PAIRS.map((p) => ({ ...p, minutes: at(withT, p), driveMinutes: at(without, p) }));
}
