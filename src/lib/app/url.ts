/**
 * Every URL parameter the pages read, parsed in one place and as strictly as the CLI parses its
 * options: a value that does not fit is ignored and reported (with a {de, en} message), never passed
 * on into SQL, CSS or the DOM. A parameter given twice is named, and its first value read.
 *
 *   ?w=staff_pt_mean:15,npv:25   weights (known criterion ids, each once, numbers 0–100)
 *   ?s=<base64url>               a scenario set-up (model/scenario-url.ts)
 *   ?lang=de|en   ?date=YYYY-MM-DD   ?sites=id,id,…   ?table=<importable table>
 *   ?engine=coi                  duckdb-wasm's multi-threaded build, on a cross-origin-isolated page only
 *                                (for bench/coi-browser.mjs: it lost to the default, see data/db/browser.ts)
 */
import { ParamError, scenarioFromParam, type ScenarioSetup, type Weights } from '../model/index.ts';
import { showText, weightReader } from '../model/params-check.ts';
import { hasHiddenChars } from '../util/invisible.ts';
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

/** A weight as a link writes it: a decimal number (as weightsToParam writes one), no hex, no "Infinity". */
const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parse `id:value,…` by the one rule for weights (model/params-check.ts weightReader, as for `?s=` and
 * scenario files): known criterion ids, each once, values that are weights (model/weights.ts isWeight).
 * Retired criteria of older links (annual_cost, one_off) are folded into their successor, as saved
 * scenarios are. A part the rule refuses is reported with the reason and skipped (a repeated criterion:
 * its first value stays, the repeat is named as ignored); the rest is kept.
 */
export function weightsFromParam(param: string, problems: Msg[] = []): Weights {
	const reader = weightReader();
	for (const part of param.split(',')) {
		if (!part) continue;
		const [given, v, ...rest] = part.split(':');
		const why: Msg | null =
			rest.length || v === undefined || !DECIMAL.test(v.trim())
				? { de: 'erwartet Kriterium:Zahl', en: 'expected criterion:number' }
				: reader.add(given, Number(v));
		if (why) problems.push({ de: `Gewicht im Link ignoriert: «${clip(part)}» (${why.de})`, en: `Weight in the link ignored: "${clip(part)}" (${why.en})` });
	}
	return reader.weights;
}

/** A real calendar date YYYY-MM-DD (model/dates.ts). */
export { isIsoDate };

/** An id from a URL: printable (no control or invisible format characters), not too long. */
export function isPlainId(s: string): boolean {
	return s.length > 0 && s.length <= MAX_ID && !hasHiddenChars(s);
}

/** Text from a URL inside a message: hidden characters shown as their code point, at most 40 characters. */
function clip(s: string): string {
	return showText(s, 41);
}

/** Parse the page parameters of a URL. */
export function parseViewParams(search: URLSearchParams): ViewParams {
	const problems: Msg[] = [];
	const out: ViewParams = { problems };
	// A parameter given twice is named; its first value is read (as a criterion repeated in ?w=).
	const get = (name: string): string | null => {
		const all = search.getAll(name);
		if (all.length > 1)
			problems.push({ de: `«${name}» steht ${all.length}-mal im Link; nur der erste Wert wurde gelesen.`, en: `"${name}" is given ${all.length} times in the link; only the first was read.` });
		return all.length ? all[0] : null;
	};
	const w = get('w');
	if (w !== null) out.weights = weightsFromParam(w, problems);
	const s = get('s');
	if (s !== null) {
		try {
			// Weights checked inside by the same rule as ?w= (checkWeights), but strictly: a scenario is taken whole or not at all.
			out.setup = scenarioFromParam(s);
		} catch (e) {
			if (e instanceof ParamError) problems.push({ de: `Das Szenario im Link wurde ignoriert. ${e.msg.de}`, en: `The scenario in the link was ignored. ${e.msg.en}` });
			// The reader's words only: the decoder's own message is English and technical (kept for English).
			else problems.push({ de: 'Das Szenario im Link ist beschädigt oder unvollständig und wurde ignoriert.', en: `The scenario in the link is damaged and was ignored (${(e as Error).message}).` });
		}
	}
	const lang = get('lang');
	if (lang !== null) {
		if (lang === 'de' || lang === 'en') out.lang = lang;
		else problems.push({ de: `Sprache im Link ignoriert: «${clip(lang)}»`, en: `Language in the link ignored: "${clip(lang)}"` });
	}
	const date = get('date');
	if (date !== null) {
		if (isIsoDate(date)) out.date = date;
		else problems.push({ de: `Datum im Link ignoriert (erwartet JJJJ-MM-TT): «${clip(date)}»`, en: `Date in the link ignored (expected YYYY-MM-DD): "${clip(date)}"` });
	}
	const sites = get('sites');
	if (sites !== null) {
		const ids = sites.split(',').filter(Boolean);
		const ok = [...new Set(ids.filter(isPlainId))].slice(0, MAX_SITES);
		if (ok.length !== ids.length) problems.push({ de: 'Einige Standorte im Link wurden ignoriert', en: 'Some sites in the link were ignored' });
		out.sites = ok;
	}
	const table = get('table');
	if (table !== null) {
		if ((importableTables as readonly string[]).includes(table)) out.table = table as TableName;
		else problems.push({ de: `Tabelle im Link ignoriert: «${clip(table)}»`, en: `Table in the link ignored: "${clip(table)}"` });
	}
	const engine = get('engine');
	if (engine !== null) {
		if (engine === 'coi') out.engine = engine;
		else problems.push({ de: `Datenbank-Variante im Link ignoriert: «${clip(engine)}»`, en: `Database build in the link ignored: "${clip(engine)}"` });
	}
	return out;
}
