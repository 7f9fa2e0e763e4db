/**
 * The one small-group rule of Standortwahl: no figure is published that is derived from fewer than
 * MIN_GROUP (5) persons. It applies to every page, the report, the exports, the CLI and the charts:
 *
 * - a count of persons from 1 to 4 is shown as "< 5" (0 stays 0: nobody is described);
 * - a mean, percentile, median or other statistic over fewer than 5 persons is not shown;
 * - a share k of n is shown only if n ≥ 5 and neither k nor n − k lies in 1…4 (otherwise the share
 *   tells how many persons are in the small part, e.g. "1 of 9");
 * - histogram bins are merged with their neighbours until every bin holds 0 or at least 5 persons
 *   (charts/bins.ts), so the distribution's tails do not show single persons.
 *
 * The model applies it to its group figures (`protectStaff`, `protectZoneChange`); counts stay exact
 * in the model (the utility analysis needs them) and are masked where they are printed (`fmtPersons`
 * here, re-exported by report/tables.ts). docs/PRIVACY.md explains the rule and what it does not cover.
 */
import type { CommuteStats, CustomerGroupAccess, StaffCriteria, WaitStats } from './types.ts';

/** Smallest group a published figure may describe. */
export const MIN_GROUP = 5;

/** A count of persons that must not be printed as it is (1 … MIN_GROUP − 1). */
export function isSmallCount(n: number | null | undefined, min = MIN_GROUP): boolean {
	return typeof n === 'number' && n > 0 && n < min;
}

/**
 * A count of persons for display: 1 … threshold−1 becomes "< 5" (0 stays, null is "–"), the same rule
 * as the exports. `format` renders the other numbers (e.g. the UI's locale formatter).
 */
export function fmtPersons(n: number | null | undefined, format: (n: number) => string = String, threshold = MIN_GROUP): string {
	if (n === null || n === undefined || !Number.isFinite(n)) return '–';
	return n > 0 && n < threshold ? `< ${format(threshold)}` : format(n);
}

/** A statistic over `n` persons: the value, or null when the group is too small. */
export function groupFigure<T>(n: number, value: T | null, min = MIN_GROUP): T | null {
	return n >= min ? value : null;
}

/** The share k / n, or null when it would describe a small group (see the rule above). */
export function safeShare(k: number, n: number, min = MIN_GROUP): number | null {
	if (n < min) return null;
	if (isSmallCount(k, min) || isSmallCount(n - k, min)) return null;
	return k / n;
}

/** A share given as a fraction of n persons, checked like `safeShare`. */
export function safeShareOf(share: number | null, n: number, min = MIN_GROUP): number | null {
	if (share === null) return null;
	return safeShare(Math.round(share * n), n, min);
}

/** Commute statistics with every figure over fewer than MIN_GROUP persons removed (counts kept). */
export function protectStats(s: CommuteStats, min = MIN_GROUP): CommuteStats {
	const ok = s.n >= min;
	return {
		...s,
		mean: ok ? s.mean : null,
		p80: ok ? s.p80 : null,
		shareOver: Object.fromEntries(Object.entries(s.shareOver).map(([t, v]) => [t, safeShareOf(v, s.n, min)])),
		hoursPerYear: ok ? s.hoursPerYear : null,
		meanChange: ok ? s.meanChange : null
	};
}

function protectWait(w: WaitStats, min: number): WaitStats {
	const ok = w.n >= min;
	return { ...w, mean: ok ? w.mean : null, p80: ok ? w.p80 : null, meanChange: ok ? w.meanChange : null };
}

/** Staff criteria of one site under the rule: statistics of modes with fewer than 5 persons are dropped. */
export function protectStaff(s: StaffCriteria, min = MIN_GROUP): StaffCriteria {
	const few = s.movers < min;
	return {
		...s,
		pt: protectStats(s.pt, min),
		car: protectStats(s.car, min),
		combined: protectStats(s.combined, min),
		ptWait: protectWait(s.ptWait, min),
		ptChangesMean: few ? null : s.ptChangesMean,
		co2TonnesYear: few ? null : s.co2TonnesYear,
		co2ChangeTonnesYear: few ? null : s.co2ChangeTonnesYear
	};
}

/** Customer access of one group: the mean is dropped when fewer than 5 customers stand behind it. */
export function protectCustomerGroup(g: CustomerGroupAccess, min = MIN_GROUP): CustomerGroupAccess {
	return g.persons === undefined || g.persons >= min ? g : { ...g, meanMinutes: null, branchShare: null };
}

/** The per-municipality commute change with its means removed where fewer than 5 persons stand behind them. */
export function protectZoneChange<T extends { withTimes: number; nNew?: number; nToday?: number; meanChangeMin: number | null; meanNewMin: number | null; meanTodayMin: number | null }>(z: T, min = MIN_GROUP): T {
	return {
		...z,
		meanChangeMin: groupFigure(z.withTimes, z.meanChangeMin, min),
		meanNewMin: groupFigure(z.nNew ?? z.withTimes, z.meanNewMin, min),
		meanTodayMin: groupFigure(z.nToday ?? z.withTimes, z.meanTodayMin, min)
	};
}
