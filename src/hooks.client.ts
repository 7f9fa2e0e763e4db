/**
 * Client start: the DuckDB worker and its WebAssembly (the longest part of a cold start) begin before the
 * page hydrates; the layout's startApp() then shares the same start-up promise (data/db/browser.ts).
 */
import { parseViewParams } from '$lib/app/url.ts';
import { browserDb } from '$lib/data/db/browser.ts';

export function init(): void {
	// Not awaited: hydration must not wait for the engine. A failure surfaces through startApp().
	browserDb({ multiThreaded: parseViewParams(new URLSearchParams(location.search)).engine === 'coi' }).catch(() => {});
}
