/**
 * Scenarios: data version + parameters + weights, serialised as JSON with a stable id (FNV-1a 64 of
 * the canonical JSON of those three; the name and free note do not change the id, so a duplicate
 * with a new name is recognisably the same set-up until something is changed).
 */
import { rows, type Db } from '../data/db/connector.ts';
import { ident, tableNames } from '../data/schema.ts';
import type { CriteriaResult } from './criteria.ts';
import { CRITERIA, DEFAULT_WEIGHTS, migrateWeights } from './definitions.ts';
import { canonicalJson, fnv1a64 } from './hash.ts';
import { withDefaults, type ScenarioParams } from './params.ts';
import { checkName, checkParams, checkWeights } from './params-check.ts';
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

/** Parse scenario JSON; missing parameters take defaults, retired criteria's weights move on, the id is recomputed. */
export function parseScenario(text: string): Scenario {
	const o = JSON.parse(text) as Partial<Scenario>;
	if (o.format !== SCENARIO_FORMAT) throw new Error(`not a scenario file (format ${String(o.format)})`);
	const networks = Array.isArray(o.networks) ? o.networks.filter((n) => n && (n.mode === 'pt' || n.mode === 'car') && typeof n.label === 'string') : undefined;
	// Parameters are checked (params-check.ts): a file can be old, hand-edited or made elsewhere.
	return createScenario({ name: checkName(o.name), note: typeof o.note === 'string' ? o.note : undefined, data: o.data ?? null, params: checkParams(o.params), weights: o.weights ? migrateWeights(checkWeights(o.weights)) : undefined, networks });
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
