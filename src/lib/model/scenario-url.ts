/**
 * A scenario as one URL parameter, so a view (and the CLI's report) can carry the exact set-up:
 * base64url of compact JSON with the name, the parameters that differ from the defaults and the weights.
 */
import { canonicalJson } from './hash.ts';
import { DEFAULT_PARAMS, type ScenarioParams } from './params.ts';
import { checkName, checkParams, checkWeights, isRecord, kindOf, own, ParamError, parseJsonStrict } from './params-check.ts';
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
 * Decode a parameter made by scenarioToParam. The JSON must be an object {n, p, w}, each key once, every
 * number one a number type holds (params-check.ts parseJsonStrict); parameters are checked
 * (checkParams: an unknown one or a value the model cannot use throws ParamError, which names it), so
 * are the weights (checkWeights: known criteria, 0–100, the same rule as `?w=` and scenario files);
 * the name is made printable (no control or invisible format characters) and cut to 120 characters.
 * Anything refused throws a ParamError with a {de, en} message; a link that is no base64url JSON at all
 * throws an Error saying it is damaged.
 */
export function scenarioFromParam(param: string): ScenarioSetup {
	let o: unknown;
	try {
		o = parseJsonStrict(fromBase64Url(param));
	} catch (e) {
		if (e instanceof ParamError) throw e;
		throw new Error('the scenario in the link is damaged (not base64url JSON)');
	}
	if (!isRecord(o))
		throw new ParamError({
			de: `Das Szenario im Link ist kein JSON-Objekt {"n": Name, "p": Parameter, "w": Gewichte}, sondern ${kindOf(o).de}.`,
			en: `The scenario in the link is not a JSON object {"n": name, "p": parameters, "w": weights} but ${kindOf(o).en}.`
		});
	return { name: checkName(own(o, 'n')), params: checkParams(own(o, 'p')), weights: checkWeights(own(o, 'w')) };
}
