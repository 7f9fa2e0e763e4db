/**
 * What a cut keeps (see README, "Cutting to the study region"): the trips that run on the day and touched
 * the region, the stops in the region or served by those trips (with their parent stations), and the
 * routes of the kept trips — each in the feed's order, so a cut feed packs exactly like the whole one.
 * Without a region (`stopIn` null) everything active is kept. Strings are decoded here, for the kept part only.
 */
import type { RoutesSink } from './routes.ts';
import type { StopsSink } from './stops.ts';
import type { StopTimeColumns } from './stop-times.ts';
import type { TripsSink } from './trips.ts';
import type { PackInput } from './pack.ts';

export interface KeptPart {
	/** Active trip index → kept trip index, or -1. */
	tripMap: Int32Array;
	/** Stop index (all of stops.txt) → kept stop index, or -1. */
	stopMap: Int32Array;
	stops: PackInput['stops'];
	routes: PackInput['routes'];
	trips: PackInput['trips'];
}

/** Active trips kept: all, or those that touched the region. Returns the map and how many. */
export function keepTrips(nActive: number, touched: Uint8Array | null): { map: Int32Array; n: number } {
	const map = new Int32Array(nActive).fill(-1);
	let n = 0;
	for (let t = 0; t < nActive; t++) if (!touched || touched[t]) map[t] = n++;
	return { map, n };
}

/**
 * The kept part, and the collected stop_times rewritten in place to kept trip and stop indices
 * (every collected row belongs to a kept trip).
 */
export function keepPart(
	stops: StopsSink,
	parent: Int32Array,
	stopIn: Uint8Array | null,
	routes: RoutesSink,
	trips: TripsSink,
	tripMap: Int32Array,
	cols: StopTimeColumns
): KeptPart {
	// stops
	const nStops = stops.ids.size;
	const keep = new Uint8Array(nStops);
	if (!stopIn) keep.fill(1);
	else {
		keep.set(stopIn);
		for (let i = 0; i < cols.n; i++) keep[cols.stop.a[i]] = 1;
		for (let s = 0; s < nStops; s++) if (keep[s] === 1 && parent[s] >= 0) keep[parent[s]] = 1;
	}
	const stopMap = new Int32Array(nStops).fill(-1);
	const ids: string[] = [], names: string[] = [], lon: number[] = [], lat: number[] = [], parentIds: string[] = [];
	const allLon = stops.lon.view(), allLat = stops.lat.view();
	for (let s = 0; s < nStops; s++) {
		if (!keep[s]) continue;
		stopMap[s] = ids.length;
		ids.push(stops.ids.key(s));
		names.push(stops.names[s]);
		lon.push(allLon[s]);
		lat.push(allLat[s]);
		parentIds.push(stops.parentIds[s]);
	}
	const keptParent = new Int32Array(ids.length).fill(-1);
	for (let s = 0; s < nStops; s++) if (stopMap[s] >= 0 && parent[s] >= 0) keptParent[stopMap[s]] = stopMap[parent[s]];

	// routes: all without a region (as before), else those of kept trips
	const nActive = tripMap.length, nRoutes = routes.ids.size;
	const routeMap = new Int32Array(nRoutes).fill(stopIn ? -1 : 0);
	if (stopIn) for (let t = 0; t < nActive; t++) if (tripMap[t] >= 0) routeMap[trips.route.a[t]] = 0;
	const kRoutes = { ids: [] as string[], names: [] as string[], types: [] as number[] };
	for (let r = 0; r < nRoutes; r++) {
		if (routeMap[r] < 0) continue;
		routeMap[r] = kRoutes.ids.length;
		kRoutes.ids.push(routes.ids.key(r));
		kRoutes.names.push(routes.names[r]);
		kRoutes.types.push(routes.types.a[r]);
	}

	// trips (headsigns decoded once per distinct text)
	const kTrips = { ids: [] as string[], route: [] as number[], headsigns: [] as string[] };
	const headsign = new Map<number, string>();
	for (let t = 0; t < nActive; t++) {
		if (tripMap[t] < 0) continue;
		const h = trips.headsign.a[t];
		let text = headsign.get(h);
		if (text === undefined) headsign.set(h, (text = trips.headsigns.key(h)));
		kTrips.ids.push(trips.ids.key(t));
		kTrips.route.push(routeMap[trips.route.a[t]]);
		kTrips.headsigns.push(text);
	}

	const T = cols.trip.a, S = cols.stop.a;
	for (let i = 0; i < cols.n; i++) {
		T[i] = tripMap[T[i]];
		S[i] = stopMap[S[i]];
	}
	return {
		tripMap,
		stopMap,
		stops: { ids, names, lon: Float64Array.from(lon), lat: Float64Array.from(lat), parent: keptParent, parentIds },
		routes: { ids: kRoutes.ids, names: kRoutes.names, types: Int32Array.from(kRoutes.types) },
		trips: kTrips
	};
}
