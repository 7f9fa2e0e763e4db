/**
 * Export tables of the assessment (ranking, criteria, parameters) for CSV/XLSX. Pure: labels come
 * from the caller's dictionary; person counts are marked so toCsv/toXlsx suppress small ones.
 */
import type { CriteriaResult } from '../model/criteria.ts';
import { PARAM_META, type ScenarioParams } from '../model/params.ts';
import type { ScoreResult } from '../model/score.ts';
import type { CriterionTable } from './summary.ts';
import type { ExportTable } from './tables.ts';
import { paramDisplay } from './format.ts';
import { unitText } from '../model/units.ts';

const round = (x: number | null | undefined, digits: number) => (x === null || x === undefined ? null : Math.round(x * 10 ** digits) / 10 ** digits);

export interface RankingLabels {
	sheet: string;
	rank: string;
	site: string;
	score: string;
	pt: string;
	/** PT wait before work starts (mean, min) and staff without a PT time (person count). */
	ptWait: string;
	ptMissing: string;
	car: string;
	customers: string;
	losers: string;
	reserve: string;
	cost: string;
	npv: string;
	p1: string;
}

/** The ranking with its key figures; p1 = probability of rank 1 per site id (0..1). */
export function rankingExport(criteria: CriteriaResult, score: ScoreResult, p1: ReadonlyMap<string, number>, l: RankingLabels): ExportTable {
	const bySite = new Map(criteria.sites.map((s) => [s.site_id, s]));
	return {
		name: l.sheet,
		columns: [
			{ key: 'rank', label: l.rank },
			{ key: 'site_id', label: 'site_id' },
			{ key: 'name', label: l.site },
			{ key: 'score', label: l.score },
			{ key: 'pt', label: l.pt },
			{ key: 'pt_wait', label: l.ptWait },
			{ key: 'pt_missing', label: l.ptMissing, personCount: true },
			{ key: 'car', label: l.car },
			{ key: 'customers', label: l.customers },
			{ key: 'losers', label: l.losers, personCount: true },
			{ key: 'reserve', label: `${l.reserve} (%)` },
			{ key: 'cost', label: `${l.cost} (CHF)` },
			{ key: 'npv', label: `${l.npv} (CHF)` },
			{ key: 'p1', label: `${l.p1} (%)` }
		],
		rows: score.ranking.map((r) => {
			const s = bySite.get(r.site_id);
			return {
				rank: r.rank,
				site_id: r.site_id,
				name: r.name,
				score: round(r.score, 1),
				pt: s?.staff?.pt.mean ?? null,
				pt_wait: s?.staff && s.staff.ptWait.n > 0 ? s.staff.ptWait.mean : null,
				pt_missing: s?.staff?.missingByMode.pt.total ?? null,
				car: s?.staff?.car.mean ?? null,
				customers: s?.customers?.all.meanMinutes ?? null,
				losers: s?.staff?.combined.losers ?? null,
				reserve: s ? round(s.space.capacityReserve * 100, 1) : null,
				cost: s?.money.annualCostChf ?? null,
				npv: s ? Math.round(s.money.npvChf) : null,
				p1: p1.has(r.site_id) ? round(p1.get(r.site_id)! * 100, 1) : null
			};
		})
	};
}

/** Every criterion × site: value, normalised value and points (long format, one row per pair). */
export function criteriaExport(
	tables: CriterionTable[],
	l: { sheet: string; criterion: string; unit: string; weight: string; site: string; rank: string; value: string; persons: string; critRank: string; normalised: string; points: string },
	label: (id: string) => string,
	lang: 'de' | 'en' = 'de'
): ExportTable {
	return {
		name: l.sheet,
		columns: [
			{ key: 'criterion_id', label: 'criterion_id' },
			{ key: 'criterion', label: l.criterion },
			{ key: 'unit', label: l.unit },
			{ key: 'weight', label: `${l.weight} (%)` },
			{ key: 'site_id', label: 'site_id' },
			{ key: 'site', label: l.site },
			{ key: 'rank', label: l.rank },
			// A criterion counted in persons (staff with a longer commute) is suppressed below 5.
			{ key: 'value_persons', label: `${l.value} (${l.persons})`, personCount: true },
			{ key: 'value', label: l.value },
			{ key: 'crit_rank', label: l.critRank },
			{ key: 'normalised', label: l.normalised },
			{ key: 'points', label: l.points }
		],
		rows: tables.flatMap((t) =>
			t.rows.map((r) => ({
				criterion_id: t.def.id,
				criterion: label(t.def.id),
				unit: unitText(t.def.unit, lang),
				weight: round(t.weight * 100, 2),
				site_id: r.site_id,
				site: r.name,
				rank: r.rank,
				value_persons: t.def.unit === 'persons' ? r.value : null,
				value: t.def.unit === 'persons' ? null : r.value,
				crit_rank: r.criterionRank,
				normalised: round(r.normalised, 4),
				points: round(r.points, 2)
			}))
		)
	};
}

/** The scenario's parameters as a reader sees them (report/format.ts), with unit, source and the raw value for machines. */
export function paramsExport(p: ScenarioParams, l: { sheet: string; param: string; value: string; unit: string; source: string }, lang: 'de' | 'en'): ExportTable {
	return {
		name: l.sheet,
		columns: [
			{ key: 'param', label: l.param },
			{ key: 'value', label: l.value },
			{ key: 'unit', label: l.unit },
			{ key: 'source', label: l.source },
			{ key: 'key', label: 'key' },
			{ key: 'raw', label: 'json' }
		],
		rows: (Object.keys(PARAM_META) as (keyof ScenarioParams)[]).map((k) => {
			const d = paramDisplay(k, p, lang);
			return { param: PARAM_META[k].label[lang], value: d.value, unit: d.unit, source: PARAM_META[k].source[lang], key: k, raw: JSON.stringify(p[k]) };
		})
	};
}
