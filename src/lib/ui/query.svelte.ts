/**
 * One pattern for every query a component shows: it declares what it depends on and how to load it;
 * the query re-runs when a dependency changes (the data version by default), keeps the last answer
 * while the next one loads, and drops answers that arrive after a newer request (a slow query for old
 * data never overwrites a fast one for new data). Create it while a component initialises.
 *
 *   const kpis = dbQuery((db) => rows<Kpis>(db, KPI_SQL));
 *   {#if kpis.data} … {kpis.data[0].staff} … {/if}
 *
 *   const change = dbQuery((db) => zoneCommuteChange(db, params, siteId), () => [siteId, params]);
 */
import { untrack } from 'svelte';
import type { Db } from '../data/db/connector.ts';
import { app, getDb } from './app.svelte.ts';

export class Query<T> {
	/** The latest answer (kept while a newer request loads). */
	data = $state.raw<T | undefined>(undefined);
	error = $state<string | null>(null);
	loading = $state(false);
	/** The data version `data` belongs to (-1 before the first answer). */
	version = $state(-1);

	/**
	 * @param request runs inside an effect: whatever it reads is a dependency. It returns the loader to
	 * call (not tracked), or null while the query cannot run yet.
	 */
	constructor(request: () => (() => Promise<T>) | null | undefined) {
		$effect(() => {
			const load = request();
			if (!load) return;
			const version = app.version;
			let stale = false;
			this.loading = true;
			untrack(load).then(
				(v) => {
					if (stale) return;
					this.data = v;
					this.error = null;
					this.version = version;
					this.loading = false;
				},
				(e) => {
					if (stale) return;
					this.error = e instanceof Error ? e.message : String(e);
					this.loading = false;
				}
			);
			return () => {
				stale = true;
			};
		});
	}

	/** An answer for the current data version is there and nothing newer is loading. */
	get current(): boolean {
		return this.data !== undefined && !this.loading && this.version === app.version;
	}
}

/**
 * A query over the app's DuckDB that re-runs when the data changes (app.version) and when anything
 * `deps` reads changes; it waits until the database is ready.
 */
export function dbQuery<T>(load: (db: Db) => Promise<T>, deps?: () => unknown): Query<T> {
	return new Query(() => {
		if (app.phase !== 'ready') return null;
		void app.version;
		deps?.();
		const db = getDb();
		return () => load(db);
	});
}
