/** Small hand-written GTFS feeds for tests: a zip of CSV files, service on weekdays of 2021. */
import { zipSync } from 'fflate';

/** Rows as CSV bytes (no quoting: test values have no commas). */
export const csvBytes = (rows: (string | number)[][]) => new TextEncoder().encode(rows.map((r) => r.join(',')).join('\n') + '\n');

/** A feed of one bus route 'R' and service 'WK' (Monday–Friday, 2021): stops at latitude 47 by longitude; trips by id. */
export function weekdayFeed(f: { stops: Record<string, number>; trips: string[]; stopTimes: (string | number)[][]; transfers?: (string | number)[][] }): Uint8Array {
	return zipSync({
		'stops.txt': csvBytes([['stop_id', 'stop_name', 'stop_lat', 'stop_lon'], ...Object.entries(f.stops).map(([k, x]) => [k, k, 47.0, x])]),
		'routes.txt': csvBytes([['route_id', 'route_short_name', 'route_type'], ['R', 'R', 3]]),
		'trips.txt': csvBytes([['route_id', 'service_id', 'trip_id'], ...f.trips.map((t) => ['R', 'WK', t])]),
		'stop_times.txt': csvBytes([['trip_id', 'arrival_time', 'departure_time', 'stop_id', 'stop_sequence'], ...f.stopTimes]),
		'calendar.txt': csvBytes([['service_id', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'start_date', 'end_date'], ['WK', 1, 1, 1, 1, 1, 0, 0, 20210101, 20211231]]),
		...(f.transfers ? { 'transfers.txt': csvBytes([['from_stop_id', 'to_stop_id', 'transfer_type', 'min_transfer_time'], ...f.transfers]) } : {})
	});
}
