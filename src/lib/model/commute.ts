/**
 * Per-mover commute minutes for distribution charts, with exactly the definitions of staff.ts:
 * movers (moversCte), travel times from home (the person's 100 m cell, else the home zone → site; today: →
 * the person's current office), combined = PT-share weighted (one mode alone if the other is missing). Persons
 * without a time are dropped from the lists (staff.ts counts them in missingTimes), so the mean of
 * bySite[x].combined is staff.combined.mean of that site.
 */
import { rows, type Db } from '../data/db/connector.ts';
import { withDefaults, type ScenarioParams } from './params.ts';
import { TT_PIVOT, combineSql, moversCte, MOVER_TT } from './sql.ts';

/** Minutes per person, nulls dropped, sorted ascending. */
export interface CommuteLists {
	pt: number[];
	car: number[];
	combined: number[];
}

export interface CommuteSamples {
	/** Today: each mover to their current office. */
	today: CommuteLists;
	/** Per site id: each mover to the site. Sites are present even if no mover has a time. */
	bySite: Record<string, CommuteLists>;
}

/** The SQL of commuteSamples: one row per (site, mover) plus rows with site_id NULL for today. */
export function commuteSamplesSql(p: ScenarioParams): string {
	return `WITH ${TT_PIVOT},
${moversCte(p)},
${MOVER_TT}
SELECT si.site_id, a.pt, a.car, ${combineSql('m.pt_share', 'a.pt', 'a.car')} AS comb
FROM sites si CROSS JOIN movers m
LEFT JOIN ptt a ON a.person_id = m.person_id AND a.destination_id = si.site_id
UNION ALL
SELECT NULL AS site_id, b.pt, b.car, ${combineSql('m.pt_share', 'b.pt', 'b.car')} AS comb
FROM movers m
LEFT JOIN ptt b ON b.person_id = m.person_id AND b.destination_id = m.office_id`;
}

const empty = (): CommuteLists => ({ pt: [], car: [], combined: [] });
const asc = (a: number, b: number) => a - b;

/** Commute minutes per mover: today and to every candidate site (for histograms and ECDFs). */
export async function commuteSamples(db: Db, params: Partial<ScenarioParams> = {}): Promise<CommuteSamples> {
	const p = withDefaults(params);
	const today = empty();
	const bySite: Record<string, CommuteLists> = {};
	for (const s of await rows<{ site_id: string }>(db, 'SELECT site_id FROM sites ORDER BY site_id')) bySite[s.site_id] = empty();
	for (const r of await rows<{ site_id: string | null; pt: number | null; car: number | null; comb: number | null }>(db, commuteSamplesSql(p))) {
		const l = r.site_id === null ? today : (bySite[r.site_id] ??= empty());
		if (r.pt !== null && Number.isFinite(r.pt)) l.pt.push(r.pt);
		if (r.car !== null && Number.isFinite(r.car)) l.car.push(r.car);
		if (r.comb !== null && Number.isFinite(r.comb)) l.combined.push(r.comb);
	}
	for (const l of [today, ...Object.values(bySite)]) {
		l.pt.sort(asc);
		l.car.sort(asc);
		l.combined.sort(asc);
	}
	return { today, bySite };
}

/** Annual rent of all current offices today (kept ones included): the start of the cost bridge. */
export async function todayOfficeCost(db: Db): Promise<number> {
	const [r] = await rows<{ rent: number | null }>(db, 'SELECT sum(rent_chf_year)::DOUBLE AS rent FROM offices');
	return r?.rent ?? 0;
}
