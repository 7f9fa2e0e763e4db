/**
 * Scenarios: data version + parameters + weights, serialised as JSON with a stable id (FNV-1a 64 of
 * the canonical JSON of those three; the name and free note do not change the id, so a duplicate
 * with a new name is recognisably the same set-up until something is changed).
 */
import { rows, type Db } from '../data/db/connector.ts';
import { ident, tableNames } from '../data/schema.ts';
import type { CriteriaResult } from './criteria.ts';
import { CRITERIA, DEFAULT_WEIGHTS } from './definitions.ts';
import { canonicalJson, fnv1a64 } from './hash.ts';
import { withDefaults, type ScenarioParams } from './params.ts';
import { checkName, checkParams, checkWeights, isRecord, kindOf, own, ParamError, parseJsonStrict, printableText, shown } from './params-check.ts';
import type { ScoreResult, Weights } from './score.ts';

export const SCENARIO_FORMAT = 'standortwahl-scenario';

export interface DataVersion {
	/** Per table: row count and an order-independent checksum (sum of DuckDB row hashes). */
	tables: Record<string, { rows: number; checksum: string }>;
	hash: string;
}

/**
 * The network a scenario's travel times came from (what was read, cut how, its checksum): recorded with
 * the scenario so a report can say it; not part of the id (the travel times are, via the data version).
 */
export interface ScenarioNetwork {
	mode: 'pt' | 'car';
	/** travel_times.source label. */
	label: string;
	approximate: boolean;
	sourceName?: string;
	feedVersion?: string;
	serviceDate?: string;
	osmTimestamp?: string;
	regionBufferKm?: number;
	regionKey?: string;
	checksum?: string;
}

export interface Scenario {
	format: typeof SCENARIO_FORMAT;
	version: 1;
	id: string;
	name: string;
	note?: string;
	data: DataVersion | null;
	params: ScenarioParams;
	weights: Weights;
	networks?: ScenarioNetwork[];
}

/** Version of the loaded data: row counts and checksums of the schema tables, via SQL. */
export async function dataVersion(db: Db): Promise<DataVersion> {
	const out: DataVersion['tables'] = {};
	for (const t of tableNames) {
		try {
			const [r] = await rows<{ n: number; h: string }>(db, `SELECT count(*) AS n, coalesce(sum(hash(t)), 0)::VARCHAR AS h FROM ${ident(t)} t`);
			out[t] = { rows: r.n, checksum: r.h };
		} catch {
			out[t] = { rows: 0, checksum: 'missing' };
		}
	}
	return { tables: out, hash: fnv1a64(canonicalJson(out)) };
}

/** Stable id of a scenario's content. */
export function scenarioId(s: Pick<Scenario, 'data' | 'params' | 'weights'>): string {
	return fnv1a64(canonicalJson({ data: s.data?.hash ?? null, params: s.params, weights: s.weights }));
}

export function createScenario(init: { name: string; note?: string; data?: DataVersion | null; params?: Partial<ScenarioParams>; weights?: Weights; networks?: ScenarioNetwork[] }): Scenario {
	const base = { data: init.data ?? null, params: withDefaults(init.params), weights: { ...(init.weights ?? DEFAULT_WEIGHTS) } };
	return {
		format: SCENARIO_FORMAT,
		version: 1,
		id: scenarioId(base),
		name: init.name,
		...(init.note ? { note: init.note } : {}),
		...base,
		...(init.networks?.length ? { networks: init.networks } : {})
	};
}

/** JSON text (keys sorted, 2-space indent) — byte-identical for equal scenarios. */
export function serialiseScenario(s: Scenario): string {
	return JSON.stringify(JSON.parse(canonicalJson({ ...s, id: scenarioId(s) })), null, 2) + '\n';
}

/** Longest text kept in a network's description (labels, file names, checksums). */
const MAX_NETWORK_TEXT = 300;

/** The data version a file names: null, or {tables: {name: {rows, checksum}}, hash} (ParamError otherwise). */
function checkData(raw: unknown): DataVersion | null {
	if (raw === undefined || raw === null) return null;
	const tables = isRecord(raw) ? own(raw, 'tables') : undefined;
	const hash = isRecord(raw) ? own(raw, 'hash') : undefined;
	const plain = (s: unknown): s is string => typeof s === 'string' && s.length > 0 && s.length <= 64 && printableText(s) === s;
	const ok =
		typeof hash === 'string' &&
		/^[0-9a-f]{16}$/.test(hash) &&
		isRecord(tables) &&
		Object.entries(tables).every(([t, v]) => plain(t) && isRecord(v) && Number.isSafeInteger(own(v, 'rows')) && (own(v, 'rows') as number) >= 0 && plain(own(v, 'checksum')));
	if (!ok)
		throw new ParamError({
			de: `Die Datenversion («data») ist weder null noch {"tables": {Tabelle: {"rows", "checksum"}}, "hash": 16 Hex-Ziffern}: ${shown(raw)}.`,
			en: `The data version ("data") is neither null nor {"tables": {table: {"rows", "checksum"}}, "hash": 16 hex digits}: ${shown(raw)}.`
		});
	const out: DataVersion['tables'] = {};
	for (const [t, v] of Object.entries(tables as Record<string, Record<string, unknown>>)) out[t] = { rows: v.rows as number, checksum: v.checksum as string };
	return { tables: out, hash: hash as string };
}

/** The networks a file names: entries without a mode pt/car and a label are left out, fields of the wrong type too; texts made printable. */
function checkNetworks(raw: unknown): ScenarioNetwork[] | undefined {
	if (!Array.isArray(raw)) return undefined;
	const text = (s: string) => [...printableText(s)].slice(0, MAX_NETWORK_TEXT).join('');
	const out: ScenarioNetwork[] = [];
	for (const n of raw) {
		if (!isRecord(n)) continue;
		const mode = own(n, 'mode'), label = own(n, 'label');
		if ((mode !== 'pt' && mode !== 'car') || typeof label !== 'string') continue;
		const net: ScenarioNetwork = { mode, label: text(label), approximate: own(n, 'approximate') === true };
		for (const k of ['sourceName', 'feedVersion', 'serviceDate', 'osmTimestamp', 'regionKey', 'checksum'] as const) {
			const v = own(n, k);
			if (typeof v === 'string') net[k] = text(v);
		}
		const km = own(n, 'regionBufferKm');
		if (typeof km === 'number' && Number.isFinite(km)) net.regionBufferKm = km;
		out.push(net);
	}
	return out;
}

/**
 * Parse scenario JSON; missing parameters take defaults, retired criteria's weights move on, the id is
 * recomputed. A file can be old, hand-edited or made elsewhere, so everything in it is checked as a
 * link's `?s=` is (params-check.ts): a JSON object with the format, each key once, numbers a number type
 * holds, known parameters within bounds, weights by the one rule (known criteria, 0–100), a printable
 * name and note. Refusals throw a ParamError with a {de, en} message; text that is no JSON, a SyntaxError.
 */
export function parseScenario(text: string): Scenario {
	const o = parseJsonStrict(text.replace(/^\uFEFF/, ''));
	if (!isRecord(o))
		throw new ParamError({
			de: `Eine Szenario-Datei ist ein JSON-Objekt mit "format": "${SCENARIO_FORMAT}"; diese enthält ${kindOf(o).de}.`,
			en: `A scenario file is a JSON object with "format": "${SCENARIO_FORMAT}"; this one holds ${kindOf(o).en}.`
		});
	const format = own(o, 'format');
	if (format !== SCENARIO_FORMAT)
		throw new ParamError({
			de: `Keine Szenario-Datei von Standortwahl: "format" ist ${format === undefined ? 'nicht angegeben' : shown(format)}, erwartet "${SCENARIO_FORMAT}".`,
			en: `Not a Standortwahl scenario file: "format" is ${format === undefined ? 'missing' : shown(format)}, expected "${SCENARIO_FORMAT}".`
		});
	const note = own(o, 'note');
	const weights = own(o, 'weights');
	return createScenario({
		name: checkName(own(o, 'name')),
		note: typeof note === 'string' ? printableText(note, { multiline: true }) : undefined,
		data: checkData(own(o, 'data')),
		params: checkParams(own(o, 'params')),
		weights: weights === undefined || weights === null ? undefined : checkWeights(weights),
		networks: checkNetworks(own(o, 'networks'))
	});
}

export function duplicateScenario(s: Scenario, name = s.name + ' (copy)'): Scenario {
	return createScenario({ ...structuredClone(s), name });
}

/** Copy with changed parameters/weights (new id). */
export function updateScenario(s: Scenario, change: { params?: Partial<ScenarioParams>; weights?: Weights; name?: string }): Scenario {
	return createScenario({ name: change.name ?? s.name, note: s.note, data: s.data, params: { ...s.params, ...change.params }, weights: change.weights ?? s.weights });
}

export interface ScenarioDiff {
	kind: 'data' | 'param' | 'weight' | 'rank' | 'score' | 'criterion';
	key: string;
	site_id?: string;
	a: unknown;
	b: unknown;
}

/** What differs between two scenarios; with results, also ranks, scores and criteria per site. */
export function compareScenarios(
	a: Scenario,
	b: Scenario,
	results?: { a: { criteria: CriteriaResult; score: ScoreResult }; b: { criteria: CriteriaResult; score: ScoreResult } }
): ScenarioDiff[] {
	const out: ScenarioDiff[] = [];
	if ((a.data?.hash ?? null) !== (b.data?.hash ?? null)) {
		const names = new Set([...Object.keys(a.data?.tables ?? {}), ...Object.keys(b.data?.tables ?? {})]);
		for (const t of [...names].sort()) {
			const x = a.data?.tables[t], y = b.data?.tables[t];
			if (canonicalJson(x) !== canonicalJson(y)) out.push({ kind: 'data', key: t, a: x ?? null, b: y ?? null });
		}
		if (!out.length) out.push({ kind: 'data', key: 'hash', a: a.data?.hash ?? null, b: b.data?.hash ?? null });
	}
	for (const k of Object.keys(a.params).sort()) {
		const x = (a.params as unknown as Record<string, unknown>)[k], y = (b.params as unknown as Record<string, unknown>)[k];
		if (canonicalJson(x) !== canonicalJson(y)) out.push({ kind: 'param', key: k, a: x, b: y });
	}
	for (const k of [...new Set([...Object.keys(a.weights), ...Object.keys(b.weights)])].sort())
		if ((a.weights[k] ?? 0) !== (b.weights[k] ?? 0)) out.push({ kind: 'weight', key: k, a: a.weights[k] ?? 0, b: b.weights[k] ?? 0 });
	if (results) {
		const rank = (r: ScoreResult, id: string) => r.ranking.find((x) => x.site_id === id);
		const sitesB = new Map(results.b.criteria.sites.map((s) => [s.site_id, s]));
		for (const sa of results.a.criteria.sites) {
			const sb = sitesB.get(sa.site_id);
			if (!sb) continue;
			const ra = rank(results.a.score, sa.site_id), rb = rank(results.b.score, sa.site_id);
			if ((ra?.rank ?? null) !== (rb?.rank ?? null)) out.push({ kind: 'rank', key: 'rank', site_id: sa.site_id, a: ra?.rank ?? null, b: rb?.rank ?? null });
			if (ra && rb && Math.abs(ra.score - rb.score) > 1e-9) out.push({ kind: 'score', key: 'score', site_id: sa.site_id, a: ra.score, b: rb.score });
			for (const d of CRITERIA) {
				const x = d.value(sa), y = d.value(sb);
				if (x !== y && !(x !== null && y !== null && Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x)))) out.push({ kind: 'criterion', key: d.id, site_id: sa.site_id, a: x, b: y });
			}
		}
	}
	return out;
}
