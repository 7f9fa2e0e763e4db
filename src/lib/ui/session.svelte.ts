/**
 * The decision session in the UI: the scenario's name, parameters and weights as state, and everything
 * derived from them owned here, not recomputed page by page. Criteria are computed once per data
 * version and parameter set (SQL); the evaluation (score, rank probabilities, flip, recommendation)
 * follows every weight change in pure TypeScript (app/session.ts).
 *
 * The layout keeps the criteria current (`keepCriteriaCurrent`); pages read `session.evaluation`, and the
 * ranking page its robustness figures from `session.settled`, which follows once the weights rest.
 */
import { onMount, untrack } from 'svelte';
import { page } from '$app/state';
import { afterNavigate, replaceState } from '$app/navigation';
import { parseViewParams, weightsToParam } from '../app/url.ts';
import { createScenario, dataVersion, DEFAULT_PARAMS, DEFAULT_WEIGHTS, type CriteriaResult, type DataVersion, type Scenario, type ScenarioParams, type Weights } from '../model/index.ts';
import { evaluate, sessionCriteria, type Evaluation } from '../app/session.ts';
import { canonicalJson } from '../model/hash.ts';
import { sameFigures } from '../util/same-figures.ts';
import type { Msg } from '../model/types.ts';
import { app, earlyDefaultCriteria, getDb } from './app.svelte.ts';
import { inputQuiet } from './input-quiet.ts';
import { reach } from './reach.svelte.ts';
import { scenarioNetwork } from '../app/networks.ts';

class Session {
	/** Scenario name as the user set it ('' = the data's own name, see `displayName`). */
	name = $state('');
	params = $state<ScenarioParams>({ ...DEFAULT_PARAMS });
	weights = $state<Weights>({ ...DEFAULT_WEIGHTS });
	criteria = $state.raw<CriteriaResult | null>(null);
	computing = $state(false);
	error = $state<string | null>(null);
	/** The data version and parameters the criteria belong to. */
	private key = $state('');

	/** Version of the loaded data (row counts and checksums), for scenario ids. */
	data = $state.raw<DataVersion | null>(null);
	/** app.version `data` belongs to. */
	dataFor = $state(-1);

	/**
	 * The parameters as a plain object, and the networks as a scenario records them: each derived on its own,
	 * so a weight change (a slider step) does not copy them again.
	 */
	plainParams = $derived($state.snapshot(this.params) as ScenarioParams);
	private scenarioNetworks = $derived((['pt', 'car'] as const).flatMap((m) => (reach.networks[m] ? [scenarioNetwork(m, reach.networks[m]!)] : [])));

	/** The current set-up as a scenario with its stable id. */
	scenario = $derived<Scenario>(
		createScenario({ name: this.displayName, data: this.data, params: this.plainParams, weights: { ...this.weights }, networks: this.scenarioNetworks })
	);

	/** Score and robustness for the current weights (null until criteria exist). Spread: any weight change re-evaluates. */
	evaluation = $derived<Evaluation | null>(this.criteria ? evaluate(this.criteria, { ...this.weights }) : null);

	/**
	 * The evaluation whose robustness figures (rank probabilities, P(1st), flip) are on screen. It catches up
	 * with `evaluation` once the weights have rested for SETTLE_MS, so dragging a slider re-ranks within one
	 * frame and the Monte-Carlo sampling (2'000 draws) runs once, after the drag (see keepCriteriaCurrent).
	 */
	settled = $state.raw<Evaluation | null>(null);

	/** The robustness figures on screen belong to older weights (a newer evaluation is settling). */
	get settling(): boolean {
		return this.settled !== this.evaluation;
	}

	/** The name shown and stored: the user's, else the loaded data's (meta table). */
	get displayName(): string {
		return this.name || app.scenarioName;
	}

	/** Criteria are for the current data and parameters, and nothing is computing. */
	get current(): boolean {
		return !!this.criteria && !this.computing && this.key === this.keyNow();
	}

	private keyNow(): string {
		return `${app.version}|${canonicalJson($state.snapshot(this.params))}`;
	}

	/**
	 * Compute the criteria if the data or the parameters changed since the last run (`force`: also when
	 * only tables outside the data version changed, e.g. the raster figures).
	 */
	async refresh(force = false): Promise<void> {
		if (app.phase !== 'ready') return;
		const key = this.keyNow();
		if (!force && (key === this.key || key === this.pending)) return;
		this.pending = key;
		this.computing = true;
		try {
			// Only confirming the snapshot's figures on screen: not while the user is typing or dragging.
			if (this.early) await inputQuiet();
			if (this.pending !== key) return;
			const c = await sessionCriteria(getDb(), $state.snapshot(this.params) as ScenarioParams);
			if (this.pending !== key) return; // a newer request answers
			// The same figures as on screen (the snapshot's early criteria, or a change that did not touch
			// them): keep the object, so the pages do not redraw and the robustness is not sampled again.
			if (!this.criteria || !sameFigures(c, this.criteria)) this.criteria = c;
			// Read by the e2e test: DuckDB's own computation in this browser gave the snapshot's figures.
			else if (this.early) globalThis.performance?.mark?.('standortwahl:snapshot-criteria-confirmed');
			this.early = false;
			this.key = key;
			this.error = null;
		} catch (e) {
			if (this.pending === key) this.error = e instanceof Error ? e.message : String(e);
		} finally {
			if (this.pending === key) {
				this.pending = '';
				this.computing = false;
			}
		}
	}
	private pending = '';

	/**
	 * The criteria on screen are the untouched default's from the build snapshot, shown while DuckDB starts;
	 * the live computation then confirms them (same figures: the object stays) or replaces them. They hold
	 * for the default parameters only.
	 */
	early = $state(false);

	/** Show the default's snapshot criteria until the database computes its own (only with default parameters). */
	showEarly(c: CriteriaResult): boolean {
		if (this.criteria || canonicalJson($state.snapshot(this.params)) !== canonicalJson(DEFAULT_PARAMS)) return false;
		this.criteria = c;
		this.early = true;
		return true;
	}

	/** Other parameters: snapshot criteria no longer apply. */
	private dropEarly(): void {
		if (!this.early) return;
		this.criteria = null;
		this.early = false;
	}

	setParams(p: Partial<ScenarioParams>): void {
		this.dropEarly();
		this.params = { ...this.params, ...p };
	}

	resetWeights(): void {
		this.weights = { ...DEFAULT_WEIGHTS };
	}

	/** Apply a set-up (scenario link, saved scenario): weights over the defaults, parameters over the defaults. */
	apply(setup: { name?: string; params?: Partial<ScenarioParams>; weights?: Weights }): void {
		if (setup.name) this.name = setup.name;
		if (setup.params) {
			this.dropEarly();
			this.params = { ...DEFAULT_PARAMS, ...setup.params };
		}
		if (setup.weights) this.weights = { ...DEFAULT_WEIGHTS, ...setup.weights };
	}
}

export const session = new Session();

/** Pause after the last weight change before the robustness figures and the URL follow (ms). */
export const SETTLE_MS = 150;

/**
 * Call once from the layout: recompute criteria and the data version whenever the data or the parameters
 * change, and let the robustness figures settle after weight changes.
 */
export function keepCriteriaCurrent(): void {
	// While DuckDB starts, the untouched default's criteria come from the build snapshot (effects run in the
	// browser only; this one once).
	$effect(() => {
		void earlyDefaultCriteria().then((c) => {
			if (c && app.phase !== 'ready' && session.showEarly(c)) globalThis.performance?.mark?.('standortwahl:analysis-shown');
		});
	});
	$effect(() => {
		const ev = session.evaluation;
		if (!ev) {
			session.settled = null;
			return;
		}
		// New criteria (data, parameters) settle at once; a weight change waits until the weights rest.
		const wait = untrack(() => session.settled?.criteria === ev.criteria) ? SETTLE_MS : 0;
		const id = setTimeout(() => {
			void ev.probabilities;
			void ev.flip;
			session.settled = ev;
		}, wait);
		return () => clearTimeout(id);
	});
	$effect(() => {
		if (app.phase !== 'ready') return;
		void app.version;
		void $state.snapshot(session.params);
		void session.refresh();
	});
	$effect(() => {
		if (app.phase !== 'ready') return;
		const version = app.version;
		// Only the answer for the current data lands (an older, slower one must not overwrite it).
		dataVersion(getDb()).then((d) => {
			if (version !== app.version) return;
			session.data = d;
			session.dataFor = version;
		});
	});
}

/**
 * Weights in the page URL (?w=id:value,…): read once when the page opens (app/url.ts parses strictly),
 * then every change is written back with replaceState so a view can be shared or bookmarked. Returns
 * what the URL held that was ignored, for the page to show.
 */
export function useWeightsInUrl(): Msg[] {
	const view = parseViewParams(page.url.searchParams);
	onMount(() => {
		const w = view.weights;
		if (w && Object.keys(w).length) session.weights = { ...session.weights, ...w };
	});
	// replaceState needs the router: wait for the first navigation to finish.
	let routerReady = $state(false);
	afterNavigate(() => (routerReady = true));
	$effect(() => {
		if (!routerReady) return;
		const w = weightsToParam(session.weights);
		// Written once the weights rest: a history entry per slider step costs more than the re-rank itself.
		const id = setTimeout(() => {
			const url = new URL(page.url);
			if (url.searchParams.get('w') === w) return;
			url.searchParams.set('w', w);
			replaceState(url, page.state);
		}, SETTLE_MS);
		return () => clearTimeout(id);
	});
	return view.problems;
}
