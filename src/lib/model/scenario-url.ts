/**
 * A scenario as one URL parameter, so a view (and the CLI's report) can carry the exact set-up:
 * base64url of compact JSON with the name, the parameters that differ from the defaults and the weights.
 */
import { migrateWeights } from './definitions.ts';
import { canonicalJson } from './hash.ts';
import { DEFAULT_PARAMS, type ScenarioParams } from './params.ts';
import { checkName, checkParams, checkWeights } from './params-check.ts';
import type { Weights } from './score.ts';

export interface ScenarioSetup {
	name: string;
	params: Partial<ScenarioParams>;
	weights: Weights;
}

function toBase64Url(text: string): string {
	let bin = '';
	for (const b of new TextEncoder().encode(text)) bin += String.fromCharCode(b);
	return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): string {
	const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
	return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** Encode name, changed parameters and weights. */
export function scenarioToParam(s: ScenarioSetup): string {
	const changed: Record<string, unknown> = {};
	for (const [k, v] of Object.entries(s.params)) if (canonicalJson(v) !== canonicalJson(DEFAULT_PARAMS[k as keyof ScenarioParams])) changed[k] = v;
	return toBase64Url(JSON.stringify({ n: s.name, p: changed, w: s.weights }));
}

/**
 * Decode a parameter made by scenarioToParam. Parameters are checked (params-check.ts: an unknown one or a
 * value the model cannot use throws ParamError, which names it), so are the weights (0–100); the name
 * loses invisible format characters (util/invisible.ts) and is cut to 120 characters.
 */
export function scenarioFromParam(param: string): ScenarioSetup {
	let o: { n?: unknown; p?: unknown; w?: unknown };
	try {
		o = JSON.parse(fromBase64Url(param));
	} catch {
		throw new Error('the scenario in the link is damaged (not base64url JSON)');
	}
	return { name: checkName(o.n), params: checkParams(o.p), weights: migrateWeights(checkWeights(o.w)) };
}
