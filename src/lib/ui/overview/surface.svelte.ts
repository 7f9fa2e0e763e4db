/**
 * The best-location surface on the overview map: a grid over the home canton, zone → cell times
 * from the reach worker (once per data version and networks, kept across navigation), the model's
 * surface inputs, and the score with the current weights (app/surface.ts) on every weight change.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { booleanPointInPolygon } from '@turf/turf';
import { rows } from '../../data/db/connector.ts';
import { cantonGrid, loadSurfaceInputs, type ScenarioParams } from '../../model/index.ts';
import type { CellTimes } from '../../reach/cells.ts';
import { ORIGINS_SQL } from '../../app/travel-times.ts';
import { surfaceFromCellTimes } from '../../app/surface.ts';
import { app, getDb } from '../app.svelte.ts';
import { dbQuery } from '../query.svelte.ts';
import { session } from '../session.svelte.ts';
import { reach, cellJob, computeCellTimes } from '../reach.svelte.ts';
import { geography } from '../geography.svelte.ts';
import { cellSquares } from '../map/layers.ts';
import { EMPTY, type BaseLayers } from '../map/style.ts';
import { t } from '../i18n/index.svelte.ts';
import type { OverviewState } from './overview.svelte.ts';

/** Cell size of the grid (km): ~370 cells over the canton, a few seconds in the worker. */
export const CELL_KM = 2;

/** Zone → cell times survive navigation (same data version and networks → same times). */
let cellCache: { key: string; times: CellTimes } | null = null;

/** The surface state of one overview page; read its getters in components. */
export function createSurface(view: OverviewState, base: () => BaseLayers | null) {
	let cellTimes = $state.raw<{ key: string; times: CellTimes } | null>(cellCache);
	let tried = '';

	const cells = $derived.by(() => {
		const b = base();
		return b ? cantonGrid(b.canton as FeatureCollection<Polygon | MultiPolygon>, CELL_KM) : [];
	});
	const key = $derived(`${app.version}|${reach.networks.pt?.label ?? ''}|${reach.networks.car?.label ?? ''}|${cells.length}`);
	const active = $derived(view.shading === 'surface');

	/** Movers and customers per zone, when the surface is shown. */
	const inputs = dbQuery(
		(db) => (active ? loadSurfaceInputs(db, session.plainParams) : Promise.resolve(null)),
		() => [active, session.plainParams]
	);

	/** Scored cells with the current weights (spread: any weight change re-scores). */
	const result = $derived.by(() => {
		if (!cellTimes || !inputs.data) return null;
		const candidates = view.sites.map((s) => ({ site_id: s.site_id, lon: s.lon, lat: s.lat }));
		return surfaceFromCellTimes(inputs.data, cells, cellTimes.times, { ...session.weights }, session.plainParams, candidates);
	});

	const cellsFc = $derived<FeatureCollection>(active && result ? cellSquares(result.cells) : EMPTY);
	const bestFc = $derived.by<FeatureCollection>(() => {
		const b = active ? result?.best : null;
		if (!b) return EMPTY;
		return {
			type: 'FeatureCollection',
			features: [{ type: 'Feature', properties: { label: t('map.surface.bestLabel'), scored: true, score: Math.round(b.score * 10) / 10 }, geometry: { type: 'Point', coordinates: [b.lon, b.lat] } }]
		};
	});

	/** The municipality of the home canton holding the best cell (or its coordinates). */
	const bestPlace = $derived.by(() => {
		const b = result?.best;
		const bl = base();
		if (!b || !bl) return '';
		const f = bl.municipalities.features.find(
			(m) => (!geography.canton || m.properties?.canton === geography.canton) && booleanPointInPolygon([b.lon, b.lat], m as Parameters<typeof booleanPointInPolygon>[1])
		);
		return (f?.properties?.name as string | undefined) ?? `${b.lat.toFixed(3)}° N, ${b.lon.toFixed(3)}° E`;
	});

	/** Compute zone → cell times for the current data and networks. */
	async function compute(k = key): Promise<void> {
		tried = k;
		const zones = await rows<{ zone_id: number; lon: number; lat: number }>(getDb(), ORIGINS_SQL);
		const times = await computeCellTimes(zones, $state.snapshot(cells));
		if (times) cellTimes = cellCache = { key: k, times };
	}

	// Compute the cell times when the surface is shown and the matrix is ready (once per key).
	$effect(() => {
		if (!active || !cells.length || !view.matrixReady) return;
		const k = key;
		if (cellTimes?.key === k || cellJob.busy || tried === k) return;
		void compute(k);
	});

	return {
		get result() {
			return result;
		},
		get cellsFc() {
			return cellsFc;
		},
		get bestFc() {
			return bestFc;
		},
		get bestPlace() {
			return bestPlace;
		},
		compute: () => compute()
	};
}

export type SurfaceState = ReturnType<typeof createSurface>;
