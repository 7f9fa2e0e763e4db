/**
 * The decision model in the UI: criteria are computed (SQL) once per data or parameter change; the
 * ranking is derived from the weights in pure TypeScript, so a slider re-ranks in well under 50 ms.
 */
import { computeCriteria, scoreSites, rankProbabilities, flipWeights, DEFAULT_WEIGHTS, DEFAULT_PARAMS, type CriteriaResult, type ScenarioParams, type ScoreResult, type RankProbabilities, type FlipResult } from '../model/index.ts';
import { app, getDb } from './app.svelte.ts';

interface ModelState {
	params: ScenarioParams;
	weights: Record<string, number>;
	criteria: CriteriaResult | null;
	computing: boolean;
	error: string | null;
	/** app.version the criteria were computed for. */
	version: number;
}

export const model = $state<ModelState>({ params: { ...DEFAULT_PARAMS }, weights: { ...DEFAULT_WEIGHTS }, criteria: null, computing: false, error: null, version: -1 });

let pending: Promise<void> | null = null;

/** (Re)compute criteria if the data changed since the last run. */
export function ensureCriteria(): Promise<void> {
	if (app.phase !== 'ready' || model.version === app.version) return pending ?? Promise.resolve();
	const version = app.version;
	model.computing = true;
	pending = (async () => {
		try {
			model.criteria = await computeCriteria(getDb(), $state.snapshot(model.params));
			model.version = version;
			model.error = null;
		} catch (e) {
			model.error = e instanceof Error ? e.message : String(e);
		} finally {
			model.computing = false;
			pending = null;
		}
	})();
	return pending;
}

/** Recompute after a parameter change. */
export function setParams(p: Partial<ScenarioParams>): Promise<void> {
	model.params = { ...model.params, ...p };
	model.version = -1;
	return ensureCriteria();
}

export function resetWeights(): void {
	model.weights = { ...DEFAULT_WEIGHTS };
}

/** Ranking for the current weights (pure, fast). */
export function currentScore(): ScoreResult | null {
	return model.criteria ? scoreSites(model.criteria, model.weights) : null;
}

/** Seeded rank probabilities under weight uncertainty around the current weights. */
export function currentRankProbabilities(result: ScoreResult): RankProbabilities {
	return rankProbabilities(result.matrix, result.weights, { seed: 2019, samples: 2000 });
}

export function currentFlip(result: ScoreResult): FlipResult | null {
	return flipWeights(result);
}
