/**
 * The briefing's slides as data, in the current language: the full-screen view and the PowerPoint
 * export render the same deck, so they say the same thing. Built from the session's criteria and
 * evaluation; figures (map, charts) are referred to by id and drawn by the page.
 */
import { CRITERIA, financingRateOf, recomputeMoney, scoreSites, type CriteriaResult, type ScoreResult } from '../../model/index.ts';
import type { Evaluation } from '../../app/session.ts';
import { isNarrowLead, markerLabels } from '../../report/summary.ts';
import { fmtPersons } from '../../report/tables.ts';
import { flipSentence } from '../robustness-text.ts';
import { t, tr, fmtNumber, fmtMchf, fmtPct, fmtDate } from '../i18n/index.svelte.ts';

export type FigureId = 'map' | 'probabilities' | 'contributions';

export interface Table {
	columns: string[];
	rows: string[][];
	/** Columns to right-align (numbers). */
	numeric: boolean[];
	/** Row index to emphasise (the recommendation), or -1. */
	highlight: number;
}

export type Slide =
	| { kind: 'title'; title: string; subtitle: string; meta: string; note: string }
	| { kind: 'recommendation'; title: string; statement: string; points: string[]; figures: { label: string; value: string; sub: string }[]; warning: string }
	| { kind: 'figure'; title: string; figure: FigureId; caption: string }
	| { kind: 'ranking'; title: string; table: Table; note: string }
	| { kind: 'robustness'; title: string; points: string[]; figure: FigureId }
	| { kind: 'costs'; title: string; table: Table; points: string[]; note: string }
	| { kind: 'whatif'; title: string; intro: string; table: Table }
	| { kind: 'open'; title: string; points: string[] };

export interface DeckInput {
	criteria: CriteriaResult;
	ev: Evaluation;
	scenarioName: string;
	scenarioId: string;
	/** ISO date the briefing is for. */
	date: string;
	/** The synthetic demo data still in use (provenance.ts): its seed and the tables in a sentence; null for real data. */
	synthetic: { seed: number; tables: string } | null;
	approximateNetworks: boolean;
}

const m2 = (x: number) => fmtNumber(x / 1e6, 2, 2);
const label = (id: string) => tr(CRITERIA.find((c) => c.id === id)!.label);
const short = (id: string) => tr(CRITERIA.find((c) => c.id === id)!.short);

/** The ranking as a slide table (also the what-if's table for given scores). */
export function rankingTable(criteria: CriteriaResult, score: ScoreResult, pFirst: ReadonlyMap<string, number> | null, highlight = score.ranking[0]?.site_id): Table {
	const site = (id: string) => criteria.sites.find((s) => s.site_id === id)!;
	const columns = [t('rank.col.rank'), t('rank.col.site'), t('rank.col.score'), t('rank.col.pt'), t('rank.col.customers'), `${t('rank.col.npv')} (${t('rep.unit.mchf')})`];
	if (pFirst) columns.push(t('rank.col.p1'));
	return {
		columns,
		numeric: columns.map((_, i) => i !== 1),
		highlight: score.ranking.findIndex((r) => r.site_id === highlight),
		rows: score.ranking.map((r) => {
			const s = site(r.site_id);
			const row = [String(r.rank), r.name, fmtNumber(r.score, 1, 1), s.staff?.pt.mean == null ? '–' : fmtNumber(s.staff.pt.mean, 1, 1), s.customers?.all.meanMinutes == null ? '–' : fmtNumber(s.customers.all.meanMinutes, 1, 1), m2(s.money.npvChf)];
			if (pFirst) row.push(fmtPct(pFirst.get(r.site_id) ?? 0));
			return row;
		})
	};
}

/** Where a bought site would rank with a low financing rate (the assumption the real 2019 choice hinged on). */
function financingCheck(criteria: CriteriaResult, weights: Record<string, number>, low: number): { site: string; rank: number } | null {
	const bought = criteria.sites.filter((s) => s.money.capitalCostChfYear > 0);
	if (!bought.length) return null;
	const score = scoreSites(recomputeMoney(criteria, { financingRate: low }), weights);
	const best = score.ranking.filter((r) => bought.some((b) => b.site_id === r.site_id))[0];
	return best ? { site: best.name, rank: best.rank } : null;
}

/** Every slide of the briefing for the current scenario. */
export function buildDeck(input: DeckInput): Slide[] {
	const { criteria, ev } = input;
	const score = ev.score;
	const rec = ev.recommendation;
	const p = criteria.params;
	const slides: Slide[] = [
		{
			kind: 'title',
			title: t('brief.title'),
			subtitle: t('brief.subtitle'),
			meta: t('brief.meta', { name: input.scenarioName, id: input.scenarioId, date: fmtDate(input.date) }),
			note: input.synthetic ? t('brief.synthetic', { seed: String(input.synthetic.seed), tables: input.synthetic.tables }) : ''
		}
	];
	if (score.problem || !rec) {
		slides.push({ kind: 'open', title: t('brief.open.title'), points: [tr(score.problem ?? { de: t('rep.rec.none'), en: t('rep.rec.none') })] });
		return slides;
	}
	const s = rec.site;
	const narrow = isNarrowLead(rec);
	const nameOf = (id: string) => criteria.sites.find((x) => x.site_id === id)?.name ?? id;
	slides.push({
		kind: 'recommendation',
		title: t('brief.rec.title'),
		statement: t('brief.rec.statement', { site: s.name, score: fmtNumber(rec.score, 1, 1) }),
		points: [
			...(rec.runnerUp ? [t('brief.rec.lead', { second: rec.runnerUp.site.name, gap: fmtNumber(rec.runnerUp.gap, 1, 1) })] : []),
			...(rec.pFirst !== null ? [t('brief.rec.robust', { p: fmtPct(rec.pFirst) })] : []),
			...(rec.bestOn.length ? [t('rep.rec.bestOn', { list: rec.bestOn.map(short).join(', ') })] : [])
		],
		figures: [
			{ label: t('rep.kf.pt'), value: s.staff?.pt.mean == null ? '–' : `${fmtNumber(s.staff.pt.mean, 1, 1)} min`, sub: '' },
			{ label: t('rep.kf.customers'), value: s.customers?.all.meanMinutes == null ? '–' : `${fmtNumber(s.customers.all.meanMinutes, 1, 1)} min`, sub: '' },
			{ label: t('rep.kf.losers'), value: fmtPersons(s.staff?.combined.losers, (x) => fmtNumber(x)), sub: '' },
			{
				label: t('rep.kf.net'),
				value: fmtMchf(s.money.netSavingChfYear),
				sub: t('rep.kf.target', { target: fmtMchf(p.savingsTargetChfYear), status: s.money.meetsTarget ? t('rep.met') : t('rep.notMet', { gap: fmtMchf(s.money.targetGapChfYear) }) })
			}
		],
		warning: narrow ? t('brief.rec.narrow') : ''
	});
	slides.push({ kind: 'figure', title: t('brief.map.title'), figure: 'map', caption: t('rep.map.caption') });
	const labels = markerLabels(score);
	slides.push({
		kind: 'ranking',
		title: t('brief.ranking.title'),
		table: rankingTable(criteria, score, ev.pFirst),
		note: score.excluded.length ? t('brief.ranking.excluded', { list: score.excluded.map((e) => `${labels.get(e.site_id)} ${e.name} (${e.reasons.map((x) => tr(x.message)).join('; ')})`).join(' · ') }) : ''
	});
	const flip = ev.flip;
	slides.push({
		kind: 'robustness',
		title: t('brief.robust.title'),
		points: [
			...(flip ? [t('rank.flip', { first: nameOf(flip.first), second: nameOf(flip.second), gap: fmtNumber(flip.gap, 1, 1) }), flipSentence(flip, nameOf)] : []),
			t('rank.robust.why')
		],
		figure: 'probabilities'
	});
	const ranked = score.ranking.map((r) => criteria.sites.find((x) => x.site_id === r.site_id)!);
	const meeting = ranked.filter((x) => x.money.meetsTarget);
	const bestNet = [...ranked].sort((a, b) => b.money.netSavingChfYear - a.money.netSavingChfYear)[0];
	slides.push({
		kind: 'costs',
		title: t('brief.costs.title'),
		table: {
			columns: [t('rank.col.site'), t('brief.costs.gross'), t('brief.costs.site'), t('brief.costs.net'), t('rep.kf.npv', { years: fmtNumber(p.horizonYears) })],
			numeric: [false, true, true, true, true],
			highlight: 0,
			rows: ranked.map((x) => [`${score.ranking.find((r) => r.site_id === x.site_id)!.rank} ${x.name}`, m2(x.money.grossSavingChfYear), `− ${m2(x.money.annualCostChf)}`, m2(x.money.netSavingChfYear), m2(x.money.npvChf)])
		},
		points: [
			meeting.length
				? t('brief.costs.targetSome', { target: fmtMchf(p.savingsTargetChfYear), list: meeting.map((x) => x.name).join(', ') })
				: t('brief.costs.targetNone', { target: fmtMchf(p.savingsTargetChfYear), site: bestNet.name, net: fmtMchf(bestNet.money.netSavingChfYear) })
		],
		note: t('brief.costs.note', { years: fmtNumber(p.horizonYears) })
	});
	slides.push({ kind: 'whatif', title: t('brief.whatif.title'), intro: t('brief.whatif.intro'), table: rankingTable(criteria, score, null) });
	// What is still open: the things a committee has to settle before deciding.
	const open: string[] = [];
	if (input.synthetic) open.push(t('brief.open.synthetic', { tables: input.synthetic.tables }));
	if (input.approximateNetworks) open.push(t('brief.open.networks'));
	open.push(
		meeting.length
			? t('brief.open.targetMet', { list: meeting.map((x) => x.name).join(', '), target: fmtMchf(p.savingsTargetChfYear) })
			: t('brief.open.target', { target: fmtMchf(p.savingsTargetChfYear), site: bestNet.name, net: fmtMchf(bestNet.money.netSavingChfYear) })
	);
	const single = flip?.single[0];
	if (flip && single)
		open.push(
			t('brief.open.weights', { gap: fmtNumber(flip.gap, 1, 1), change: fmtNumber(100 * Math.abs(single.change), 1, 1), dir: single.change > 0 ? t('brief.more') : t('brief.less'), criterion: label(single.criterion) })
		);
	const low = 0.01;
	const fin = financingCheck(criteria, Object.fromEntries(Object.entries(score.weights).map(([k, v]) => [k, 100 * v])), low);
	if (fin) open.push(t('brief.open.financing', { rate: fmtNumber(100 * financingRateOf(p), 1, 1), low: fmtNumber(100 * low, 1, 1), site: fin.site, rank: String(fin.rank) }));
	if (score.excluded.length) open.push(t('brief.open.excluded', { list: score.excluded.map((e) => e.name).join(', ') }));
	open.push(t('brief.open.privacy'));
	slides.push({ kind: 'open', title: t('brief.open.title'), points: open });
	return slides;
}

