/**
 * The travel-time pipeline, written once for both front-ends (the app's pages and the CLI):
 * scenario tables → origins and destinations → a matrix engine (the reach worker in the browser, the
 * engines in-process in Node) → rows of `travel_times` with the label of the networks they came from.
 *
 *   const request = await matrixRequest(db, ['pt', 'car']);            // or matrixPlaces(db) before the modes are known
 *   const columns = await engine.matrix(request, { onProgress, signal });
 *   await storeTravelTimes(db, columns);
 *
 * Pure TypeScript over the Db interface: no Svelte, no DOM, no Node APIs.
 */
import { rows as queryRows, type Db } from '../data/db/connector.ts';
import { Table, type Vector } from 'apache-arrow';
import { dictionaryVector, float64Vector, int64Vector } from '../data/arrow.ts';
import { replaceTable } from '../data/replace.ts';
import { tables } from '../data/schema.ts';
import { mergeTravelTimes, type Destination, type MatrixOptions, type Mode, type OriginCell, type TravelTimeColumns } from '../reach/matrix.ts';
import { lv95CellSql } from '../model/sql.ts';

/** An origin of the matrix: a zone's settlement point (its id is the zone's BFS number); population and area give its car terminal time. */
export interface OriginZone {
	zone_id: number;
	lon: number;
	lat: number;
	population: number | null;
	area_km2: number | null;
}

/** Everything a matrix engine needs to compute `travel_times`. */
export interface MatrixRequest {
	zones: OriginZone[];
	/** The 100 m cells where staff and customers live (their own origins; zones serve whoever has no point). */
	cells: OriginCell[];
	destinations: Destination[];
	options: Partial<MatrixOptions> & { modes: Mode[] };
	/** Rows for the zones' own points (default); false for a part after the first (matrixInParts). */
	zoneRows?: boolean;
}

/** Progress and cancellation of one engine call. */
export interface RunOptions {
	signal?: AbortSignal;
	onProgress?: (fraction: number, note?: string) => void;
}

/** Anything that turns a request into rows: the reach worker (browser) or the engines in-process (CLI). */
export interface MatrixEngine {
	matrix(request: MatrixRequest, opts?: RunOptions): Promise<TravelTimeColumns>;
}

/**
 * One matrix from several engines side by side (the browser's reach workers, one per core): each takes a
 * consecutive slice of the cells (the first also the zones' rows), and the parts are merged into the rows
 * and order one engine gives (`merge`: mergeTravelTimes, in-process or in a worker). A failure or cancel in
 * one part cancels the others.
 */
export async function matrixInParts(
	engines: readonly MatrixEngine[],
	request: MatrixRequest,
	opts: RunOptions = {},
	merge: (parts: TravelTimeColumns[], destinations: Destination[]) => TravelTimeColumns | Promise<TravelTimeColumns> = mergeTravelTimes
): Promise<TravelTimeColumns> {
	const k = engines.length;
	const per = Math.ceil(request.cells.length / k);
	const fractions = new Array<number>(k).fill(0);
	const stop = new AbortController();
	const cancel = () => stop.abort(opts.signal?.reason);
	if (opts.signal?.aborted) cancel();
	else opts.signal?.addEventListener('abort', cancel, { once: true });
	try {
		const parts = await Promise.all(
			engines.map((e, i) =>
				e
					.matrix(
						{ ...request, cells: request.cells.slice(i * per, (i + 1) * per), zoneRows: i === 0 },
						{
							signal: stop.signal,
							onProgress: (f, note) => {
								fractions[i] = f;
								opts.onProgress?.(fractions.reduce((a, b) => a + b, 0) / k, note);
							}
						}
					)
					.catch((err: unknown) => {
						stop.abort(err);
						throw err;
					})
			)
		);
		return await merge(parts, request.destinations);
	} finally {
		opts.signal?.removeEventListener('abort', cancel);
	}
}

/** The SQL of the matrix's origins: zones with coordinates, in id order. */
export const ORIGINS_SQL = 'SELECT zone_id, lon, lat, population, area_km2 FROM zones WHERE lon IS NOT NULL AND lat IS NOT NULL ORDER BY zone_id';

/** The SQL of the matrix's destinations: every candidate site and every current office with coordinates (and zone, for the car terminal time). */
export const DESTINATIONS_SQL = `SELECT site_id AS id, lon, lat, zone_id FROM sites WHERE lon IS NOT NULL AND lat IS NOT NULL
UNION ALL SELECT office_id, lon, lat, zone_id FROM offices WHERE lon IS NOT NULL AND lat IS NOT NULL`;

/**
 * The SQL of the cells where people live: staff homes and customer addresses with coordinates, grouped
 * into 100 m LV95 cells (the model keys people with the same expression), the point being the mean of the
 * people in the cell. Customers placed at their zone's own point (counts per municipality) add nothing the
 * zone row does not have, so they are left out.
 */
export const ORIGIN_CELLS_SQL = `WITH p AS (
  SELECT lon, lat, zone_id FROM staff WHERE lon IS NOT NULL AND lat IS NOT NULL AND zone_id IS NOT NULL
  UNION ALL
  SELECT c.lon, c.lat, c.zone_id FROM customers c WHERE c.lon IS NOT NULL AND c.lat IS NOT NULL AND c.zone_id IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM zones z WHERE z.zone_id = c.zone_id AND z.lon = c.lon AND z.lat = c.lat))
SELECT ${lv95CellSql('lon', 'lat')} AS origin_cell, avg(lon) AS lon, avg(lat) AS lat, mode(zone_id)::BIGINT AS zone_id
FROM p GROUP BY 1 ORDER BY 1`;

/** Origins and destinations of the scenario: a request without its modes. */
export type MatrixPlaces = Pick<MatrixRequest, 'zones' | 'cells' | 'destinations'>;

/** Origins and destinations of the scenario (readable before the networks, hence the modes, are known). */
export async function matrixPlaces(db: Db): Promise<MatrixPlaces> {
	const [zones, cells, destinations] = await Promise.all([queryRows<OriginZone>(db, ORIGINS_SQL), queryRows<OriginCell>(db, ORIGIN_CELLS_SQL), queryRows<Destination>(db, DESTINATIONS_SQL)]);
	return { zones, cells, destinations };
}

/** Origins and destinations of the scenario for the given modes. */
export async function matrixRequest(db: Db, modes: Mode[]): Promise<MatrixRequest> {
	return { ...(await matrixPlaces(db)), options: { modes } };
}

/** The matrix as an Arrow table of `travel_times` (schema column order; text dictionary-encoded). */
export function travelTimesTable(c: TravelTimeColumns): Table {
	const text = (k: keyof TravelTimeColumns['words']) => dictionaryVector(c[k], c.words[k]);
	const vectors: Record<string, Vector> = {
		origin_zone: int64Vector(c.origin_zone),
		origin_cell: int64Vector(c.origin_cell),
		destination_id: text('destination_id'),
		mode: text('mode'),
		minutes_p50: float64Vector(c.minutes_p50),
		minutes_p80: float64Vector(c.minutes_p80),
		wait_p50: float64Vector(c.wait_p50),
		wait_p80: float64Vector(c.wait_p80),
		changes: float64Vector(c.changes),
		source: text('source')
	};
	return new Table(Object.fromEntries(tables.travel_times.columns.map((col) => [col.name, vectors[col.name]])));
}

/** Replace `travel_times` with `result` (atomically: a failure keeps the previous matrix). */
export async function storeTravelTimes(db: Db, result: TravelTimeColumns): Promise<void> {
	await replaceTable(db, 'travel_times', travelTimesTable(result));
}

/**
 * Compute and store the matrix; returns the row count and the engine's wall time. `places`: the
 * scenario's origins and destinations read earlier (matrixPlaces), e.g. while the networks loaded.
 */
export async function computeTravelTimes(
	db: Db,
	engine: MatrixEngine,
	modes: Mode[],
	{ places, ...opts }: RunOptions & { places?: Promise<MatrixPlaces> } = {}
): Promise<{ rows: number; ms: number; request: MatrixRequest }> {
	const request: MatrixRequest = { ...(await (places ?? matrixPlaces(db))), options: { modes } };
	const t0 = performance.now();
	const result = await engine.matrix(request, opts);
	const ms = performance.now() - t0;
	await storeTravelTimes(db, result);
	return { rows: result.length, ms, request };
}

/** Rows of `travel_times` per `source` label, for provenance displays. */
export async function travelTimeSources(db: Db): Promise<Array<{ source: string; mode: string; rows: number }>> {
	return queryRows(db, `SELECT coalesce(source, '') AS source, mode, count(*)::INTEGER AS rows FROM travel_times GROUP BY ALL ORDER BY mode, source`);
}
