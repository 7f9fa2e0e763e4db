/**
 * Per-mover commute minutes for the distribution charts, computed in DuckDB for the criteria the UI
 * currently shows (same parameters, same data version). Kept as raw state: plain arrays, no deep proxy.
 */
import { commuteSamples, type CommuteSamples, type CriteriaResult } from '../../model/index.ts';
import { getDb } from '../app.svelte.ts';
import { session } from '../session.svelte.ts';

class SamplesState {
	value = $state.raw<CommuteSamples | null>(null);
	/** The criteria result `value` was computed for (pages check it against session.criteria). */
	criteria = $state.raw<CriteriaResult | null>(null);
	error = $state<string | null>(null);
}
export const samples = new SamplesState();

let computedFor: CriteriaResult | null = null;
let pending: Promise<void> | null = null;

/** (Re)compute the samples if the criteria changed since the last run (call from an $effect; pages use `useSamples`). */
export function ensureSamples(): Promise<void> {
	const c = session.criteria;
	if (!c || c === computedFor) return pending ?? Promise.resolve();
	computedFor = c;
	const params = $state.snapshot(c.params);
	const run = (async () => {
		try {
			const value = await commuteSamples(getDb(), params);
			// A newer computation may have started meanwhile: only the latest one lands.
			if (computedFor === c) {
				samples.value = value;
				samples.criteria = c;
				samples.error = null;
			}
		} catch (e) {
			if (computedFor === c) samples.error = e instanceof Error ? e.message : String(e);
		}
	})();
	pending = run.finally(() => {
		if (pending === run) pending = null;
	});
	return pending;
}

/** Keep the samples current for the session's criteria while the calling component lives. */
export function useSamples(): SamplesState {
	$effect(() => {
		if (session.criteria) ensureSamples();
	});
	return samples;
}
