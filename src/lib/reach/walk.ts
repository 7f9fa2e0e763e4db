/**
 * Access and egress on foot: straight-line distance × detour factor at walking speed, capped by a maximum
 * straight-line distance. Used to reach public-transport stops from origin points and to walk from stops to a site.
 */
import { haversineM } from './road/geo.ts';

/** Walking assumptions (documented defaults: detour 1.3, 75 m/min = 4.5 km/h, max access 1200 m straight line). */
export interface WalkOptions {
	/** Street distance ÷ straight-line distance. */
	detour: number;
	/** Walking speed, metres per minute. */
	speedMPerMin: number;
	/** Maximum straight-line distance to an access/egress stop, metres. */
	maxAccessM: number;
	/** Allow walking the whole way (origin to target) when within `maxDirectM` straight line. */
	maxDirectM: number;
}

export const DEFAULT_WALK: WalkOptions = { detour: 1.3, speedMPerMin: 75, maxAccessM: 1200, maxDirectM: 2000 };

/** Walking time in seconds for a straight-line distance in metres. */
export function walkSec(distanceM: number, o: WalkOptions = DEFAULT_WALK): number {
	return Math.round(((distanceM * o.detour) / o.speedMPerMin) * 60);
}

/** Stops reachable on foot from a point: parallel arrays of stop index and seconds. */
export interface AccessList {
	stops: Int32Array;
	sec: Int32Array;
}

/**
 * All stops within `o.maxAccessM` of a point (linear scan with a cheap latitude/longitude box pre-filter;
 * fine for a few thousand stops).
 */
export function accessStops(
	lon: number,
	lat: number,
	stopLon: Float64Array,
	stopLat: Float64Array,
	o: WalkOptions = DEFAULT_WALK
): AccessList {
	const dLat = o.maxAccessM / 111_000;
	const dLon = dLat / Math.max(0.1, Math.cos((lat * Math.PI) / 180));
	const s: number[] = [];
	const t: number[] = [];
	for (let i = 0; i < stopLon.length; i++) {
		if (Math.abs(stopLat[i] - lat) > dLat || Math.abs(stopLon[i] - lon) > dLon) continue;
		const d = haversineM(lon, lat, stopLon[i], stopLat[i]);
		if (d <= o.maxAccessM) {
			s.push(i);
			t.push(walkSec(d, o));
		}
	}
	return { stops: Int32Array.from(s), sec: Int32Array.from(t) };
}
