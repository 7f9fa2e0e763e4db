/**
 * GTFS zip → packed {@link Timetable} for one service day.
 *
 * Read: stops, routes, trips, stop_times, calendar, calendar_dates, transfers, frequencies (all per the GTFS
 * reference). Tolerated with a warning: parents missing from stops.txt, references to unknown stops/routes/trips,
 * transfers bound to trips or routes, type-2 transfers without min_transfer_time. Fatal (GtfsError naming
 * file/row/column): not a zip, a required file or column missing, malformed times or sequences.
 *
 * Footpaths of the timetable (all one hop, never chained):
 *  - transfers.txt between different stops (types 0/1/2; duration = min_transfer_time, else walking time),
 *  - parent-station siblings (option linkSiblings): stops sharing a parent_station, duration max(walk, default change),
 *  - generated walking links within walkLinkRadiusM not already given by transfers.txt and not forbidden (type 3).
 * Minimum change time per stop: transfers.txt from_stop_id = to_stop_id, else defaultMinChangeSec.
 */
import { unzipSync } from 'fflate';
import { readCsv, type CsvHeader } from './csv.ts';
import { GtfsError, WarningSink, type GtfsWarning } from './errors.ts';
import { normalizeDate, parseGtfsTime, weekdayMon0 } from './time.ts';
import {
	CAN_ALIGHT,
	CAN_BOARD,
	DEFAULT_TIMETABLE_OPTIONS,
	buildFootpathCsr,
	type Timetable,
	type TimetableOptions
} from './timetable.ts';
import { haversineM } from '../road/geo.ts';

/** Result of {@link parseGtfs}. */
export interface ParsedGtfs {
	timetable: Timetable;
	warnings: GtfsWarning[];
	/** Milliseconds spent (unzip + parse + pack). */
	buildMs: number;
}

const WANTED = [
	'stops.txt',
	'routes.txt',
	'trips.txt',
	'stop_times.txt',
	'calendar.txt',
	'calendar_dates.txt',
	'transfers.txt',
	'frequencies.txt'
];

/**
 * Parse a GTFS zip for one service day.
 * @param zipBytes the zip file's bytes
 * @param options at least `date` (YYYY-MM-DD); other fields default to {@link DEFAULT_TIMETABLE_OPTIONS}
 * @throws GtfsError for a broken feed
 */
export function parseGtfs(zipBytes: Uint8Array, options: Partial<TimetableOptions> & { date: string }): ParsedGtfs {
	const t0 = performance.now();
	const files = unzipFeed(zipBytes);
	const result = parseGtfsFiles(files, options);
	return { ...result, buildMs: performance.now() - t0 };
}

/** Unzip the GTFS text files (also when they sit in one sub-folder) and decode them as UTF-8. */
export function unzipFeed(zipBytes: Uint8Array): Map<string, string> {
	if (zipBytes.length < 4 || zipBytes[0] !== 0x50 || zipBytes[1] !== 0x4b)
		throw new GtfsError('not_zip', { de: 'Die Datei ist kein ZIP-Archiv', en: 'The file is not a zip archive' });
	let raw: Record<string, Uint8Array>;
	try {
		raw = unzipSync(zipBytes, { filter: (f) => WANTED.includes(baseName(f.name)) });
	} catch (e) {
		throw new GtfsError('bad_zip', {
			de: `ZIP-Archiv ist beschädigt: ${(e as Error).message}`,
			en: `Zip archive is corrupt: ${(e as Error).message}`
		});
	}
	const out = new Map<string, string>();
	const dec = new TextDecoder('utf-8');
	for (const [name, bytes] of Object.entries(raw)) out.set(baseName(name), dec.decode(bytes));
	return out;
}

function baseName(p: string): string {
	const i = p.lastIndexOf('/');
	return i < 0 ? p : p.slice(i + 1);
}

function requireFile(files: Map<string, string>, name: string): string {
	const t = files.get(name);
	if (t === undefined)
		throw new GtfsError('missing_file', { de: `${name} fehlt im GTFS-Archiv`, en: `${name} is missing from the GTFS feed` }, { file: name });
	return t;
}

function badValue(file: string, row: number, column: string, value: string): GtfsError {
	return new GtfsError(
		'bad_value',
		{ de: `Ungültiger Wert "${value}"`, en: `Invalid value "${value}"` },
		{ file, row, column }
	);
}

/** Service ids active on `date` (calendar.txt weekday/date range, then calendar_dates.txt additions/removals). */
function activeServices(files: Map<string, string>, date: string): Set<string> {
	const active = new Set<string>();
	const cal = files.get('calendar.txt');
	const dates = files.get('calendar_dates.txt');
	if (cal === undefined && dates === undefined)
		throw new GtfsError('missing_file', {
			de: 'calendar.txt und calendar_dates.txt fehlen beide',
			en: 'Both calendar.txt and calendar_dates.txt are missing'
		}, { file: 'calendar.txt' });
	const day = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][weekdayMon0(date)];
	if (cal !== undefined) {
		let cId = 0, cDay = 0, cStart = 0, cEnd = 0;
		readCsv(
			cal,
			'calendar.txt',
			(h) => {
				cId = h.required('service_id');
				cDay = h.required(day);
				cStart = h.required('start_date');
				cEnd = h.required('end_date');
			},
			(f) => {
				if (f[cDay] === '1' && f[cStart] <= date && date <= f[cEnd]) active.add(f[cId]);
			}
		);
	}
	if (dates !== undefined) {
		let cId = 0, cDate = 0, cType = 0;
		readCsv(
			dates,
			'calendar_dates.txt',
			(h) => {
				cId = h.required('service_id');
				cDate = h.required('date');
				cType = h.required('exception_type');
			},
			(f, row) => {
				if (f[cDate] !== date) return;
				const t = f[cType].trim();
				if (t === '1') active.add(f[cId]);
				else if (t === '2') active.delete(f[cId]);
				else throw badValue('calendar_dates.txt', row, 'exception_type', t);
			}
		);
	}
	return active;
}

/** Growable Int32 column. */
class IntCol {
	a = new Int32Array(1024);
	n = 0;
	push(v: number): void {
		if (this.n === this.a.length) {
			const b = new Int32Array(this.a.length * 2);
			b.set(this.a);
			this.a = b;
		}
		this.a[this.n++] = v;
	}
}

/** Parse already-unzipped GTFS text files (name → content). Exposed for tests and synthetic feeds. */
export function parseGtfsFiles(
	files: Map<string, string>,
	options: Partial<TimetableOptions> & { date: string }
): { timetable: Timetable; warnings: GtfsWarning[] } {
	const opts = { ...DEFAULT_TIMETABLE_OPTIONS, ...options };
	const date = normalizeDate(options.date);
	const warn = new WarningSink();
	const stopsText = requireFile(files, 'stops.txt');
	const routesText = requireFile(files, 'routes.txt');
	const tripsText = requireFile(files, 'trips.txt');
	const stopTimesText = requireFile(files, 'stop_times.txt');
	const services = activeServices(files, date);

	// --- stops
	const stopIds: string[] = [], stopNames: string[] = [], lon: number[] = [], lat: number[] = [], parentIds: string[] = [];
	const stopIndex = new Map<string, number>();
	{
		let cId = 0, cName = -1, cLat = 0, cLon = 0, cParent = -1;
		readCsv(
			stopsText,
			'stops.txt',
			(h) => {
				cId = h.required('stop_id');
				cName = h.col('stop_name');
				cLat = h.col('stop_lat');
				cLon = h.col('stop_lon');
				cParent = h.col('parent_station');
			},
			(f, row) => {
				const id = f[cId];
				if (stopIndex.has(id)) {
					warn.add('duplicate_stop', { de: 'Doppelte stop_id', en: 'Duplicate stop_id' }, id);
					return;
				}
				const la = cLat >= 0 ? Number(f[cLat]) : NaN;
				const lo = cLon >= 0 ? Number(f[cLon]) : NaN;
				if (f[cLat] && !Number.isFinite(la)) throw badValue('stops.txt', row, 'stop_lat', f[cLat]);
				if (f[cLon] && !Number.isFinite(lo)) throw badValue('stops.txt', row, 'stop_lon', f[cLon]);
				stopIndex.set(id, stopIds.length);
				stopIds.push(id);
				stopNames.push(cName >= 0 ? (f[cName] ?? '') : '');
				lat.push(f[cLat] ? la : NaN);
				lon.push(f[cLon] ? lo : NaN);
				parentIds.push(cParent >= 0 ? (f[cParent] ?? '').trim() : '');
			}
		);
	}
	const stopCount = stopIds.length;
	const stopParent = new Int32Array(stopCount).fill(-1);
	for (let s = 0; s < stopCount; s++) {
		const p = parentIds[s];
		if (!p) continue;
		const pi = stopIndex.get(p);
		if (pi === undefined)
			warn.add('missing_parent', { de: 'parent_station fehlt in stops.txt', en: 'parent_station not found in stops.txt' }, `${stopIds[s]} → ${p}`);
		else stopParent[s] = pi;
	}

	// --- routes
	const routeIds: string[] = [], routeShortNames: string[] = [], routeTypes: number[] = [];
	const routeIndex = new Map<string, number>();
	{
		let cId = 0, cShort = -1, cLong = -1, cType = 0;
		readCsv(
			routesText,
			'routes.txt',
			(h) => {
				cId = h.required('route_id');
				cShort = h.col('route_short_name');
				cLong = h.col('route_long_name');
				cType = h.required('route_type');
			},
			(f, row) => {
				const type = Number(f[cType]);
				if (!Number.isInteger(type)) throw badValue('routes.txt', row, 'route_type', f[cType]);
				routeIndex.set(f[cId], routeIds.length);
				routeIds.push(f[cId]);
				const short = cShort >= 0 ? (f[cShort] ?? '') : '';
				routeShortNames.push(short || (cLong >= 0 ? (f[cLong] ?? '') : ''));
				routeTypes.push(type);
			}
		);
	}

	// --- trips active on the date
	const tripIds: string[] = [], tripRoute: number[] = [], tripHeadsigns: string[] = [];
	const tripIndex = new Map<string, number>();
	{
		let cRoute = 0, cService = 0, cId = 0, cHead = -1;
		readCsv(
			tripsText,
			'trips.txt',
			(h) => {
				cRoute = h.required('route_id');
				cService = h.required('service_id');
				cId = h.required('trip_id');
				cHead = h.col('trip_headsign');
			},
			(f) => {
				if (!services.has(f[cService])) return;
				const r = routeIndex.get(f[cRoute]);
				if (r === undefined) {
					warn.add('unknown_route', { de: 'Fahrt verweist auf unbekannte Linie', en: 'Trip references an unknown route' }, f[cId]);
					return;
				}
				tripIndex.set(f[cId], tripIds.length);
				tripIds.push(f[cId]);
				tripRoute.push(r);
				tripHeadsigns.push(cHead >= 0 ? (f[cHead] ?? '') : '');
			}
		);
	}

	// --- stop_times of active trips, as columns
	const stTrip = new IntCol(), stSeq = new IntCol(), stArr = new IntCol(), stDep = new IntCol(), stStop = new IntCol(), stFlags = new IntCol();
	{
		let cTrip = 0, cArr = 0, cDep = 0, cStop = 0, cSeq = 0, cPick = -1, cDrop = -1;
		let lastTripId = '', lastTrip = -1;
		readCsv(
			stopTimesText,
			'stop_times.txt',
			(h: CsvHeader) => {
				cTrip = h.required('trip_id');
				cArr = h.required('arrival_time');
				cDep = h.required('departure_time');
				cStop = h.required('stop_id');
				cSeq = h.required('stop_sequence');
				cPick = h.col('pickup_type');
				cDrop = h.col('drop_off_type');
			},
			(f, row) => {
				const tid = f[cTrip];
				if (tid !== lastTripId) {
					lastTripId = tid;
					lastTrip = tripIndex.get(tid) ?? -1;
				}
				if (lastTrip < 0) return; // not running on this date (or unknown trip)
				const stop = stopIndex.get(f[cStop]);
				if (stop === undefined) {
					warn.add('unknown_stop', { de: 'Halt fehlt in stops.txt', en: 'stop_id not found in stops.txt' }, `stop_times.txt row ${row}: ${f[cStop]}`);
					return;
				}
				let arr = parseGtfsTime(f[cArr]);
				let dep = parseGtfsTime(f[cDep]);
				if (Number.isNaN(arr)) throw badValue('stop_times.txt', row, 'arrival_time', f[cArr]);
				if (Number.isNaN(dep)) throw badValue('stop_times.txt', row, 'departure_time', f[cDep]);
				if (arr < 0) arr = dep;
				if (dep < 0) dep = arr;
				const seq = Number(f[cSeq]);
				if (!Number.isInteger(seq) || seq < 0) throw badValue('stop_times.txt', row, 'stop_sequence', f[cSeq]);
				const pick = cPick >= 0 ? f[cPick]?.trim() : '';
				const drop = cDrop >= 0 ? f[cDrop]?.trim() : '';
				stTrip.push(lastTrip);
				stSeq.push(seq);
				stArr.push(arr);
				stDep.push(dep);
				stStop.push(stop);
				stFlags.push((pick === '1' ? 0 : CAN_BOARD) | (drop === '1' ? 0 : CAN_ALIGHT));
			}
		);
	}
	const stN = stTrip.n;
	// order stop_times by (trip, stop_sequence)
	const order = new Int32Array(stN);
	for (let i = 0; i < stN; i++) order[i] = i;
	const T = stTrip.a, Q = stSeq.a;
	order.sort((a, b) => T[a] - T[b] || Q[a] - Q[b]);
	fillMissingTimes(order, stN, T, stArr.a, stDep.a, warn);

	// --- frequencies: the trip's stop_times become a template repeated every headway
	const freq = new Map<number, { start: number; end: number; headway: number }[]>();
	const freqText = files.get('frequencies.txt');
	if (freqText !== undefined) {
		let cTrip = 0, cStart = 0, cEnd = 0, cHead = 0;
		readCsv(
			freqText,
			'frequencies.txt',
			(h) => {
				cTrip = h.required('trip_id');
				cStart = h.required('start_time');
				cEnd = h.required('end_time');
				cHead = h.required('headway_secs');
			},
			(f, row) => {
				const t = tripIndex.get(f[cTrip]);
				if (t === undefined) return;
				const start = parseGtfsTime(f[cStart]);
				const end = parseGtfsTime(f[cEnd]);
				const headway = Number(f[cHead]);
				if (!(start >= 0)) throw badValue('frequencies.txt', row, 'start_time', f[cStart]);
				if (!(end >= 0)) throw badValue('frequencies.txt', row, 'end_time', f[cEnd]);
				if (!(headway > 0)) throw badValue('frequencies.txt', row, 'headway_secs', f[cHead]);
				const list = freq.get(t) ?? [];
				list.push({ start, end, headway });
				freq.set(t, list);
			}
		);
	}

	// --- connections
	const cDepStop = new IntCol(), cArrStop = new IntCol(), cDepT = new IntCol(), cArrT = new IntCol(), cTripC = new IntCol(), cFl = new IntCol();
	const emit = (trip: number, from: number, to: number, shift: number) => {
		const s = stStop.a, d = stDep.a, a = stArr.a, fl = stFlags.a;
		cDepStop.push(s[from]);
		cArrStop.push(s[to]);
		cDepT.push(d[from] + shift);
		cArrT.push(a[to] + shift);
		cTripC.push(trip);
		cFl.push((fl[from] & CAN_BOARD) | (fl[to] & CAN_ALIGHT));
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
		const windows = freq.get(trip);
		if (!windows) {
			for (let k = i; k < j; k++) emit(trip, order[k], order[k + 1], 0);
		} else {
			const first = stDep.a[order[i]];
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
	const pick = (col: IntCol) => {
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

	// --- transfers, change times and footpaths
	const stopLon = Float64Array.from(lon), stopLat = Float64Array.from(lat);
	const minChangeSec = new Int32Array(stopCount).fill(opts.defaultMinChangeSec);
	const walk = (a: number, b: number) => {
		const d = haversineM(stopLon[a], stopLat[a], stopLon[b], stopLat[b]);
		return Number.isFinite(d) ? Math.round(((d * opts.walkDetour) / opts.walkSpeedMPerMin) * 60) : Infinity;
	};
	const fFrom: number[] = [], fTo: number[] = [], fSec: number[] = [];
	const pairKey = (a: number, b: number) => a * stopCount + b;
	const given = new Set<number>(); // pairs defined or forbidden by transfers.txt
	const transfersText = files.get('transfers.txt');
	if (transfersText !== undefined) {
		let cFrom = 0, cTo = 0, cType = 0, cMin = -1, cFromTrip = -1, cToTrip = -1, cFromRoute = -1, cToRoute = -1;
		readCsv(
			transfersText,
			'transfers.txt',
			(h) => {
				cFrom = h.required('from_stop_id');
				cTo = h.required('to_stop_id');
				cType = h.required('transfer_type');
				cMin = h.col('min_transfer_time');
				cFromTrip = h.col('from_trip_id');
				cToTrip = h.col('to_trip_id');
				cFromRoute = h.col('from_route_id');
				cToRoute = h.col('to_route_id');
			},
			(f, row) => {
				if ((cFromTrip >= 0 && f[cFromTrip]) || (cToTrip >= 0 && f[cToTrip]) || (cFromRoute >= 0 && f[cFromRoute]) || (cToRoute >= 0 && f[cToRoute])) {
					warn.add('transfer_scoped', { de: 'Umstieg an Fahrt/Linie gebunden: ignoriert', en: 'Trip- or route-specific transfer ignored' }, `row ${row}`);
					return;
				}
				const a = stopIndex.get(f[cFrom]);
				const b = stopIndex.get(f[cTo]);
				if (a === undefined || b === undefined) {
					warn.add('transfer_unknown_stop', { de: 'Umstieg verweist auf unbekannten Halt', en: 'Transfer references an unknown stop' }, `row ${row}`);
					return;
				}
				const type = f[cType]?.trim() || '0';
				if (!/^[0-5]$/.test(type)) throw badValue('transfers.txt', row, 'transfer_type', type);
				given.add(pairKey(a, b));
				if (type === '3' || type === '5') return; // not possible: no footpath, no generated link
				const minRaw = cMin >= 0 ? (f[cMin] ?? '').trim() : '';
				const min = minRaw === '' ? NaN : Number(minRaw);
				if (minRaw !== '' && !(min >= 0)) throw badValue('transfers.txt', row, 'min_transfer_time', minRaw);
				if (a === b) {
					if (min >= 0) minChangeSec[a] = min;
					else if (type === '1' || type === '4') minChangeSec[a] = 0;
					return;
				}
				let sec = min;
				if (!(sec >= 0)) {
					if (type === '2') warn.add('transfer_no_time', { de: 'Typ-2-Umstieg ohne min_transfer_time: Gehzeit verwendet', en: 'Type-2 transfer without min_transfer_time: walking time used' }, `row ${row}`);
					sec = walk(a, b);
					if (!Number.isFinite(sec)) return;
				}
				fFrom.push(a);
				fTo.push(b);
				fSec.push(sec);
			}
		);
	}
	if (opts.linkSiblings) {
		const children = new Map<string, number[]>();
		for (let s = 0; s < stopCount; s++) {
			const p = parentIds[s];
			if (!p) continue;
			const list = children.get(p) ?? [];
			list.push(s);
			children.set(p, list);
		}
		for (const list of children.values()) {
			for (const a of list)
				for (const b of list) {
					if (a === b || given.has(pairKey(a, b))) continue;
					const w = walk(a, b);
					given.add(pairKey(a, b));
					fFrom.push(a);
					fTo.push(b);
					fSec.push(Math.max(Number.isFinite(w) ? w : 0, opts.defaultMinChangeSec));
				}
		}
	}
	if (opts.walkLinkRadiusM > 0) addWalkLinks(stopLon, stopLat, opts.walkLinkRadiusM, (a, b, d) => {
		if (given.has(pairKey(a, b))) return;
		fFrom.push(a);
		fTo.push(b);
		fSec.push(Math.max(Math.round(((d * opts.walkDetour) / opts.walkSpeedMPerMin) * 60), minChangeSec[a]));
	});
	const foot = buildFootpathCsr(stopCount, fFrom, fTo, fSec);
	if (connCount === 0)
		warn.add('no_service', { de: 'Keine Fahrten an diesem Tag', en: 'No trips run on this date' }, date);

	const timetable: Timetable = {
		date,
		options: timetableOptions(opts),
		stopCount,
		stopIds,
		stopNames,
		stopLon,
		stopLat,
		stopParent,
		stopParentIds: parentIds,
		minChangeSec,
		tripCount: tripIds.length,
		tripIds,
		tripRoute: Int32Array.from(tripRoute),
		tripHeadsigns,
		routeIds,
		routeShortNames,
		routeTypes: Int32Array.from(routeTypes),
		connCount,
		connDepStop,
		connArrStop,
		connDepTime,
		connArrTime,
		connTrip,
		connFlags,
		connByArr,
		connArrSorted,
		...foot,
		stopIndex
	};
	return { timetable, warnings: warn.list() };
}

function timetableOptions(o: TimetableOptions): Timetable['options'] {
	const { defaultMinChangeSec, walkLinkRadiusM, walkDetour, walkSpeedMPerMin, linkSiblings } = o;
	return { defaultMinChangeSec, walkLinkRadiusM, walkDetour, walkSpeedMPerMin, linkSiblings };
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

/** Call `add(a, b, metres)` for every ordered pair of distinct stops within `radiusM` (grid bucketing). */
function addWalkLinks(lon: Float64Array, lat: Float64Array, radiusM: number, add: (a: number, b: number, d: number) => void): void {
	const n = lon.length;
	const cell = radiusM / 111_000; // degrees latitude
	let meanLat = 0, cnt = 0;
	for (let s = 0; s < n; s++) if (Number.isFinite(lat[s])) { meanLat += lat[s]; cnt++; }
	meanLat = cnt ? meanLat / cnt : 0;
	const cellLon = cell / Math.max(0.1, Math.cos((meanLat * Math.PI) / 180));
	const grid = new Map<string, number[]>();
	const key = (x: number, y: number) => `${x},${y}`;
	for (let s = 0; s < n; s++) {
		if (!Number.isFinite(lat[s]) || !Number.isFinite(lon[s])) continue;
		const k = key(Math.floor(lon[s] / cellLon), Math.floor(lat[s] / cell));
		const l = grid.get(k) ?? [];
		l.push(s);
		grid.set(k, l);
	}
	for (let a = 0; a < n; a++) {
		if (!Number.isFinite(lat[a]) || !Number.isFinite(lon[a])) continue;
		const cx = Math.floor(lon[a] / cellLon), cy = Math.floor(lat[a] / cell);
		for (let dx = -1; dx <= 1; dx++)
			for (let dy = -1; dy <= 1; dy++) {
				const l = grid.get(key(cx + dx, cy + dy));
				if (!l) continue;
				for (const b of l) {
					if (b === a) continue;
					const d = haversineM(lon[a], lat[a], lon[b], lat[b]);
					if (d <= radiusM) add(a, b, d);
				}
			}
	}
}

/** Validity of a feed and a suggested service day (a Tuesday, mid-validity), from calendar/calendar_dates. */
export interface FeedValidity {
	/** YYYYMMDD */
	start: string;
	end: string;
	/** YYYY-MM-DD: the Tuesday nearest the middle of the validity with the most active services. */
	suggested: string;
}

/**
 * Read the service dates of a feed (calendar.txt ranges and calendar_dates.txt additions) and suggest a typical
 * weekday to build the timetable for. Throws GtfsError like {@link parseGtfs}.
 */
export function feedValidity(zipBytes: Uint8Array): FeedValidity {
	const files = unzipFeed(zipBytes);
	let start = '99999999', end = '00000000';
	const cal = files.get('calendar.txt');
	if (cal !== undefined) {
		let cS = 0, cE = 0;
		readCsv(cal, 'calendar.txt', (h) => { cS = h.required('start_date'); cE = h.required('end_date'); }, (f) => {
			if (f[cS] < start) start = f[cS];
			if (f[cE] > end) end = f[cE];
		});
	}
	const dates = files.get('calendar_dates.txt');
	if (dates !== undefined) {
		let cD = 0, cT = 0;
		readCsv(dates, 'calendar_dates.txt', (h) => { cD = h.required('date'); cT = h.required('exception_type'); }, (f) => {
			if (f[cT].trim() !== '1') return;
			if (f[cD] < start) start = f[cD];
			if (f[cD] > end) end = f[cD];
		});
	}
	if (end < start)
		throw new GtfsError('missing_file', { de: 'Keine Betriebstage im Feed', en: 'The feed defines no service dates' }, { file: 'calendar.txt' });
	const toMs = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8));
	const mid = (toMs(start) + toMs(end)) / 2;
	let best = '', bestCount = -1;
	for (let k = -8; k <= 8; k++) {
		const day = new Date(mid + k * 7 * 86_400_000);
		const shift = (2 - day.getUTCDay() + 7) % 7; // to Tuesday
		const t = new Date(day.getTime() + shift * 86_400_000).toISOString().slice(0, 10);
		const ymd = t.replace(/-/g, '');
		if (ymd < start || ymd > end) continue;
		const n = activeServices(files, ymd).size;
		if (n > bestCount) { best = t; bestCount = n; }
	}
	if (!best) best = `${start.slice(0, 4)}-${start.slice(4, 6)}-${start.slice(6, 8)}`;
	return { start, end, suggested: best };
}
