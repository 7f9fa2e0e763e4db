/**
 * Every URL parameter the pages read, parsed in one place and as strictly as the CLI parses its
 * options: a value that does not fit is ignored and reported (with a {de, en} message), never passed
 * on into SQL, CSS or the DOM.
 *
 *   ?w=staff_pt_mean:15,npv:25   weights (known criterion ids, numbers 0–100)
 *   ?s=<base64url>               a scenario set-up (model/scenario-url.ts)
 *   ?lang=de|en   ?date=YYYY-MM-DD   ?sites=id,id,…   ?table=<importable table>
 *   ?engine=coi                  duckdb-wasm's multi-threaded build, on a cross-origin-isolated page only
 *                                (for bench/coi-browser.mjs: it lost to the default, see data/db/browser.ts)
 */
import { CRITERION_IDS, isWeight, ParamError, RETIRED_CRITERIA, scenarioFromParam, type ScenarioSetup, type Weights } from '../model/index.ts';
import type { Msg } from '../model/types.ts';
import { importableTables, type TableName } from '../data/schema.ts';
import { isIsoDate } from '../model/dates.ts';

export interface ViewParams {
	weights?: Weights;
	setup?: ScenarioSetup;
	lang?: 'de' | 'en';
	/** ISO date of the report (a real calendar date). */
	date?: string;
	sites?: string[];
	table?: TableName;
	/** The DuckDB build to start (read once, at start-up: hooks.client.ts). */
	engine?: 'coi';
	/** What was ignored, and why. */
	problems: Msg[];
}

/** Longest id accepted from a URL (site ids are user data; anything longer is not a plausible id). */
const MAX_ID = 120;
const MAX_SITES = 4;

/** Weights as `id:value,…` (values as given; the model normalises them). */
export function weightsToParam(w: Weights): string {
	return Object.entries(w)
		.map(([id, v]) => `${id}:${v}`)
		.join(',');
}

/**
 * Parse `id:value,…`; unknown ids and values that are no weight (model/weights.ts isWeight) are reported and skipped. Retired criteria of
 * older links (annual_cost, one_off) are folded into their successor, as saved scenarios are.
 */
export function weightsFromParam(param: string, problems: Msg[] = []): Weights {
	const out: Weights = {};
	for (const part of param.split(',')) {
		if (!part) continue;
		const [given, v, ...rest] = part.split(':');
		const id = RETIRED_CRITERIA[given] ?? given;
		const value = Number(v);
		if (!CRITERION_IDS.includes(id) || rest.length || v === undefined || v.trim() === '' || !isWeight(value)) {
			problems.push({ de: `Gewicht im Link ignoriert: «${clip(part)}»`, en: `Weight in the link ignored: "${clip(part)}"` });
			continue;
		}
		out[id] = (out[id] ?? 0) + value;
	}
	return out;
}

/** A real calendar date YYYY-MM-DD (model/dates.ts). */
export { isIsoDate };

/** An id from a URL: printable, no control characters, not too long. */
export function isPlainId(s: string): boolean {
	return s.length > 0 && s.length <= MAX_ID && !/[\u0000-\u001f\u007f]/.test(s);
}

function clip(s: string): string {
	const plain = s.replace(/[\u0000-\u001f\u007f]/g, '�');
	return plain.length > 40 ? plain.slice(0, 40) + '…' : plain;
}

/** Parse the page parameters of a URL. */
export function parseViewParams(search: URLSearchParams): ViewParams {
	const problems: Msg[] = [];
	const out: ViewParams = { problems };
	const w = search.get('w');
	if (w !== null) out.weights = weightsFromParam(w, problems);
	const s = search.get('s');
	if (s !== null) {
		try {
			const setup = scenarioFromParam(s);
			setup.weights = weightsFromParam(weightsToParam(setup.weights), problems);
			out.setup = setup;
		} catch (e) {
			if (e instanceof ParamError) problems.push({ de: `Das Szenario im Link wurde ignoriert. ${e.msg.de}`, en: `The scenario in the link was ignored. ${e.msg.en}` });
			// The reader's words only: the decoder's own message is English and technical (kept for English).
			else problems.push({ de: 'Das Szenario im Link ist beschädigt oder unvollständig und wurde ignoriert.', en: `The scenario in the link is damaged and was ignored (${(e as Error).message}).` });
		}
	}
	const lang = search.get('lang');
	if (lang !== null) {
		if (lang === 'de' || lang === 'en') out.lang = lang;
		else problems.push({ de: `Sprache im Link ignoriert: «${clip(lang)}»`, en: `Language in the link ignored: "${clip(lang)}"` });
	}
	const date = search.get('date');
	if (date !== null) {
		if (isIsoDate(date)) out.date = date;
		else problems.push({ de: `Datum im Link ignoriert (erwartet JJJJ-MM-TT): «${clip(date)}»`, en: `Date in the link ignored (expected YYYY-MM-DD): "${clip(date)}"` });
	}
	const sites = search.get('sites');
	if (sites !== null) {
		const ids = sites.split(',').filter(Boolean);
		const ok = ids.filter(isPlainId).slice(0, MAX_SITES);
		if (ok.length !== ids.length) problems.push({ de: 'Einige Standorte im Link wurden ignoriert', en: 'Some sites in the link were ignored' });
		out.sites = ok;
	}
	const table = search.get('table');
	if (table !== null) {
		if ((importableTables as readonly string[]).includes(table)) out.table = table as TableName;
		else problems.push({ de: `Tabelle im Link ignoriert: «${clip(table)}»`, en: `Table in the link ignored: "${clip(table)}"` });
	}
	const engine = search.get('engine');
	if (engine !== null) {
		if (engine === 'coi') out.engine = engine;
		else problems.push({ de: `Datenbank-Variante im Link ignoriert: «${clip(engine)}»`, en: `Database build in the link ignored: "${clip(engine)}"` });
	}
	return out;
}
