/**
 * The synchronous entry points kept for callers that hold a small feed in memory (tests, benchmarks,
 * the shipped Lucerne approximation). They run the streaming reader (read.ts) on the bytes: the same
 * rules, warnings and errors. Large feeds: use {@link readGtfs} on a ByteSource.
 */
import { unzipSync } from 'fflate';
import { GtfsError } from './errors.ts';
import { readFeedValiditySync, readGtfsSync, readGtfsTexts, type GtfsReadResult } from './read.ts';
import type { FeedValidity } from './calendar.ts';
import type { TimetableOptions } from './timetable.ts';
import type { StudyRegion } from '../region.ts';

export type { FeedValidity } from './calendar.ts';

/** Result of {@link parseGtfs}: the reader's result (timetable, warnings, counts, validity …). */
export type ParsedGtfs = GtfsReadResult;

/** Options of the synchronous entry points: transfer rules, the day, and optionally a region to cut to. */
export type ParseOptions = Partial<TimetableOptions> & { date?: string; region?: StudyRegion | null };

function split(o: ParseOptions): { date?: string; region?: StudyRegion | null; options: Partial<TimetableOptions> } {
	const { date, region, ...options } = o;
	return { date, region, options };
}

/**
 * Parse a GTFS zip held in memory for one service day (default: the representative Tuesday).
 * @throws GtfsError for a broken feed, a day outside its validity or without service
 */
export function parseGtfs(zipBytes: Uint8Array, options: ParseOptions = {}): ParsedGtfs {
	return readGtfsSync(zipBytes, split(options));
}

/** Parse already-unzipped GTFS text files (name → content). Exposed for tests and synthetic feeds. */
export function parseGtfsFiles(files: Map<string, string>, options: ParseOptions = {}): ParsedGtfs {
	return readGtfsTexts(files, split(options));
}

/** Validity of a zip in memory and its representative weekday (reads the calendar files only). */
export function feedValidity(zipBytes: Uint8Array): FeedValidity {
	return readFeedValiditySync(zipBytes).validity;
}

/**
 * Unzip the GTFS text files (also in one sub-folder) into strings. Small feeds only (tools, peers'
 * adapters): a national stop_times.txt does not fit in one string; the reader never calls this.
 */
export function unzipFeed(zipBytes: Uint8Array): Map<string, string> {
	if (zipBytes.length < 4 || zipBytes[0] !== 0x50 || zipBytes[1] !== 0x4b)
		throw new GtfsError('not_zip', { de: 'Die Datei ist kein ZIP-Archiv', en: 'The file is not a zip archive' });
	let raw: Record<string, Uint8Array>;
	try {
		raw = unzipSync(zipBytes, { filter: (f) => f.name.endsWith('.txt') });
	} catch (e) {
		throw new GtfsError('bad_zip', {
			de: `ZIP-Archiv ist beschädigt: ${(e as Error).message}`,
			en: `Zip archive is corrupt: ${(e as Error).message}`
		});
	}
	const out = new Map<string, string>();
	const dec = new TextDecoder('utf-8');
	for (const [name, bytes] of Object.entries(raw)) out.set(name.slice(name.lastIndexOf('/') + 1), dec.decode(bytes));
	return out;
}
