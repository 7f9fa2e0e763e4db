/** Sentences about the robustness of a ranking, the same on the assessment page, the report and the briefing. */
import { criterionLabel, type FlipResult } from '../model/index.ts';
import { t, tr, fmtNumber } from './i18n/index.svelte.ts';

/** A weight as percent; one decimal where whole percent would hide the change. */
function weightPct(x: number, other: number): string {
	const digits = Math.abs(x - other) < 0.02 ? 1 : 0;
	return `${fmtNumber(100 * x, digits)} %`;
}

/**
 * "Root D4 would rank ahead of Seetalplatz if the weight of … were lowered from 40 % to 39.4 % …", with
 * the site as the subject; or that no single weight change does it.
 */
export function flipSentence(flip: FlipResult, nameOf: (id: string) => string): string {
	const first = nameOf(flip.first);
	const second = nameOf(flip.second);
	const s = flip.single[0];
	if (!s) return t('rank.flip.none', { first, second });
	return t('rank.flip.single', {
		first,
		second,
		criterion: tr(criterionLabel(s.criterion)),
		from: weightPct(s.from, s.to),
		to: weightPct(s.to, s.from),
		verb: s.to > s.from ? t('rank.flip.up') : t('rank.flip.down')
	});
}
