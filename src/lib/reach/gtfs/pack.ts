/**
 * The kept part of a feed → packed {@link Timetable}: stop_times ordered by (trip, stop_sequence),
 * untimed stops interpolated, frequency templates expanded, connections sorted by departure, and the
 * footpaths (transfers.txt, parent-station siblings, generated walking links) as CSR.
 *
 * Footpaths (all one hop, never chained):
 *  - transfers.txt between different stops (types 0/1/2; duration = min_transfer_time, else walking time),
 *  - parent-station siblings (option linkSiblings): stops sharing a parent_station, duration max(walk, default change),
 *  - generated walking links within walkLinkRadiusM not already given by transfers.txt and not forbidden (type 3).
 * Minimum change time per stop: transfers.txt from_stop_id = to_stop_id, else defaultMinChangeSec.
 */
import { I32Col } from './columns.ts';
import { GtfsError, type WarningSink } from './errors.ts';
import type { FrequencyWindow } from './frequencies.ts';
import { CAN_ALIGHT, CAN_BOARD, buildFootpathCsr, type Timetable, type TimetableOptions } from './timetable.ts';
import type { TransferTarget } from './transfers.ts';
import { haversineM } from '../road/geo.ts';
import { formatTime } from './time.ts';

export type PackOptions = Omit<TimetableOptions, 'date'>;

/** Change times and footpaths between the kept stops. */
export class Footpaths implements TransferTarget {
	readonly minChangeSec: Int32Array;
	readonly from = new I32Col();
	readonly to = new I32Col();
	readonly sec = new I32Col();
	/** Pairs defined or forbidden by transfers.txt (a × stopCount + b). */
	private readonly given = new Set<number>();
	constructor(
		private readonly stopCount: number,
		private readonly lon: Float64Array,
		private readonly lat: Float64Array,
		private readonly opts: PackOptions,
		private readonly warn: WarningSink
	) {
		this.minChangeSec = new Int32Array(stopCount).fill(opts.defaultMinChangeSec);
	}

	private walk(a: number, b: number): number {
		const d = haversineM(this.lon[a], this.lat[a], this.lon[b], this.lat[b]);
		return Number.isFinite(d) ? Math.round(((d * this.opts.walkDetour) / this.opts.walkSpeedMPerMin) * 60) : Infinity;
	}

	private add(a: number, b: number, sec: number): void {
		this.from.push(a);
		this.to.push(b);
		this.sec.push(sec);
	}

	transfer(a: number, b: number, type: string, min: number, row: number): void {
		this.given.add(a * this.stopCount + b);
		if (type === '3' || type === '5') return; // not possible: no footpath, no generated link
		if (a === b) {
			if (min >= 0) this.minChangeSec[a] = min;
			else if (type === '1' || type === '4') this.minChangeSec[a] = 0;
			return;
		}
		let sec = min;
		if (!(sec >= 0)) {
			if (type === '2') this.warn.add('transfer_no_time', { de: 'Typ-2-Umstieg ohne min_transfer_time: Gehzeit verwendet', en: 'Type-2 transfer without min_transfer_time: walking time used' }, `row ${row}`);
			sec = this.walk(a, b);
			if (!Number.isFinite(sec)) return;
		}
		this.add(a, b, sec);
	}

	/** Stops sharing a parent_station (also a missing one), both ways. */
	siblings(parentIds: string[]): void {
		const children = new Map<string, number[]>();
		for (let s = 0; s < this.stopCount; s++) {
			const p = parentIds[s];
			if (!p) continue;
			const list = children.get(p) ?? [];
			list.push(s);
			children.set(p, list);
		}
		const n = this.stopCount;
		for (const list of children.values())
			for (const a of list)
				for (const b of list) {
					if (a === b || this.given.has(a * n + b)) continue;
					const w = this.walk(a, b);
					this.given.add(a * n + b);
					this.add(a, b, Math.max(Number.isFinite(w) ? w : 0, this.opts.defaultMinChangeSec));
				}
	}

	/** Generated walking links within the radius, not given by transfers.txt. */
	walkLinks(): void {
		const o = this.opts, n = this.stopCount;
		if (!(o.walkLinkRadiusM > 0)) return;
		forPairsWithin(this.lon, this.lat, o.walkLinkRadiusM, (a, b, d) => {
			if (this.given.has(a * n + b)) return;
			this.add(a, b, Math.max(Math.round(((d * o.walkDetour) / o.walkSpeedMPerMin) * 60), this.minChangeSec[a]));
		});
	}
}

export interface PackInput {
	/** YYYYMMDD */
	date: string;
	options: PackOptions;
	stops: { ids: string[]; names: string[]; lon: Float64Array; lat: Float64Array; parent: Int32Array; parentIds: string[] };
	routes: { ids: string[]; names: string[]; types: Int32Array };
	trips: { ids: string[]; route: number[]; headsigns: string[] };
	/** Kept stop_times (kept trip and stop indices), any order. */
	st: { n: number; trip: Int32Array; seq: Int32Array; arr: Int32Array; dep: Int32Array; stop: Int32Array; flags: Uint8Array };
	freq: Map<number, FrequencyWindow[]>;
	foot: Footpaths;
}

export function pack(inp: PackInput, warn: WarningSink): Timetable {
	const { st, trips, stops } = inp;
	const stN = st.n;
	const T = st.trip, Q = st.seq;
	const order = new Int32Array(stN);
	for (let i = 0; i < stN; i++) order[i] = i;
	order.sort((a, b) => T[a] - T[b] || Q[a] - Q[b]);
	fillMissingTimes(order, stN, T, st.arr, st.dep, warn);

	// --- connections (frequency trips become copies named trip@start)
	const tripIds = trips.ids.slice(), tripRoute = trips.route.slice(), tripHeadsigns = trips.headsigns.slice();
	const cDepStop = new I32Col(stN), cArrStop = new I32Col(stN), cDepT = new I32Col(stN), cArrT = new I32Col(stN), cTripC = new I32Col(stN), cFl = new I32Col(stN);
	const emit = (trip: number, from: number, to: number, shift: number) => {
		cDepStop.push(st.stop[from]);
		cArrStop.push(st.stop[to]);
		cDepT.push(st.dep[from] + shift);
		cArrT.push(st.arr[to] + shift);
		cTripC.push(trip);
		cFl.push((st.flags[from] & CAN_BOARD) | (st.flags[to] & CAN_ALIGHT));
	};
	let i = 0;
	while (i < stN) {
		let j = i;
		const trip = T[order[i]];
		while (j + 1 < stN && T[order[j + 1]] === trip) j++;
		for (let k = i; k < j; k++) {
			if (Q[order[k]] === Q[order[k + 1]])
				throw new GtfsError('bad_sequence', {
					de: `Doppelte stop_sequence ${Q[order[k]]} in Fahrt ${tripIds[trip]}`,
					en: `Duplicate stop_sequence ${Q[order[k]]} in trip ${tripIds[trip]}`
				}, { file: 'stop_times.txt', column: 'stop_sequence' });
		}
		const back = timeGoesBack(order, i, j, Q, st.arr, st.dep);
		if (back) {
			// A trip that arrives before it left (a typo in a time, stops in the wrong order) would let a
			// journey end before it began: the trip is left out and named.
			warn.add(
				'time_backwards',
				{ de: 'Fahrten, deren Zeit rückwärts läuft (Ankunft vor der vorherigen Abfahrt), weggelassen', en: 'Trips whose times run backwards (an arrival before the previous departure) left out' },
				`${tripIds[trip]}: ${back}`
			);
			i = j + 1;
			continue;
		}
		const windows = inp.freq.get(trip);
		if (!windows) {
			for (let k = i; k < j; k++) emit(trip, order[k], order[k + 1], 0);
		} else {
			const first = st.dep[order[i]];
			for (const w of windows) {
				for (let start = w.start; start < w.end; start += w.headway) {
					const t = tripIds.length;
					tripIds.push(`${tripIds[trip]}@${start}`);
					tripRoute.push(tripRoute[trip]);
					tripHeadsigns.push(tripHeadsigns[trip]);
					for (let k = i; k < j; k++) emit(t, order[k], order[k + 1], start - first);
				}
			}
		}
		i = j + 1;
	}
	const connCount = cDepStop.n;
	const byDep = new Int32Array(connCount);
	for (let c = 0; c < connCount; c++) byDep[c] = c;
	const D = cDepT.a, A = cArrT.a;
	// ties keep emission order so consecutive zero-duration hops of one trip stay in sequence
	byDep.sort((a, b) => D[a] - D[b] || A[a] - A[b] || a - b);
	const pick = (col: I32Col) => {
		const out = new Int32Array(connCount);
		for (let c = 0; c < connCount; c++) out[c] = col.a[byDep[c]];
		return out;
	};
	const connDepStop = pick(cDepStop), connArrStop = pick(cArrStop), connDepTime = pick(cDepT), connArrTime = pick(cArrT), connTrip = pick(cTripC);
	const connFlags = Uint8Array.from(pick(cFl));
	const connByArr = new Int32Array(connCount);
	for (let c = 0; c < connCount; c++) connByArr[c] = c;
	connByArr.sort((a, b) => connArrTime[a] - connArrTime[b] || connDepTime[a] - connDepTime[b] || a - b);
	const connArrSorted = new Int32Array(connCount);
	for (let k = 0; k < connCount; k++) connArrSorted[k] = connArrTime[connByArr[k]];

	// --- footpaths (transfers.txt was applied while it streamed)
	const foot = inp.foot;
	if (inp.options.linkSiblings) foot.siblings(stops.parentIds);
	foot.walkLinks();
	const csr = buildFootpathCsr(stops.ids.length, foot.from.view(), foot.to.view(), foot.sec.view());
	const stopIndex = new Map<string, number>();
	for (let s = 0; s < stops.ids.length; s++) stopIndex.set(stops.ids[s], s);
	const { defaultMinChangeSec, walkLinkRadiusM, walkDetour, walkSpeedMPerMin, linkSiblings } = inp.options;
	return {
		date: inp.date,
		options: { defaultMinChangeSec, walkLinkRadiusM, walkDetour, walkSpeedMPerMin, linkSiblings },
		stopCount: stops.ids.length,
		stopIds: stops.ids,
		stopNames: stops.names,
		stopLon: stops.lon,
		stopLat: stops.lat,
		stopParent: stops.parent,
		stopParentIds: stops.parentIds,
		minChangeSec: foot.minChangeSec,
		tripCount: tripIds.length,
		tripIds,
		tripRoute: Int32Array.from(tripRoute),
		tripHeadsigns,
		routeIds: inp.routes.ids,
		routeShortNames: inp.routes.names,
		routeTypes: inp.routes.types,
		connCount,
		connDepStop,
		connArrStop,
		connDepTime,
		connArrTime,
		connTrip,
		connFlags,
		connByArr,
		connArrSorted,
		...csr,
		stopIndex
	};
}

/**
 * Where the stop times of one trip (order[i..j], sorted by stop_sequence) run backwards: a departure
 * before its own arrival, or an arrival before the previous stop's departure, said as the feed's
 * stop_sequence and times; null when time never goes back. Equal times are allowed (GTFS rounds to minutes).
 */
function timeGoesBack(order: Int32Array, i: number, j: number, seq: Int32Array, arr: Int32Array, dep: Int32Array): string | null {
	for (let k = i; k <= j; k++) {
		const o = order[k];
		if (dep[o] < arr[o]) return `stop_sequence ${seq[o]} departure ${formatTime(dep[o], true)} < arrival ${formatTime(arr[o], true)}`;
		const n = order[k + 1];
		if (k < j && arr[n] < dep[o]) return `stop_sequence ${seq[n]} arrival ${formatTime(arr[n], true)} < stop_sequence ${seq[o]} departure ${formatTime(dep[o], true)}`;
	}
	return null;
}

/** Interpolate empty intermediate times evenly between timed stops (GTFS allows untimed stops). */
function fillMissingTimes(order: Int32Array, n: number, trip: Int32Array, arr: Int32Array, dep: Int32Array, warn: WarningSink): void {
	let k = 0;
	while (k < n) {
		const o = order[k];
		if (arr[o] >= 0) {
			k++;
			continue;
		}
		// find the timed stops before and after within the same trip
		const prev = k - 1;
		let next = k;
		while (next < n && trip[order[next]] === trip[o] && arr[order[next]] < 0) next++;
		if (prev < 0 || trip[order[prev]] !== trip[o] || next >= n || trip[order[next]] !== trip[o])
			throw new GtfsError('bad_value', {
				de: 'Erster oder letzter Halt einer Fahrt ohne Zeit',
				en: 'First or last stop of a trip has no time'
			}, { file: 'stop_times.txt', column: 'arrival_time' });
		const t0 = dep[order[prev]], t1 = arr[order[next]];
		for (let m = k; m < next; m++) {
			const t = Math.round(t0 + ((t1 - t0) * (m - prev)) / (next - prev));
			arr[order[m]] = t;
			dep[order[m]] = t;
		}
		warn.add('interpolated_times', { de: 'Fehlende Zeiten interpoliert', en: 'Missing times interpolated' }, `${next - k} stops`);
		k = next;
	}
}

/**
 * Call `add(a, b, metres)` for every ordered pair of distinct stops within `radiusM`, for each a in
 * increasing b order (grid bucketing). Cells are sized for the stop farthest from the equator, so no
 * pair is missed in a feed spanning many latitudes, and the order does not depend on which other stops
 * exist (a cut feed gets the same links in the same order as the whole feed).
 */
function forPairsWithin(lon: Float64Array, lat: Float64Array, radiusM: number, add: (a: number, b: number, d: number) => void): void {
	const n = lon.length;
	const cell = radiusM / 111_000; // degrees latitude (a degree is ≥ 110.5 km)
	let maxLat = 0;
	for (let s = 0; s < n; s++) if (Number.isFinite(lat[s]) && Math.abs(lat[s]) > maxLat) maxLat = Math.abs(lat[s]);
	const cellLon = cell / Math.max(0.1, Math.cos((Math.min(maxLat, 84) * Math.PI) / 180));
	const grid = new Map<string, number[]>();
	const key = (x: number, y: number) => `${x},${y}`;
	for (let s = 0; s < n; s++) {
		if (!Number.isFinite(lat[s]) || !Number.isFinite(lon[s])) continue;
		const k = key(Math.floor(lon[s] / cellLon), Math.floor(lat[s] / cell));
		const l = grid.get(k) ?? [];
		l.push(s);
		grid.set(k, l);
	}
	const near: number[] = [];
	const dist = new Map<number, number>();
	for (let a = 0; a < n; a++) {
		if (!Number.isFinite(lat[a]) || !Number.isFinite(lon[a])) continue;
		const cx = Math.floor(lon[a] / cellLon), cy = Math.floor(lat[a] / cell);
		near.length = 0;
		dist.clear();
		for (let dx = -1; dx <= 1; dx++)
			for (let dy = -1; dy <= 1; dy++) {
				const l = grid.get(key(cx + dx, cy + dy));
				if (!l) continue;
				for (const b of l) {
					if (b === a) continue;
					const d = haversineM(lon[a], lat[a], lon[b], lat[b]);
					if (d <= radiusM) {
						near.push(b);
						dist.set(b, d);
					}
				}
			}
		near.sort((x, y) => x - y);
		for (const b of near) add(a, b, dist.get(b)!);
	}
}
