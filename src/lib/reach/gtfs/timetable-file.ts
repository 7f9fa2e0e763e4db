/**
 * A cut timetable in the network file (`.swnet`, ../netfile.ts): every typed array of the
 * {@link Timetable} as is, the id and name lists as string lists, and the provenance (source file,
 * feed_info, service day, region, counts). A national feed is cut once (CLI or app) and the file is
 * shared, cached in IndexedDB and reopened without the feed. `stopIndex` is rebuilt on open.
 */
import { decodeNetFile, encodeNetFile, NetFileError, type NetProvenance } from '../netfile.ts';
import { regionKey, type StudyRegion } from '../region.ts';
import type { GtfsReadResult } from './read.ts';
import type { Timetable } from './timetable.ts';

const ARRAYS = [
	'stopLon',
	'stopLat',
	'stopParent',
	'minChangeSec',
	'tripRoute',
	'routeTypes',
	'connDepStop',
	'connArrStop',
	'connDepTime',
	'connArrTime',
	'connTrip',
	'connFlags',
	'connByArr',
	'connArrSorted',
	'footOutStart',
	'footOutTo',
	'footOutSec',
	'footInStart',
	'footInFrom',
	'footInSec'
] as const satisfies ReadonlyArray<keyof Timetable>;

const STRINGS = ['stopIds', 'stopNames', 'stopParentIds', 'tripIds', 'tripHeadsigns', 'routeIds', 'routeShortNames'] as const satisfies ReadonlyArray<keyof Timetable>;

/** Provenance fields the caller knows (the rest is filled from the reader's result). */
export interface TimetableSource {
	/** File name and size of the feed. */
	name: string;
	bytes: number;
	/** Program and version that made the cut, e.g. "standortwahl 0.1.0 (cli)". */
	createdBy: string;
	createdAt?: string;
	notes?: string[];
}

/** The provenance of a cut: file, feed_info, service day, region, counts. */
export function timetableProvenance(read: GtfsReadResult, source: TimetableSource, region: StudyRegion | null): Omit<NetProvenance, 'checksum'> {
	return {
		kind: 'pt',
		sourceName: source.name,
		sourceBytes: source.bytes,
		feed: { ...read.feed, start: read.feed.start ?? read.validity.start, end: read.feed.end ?? read.validity.end },
		serviceDate: read.date,
		region: region ? { key: regionKey(region), bufferKm: region.bufferKm, bbox: region.bbox, points: region.points } : null,
		counts: { ...read.counts },
		createdAt: source.createdAt ?? new Date().toISOString(),
		createdBy: source.createdBy,
		notes: [...(source.notes ?? []), ...read.warnings.map((w) => `${w.code}: ${w.count}`)],
		warnings: read.warnings
	};
}

/** Encode a timetable with its provenance as network-file bytes (checksum filled in). */
export async function timetableToNetFile(tt: Timetable, provenance: Omit<NetProvenance, 'checksum'>): Promise<{ bytes: Uint8Array; provenance: NetProvenance }> {
	const arrays: Record<string, Timetable[(typeof ARRAYS)[number]]> = {};
	for (const k of ARRAYS) arrays[k] = tt[k];
	const strings: Record<string, string[]> = {};
	for (const k of STRINGS) strings[k] = tt[k];
	return encodeNetFile(
		{ arrays, strings, extra: { format: 'timetable/1', date: tt.date, options: tt.options, stopCount: tt.stopCount, tripCount: tt.tripCount, connCount: tt.connCount } },
		{ ...provenance, kind: 'pt' }
	);
}

/** Open a network file holding a timetable; throws NetFileError (German/English) when it is not one. */
export async function timetableFromNetFile(bytes: Uint8Array): Promise<{ timetable: Timetable; provenance: NetProvenance }> {
	const f = await decodeNetFile(bytes, 'pt');
	const x = f.extra ?? {};
	const missing = [...ARRAYS.filter((k) => !f.arrays[k]), ...STRINGS.filter((k) => !f.strings[k])];
	if (x.format !== 'timetable/1' || missing.length)
		throw new NetFileError({
			de: `Die Netzdatei enthält keinen lesbaren Fahrplan${missing.length ? ` (es fehlt ${missing[0]})` : ''}`,
			en: `The network file holds no readable timetable${missing.length ? ` (${missing[0]} is missing)` : ''}`
		});
	const a = f.arrays as unknown as Pick<Timetable, (typeof ARRAYS)[number]>;
	const s = f.strings as unknown as Pick<Timetable, (typeof STRINGS)[number]>;
	const stopCount = Number(x.stopCount), tripCount = Number(x.tripCount), connCount = Number(x.connCount);
	// lengths must agree, or a scan would read past an array
	const consistent =
		[a.stopLon, a.stopLat, a.stopParent, a.minChangeSec, s.stopIds, s.stopNames, s.stopParentIds].every((v) => v.length === stopCount) &&
		[a.tripRoute, s.tripIds, s.tripHeadsigns].every((v) => v.length === tripCount) &&
		[a.connDepStop, a.connArrStop, a.connDepTime, a.connArrTime, a.connTrip, a.connFlags, a.connByArr, a.connArrSorted].every((v) => v.length === connCount) &&
		a.footOutStart.length === stopCount + 1 &&
		a.footInStart.length === stopCount + 1 &&
		s.routeIds.length === a.routeTypes.length;
	if (!consistent)
		throw new NetFileError({ de: 'Die Netzdatei enthält einen widersprüchlichen Fahrplan', en: 'The network file holds an inconsistent timetable' });
	const stopIndex = new Map<string, number>();
	s.stopIds.forEach((id, i) => stopIndex.set(id, i));
	const timetable: Timetable = {
		date: String(x.date),
		options: x.options as Timetable['options'],
		stopCount,
		tripCount,
		connCount,
		...a,
		...s,
		stopIndex
	};
	return { timetable, provenance: f.provenance };
}
