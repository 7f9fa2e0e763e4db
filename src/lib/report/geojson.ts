/**
 * GeoJSON exports of the assessment for QGIS: the candidate sites with their key figures, and the best-location
 * score surface as square cells. WGS84 here; data/geojson-crs.ts converts to LV95 on request. Only figures over
 * many persons go out (means over all movers, population counts), never counts that could describe individuals.
 */
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type { CriteriaResult } from '../model/criteria.ts';
import type { ScoreResult } from '../model/score.ts';
import type { SurfaceResult } from '../model/surface.ts';

const r1 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10) / 10);
const r0 = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? null : Math.round(x));

/** One point per site with coordinates: rank and score (if scored), commute means, costs, Güteklasse, catchment. */
export function sitesGeoJSON(criteria: CriteriaResult, score: ScoreResult | null): FeatureCollection<Point> {
	const ranked = new Map(score?.ranking.map((r) => [r.site_id, r]) ?? []);
	const excluded = new Set(score?.excluded.map((e) => e.site_id) ?? []);
	const features: Feature<Point>[] = criteria.sites
		.filter((s) => s.lon !== null && s.lat !== null)
		.map((s) => {
			const rk = ranked.get(s.site_id);
			const re = s.reach;
			return {
				type: 'Feature',
				properties: {
					site_id: s.site_id,
					name: s.name,
					rank: rk?.rank ?? null,
					score: r1(rk?.score),
					excluded: excluded.has(s.site_id),
					staff_pt_mean_min: r1(s.staff?.pt.mean),
					staff_car_mean_min: r1(s.staff?.car.mean),
					customer_access_min: r1(s.customers?.all.meanMinutes),
					annual_cost_chf: r0(s.money.annualCostChf),
					npv_chf: r0(s.money.npvChf),
					capacity: s.space.capacity,
					oev_gueteklasse: re?.guteklasse?.klasse ?? null,
					oev_gueteklasse_station: re?.guteklasse?.station ?? null,
					residents_pt_30: r0(re?.residents?.pt[30]),
					residents_car_30: r0(re?.residents?.car[30]),
					working_age_pt_45: r0(re?.workingAge?.pt[45]),
					working_age_car_45: r0(re?.workingAge?.car[45]),
					population_source: re?.populationSource ?? null
				},
				geometry: { type: 'Point', coordinates: [s.lon!, s.lat!] }
			};
		});
	return { type: 'FeatureCollection', features };
}

/**
 * The score surface as square cells around the grid points (spacing read from the points, as on the map), with
 * the score (null = not scored) and each spatial criterion's value.
 */
export function surfaceGeoJSON(surface: SurfaceResult): FeatureCollection<Polygon> {
	const step = (xs: number[]) => {
		const u = [...new Set(xs.map((x) => Math.round(x * 1e7) / 1e7))].sort((a, b) => a - b);
		let m = Infinity;
		for (let i = 1; i < u.length; i++) if (u[i] - u[i - 1] > 1e-7) m = Math.min(m, u[i] - u[i - 1]);
		return Number.isFinite(m) ? m : 0.02;
	};
	const dx = step(surface.cells.map((c) => c.lon)) / 2;
	const dy = step(surface.cells.map((c) => c.lat)) / 2;
	return {
		type: 'FeatureCollection',
		features: surface.cells.map((c, i) => ({
			type: 'Feature',
			properties: { cell: i, score: r1(c.score), best: surface.best?.index === i, ...Object.fromEntries(Object.entries(c.values).map(([k, v]) => [k, v === null ? null : Math.round(v * 1000) / 1000])) },
			geometry: {
				type: 'Polygon',
				coordinates: [[[c.lon - dx, c.lat - dy], [c.lon + dx, c.lat - dy], [c.lon + dx, c.lat + dy], [c.lon - dx, c.lat + dy], [c.lon - dx, c.lat - dy]].map(([x, y]) => [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6])]
			}
		}))
	};
}
