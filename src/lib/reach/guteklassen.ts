/**
 * ÖV-Güteklassen (public-transport quality classes) after the method of the Swiss Federal Office for Spatial
 * Development (ARE, "ÖV-Güteklassen Berechnungsmethodik ARE", 2011 method as we know it; classes A–D), computed from
 * whichever GTFS is loaded. Method, with our operational choices marked (*):
 *
 * 1. Stations: stops are grouped by parent_station (*, else the stop itself), located at the parent (or the mean
 *    of the grouped stops).
 * 2. Departures in the reference period, a weekday 06:00–20:00 (the timetable's service day): every boarding
 *    departure of every trip, both directions counted; a trip counts once per station visit.
 * 3. Interval = period (840 min) / (departures / 2), i.e. per direction.
 * 4. Mode group ("Verkehrsmittelgruppe") = the best mode serving the station: A = rail node, B = rail line (rail,
 *    metro) and tram (*, option `tramGroup`), C = bus, boat, cable car, funicular and everything else.
 *    A rail node (*) is a station whose rail neighbours (previous/next rail station of any trip, whole day) lie in
 *    at least 3 directions at least 30° apart, or a station listed in `railNodes`.
 * 5. Stop category I–V from interval × group (table CATEGORY_TABLE), none beyond it.
 * 6. Class at a location = the best class over all stations from category × straight-line distance
 *    (≤ 300, 300–500, 500–750, 750–1000 m; table CLASS_TABLE).
 *
 * The map layer (class polygons, stations as points) is in guteklassen-map.ts.
 */
import { CAN_BOARD, type Timetable } from './gtfs/index.ts';
import { haversineM } from './road/geo.ts';

export type ModeGroup = 'A' | 'B' | 'C';
export type Klasse = 'A' | 'B' | 'C' | 'D';
export const KLASSEN: readonly Klasse[] = ['A', 'B', 'C', 'D'];
/** Roman numerals of the stop categories 1 … 5. */
export const CATEGORY_NAMES = ['I', 'II', 'III', 'IV', 'V'] as const;

/** Interval classes (upper limit in minutes, inclusive or not) → stop category for groups A, B, C (0 = none). */
export const CATEGORY_TABLE: ReadonlyArray<{ maxMin: number; inclusive: boolean; category: readonly [number, number, number] }> = [
	{ maxMin: 5, inclusive: false, category: [1, 1, 2] },
	{ maxMin: 10, inclusive: false, category: [1, 2, 3] },
	{ maxMin: 20, inclusive: false, category: [2, 3, 4] },
	{ maxMin: 40, inclusive: false, category: [3, 4, 5] },
	{ maxMin: 60, inclusive: true, category: [4, 5, 0] },
	{ maxMin: 120, inclusive: true, category: [5, 0, 0] }
];

/** Upper limits of the distance bands, metres. */
export const DISTANCE_BANDS_M = [300, 500, 750, 1000] as const;

/** Class per stop category (1 … 5) and distance band. */
export const CLASS_TABLE: Readonly<Record<number, ReadonlyArray<Klasse | null>>> = {
	1: ['A', 'A', 'B', 'C'],
	2: ['A', 'B', 'C', 'D'],
	3: ['B', 'C', 'D', null],
	4: ['C', 'D', null, null],
	5: ['D', null, null, null]
};

/** Points of a class for the utility analysis: A = 4 … D = 1, no class = 0. */
export function klassePoints(k: Klasse | null): number {
	return k ? 4 - KLASSEN.indexOf(k) : 0;
}

export interface GuteklassenOptions {
	/** Reference period on the service day, seconds after midnight. Default 06:00–20:00. */
	fromSec: number;
	toSec: number;
	/** Rail directions that make a rail node. Default 3. */
	nodeMinDirections: number;
	/** Smallest angle between two rail directions, degrees. Default 30. */
	directionToleranceDeg: number;
	/** Station ids (parent_station or stop_id) that are rail nodes whatever their directions. */
	railNodes: readonly string[];
	/** Group of trams (and other rail-bound urban lines). Default B. */
	tramGroup: 'B' | 'C';
}

export const DEFAULT_GUTEKLASSEN: GuteklassenOptions = {
	fromSec: 6 * 3600,
	toSec: 20 * 3600,
	nodeMinDirections: 3,
	directionToleranceDeg: 30,
	railNodes: [],
	tramGroup: 'B'
};

/** GTFS route_type (basic and the extended types of the Swiss feed) → kind of service. */
export function serviceKind(routeType: number): 'rail' | 'tram' | 'other' {
	if (routeType === 1 || routeType === 2 || routeType === 12 || (routeType >= 100 && routeType < 200) || (routeType >= 400 && routeType < 500)) return 'rail';
	if (routeType === 0 || (routeType >= 900 && routeType < 1000)) return 'tram';
	return 'other';
}

export interface GkStation {
	id: string;
	name: string;
	lon: number;
	lat: number;
	/** Departures in the reference period, both directions, all modes. */
	departures: number;
	/** Minutes between departures per direction; null without departures. */
	intervalMin: number | null;
	group: ModeGroup;
	/** Distinct rail directions (0 = no rail). */
	railDirections: number;
	/** Stop category 1 … 5 (I … V), or null. */
	category: number | null;
}

/** Stop category for an interval and a group (null = none). */
export function stopCategory(intervalMin: number | null, group: ModeGroup): number | null {
	if (intervalMin === null || !Number.isFinite(intervalMin)) return null;
	const g = group === 'A' ? 0 : group === 'B' ? 1 : 2;
	for (const row of CATEGORY_TABLE) if (intervalMin < row.maxMin || (row.inclusive && intervalMin === row.maxMin)) return row.category[g] || null;
	return null;
}

/** Class of a stop category at a distance (null = none). */
export function klasseAt(category: number | null, distanceM: number): Klasse | null {
	if (category === null) return null;
	const b = DISTANCE_BANDS_M.findIndex((m) => distanceM <= m);
	return b < 0 ? null : (CLASS_TABLE[category][b] ?? null);
}

/** Stations with departures, interval, group and category (steps 1–5 of the module comment). */
export function gkStations(tt: Timetable, options: Partial<GuteklassenOptions> = {}): GkStation[] {
	const o = { ...DEFAULT_GUTEKLASSEN, ...options };
	// 1. stations
	const key = (s: number) => tt.stopParentIds[s] || tt.stopIds[s];
	const index = new Map<string, number>();
	const stationOf = new Int32Array(tt.stopCount);
	const members: number[][] = [];
	for (let s = 0; s < tt.stopCount; s++) {
		const k = key(s);
		let i = index.get(k);
		if (i === undefined) {
			i = members.length;
			index.set(k, i);
			members.push([]);
		}
		members[i].push(s);
		stationOf[s] = i;
	}
	const n = members.length;
	// 2. departures and best service kind, 4. rail neighbours
	const departures = new Int32Array(n);
	const kind = new Uint8Array(n); // 0 none, 1 other, 2 tram, 3 rail
	const lastStation = new Int32Array(tt.tripCount).fill(-1);
	const neighbours: Array<Set<number>> = Array.from({ length: n }, () => new Set());
	for (let c = 0; c < tt.connCount; c++) {
		const trip = tt.connTrip[c];
		const a = stationOf[tt.connDepStop[c]];
		const b = stationOf[tt.connArrStop[c]];
		const k = serviceKind(tt.routeTypes[tt.tripRoute[trip]]);
		if (k === 'rail' && a !== b) {
			neighbours[a].add(b);
			neighbours[b].add(a);
		}
		if (lastStation[trip] === a) continue;
		lastStation[trip] = a;
		const t = tt.connDepTime[c];
		if (!(tt.connFlags[c] & CAN_BOARD) || t < o.fromSec || t >= o.toSec) continue;
		departures[a]++;
		kind[a] = Math.max(kind[a], k === 'rail' ? 3 : k === 'tram' ? 2 : 1);
	}
	const periodMin = (o.toSec - o.fromSec) / 60;
	const forced = new Set(o.railNodes);
	const lon = new Float64Array(n), lat = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		const stops = members[i];
		const parent = tt.stopParent[stops[0]];
		if (parent >= 0) (lon[i] = tt.stopLon[parent]), (lat[i] = tt.stopLat[parent]);
		else {
			for (const s of stops) (lon[i] += tt.stopLon[s]), (lat[i] += tt.stopLat[s]);
			(lon[i] /= stops.length), (lat[i] /= stops.length);
		}
	}
	const out: GkStation[] = [];
	for (let i = 0; i < n; i++) {
		const stops = members[i];
		const parent = tt.stopParent[stops[0]];
		const id = key(stops[0]);
		const dirs = directions(i, [...neighbours[i]], lon, lat, o.directionToleranceDeg);
		const group: ModeGroup =
			kind[i] === 3 ? (dirs >= o.nodeMinDirections || forced.has(id) ? 'A' : 'B') : kind[i] === 2 ? o.tramGroup : 'C';
		const intervalMin = departures[i] > 0 ? periodMin / (departures[i] / 2) : null;
		out.push({
			id,
			name: tt.stopNames[parent >= 0 ? parent : stops[0]],
			lon: lon[i],
			lat: lat[i],
			departures: departures[i],
			intervalMin,
			group,
			railDirections: dirs,
			category: stopCategory(intervalMin, group)
		});
	}
	return out;
}

/** Number of directions among the neighbours: bearings sorted round the circle, split at gaps ≥ tolerance. */
function directions(i: number, nb: number[], lon: Float64Array, lat: Float64Array, tolDeg: number): number {
	if (nb.length <= 1) return nb.length;
	const cos = Math.cos((lat[i] * Math.PI) / 180);
	const b = nb.map((j) => ((Math.atan2((lon[j] - lon[i]) * cos, lat[j] - lat[i]) * 180) / Math.PI + 360) % 360).sort((x, y) => x - y);
	let gaps = 0;
	for (let k = 0; k < b.length; k++) {
		const gap = k + 1 < b.length ? b[k + 1] - b[k] : b[0] + 360 - b[k];
		if (gap >= tolDeg) gaps++;
	}
	return Math.max(1, gaps);
}

export interface SiteKlasse {
	klasse: Klasse | null;
	points: number;
	/** Station that gives the class (nearest among the best), with its category and distance. */
	station: string | null;
	category: number | null;
	distanceM: number | null;
}

/** Class at a point: the best over all stations (step 6). */
export function guteklasseAt(stations: GkStation[], lon: number, lat: number): SiteKlasse {
	let best: SiteKlasse = { klasse: null, points: 0, station: null, category: null, distanceM: null };
	for (const s of stations) {
		if (s.category === null) continue;
		const d = haversineM(lon, lat, s.lon, s.lat);
		const k = klasseAt(s.category, d);
		if (!k) continue;
		const p = klassePoints(k);
		if (p > best.points || (p === best.points && d < best.distanceM!)) best = { klasse: k, points: p, station: s.name, category: s.category, distanceM: Math.round(d) };
	}
	return best;
}

/** Outer radius (m) within which a category gives class `level` or better (0 = never). */
export function classRadius(category: number, level: number): number {
	let r = 0;
	CLASS_TABLE[category].forEach((k, b) => {
		if (k && KLASSEN.indexOf(k) <= level) r = DISTANCE_BANDS_M[b];
	});
	return r;
}
