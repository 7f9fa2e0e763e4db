/** Rows the space and money criteria need, read once from DuckDB. */
import { rows, type Db } from '../data/db/connector.ts';
import type { ScenarioParams } from './params.ts';
import { KEPT_OFFICES } from './sql.ts';

export interface SiteRow {
	site_id: string;
	name: string;
	capacity_workplaces: number;
	area_m2: number;
	/** Annual cost per m² paid every year: rent incl. service charges, or operating cost of a bought site. */
	cost_chf_m2_year: number;
	one_off_chf: number | null;
	/** Purchase price of the land (bought sites): interest only at the financing rate. */
	land_chf?: number | null;
	/** Capital for the building (purchase or construction): an annuity at the financing rate over the building life. */
	building_chf?: number | null;
	available_from: string | null;
	tenure: string | null;
	lon: number | null;
	lat: number | null;
	zone_id: number | null;
}

export interface OfficeRow {
	office_id: string;
	name: string;
	area_m2: number;
	rent_chf_year: number;
	lease_end: string | null;
	notice_months: number | null;
	keep: boolean | null;
}

/** Staff who move (headcount, FTE, person ids). */
export interface MoversSummary {
	headcount: number;
	fte: number;
}

/** Everything besides travel times: enough to recompute space and money without the database. */
export interface ModelInputs {
	sites: SiteRow[];
	/** Offices given up by the move (keep is not true). */
	released: OfficeRow[];
	movers: MoversSummary;
	trace: { sites: string; released: string; movers: string };
}

export async function loadInputs(db: Db, p: ScenarioParams): Promise<ModelInputs> {
	const sitesSql = `SELECT site_id, name, capacity_workplaces, area_m2, cost_chf_m2_year, one_off_chf, land_chf, building_chf, available_from, tenure, lon, lat, zone_id FROM sites ORDER BY site_id`;
	const releasedSql = `SELECT office_id, name, area_m2, rent_chf_year, lease_end, notice_months, keep FROM offices WHERE office_id NOT IN (${KEPT_OFFICES}) ORDER BY office_id`;
	const where = p.keptOfficesStay ? `WHERE office_id NOT IN (${KEPT_OFFICES})` : '';
	const moversSql = `SELECT count(*) AS headcount, coalesce(sum(fte), 0) AS fte FROM staff ${where}`;
	const [sites, released, [m]] = await Promise.all([
		rows<SiteRow>(db, sitesSql),
		rows<OfficeRow>(db, releasedSql),
		rows<MoversSummary>(db, moversSql)
	]);
	return { sites, released, movers: { headcount: m.headcount, fte: m.fte }, trace: { sites: sitesSql, released: releasedSql, movers: moversSql } };
}
