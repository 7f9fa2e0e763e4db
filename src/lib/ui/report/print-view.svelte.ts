/**
 * What the report and the briefing share: the view their URL asks for (scenario, weights, language,
 * date; parsed strictly by app/url.ts and applied once the page mounts), the base map, the staff per home
 * municipality with the offices for the summary map, and whether the travel times are final (computed
 * for the current data, or imported, with the raster figures settled). Create it while a page initialises.
 */
import { onMount } from 'svelte';
import { page } from '$app/state';
import { rows } from '../../data/db/connector.ts';
import { zoneTotals } from '../../model/index.ts';
import { parseViewParams, type ViewParams } from '../../app/url.ts';
import { isUserTable } from '../app.svelte.ts';
import { session } from '../session.svelte.ts';
import { dbQuery } from '../query.svelte.ts';
import { gridSettled } from '../grid.svelte.ts';
import { reach } from '../reach.svelte.ts';
import { loadBaseLayers } from '../map/base-layers.ts';
import type { BaseLayers } from '../map/style.ts';
import { setLang } from '../i18n/index.svelte.ts';

export class PrintView {
	readonly view: ViewParams = parseViewParams(page.url.searchParams);
	/** The date printed on the pages: the URL's, else today. */
	readonly date: string = this.view.date ?? new Date().toISOString().slice(0, 10);
	/** The URL's set-up has been applied to the session. */
	applied = $state(false);
	base = $state<BaseLayers | null>(null);
	readonly staffMap = dbQuery(async (db) => ({
		perZone: (await zoneTotals(db)).filter((z) => z.staff > 0),
		offices: await rows<{ name: string; lon: number; lat: number }>(db, 'SELECT name, lon, lat FROM offices WHERE lon IS NOT NULL ORDER BY office_id')
	}));
	readonly staffPerZone = $derived(new Map((this.staffMap.data?.perZone ?? []).map((z) => [z.zone_id, z.staff])));
	/** Travel times are final; the raster figures (Güteklasse, labour market) follow the matrix, so they count too. */
	readonly timesReady = $derived((isUserTable('travel_times') || (reach.rows > 0 && !reach.busy)) && gridSettled());

	constructor() {
		onMount(() => {
			if (this.view.lang) setLang(this.view.lang);
			if (this.view.setup) session.apply(this.view.setup);
			else if (this.view.weights) session.weights = { ...session.weights, ...this.view.weights };
			this.applied = true;
		});
		$effect(() => {
			loadBaseLayers().then((b) => (this.base = b));
		});
	}
}
