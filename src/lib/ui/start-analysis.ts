/**
 * What happens after the data is loaded at start. With a build snapshot (the untouched default) the
 * analysis is complete at once: its travel times and raster figures are already in DuckDB, the networks
 * load in the worker behind it (for isochrones, the Güteklassen map and any recomputation). Otherwise:
 * load the networks (the matrix's origins are read from DuckDB meanwhile), then compute the matrix (unless
 * the user imported one); the raster figures follow by themselves (autoSiteReach).
 */
import { rows } from '../data/db/connector.ts';
import type { SnapshotManifest } from '../app/snapshot.ts';
import { CATCHMENT_TABLE, GK_TABLE } from '../model/reach.ts';
import type { CatchmentFigure, SiteGuteklasse } from '../reach/site-reach.ts';
import { app, getDb, isUserTable } from './app.svelte.ts';
import { matrixPlaces } from '../app/travel-times.ts';
import { computeTravelTimes, loadDefaultNetworks, showSnapshotNetworks } from './reach.svelte.ts';
import { adoptSiteReach, loadGuteklassenMap } from './grid.svelte.ts';

export async function startAnalysis(): Promise<void> {
	const snap = app.snapshot;
	if (!snap) {
		// The scenario's origins are read from DuckDB while the networks load in the reach worker.
		const places = isUserTable('travel_times') ? null : matrixPlaces(getDb());
		places?.catch(() => {}); // a failure shows as the matrix's
		await loadDefaultNetworks();
		if (places) await computeTravelTimes(places);
	} else await adoptSnapshotAnalysis(snap);
	// For bench/browser.mjs: the start-up's work behind the page is done.
	globalThis.performance?.mark?.('standortwahl:analysis-complete');
}

async function adoptSnapshotAnalysis(snap: SnapshotManifest): Promise<void> {
	const figures = await rows<CatchmentFigure>(getDb(), `SELECT * FROM ${CATCHMENT_TABLE} ORDER BY destination_id, mode, minutes`);
	const classes = await rows<SiteGuteklasse>(getDb(), `SELECT * FROM ${GK_TABLE} ORDER BY site_id`);
	// One synchronous step, so the figures count as current for these networks and are not recomputed.
	showSnapshotNetworks(snap);
	adoptSiteReach(figures, classes);
	await loadDefaultNetworks();
	await loadGuteklassenMap();
}
