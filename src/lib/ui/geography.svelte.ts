/**
 * The scenario's geography for the UI, taken from the data (never from literals): the home canton
 * (municipalities shaded in full on maps) and the map view's bounds. Kept current by the layout.
 */
import { homeCanton, homeExtent } from '../app/region.ts';
import { app, getDb } from './app.svelte.ts';

export const geography = $state<{ canton: string | null; bounds: [number, number, number, number] | null }>({ canton: null, bounds: null });

/** Call once from the layout. */
export function keepGeographyCurrent(): void {
	$effect(() => {
		if (app.phase !== 'ready') return;
		const version = app.version;
		(async () => {
			const db = getDb();
			const canton = await homeCanton(db);
			const bounds = await homeExtent(db, canton);
			if (version !== app.version) return;
			geography.canton = canton;
			if (bounds) geography.bounds = bounds;
		})();
	});
}

/** A municipality's display name: the canton is added unless the name already carries it ("Leimbach (AG)"). */
export function zoneName(name: string, canton: string | null | undefined): string {
	if (!canton || canton === geography.canton || name.endsWith(`(${canton})`)) return name;
	return `${name} (${canton})`;
}
