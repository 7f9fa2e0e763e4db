/**
 * All criteria per candidate site: the SQL aggregations (staff, customers) run once per parameter
 * set; space and money are plain TypeScript over rows loaded once, so sensitivity analyses can
 * recompute them without the database (see `recomputeMoney`).
 */
import { lit, rows, type Db } from '../data/db/connector.ts';
import { todayOfficeCost } from './commute.ts';
import { customerCriteria } from './customers.ts';
import { loadInputs, type ModelInputs } from './inputs.ts';
import { moneyCriteria } from './money.ts';
import { withDefaults, type ScenarioParams } from './params.ts';
import { spaceCriteria } from './space.ts';
import { staffCriteria } from './staff.ts';
import { siteReachCriteria } from './reach.ts';
import { referenceWarnings } from './references.ts';
import { fmtPersons, MIN_GROUP, protectCustomerGroup, protectStaff, safeShare } from './privacy.ts';
import type { Msg, SiteCriteria } from './types.ts';

export interface CriteriaResult {
	params: ScenarioParams;
	sites: SiteCriteria[];
	inputs: ModelInputs;
	/** Rows in travel_times; 0 means no commute or customer criteria could be computed. */
	travelTimeRows: number;
	/** Annual rent of all current offices today (kept ones included), CHF/yr: the cost bridge's start. */
	todayRentChfYear: number;
	warnings: Msg[];
}

/**
 * The parameters a computation used, as the table `scenario_params` (key, JSON value), so every
 * figure is traceable to rows in DuckDB: data tables, travel_times and these assumptions.
 */
export async function writeScenarioParams(db: Db, p: ScenarioParams): Promise<void> {
	const values = Object.entries(p)
		.map(([k, v]) => `(${lit(k)}, ${lit(JSON.stringify(v))})`)
		.join(', ');
	await db.exec(`CREATE OR REPLACE TABLE scenario_params AS SELECT * FROM (VALUES ${values}) AS t(key, value)`);
}

/** The warning of a scenario without travel times (the UI says "being computed" instead while they are). */
export const NO_TRAVEL_TIMES: Msg = {
	de: 'Tabelle travel_times ist leer: Pendel-, Kunden- und CO2-Kriterien fehlen. Reisezeiten zuerst berechnen oder importieren.',
	en: 'Table travel_times is empty: commute, customer and CO2 criteria are missing. Compute or import travel times first.'
};

/**
 * Compute every criterion for every site in `sites`. Group figures over fewer than `minGroup` persons
 * (default 5, model/privacy.ts) are left out; only tests of hand-sized fixtures lower it.
 */
export async function computeCriteria(db: Db, params: Partial<ScenarioParams> = {}, opts: { minGroup?: number } = {}): Promise<CriteriaResult> {
	const minGroup = opts.minGroup ?? MIN_GROUP;
	const p = withDefaults(params);
	await writeScenarioParams(db, p);
	const [{ n }] = await rows<{ n: number }>(db, 'SELECT count(*) AS n FROM travel_times');
	const inputs = await loadInputs(db, p);
	const todayRentChfYear = await todayOfficeCost(db);
	const [staff, customers, reach] = await Promise.all([staffCriteria(db, p), customerCriteria(db, p), siteReachCriteria(db, p)]);
	const refs = await referenceWarnings(db, minGroup, p.keepBranches && p.branchGroups.length > 0);
	const warnings: Msg[] = [...refs.warnings];
	if (n === 0) warnings.push(NO_TRAVEL_TIMES);
	const sites = inputs.sites.map((s): SiteCriteria => {
		const rawSt = staff.get(s.site_id);
		const st = rawSt ? protectStaff(rawSt, minGroup) : null;
		const rawCu = customers.get(s.site_id);
		const cu = rawCu
			? { ...rawCu, all: protectCustomerGroup(rawCu.all, minGroup), byGroup: Object.fromEntries(Object.entries(rawCu.byGroup).map(([g, a]) => [g, protectCustomerGroup(a, minGroup)])) }
			: null;
		if (n > 0 && st && st.missingTimes > 0 && !refs.sitesWithoutTimes.has(s.site_id)) {
			// Small-group rule: 1–4 persons print as "< 5", and "k of n" only where it gives no small group away.
			const k = fmtPersons(st.missingTimes, String, minGroup);
			const ofN = safeShare(st.missingTimes, st.movers, minGroup) !== null;
			warnings.push({
				de: `${s.name}: ${k}${ofN ? ` von ${st.movers}` : ''} Mitarbeitenden ohne Reisezeit (Zone fehlt in travel_times).`,
				en: `${s.name}: ${k}${ofN ? ` of ${st.movers}` : ''} staff without a travel time (zone missing in travel_times).`
			});
		}

		return {
			site_id: s.site_id,
			name: s.name,
			lon: s.lon,
			lat: s.lat,
			availableFrom: s.available_from,
			tenure: s.tenure,
			staff: n > 0 ? st : null,
			customers: n > 0 ? cu : null,
			space: spaceCriteria(s, inputs.movers, p),
			money: moneyCriteria(s, inputs.released, inputs.movers, p),
			reach: reach.get(s.site_id) ?? null
		};
	});
	// (Staff without a PT time but with a car time are counted beside the PT figures, not warned about.)
	const st = [...staff.values()];
	if (n > 0 && st.some((x) => x.pt.n > 0) && st.every((x) => x.ptWait.n === 0))
		warnings.push({
			de: 'travel_times enthält keine ÖV-Wartezeit (wait_p50, z. B. importierte Matrix): Das Kriterium Wartezeit fehlt; die ÖV-Zeiten gelten so, wie sie importiert wurden.',
			en: 'travel_times has no PT wait (wait_p50, e.g. an imported matrix): the wait criterion is missing; PT times count as imported.'
		});
	return { params: p, sites, inputs, travelTimeRows: n, todayRentChfYear, warnings };
}

/** Same criteria with the money part recomputed for other (cost) parameters — no database needed. */
export function recomputeMoney(c: CriteriaResult, params: Partial<ScenarioParams>): CriteriaResult {
	const p = withDefaults({ ...c.params, ...params });
	const byId = new Map(c.inputs.sites.map((s) => [s.site_id, s]));
	return {
		...c,
		params: p,
		sites: c.sites.map((s) => ({
			...s,
			space: spaceCriteria(byId.get(s.site_id)!, c.inputs.movers, p),
			money: moneyCriteria(byId.get(s.site_id)!, c.inputs.released, c.inputs.movers, p)
		}))
	};
}
