/**
 * Which of the figures on screen rest on synthetic demo rows, said the same way in the banner, the report
 * and the briefing. After a user imports some tables, only the tables still holding demo rows are named:
 * a committee must not read "the staff data is synthetic" over the real staff list.
 */
import type { TableName } from '../data/schema.ts';
import { app } from './app.svelte.ts';
import { lang, t } from './i18n/index.svelte.ts';

/** The demo's tables with synthetic rows or figures (zones are real, travel times are computed), in the order named. */
const SYNTHETIC_IN_DEMO = ['staff', 'customers', 'sites', 'offices'] as const satisfies readonly TableName[];

/** The tables that still hold the synthetic demo rows (none once the user's own data replaced them). */
export function syntheticTables(): TableName[] {
	return app.seed === null ? [] : SYNTHETIC_IN_DEMO.filter((name) => app.sources[name] === 'demo');
}

/** Whether the demo is still wholly in place (every synthetic table is the demo's). */
export function wholeDemo(): boolean {
	return syntheticTables().length === SYNTHETIC_IN_DEMO.length;
}

/** The synthetic tables in a sentence: «Mitarbeitende, Kundschaft und Kennzahlen der Standortkandidaten». */
export function syntheticList(tables: readonly TableName[]): string {
	const names = tables.map((name) => t(`synthetic.${name as (typeof SYNTHETIC_IN_DEMO)[number]}`));
	return new Intl.ListFormat(lang() === 'de' ? 'de-CH' : 'en', { type: 'conjunction' }).format(names);
}
