/**
 * Public transport from GTFS: parse a feed into a packed one-day timetable and answer arrive-by queries with
 * the Connection Scan Algorithm. Pure TypeScript (no DOM, no Node APIs): runs in Web Workers, Node and the CLI.
 *
 * @example
 * const { timetable, warnings, counts } = await readGtfs(fileSource('feed.zip'), { date: '2021-06-15', region });
 * const { timetable } = parseGtfs(zipBytes, { date: '2021-06-15' });  // small feed in memory, synchronous
 * const m = new PtMatrix(timetable, zones);               // zones: { id, lon, lat }[]
 * const rows = m.toTarget(site);                          // [{ id, p50, p80, waitP50, waitP80, changes }] minutes, 07:00–08:30
 * const it = route(timetable, from, to, 8 * 3600);        // itinerary for the CLI
 *
 * Rules and defaults are documented in README.md in this folder.
 */
export { parseGtfs, parseGtfsFiles, unzipFeed, feedValidity, type ParsedGtfs, type ParseOptions, type FeedValidity } from './parse.ts';
export {
	readGtfs,
	readGtfsSync,
	readGtfsTexts,
	readFeedValidity,
	readFeedValiditySync,
	GTFS_ZIP_LIMITS,
	type ReadGtfsOptions,
	type GtfsReadResult,
	type GtfsCounts,
	type GtfsStage
} from './read.ts';
export type { FeedInfo } from './feed-info.ts';
export { GtfsError, type GtfsWarning, type GtfsLocation, type Msg } from './errors.ts';
export {
	DEFAULT_TIMETABLE_OPTIONS,
	PEER_RULES,
	CAN_BOARD,
	CAN_ALIGHT,
	type Timetable,
	type TimetableOptions
} from './timetable.ts';
export { ForwardWorkspace, BackwardWorkspace, forwardJourney, UNREACHED, UNREACHED_BACK, type EgressStop, type JourneyStep } from './csa.ts';
export { ProfileWorkspace } from './profile.ts';
export {
	arriveByProfile,
	travelTimesFromPoints,
	route,
	egressStops,
	windowDeadlines,
	PtMatrix,
	DEFAULT_WINDOW,
	DEFAULT_PT_QUERY,
	type ArrivalWindow,
	type ArriveByProfile,
	type PtQueryOptions,
	type PointLike,
	type TravelTimeResult,
	type WindowSamples,
	type Itinerary,
	type ItineraryLeg
} from './query.ts';
export { parseGtfsTime, formatTime, normalizeDate } from './time.ts';
export { DEFAULT_WALK, walkSec, accessStops, type WalkOptions, type AccessList } from '../walk.ts';
export { percentile, percentileSorted, median } from '../stats.ts';
export { timetableToNetFile, timetableFromNetFile, timetableProvenance, type TimetableSource } from './timetable-file.ts';
