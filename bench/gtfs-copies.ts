/**
 * Far-away copies of a real GTFS feed, for the cut proof (tests/unit/gtfs-cut.test.ts, a few copies in
 * memory) and the national-size generator (bench/gtfs-national.ts, ~214 copies streamed to a zip64).
 * Copy k has every id prefixed with `c<k>_` (stops, parents, routes, agencies, trips, services, …) and
 * its coordinates shifted by whole degrees to a cell of a grid hundreds of km away from the original,
 * so no copy can ever matter for travel times in a region around the original.
 */

/** Id columns per file: prefixed in a copy. */
export const ID_COLUMNS: Record<string, string[]> = {
	'agency.txt': ['agency_id'],
	'stops.txt': ['stop_id', 'parent_station', 'level_id', 'zone_id'],
	'routes.txt': ['route_id', 'agency_id'],
	'trips.txt': ['route_id', 'service_id', 'trip_id', 'block_id', 'shape_id'],
	'stop_times.txt': ['trip_id', 'stop_id'],
	'calendar.txt': ['service_id'],
	'calendar_dates.txt': ['service_id'],
	'transfers.txt': ['from_stop_id', 'to_stop_id', 'from_route_id', 'to_route_id', 'from_trip_id', 'to_trip_id'],
	'frequencies.txt': ['trip_id'],
	'shapes.txt': ['shape_id']
};

/** Files written once (not copied). */
export const SINGLE_FILES = new Set(['feed_info.txt']);

export interface CopySpec {
	/** '' for the original. */
	prefix: string;
	dLon: number;
	dLat: number;
	/** Keep service_id unprefixed (the copies share the original's calendar; the national bench). */
	shareServices: boolean;
}

/**
 * Shifts for copies 1…n on a 4° grid (≈ 300–450 km per step at 47° N) around the original, never its
 * own cell: latitudes stay within ±30° of the original, longitudes within ±40°.
 */
export function copySpecs(n: number, shareServices = false): CopySpec[] {
	const out: CopySpec[] = [];
	for (let k = 0; out.length < n; k++) {
		const col = k % 20, row = Math.floor(k / 20);
		const dLon = (col - 10) * 4, dLat = (row - 6) * 4;
		if (dLon === 0 && dLat === 0) continue;
		if (row > 13) throw new Error('too many copies for the grid');
		out.push({ prefix: `c${out.length + 1}_`, dLon, dLat, shareServices });
	}
	return out;
}

/** One CSV field, quoted when it needs to be. */
export function csvField(v: string): string {
	return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/**
 * A function that rewrites a row of `file` (fields as strings, in `header` order) for a copy and
 * returns the CSV line without line break.
 */
export function rowRewriter(file: string, header: string[], spec: CopySpec): (fields: string[]) => string {
	const ids = new Set(ID_COLUMNS[file] ?? []);
	if (spec.shareServices) ids.delete('service_id');
	const idCols = header.map((h, i) => (ids.has(h) ? i : -1)).filter((i) => i >= 0);
	const lonCol = file === 'stops.txt' ? header.indexOf('stop_lon') : -1;
	const latCol = file === 'stops.txt' ? header.indexOf('stop_lat') : -1;
	const out: string[] = [];
	return (fields) => {
		out.length = header.length;
		for (let i = 0; i < header.length; i++) out[i] = fields[i] ?? '';
		if (spec.prefix) for (const c of idCols) if (out[c] !== '') out[c] = spec.prefix + out[c];
		if (spec.dLon !== 0 && lonCol >= 0 && out[lonCol] !== '') out[lonCol] = String(Number(out[lonCol]) + spec.dLon);
		if (spec.dLat !== 0 && latCol >= 0 && out[latCol] !== '') out[latCol] = String(Number(out[latCol]) + spec.dLat);
		return out.map(csvField).join(',');
	};
}

/** Deterministic PRNG (mulberry32) for shuffles. */
export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Shuffle in place (Fisher–Yates). */
export function shuffle<T>(a: T[], rnd: () => number): T[] {
	for (let i = a.length - 1; i > 0; i--) {
		const j = Math.floor(rnd() * (i + 1));
		[a[i], a[j]] = [a[j], a[i]];
	}
	return a;
}
