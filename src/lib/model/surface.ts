/**
 * "Best location anywhere": the score of the spatial criteria (staff PT/car commute, customer
 * access, CO2) on a grid of points over the canton. Travel times per cell come from the reach
 * engines through a callback (or a precomputed matrix, see `matrixTimeSource`).
 *
 * Method: movers and customers are aggregated by zone once (SQL, `loadSurfaceInputs`); for each cell
 * the criteria are computed like for a site (zone-level times, mode split by PT share; CO2 from the
 * straight line between the movers' mean home position per zone and the cell × detour). Each
 * criterion is min-max normalised over the cells that have all values, the weights of the spatial
 * criteria are renormalised to sum 1; score = 100 × Σ w·v. Cost, space and staff-loser criteria
 * do not exist for a bare cell and are left out (stated in `weights`).
 *
 * Coverage: a mean over the persons who reach a cell is only meaningful if nearly all of them do (a
 * cell far from any stop is reached on foot from one neighbouring zone only, and its "mean" of a few
 * minutes would win). A time criterion of a cell is therefore null (cell not scored) when less than
 * `minCoverage` (default 0.9) of the movers — or of the customer visits — have a time; the shares
 * are reported as `coverage_pt`, `coverage_car` and `coverage_customers` in the cell's values.
 */
import { distance, pointGrid, bbox as turfBbox } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { rows, type Db } from '../data/db/connector.ts';
import { CRITERIA } from './definitions.ts';
import { withDefaults, type ScenarioParams } from './params.ts';
import { normaliseValues, normaliseWeights, type Weights } from './score.ts';
import { KEPT_OFFICES, TT_PIVOT, combineSql, lit, moversCte, num, zonePtShareSql } from './sql.ts';

export type Mode = 'pt' | 'car';
/** Minutes from zone to cell by mode, or null if unreachable / unknown. */
export type TimeSource = (cell: number, zoneId: number, mode: Mode) => number | null;

export interface Cell {
	lon: number;
	lat: number;
}

/** Movers grouped by home zone and PT share; customers by zone and group (with branch alternative). */
export interface SurfaceInputs {
	staff: { zone_id: number; pt_share: number; persons: number; trips: number; lon: number; lat: number }[];
	customers: { zone_id: number; grp: string; s: number; w: number; branch_min: number | null }[];
	trace: { staff: string; customers: string };
}

/** Aggregate movers and customers by zone (once per parameter set). */
export async function loadSurfaceInputs(db: Db, params: Partial<ScenarioParams> = {}): Promise<SurfaceInputs> {
	const p = withDefaults(params);
	const trips = `${num(p.workingDaysPerYear)} * (1 - ${num(p.homeOfficeShare)}) * 2`;
	const staffSql = `WITH ${moversCte(p)}
SELECT zone_id, pt_share, count(*) AS persons, sum(${trips} * fte) AS trips, avg(lon) AS lon, avg(lat) AS lat
FROM movers WHERE zone_id IS NOT NULL GROUP BY zone_id, pt_share ORDER BY zone_id, pt_share`;
	const branch =
		p.keepBranches && p.branchGroups.length
			? `(SELECT min(${combineSql('cz.s', 't.pt', 't.car')}) FROM tt t WHERE t.origin_zone = cz.zone_id AND t.destination_id IN (${KEPT_OFFICES}) AND cz.grp IN (${p.branchGroups.map(lit).join(', ')}))`
			: 'NULL::DOUBLE';
	const customersSql = `WITH ${TT_PIVOT},
cz AS (SELECT c.zone_id, c."group" AS grp, ${zonePtShareSql(p)} AS s, sum(coalesce(c."count", 1) * c.visits_per_year) AS w
  FROM customers c LEFT JOIN zones z ON z.zone_id = c.zone_id WHERE c.zone_id IS NOT NULL GROUP BY ALL)
SELECT zone_id, grp, s, w, ${branch} AS branch_min FROM cz ORDER BY zone_id, grp`;
	const [staff, customers] = await Promise.all([rows<SurfaceInputs['staff'][number]>(db, staffSql), rows<SurfaceInputs['customers'][number]>(db, customersSql)]);
	return { staff, customers, trace: { staff: staffSql, customers: customersSql } };
}

/** Time source over precomputed matrices [cell][zone index] (NaN or negative = unreachable). */
export function matrixTimeSource(zoneIds: readonly number[], pt: ArrayLike<number>[] | null, car: ArrayLike<number>[] | null): TimeSource {
	const idx = new Map(zoneIds.map((z, i) => [z, i]));
	return (cell, zone, mode) => {
		const m = mode === 'pt' ? pt : car;
		const i = idx.get(zone);
		if (!m || i === undefined) return null;
		const v = m[cell][i];
		return Number.isFinite(v) && v >= 0 ? v : null;
	};
}

/** Points on a regular grid (cellKm) inside a (multi)polygon, e.g. data/canton_lu_boundary_2026.geojson. */
export function cantonGrid(boundary: FeatureCollection<Polygon | MultiPolygon> | Feature<Polygon | MultiPolygon>, cellKm = 2): Cell[] {
	const mask = boundary.type === 'FeatureCollection' ? boundary.features[0] : boundary;
	const grid = pointGrid(turfBbox(boundary), cellKm, { units: 'kilometers', mask });
	return grid.features.map((f) => ({ lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
}

const R = 6371.0088;
function haversineKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
	const r = Math.PI / 180;
	const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
	return 2 * R * Math.asin(Math.sqrt(a));
}

/** Least share of movers (customer visits) with a time for a cell's time criterion to count. */
export const DEFAULT_MIN_COVERAGE = 0.9;

/** Spatial criteria values for one cell (plus the coverage shares, see the module comment). */
export function cellCriteria(inputs: SurfaceInputs, cell: number, at: Cell, time: TimeSource, p: ScenarioParams, minCoverage = DEFAULT_MIN_COVERAGE): Record<string, number | null> {
	let ptSum = 0, ptN = 0, carSum = 0, carN = 0, co2 = 0, persons = 0, wAll = 0;
	for (const g of inputs.staff) {
		persons += g.persons;
		const pt = time(cell, g.zone_id, 'pt');
		const car = time(cell, g.zone_id, 'car');
		if (pt !== null) (ptSum += pt * g.persons), (ptN += g.persons);
		if (car !== null) (carSum += car * g.persons), (carN += g.persons);
		const d = haversineKm(g.lon, g.lat, at.lon, at.lat);
		co2 += g.trips * d * (g.pt_share * p.detourPt * p.co2GPerKmPt + (1 - g.pt_share) * p.detourCar * p.co2GPerKmCar);
	}
	let cw = 0, cSum = 0;
	for (const c of inputs.customers) {
		wAll += c.w;
		const pt = time(cell, c.zone_id, 'pt');
		const car = time(cell, c.zone_id, 'car');
		let m = pt === null ? car : car === null ? pt : c.s * pt + (1 - c.s) * car;
		if (c.branch_min !== null && (m === null || c.branch_min < m)) m = c.branch_min;
		if (m !== null) (cSum += c.w * m), (cw += c.w);
	}
	const covPt = persons ? ptN / persons : null;
	const covCar = persons ? carN / persons : null;
	const covCust = wAll ? cw / wAll : null;
	return {
		staff_pt_mean: ptN && covPt! >= minCoverage ? ptSum / ptN : null,
		staff_car_mean: carN && covCar! >= minCoverage ? carSum / carN : null,
		customer_access: cw && covCust! >= minCoverage ? cSum / cw : null,
		co2: inputs.staff.length ? co2 / 1e6 : null,
		coverage_pt: covPt,
		coverage_car: covCar,
		coverage_customers: covCust
	};
}

export interface SurfaceResult {
	cells: (Cell & { score: number | null; values: Record<string, number | null> })[];
	/** Weights of the spatial criteria used (fractions summing to 1). */
	weights: Record<string, number>;
	best: (Cell & { index: number; score: number }) | null;
	/** Straight-line distance of each candidate to the best cell. */
	candidates: { site_id: string; distanceKm: number | null }[];
}

/** Score surface over `cells`, best cell, and each candidate's distance to it. */
export function scoreSurface(
	inputs: SurfaceInputs,
	cells: Cell[],
	time: TimeSource,
	weights: Weights,
	params: Partial<ScenarioParams> = {},
	candidates: { site_id: string; lon: number | null; lat: number | null }[] = [],
	minCoverage = DEFAULT_MIN_COVERAGE
): SurfaceResult {
	const p = withDefaults(params);
	const values = cells.map((c, i) => cellCriteria(inputs, i, c, time, p, minCoverage));
	const defs = CRITERIA.filter((d) => d.spatial && (weights[d.id] ?? 0) > 0 && values.some((v) => v[d.id] !== null));
	const w = normaliseWeights(weights, defs.map((d) => d.id));
	const complete = values.map((v) => defs.every((d) => v[d.id] !== null));
	const idx = values.map((_, i) => i).filter((i) => complete[i]);
	const scores: (number | null)[] = cells.map(() => null);
	if (defs.length && idx.length) {
		const cols = defs.map((d) => normaliseValues(idx.map((i) => values[i][d.id] as number), d, p));
		idx.forEach((cell, k) => (scores[cell] = 100 * defs.reduce((s, d, j) => s + w[d.id] * cols[j][k], 0)));
	}
	let best: SurfaceResult['best'] = null;
	scores.forEach((s, i) => {
		if (s !== null && (best === null || s > best.score)) best = { ...cells[i], index: i, score: s };
	});
	const b = best as SurfaceResult['best'];
	return {
		cells: cells.map((c, i) => ({ ...c, score: scores[i], values: values[i] })),
		weights: w,
		best: b,
		candidates: candidates.map((s) => ({
			site_id: s.site_id,
			distanceKm: b && s.lon !== null && s.lat !== null ? distance([s.lon, s.lat], [b.lon, b.lat], { units: 'kilometers' }) : null
		}))
	};
}
