/**
 * The streaming GTFS reader: a zip (any size, zip64, any entry order) → one service day, cut to a study
 * region while it is read → packed {@link Timetable}. The same code runs in a browser worker (File →
 * blobSource), in Node (fileSource) and on bytes in memory (synchronously, for tests and small feeds).
 *
 * The reading order is a plan (a generator yielding "stream file X into this sink" tasks), so the
 * asynchronous zip streaming and the synchronous in-memory path share every rule:
 *   feed_info → calendar (+ calendar_dates span) → [validity, day] → calendar_dates on the days of
 *   interest → routes → trips (active services only) → stops (all; region flags) → stop_times (rows of
 *   active trips; runs of trips not touching the region dropped) → [stop_times again for trips of an
 *   unsorted file that touched the region late] → keep trips / stops / routes → frequencies → transfers
 *   → pack.
 *
 * Cut rule (see README): a trip is kept when it runs on the day and has at least one stop in the region;
 * all its stop_times are kept. Stops kept: those in the region, those served by kept trips, and their
 * parent stations. Without a region every active trip and every stop is kept (the whole feed).
 */
import { CsvReader, type RowSink } from './csv.ts';
import {
	CalendarDatesCollect,
	CalendarDatesSpan,
	CalendarSink,
	ServiceCalendar,
	candidateDays,
	isoDate,
	outsideValidity,
	representativeDay,
	swissDate,
	validitySpan,
	type FeedValidity
} from './calendar.ts';
import { GtfsError, WarningSink, type GtfsWarning } from './errors.ts';
import { FeedInfoSink, type FeedInfo } from './feed-info.ts';
import { FrequenciesSink } from './frequencies.ts';
import { IdTable } from './ids.ts';
import { keepPart, keepTrips } from './keep.ts';
import { Footpaths, pack } from './pack.ts';
import { RoutesSink } from './routes.ts';
import { StopsSink } from './stops.ts';
import { StopTimeColumns, StopTimesSink } from './stop-times.ts';
import { DEFAULT_TIMETABLE_OPTIONS, type Timetable, type TimetableOptions } from './timetable.ts';
import { TransfersSink } from './transfers.ts';
import { TripsSink } from './trips.ts';
import { normalizeDate } from './time.ts';
import { describeRegion, inRegion, regionKey, type StudyRegion } from '../region.ts';
import type { ByteSource } from '../../util/bytes.ts';
import { ZipError, readEntry, readEntrySync, readZipDirectory, readZipDirectorySync, zipBaseName, type EntryReadOptions, type ZipEntry } from '../../util/zip.ts';

export type GtfsStage = 'calendar' | 'routes' | 'trips' | 'stops' | 'stop_times' | 'stop_times_again' | 'frequencies' | 'transfers' | 'pack';

/**
 * Limits per zip entry: the real (not declared) output may not exceed 16 GiB (the Swiss stop_times.txt
 * is 2.6 GB in 2026) nor 200 × its compressed size (GTFS text compresses ~10×; more is a zip bomb).
 */
export const GTFS_ZIP_LIMITS: Pick<EntryReadOptions, 'maxBytes' | 'maxRatio'> = { maxBytes: 16 * 2 ** 30, maxRatio: 200 };

export interface ReadGtfsOptions {
	/** Service day, YYYY-MM-DD or YYYYMMDD; default: the representative Tuesday (see FeedValidity.suggested). */
	date?: string;
	/** Cut to this region while reading (region.ts); null/absent = keep the whole feed. */
	region?: StudyRegion | null;
	/** Transfer rules (defaults: DEFAULT_TIMETABLE_OPTIONS). */
	options?: Partial<Omit<TimetableOptions, 'date'>>;
	/** Called as the feed streams: stage and overall fraction 0…1 (by uncompressed bytes). */
	onProgress?(stage: GtfsStage, fraction: number): void;
	signal?: AbortSignal;
	/** Zip limits (default GTFS_ZIP_LIMITS). */
	limits?: Pick<EntryReadOptions, 'maxBytes' | 'maxRatio'>;
}

/** What was read and what was kept. */
export interface GtfsCounts {
	stops: number;
	stopsKept: number;
	routes: number;
	routesKept: number;
	/** Rows of trips.txt, trips running on the day, trips kept. */
	trips: number;
	tripsActive: number;
	tripsKept: number;
	/** Rows of stop_times.txt, rows of active trips, rows kept. */
	stopTimes: number;
	stopTimesActive: number;
	stopTimesKept: number;
	/** 2 when an unsorted stop_times.txt needed the second pass. */
	stopTimesPasses: number;
	transfers: number;
	transfersKept: number;
	services: number;
	servicesActive: number;
	connections: number;
}

export interface GtfsReadResult {
	timetable: Timetable;
	warnings: GtfsWarning[];
	feed: FeedInfo;
	validity: FeedValidity;
	/** The service day, YYYY-MM-DD. */
	date: string;
	/** True when the day was chosen by the reader (no `date` given). */
	dateSuggested: boolean;
	counts: GtfsCounts;
	/** Milliseconds from open to packed timetable. */
	buildMs: number;
}

interface Task {
	file: string;
	sink: RowSink;
	stage: GtfsStage;
}
type Plan<T> = Generator<Task, T, void>;

/** Sizes (uncompressed) of the feed's files by base name. */
type FileSizes = Map<string, number>;

const REQUIRED = ['stops.txt', 'routes.txt', 'trips.txt', 'stop_times.txt'];

function missingFile(name: string, files?: FileSizes): GtfsError {
	// A feed zipped once more (feed.zip inside the download's zip): the way out is to load the inner one.
	const inner = files ? [...files.keys()].filter((f) => /\.zip$/i.test(f)) : [];
	const hint = inner.length ? { de: `; das Archiv enthält ${inner.map((f) => `«${f}»`).join(', ')}: diese Zip-Datei auspacken und laden`, en: `; the archive holds ${inner.map((f) => `"${f}"`).join(', ')}: unpack that zip file and load it` } : { de: '', en: '' };
	return new GtfsError('missing_file', { de: `${name} fehlt im GTFS-Archiv${hint.de}`, en: `${name} is missing from the GTFS feed${hint.en}` }, { file: name });
}

function parseDateOption(d: string | undefined): number | undefined {
	if (d === undefined || d === '') return undefined;
	try {
		return Number(normalizeDate(d));
	} catch {
		throw new GtfsError('bad_date', { de: `Ungültiges Datum "${d}" (erwartet JJJJ-MM-TT)`, en: `Invalid date "${d}" (expected YYYY-MM-DD)` });
	}
}

/** Overall progress by uncompressed bytes, reported monotonically. */
class Progress {
	total = 0;
	done = 0;
	private last = 0;
	private stage: GtfsStage | '' = '';
	constructor(private readonly cb?: (stage: GtfsStage, fraction: number) => void) {}
	/** After a chunk: `inTask` bytes of the current file read. Throttled to steps of 0.2 % or a new stage. */
	report(stage: GtfsStage, inTask: number): void {
		if (!this.cb) return;
		// reading is 98 % of the work; packing the kept part the rest
		const f = Math.max(this.last, 0.98 * Math.min(1, this.total > 0 ? (this.done + inTask) / this.total : 0));
		if (f - this.last < 0.002 && stage === this.stage) return;
		this.last = f;
		this.stage = stage;
		this.cb(stage, f);
	}
	/** Report a fixed point (the packing stage). */
	at(stage: GtfsStage, f: number): void {
		this.last = f;
		this.stage = stage;
		this.cb?.(stage, f);
	}
}

// ---------------------------------------------------------------------------------------------------
// The plan

interface CalendarResult {
	validity: FeedValidity;
	span: { start: number; end: number };
	services: IdTable;
	active: Uint8Array;
	day: number;
}

/** calendar.txt, calendar_dates.txt (twice): validity, the day, its active services. */
function* calendarPlan(files: FileSizes, date: number | undefined): Plan<CalendarResult> {
	const services = new IdTable();
	const cal = files.has('calendar.txt') ? new CalendarSink(services) : null;
	if (cal) yield { file: 'calendar.txt', sink: cal, stage: 'calendar' };
	const span1 = files.has('calendar_dates.txt') ? new CalendarDatesSpan() : null;
	if (span1) yield { file: 'calendar_dates.txt', sink: span1, stage: 'calendar' };
	const span = validitySpan(cal, span1);
	if (date !== undefined && (date < span.start || date > span.end)) throw outsideValidity(date, span);
	const candidates = candidateDays(span);
	const ex = span1 && span1.rows > 0 ? new CalendarDatesCollect(services, new Set(date === undefined ? candidates : [date, ...candidates])) : null;
	if (ex) yield { file: 'calendar_dates.txt', sink: ex, stage: 'calendar' };
	const sc = new ServiceCalendar(services, cal, ex);
	const rep = representativeDay(sc, candidates);
	const day = date ?? rep;
	return {
		validity: { start: String(span.start), end: String(span.end), suggested: isoDate(rep) },
		span,
		services,
		active: sc.activeOn(day),
		day
	};
}

function noService(day: number, validity: FeedValidity, region: StudyRegion | null): GtfsError {
	const sug = validity.suggested;
	const other = sug !== isoDate(day);
	if (!region)
		return new GtfsError(
			'no_service',
			{
				de: `Am ${swissDate(day)} verkehren laut Fahrplan keine Fahrten.${other ? ` Vorschlag: ${swissDate(Number(sug.replace(/-/g, '')))}.` : ''}`,
				en: `No trips run on ${isoDate(day)} according to the timetable.${other ? ` Suggestion: ${sug}.` : ''}`
			},
			{ file: 'trips.txt' },
			{ date: isoDate(day), suggestion: sug }
		);
	const where = describeRegion(region);
	return new GtfsError(
		'no_service_in_region',
		{
			de: `Der Fahrplan hat am ${swissDate(day)} keine Fahrten im Untersuchungsgebiet (${where.de}). Deckt der Fahrplan dieses Gebiet ab? Das bisherige Netz bleibt in Gebrauch.`,
			en: `The timetable has no trips in the study region (${where.en}) on ${isoDate(day)}. Does the feed cover this area? The network in use is kept.`
		},
		{ file: 'stop_times.txt' },
		{ date: isoDate(day), region: regionKey(region), suggestion: sug }
	);
}

function* gtfsPlan(files: FileSizes, o: ReadGtfsOptions, progress: Progress): Plan<GtfsReadResult> {
	const t0 = performance.now();
	for (const f of REQUIRED) if (!files.has(f)) throw missingFile(f, files);
	if (!files.has('calendar.txt') && !files.has('calendar_dates.txt'))
		throw new GtfsError('missing_file', { de: 'calendar.txt und calendar_dates.txt fehlen beide', en: 'Both calendar.txt and calendar_dates.txt are missing' }, { file: 'calendar.txt' });
	const opts = { ...DEFAULT_TIMETABLE_OPTIONS, ...(o.options ?? {}) };
	const region = o.region ?? null;
	const size = (f: string) => files.get(f) ?? 0;
	progress.total = ['feed_info.txt', 'calendar.txt', 'routes.txt', 'trips.txt', 'stops.txt', 'stop_times.txt', 'frequencies.txt', 'transfers.txt'].reduce((s, f) => s + size(f), 2 * size('calendar_dates.txt'));
	const warn = new WarningSink();

	const info = new FeedInfoSink();
	if (files.has('feed_info.txt')) yield { file: 'feed_info.txt', sink: info, stage: 'calendar' };
	const cal = yield* calendarPlan(files, parseDateOption(o.date));

	const routes = new RoutesSink(warn);
	yield { file: 'routes.txt', sink: routes, stage: 'routes' };
	const trips = new TripsSink(cal.services, cal.active, routes.ids, warn);
	yield { file: 'trips.txt', sink: trips, stage: 'trips' };
	const stops = new StopsSink(warn);
	yield { file: 'stops.txt', sink: stops, stage: 'stops' };
	const nStops = stops.ids.size;
	const parent = stops.parents();
	const lon = stops.lon.view(), lat = stops.lat.view();
	let stopIn: Uint8Array | null = null;
	if (region) {
		stopIn = new Uint8Array(nStops);
		for (let s = 0; s < nStops; s++) {
			// a stop without coordinates stands where its parent station does
			const p = Number.isFinite(lat[s]) || parent[s] < 0 ? s : parent[s];
			if (inRegion(region, lon[p], lat[p])) stopIn[s] = 1;
		}
		if (!stopIn.includes(1)) {
			// No stop in the region, but some would be with stop_lat and stop_lon read the other way round:
			// the columns are swapped (a feed written by hand), not a feed of another area.
			let swapped = 0;
			for (let s = 0; s < nStops; s++) if (inRegion(region, lat[s], lon[s])) swapped++;
			if (swapped)
				throw new GtfsError('swapped_coordinates', {
					de: `Keine Haltestelle liegt im Untersuchungsgebiet, aber ${swapped.toLocaleString('de-CH')} lägen darin, wenn stop_lat und stop_lon vertauscht wären (z. B. ${stops.ids.key(0)}: stop_lat ${lat[0]}, stop_lon ${lon[0]}). Die Spalten sind wohl vertauscht: stop_lat ist die Breite (Schweiz 45.8–47.9), stop_lon die Länge (5.9–10.6).`,
					en: `No stop lies in the study region, but ${swapped.toLocaleString('en')} would with stop_lat and stop_lon swapped (e.g. ${stops.ids.key(0)}: stop_lat ${lat[0]}, stop_lon ${lon[0]}). The columns seem swapped: stop_lat is the latitude (Switzerland 45.8–47.9), stop_lon the longitude (5.9–10.6).`
				}, { file: 'stops.txt', column: 'stop_lat' });
		}
	}

	const cols = new StopTimeColumns();
	const st = new StopTimesSink(trips.ids, stops.ids, stopIn, cols, warn);
	yield { file: 'stop_times.txt', sink: st, stage: 'stop_times' };
	st.finish();
	let passes = 1;
	if (stopIn) {
		const { mask, count } = st.needRefetch();
		if (count > 0) {
			// an unsorted file: collect every row of the trips that touched the region late
			cols.filter((t) => !mask[t]);
			progress.total += size('stop_times.txt');
			passes = 2;
			yield { file: 'stop_times.txt', sink: new StopTimesSink(trips.ids, stops.ids, null, cols, warn, mask), stage: 'stop_times_again' };
		}
	}

	// --- what is kept
	const nActive = trips.ids.size;
	if (nActive === 0) throw noService(cal.day, cal.validity, null);
	// Trips run, but stop_times.txt times none of them: the file, not the region, is the cause.
	if (st.activeRows === 0)
		throw new GtfsError('no_stop_times', {
			de: `stop_times.txt enthält keine Zeiten für die ${nActive.toLocaleString('de-CH')} Fahrten vom ${swissDate(cal.day)}: der Fahrplan ist unvollständig.`,
			en: `stop_times.txt has no times for the ${nActive.toLocaleString('en')} trips of ${isoDate(cal.day)}: the feed is incomplete.`
		}, { file: 'stop_times.txt' }, { date: isoDate(cal.day) });
	const { map: tripMap, n: nKept } = keepTrips(nActive, stopIn ? st.touched : null);
	if (nKept === 0) throw noService(cal.day, cal.validity, region);
	const kept = keepPart(stops, parent, stopIn, routes, trips, tripMap, cols);
	const n = cols.n;

	const freq = new FrequenciesSink(trips.ids, tripMap);
	if (files.has('frequencies.txt')) yield { file: 'frequencies.txt', sink: freq, stage: 'frequencies' };
	const foot = new Footpaths(kept.stops.ids.length, kept.stops.lon, kept.stops.lat, opts, warn);
	const transfers = new TransfersSink(stops.ids, kept.stopMap, foot, warn);
	if (files.has('transfers.txt')) yield { file: 'transfers.txt', sink: transfers, stage: 'transfers' };

	progress.at('pack', 0.98);
	const timetable = pack(
		{
			date: String(cal.day),
			options: opts,
			stops: kept.stops,
			routes: kept.routes,
			trips: kept.trips,
			st: { n, trip: cols.trip.a, seq: cols.seq.a, arr: cols.arr.a, dep: cols.dep.a, stop: cols.stop.a, flags: cols.flags.a },
			freq: freq.windows,
			foot
		},
		warn
	);
	if (timetable.connCount === 0) {
		// Trips in the region, but none leads from one stop to another: single-stop trips, or all left out.
		const left = warn.list().find((w) => w.code === 'time_backwards');
		throw new GtfsError('no_connections', {
			de: `Die ${nKept.toLocaleString('de-CH')} Fahrten vom ${swissDate(cal.day)} im Gebiet ergeben keine Verbindung von Halt zu Halt: ${left ? `${left.count.toLocaleString('de-CH')} wurden wegen rückwärts laufender Zeit weggelassen (${left.examples[0]}), die übrigen haben` : 'jede hat'} höchstens einen Halt.`,
			en: `The ${nKept.toLocaleString('en')} trips of ${isoDate(cal.day)} in the region give no connection from one stop to another: ${left ? `${left.count.toLocaleString('en')} were left out as their times run backwards (${left.examples[0]}), the others have` : 'each has'} at most one stop.`
		}, { file: 'stop_times.txt' }, { date: isoDate(cal.day) });
	}
	progress.at('pack', 1);
	let servicesActive = 0;
	for (const v of cal.active) servicesActive += v;
	return {
		timetable,
		warnings: warn.list(),
		feed: info.info,
		validity: cal.validity,
		date: isoDate(cal.day),
		dateSuggested: o.date === undefined || o.date === '',
		counts: {
			stops: nStops,
			stopsKept: kept.stops.ids.length,
			routes: routes.ids.size,
			routesKept: kept.routes.ids.length,
			trips: trips.total,
			tripsActive: nActive,
			tripsKept: nKept,
			stopTimes: st.rows,
			stopTimesActive: st.activeRows,
			stopTimesKept: n,
			stopTimesPasses: passes,
			transfers: transfers.rows,
			transfersKept: transfers.kept,
			services: cal.services.size,
			servicesActive,
			connections: timetable.connCount
		},
		buildMs: performance.now() - t0
	};
}

function* validityPlan(files: FileSizes): Plan<{ validity: FeedValidity; feed: FeedInfo }> {
	if (!files.has('calendar.txt') && !files.has('calendar_dates.txt'))
		throw new GtfsError('missing_file', { de: 'calendar.txt und calendar_dates.txt fehlen beide', en: 'Both calendar.txt and calendar_dates.txt are missing' }, { file: 'calendar.txt' });
	const info = new FeedInfoSink();
	if (files.has('feed_info.txt')) yield { file: 'feed_info.txt', sink: info, stage: 'calendar' };
	const cal = yield* calendarPlan(files, undefined);
	return { validity: cal.validity, feed: info.info };
}

// ---------------------------------------------------------------------------------------------------
// Drivers: the same plan over a streamed zip, a zip in memory, or texts

/** ZipError → GtfsError with the same code and message (one error type for callers). */
function asGtfsError(e: unknown): unknown {
	if (e instanceof ZipError) return new GtfsError(e.code, e.msg, e.entry ? { file: zipBaseName(e.entry) } : {}, undefined, e);
	return e;
}

/** The feed's entries by base name (also inside one sub-folder; the shallowest wins; macOS metadata skipped). */
function entriesByName(dir: ZipEntry[]): Map<string, ZipEntry> {
	const files = dir.filter((e) => !e.name.endsWith('/') && !e.name.startsWith('__MACOSX/'));
	const folderOf = (name: string) => name.slice(0, name.length - zipBaseName(name).length);
	// The feed is the folder that holds stops.txt: a zip with two (old/ and new/, say) would mix their files.
	const feeds = [...new Set(files.filter((e) => zipBaseName(e.name) === 'stops.txt').map((e) => folderOf(e.name)))];
	if (feeds.length > 1) {
		const named = feeds.map((f) => `«${f || '/'}»`).join(', ');
		throw new GtfsError('several_feeds', {
			de: `Die Zip-Datei enthält mehrere Feeds (stops.txt in den Ordnern ${named}): bitte einen Feed je Zip-Datei laden.`,
			en: `The zip holds several feeds (stops.txt in the folders ${named.replace(/[«»]/g, '"')}): please load one feed per zip file.`
		});
	}
	const out = new Map<string, ZipEntry>();
	for (const e of files) {
		if (feeds.length && folderOf(e.name) !== feeds[0]) continue;
		const base = zipBaseName(e.name);
		const prev = out.get(base);
		if (!prev || prev.name.split('/').length > e.name.split('/').length) out.set(base, e);
	}
	return out;
}

const sizesOf = (m: Map<string, ZipEntry>): FileSizes => new Map([...m].map(([k, e]) => [k, e.uncompressedSize]));

async function runAsync<T>(plan: Plan<T>, open: (file: string) => AsyncIterable<Uint8Array>, progress: Progress, signal?: AbortSignal): Promise<T> {
	for (let step = plan.next(); ; ) {
		if (step.done) return step.value;
		const { file, sink, stage } = step.value;
		const reader = new CsvReader(file, sink);
		for await (const chunk of open(file)) {
			if (signal?.aborted) throw signal.reason ?? new Error('aborted');
			reader.push(chunk);
			progress.report(stage, reader.bytesIn);
		}
		reader.end();
		progress.done += reader.bytesIn;
		step = plan.next();
	}
}

function runSync<T>(plan: Plan<T>, open: (file: string) => Iterable<Uint8Array>, progress: Progress): T {
	for (let step = plan.next(); ; ) {
		if (step.done) return step.value;
		const { file, sink, stage } = step.value;
		const reader = new CsvReader(file, sink);
		for (const chunk of open(file)) {
			reader.push(chunk);
			progress.report(stage, reader.bytesIn);
		}
		reader.end();
		progress.done += reader.bytesIn;
		step = plan.next();
	}
}

/**
 * Read a GTFS zip from any {@link ByteSource} (File/Blob in the browser, a file handle in Node), streaming:
 * memory follows the kept part of the feed, not the file. Throws {@link GtfsError} (codes: not_zip,
 * bad_zip, too_large, size_mismatch, bad_crc, unsupported, missing_file, missing_column, bad_csv,
 * bad_value, bad_sequence, bad_date, no_service_dates, outside_validity, no_service, no_service_in_region).
 */
export async function readGtfs(src: ByteSource, o: ReadGtfsOptions = {}): Promise<GtfsReadResult> {
	try {
		const entries = entriesByName(await readZipDirectory(src));
		const limits = { ...GTFS_ZIP_LIMITS, ...(o.limits ?? {}), signal: o.signal };
		const progress = new Progress(o.onProgress);
		return await runAsync(gtfsPlan(sizesOf(entries), o, progress), (f) => readEntry(src, entries.get(f)!, limits), progress, o.signal);
	} catch (e) {
		throw asGtfsError(e);
	}
}

/** The same on a zip in memory, synchronously (fflate inflate). For small feeds and tests. */
export function readGtfsSync(zip: Uint8Array, o: Omit<ReadGtfsOptions, 'signal'> = {}): GtfsReadResult {
	try {
		const entries = entriesByName(readZipDirectorySync(zip));
		const limits = { ...GTFS_ZIP_LIMITS, ...(o.limits ?? {}) };
		const progress = new Progress(o.onProgress);
		return runSync(gtfsPlan(sizesOf(entries), o, progress), (f) => readEntrySync(zip, entries.get(f)!, limits), progress);
	} catch (e) {
		throw asGtfsError(e);
	}
}

/** The same on already-unzipped texts (name → content); for synthetic feeds in tests and tools. */
export function readGtfsTexts(files: Map<string, string>, o: Omit<ReadGtfsOptions, 'signal'> = {}): GtfsReadResult {
	const enc = new TextEncoder();
	const sizes: FileSizes = new Map([...files].map(([k, v]) => [k, v.length]));
	const progress = new Progress(o.onProgress);
	return runSync(gtfsPlan(sizes, o, progress), (f) => [enc.encode(files.get(f)!)], progress);
}

/** Validity, representative day and feed_info of a zip, reading only the calendar files (streaming). */
export async function readFeedValidity(src: ByteSource): Promise<{ validity: FeedValidity; feed: FeedInfo }> {
	try {
		const entries = entriesByName(await readZipDirectory(src));
		return await runAsync(validityPlan(sizesOf(entries)), (f) => readEntry(src, entries.get(f)!, GTFS_ZIP_LIMITS), new Progress());
	} catch (e) {
		throw asGtfsError(e);
	}
}

/** The same on a zip in memory, synchronously. */
export function readFeedValiditySync(zip: Uint8Array): { validity: FeedValidity; feed: FeedInfo } {
	try {
		const entries = entriesByName(readZipDirectorySync(zip));
		return runSync(validityPlan(sizesOf(entries)), (f) => readEntrySync(zip, entries.get(f)!, GTFS_ZIP_LIMITS), new Progress());
	} catch (e) {
		throw asGtfsError(e);
	}
}
