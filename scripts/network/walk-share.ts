/**
 * Walking access of the synthetic staff (data/demo/staff.csv, home lon/lat) to the served stops of a GTFS
 * feed: the share whose nearest served stop is more than `limitMin` minutes' walk away (straight line × 1.3
 * detour at 75 m/min, as the PT engine walks), overall and per municipality.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { parseCsvRecords } from '../../src/lib/util/csv.ts';
import { readCsv } from '../demo/csv.ts';
import { dataPath, distM, inputs } from './inputs.ts';

export const WALK = { detour: 1.3, mPerMin: 75, limitMin: 10 };

export interface WalkShare {
	staff: number;
	far: number;
	/** Per municipality name: [staff, far]. */
	byZone: Map<string, [number, number]>;
}

/** Served stops (stops with at least one stop_time) of a zipped GTFS feed. */
export function servedStops(zip: Uint8Array): { lon: number; lat: number }[] {
	const files = unzipSync(zip);
	const parse = (f: string) => parseCsvRecords(strFromU8(files[f]));
	const used = new Set(parse('stop_times.txt').map((r) => r.stop_id));
	return parse('stops.txt')
		.filter((s) => used.has(s.stop_id))
		.map((s) => ({ lon: Number(s.stop_lon), lat: Number(s.stop_lat) }));
}

export function walkShare(stops: { lon: number; lat: number }[], limitMin = WALK.limitMin): WalkShare {
	const zoneName = new Map(inputs().zones.map((z) => [z.zone_id, z.name]));
	const byZone = new Map<string, [number, number]>();
	let far = 0;
	const staff = readCsv(dataPath('demo/staff.csv'));
	for (const p of staff) {
		const [lon, lat] = [Number(p.lon), Number(p.lat)];
		let d = Infinity;
		for (const s of stops) d = Math.min(d, distM(lon, lat, s.lon, s.lat));
		const isFar = (d * WALK.detour) / WALK.mPerMin > limitMin;
		const z = zoneName.get(Number(p.zone_id)) ?? String(p.zone_id);
		const e = byZone.get(z) ?? [0, 0];
		e[0]++;
		if (isFar) {
			e[1]++;
			far++;
		}
		byZone.set(z, e);
	}
	return { staff: staff.length, far, byZone };
}
