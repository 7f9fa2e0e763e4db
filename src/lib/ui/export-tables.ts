/** Export tables of the assessment with the current language's labels (shared by the assessment and report pages). */
import type { CriteriaResult, ScoreResult } from '../model/index.ts';
import { rankingExport } from '../report/exports.ts';
import type { ExportTable } from '../report/tables.ts';
import { t } from './i18n/index.svelte.ts';

/** The ranking with key figures; p1 = probability of rank 1 per site id. */
export function rankingTable(criteria: CriteriaResult, score: ScoreResult, p1: ReadonlyMap<string, number>): ExportTable {
	return rankingExport(criteria, score, p1, {
		sheet: t('rank.ranking'),
		rank: t('rank.col.rank'),
		site: t('rank.col.site'),
		score: t('rank.col.score'),
		pt: t('rank.col.pt'),
		ptWait: t('rank.col.ptWait'),
		ptMissing: t('rank.col.ptMissing'),
		car: t('rank.col.car'),
		customers: t('rank.col.customers'),
		losers: t('rank.col.losers'),
		reserve: t('rank.col.reserve'),
		cost: t('rank.col.cost'),
		npv: t('rank.col.npv'),
		p1: t('rank.col.p1')
	});
}
