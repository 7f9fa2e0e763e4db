/**
 * Per-mover commute minutes for the distribution charts, computed in DuckDB for the criteria the UI
 * currently shows (same parameters, same data version). Kept as raw state: plain arrays, no deep proxy.
 */
import { commuteSamples, type CommuteSamples, type CriteriaResult } from '../../model/index.ts';
import { app, getDb } from '../app.svelte.ts';
import { session } from '../session.svelte.ts';
import { errorText } from '../i18n/index.svelte.ts';

class SamplesState {
	value = $state.raw<CommuteSamples | null>(null);
	/** The criteria result `value` was computed for (pages check it against session.criteria). */
	criteria = $state.raw<CriteriaResult | null>(null);
	/** The data version `value` was computed for. */
	version = $state(-1);
	error = $state<string | null>(null);
}
export const samples = new SamplesState();

let computedFor: CriteriaResult | null = null;
let computedVersion = -1;
let pending: Promise<void> | null = null;

/**
 * (Re)compute the samples if the criteria or the data changed since the last run (call from an $effect;
 * pages use `useSamples`). Keyed by the data version too: the session keeps a criteria object whose
 * figures did not change (the build snapshot's, while DuckDB starts), and it waits for DuckDB.
 */
export function ensureSamples(): Promise<void> {
	const c = session.criteria;
	const version = app.version;
	if (!c || app.phase !== 'ready' || (c === computedFor && version === computedVersion)) return pending ?? Promise.resolve();
	computedFor = c;
	computedVersion = version;
	const params = $state.snapshot(c.params);
	const current = () => computedFor === c && computedVersion === version;
	const run = (async () => {
		try {
			const value = await commuteSamples(getDb(), params);
			// A newer computation may have started meanwhile: only the latest one lands.
			if (current()) {
				samples.value = value;
				samples.criteria = c;
				samples.version = version;
				samples.error = null;
			}
		} catch (e) {
			if (current()) samples.error = errorText(e);
		}
	})();
	pending = run.finally(() => {
		if (pending === run) pending = null;
	});
	return pending;
}

/** The samples are for these criteria and the current data. */
export function samplesFor(c: CriteriaResult | null): boolean {
	return !!c && samples.criteria === c && samples.version === app.version;
}

/** Keep the samples current for the session's criteria while the calling component lives. */
export function useSamples(): SamplesState {
	$effect(() => {
		if (session.criteria) ensureSamples();
	});
	return samples;
}
