/**
 * Site figures from the reach raster (src/lib/reach): the ÖV-Güteklasse at each site and the residents within
 * 15/30/45/60 min by PT and by car. The reach layer (app worker or CLI) writes them to two tables; the model
 * reads them like any other input, so every figure is traceable to rows in DuckDB:
 *
 *   site_guteklasse(site_id, klasse, points, station, category, distance_m, source)
 *   site_catchment(destination_id, mode, minutes, residents, population_source, network_source)
 *
 * Working-age residents = residents × `workingAgeShare` (STATPOP municipality totals carry no ages here).
 * The tables are optional: without them the three criteria are missing (null) and skipped when weighted.
 */
import { lit, rows, type Db } from '../data/db/connector.ts';
import type { ScenarioParams } from './params.ts';
import type { SiteReachCriteria } from './types.ts';
import type { SiteGuteklasse } from '../reach/site-reach.ts';

export const GK_TABLE = 'site_guteklasse';
export const CATCHMENT_TABLE = 'site_catchment';
/** Minutes of the catchment rows (residents within each). */
export const CATCHMENT_MINUTES = [15, 30, 45, 60] as const;

/** A row of site_guteklasse: the reach engine's figure per site, stored as it is. */
export type SiteGkRow = SiteGuteklasse;

export interface CatchmentRow {
	destination_id: string;
	mode: 'pt' | 'car';
	minutes: number;
	residents: number;
	population_source: string;
	network_source: string;
}

/** The raster tables' definitions (created empty by their writers and by a snapshot). */
export const GK_DDL = `CREATE OR REPLACE TABLE ${GK_TABLE} (site_id VARCHAR, klasse VARCHAR, points INTEGER, station VARCHAR, category VARCHAR, distance_m DOUBLE, source VARCHAR)`;
export const CATCHMENT_DDL = `CREATE OR REPLACE TABLE ${CATCHMENT_TABLE} (destination_id VARCHAR, mode VARCHAR, minutes INTEGER, residents DOUBLE, population_source VARCHAR, network_source VARCHAR)`;

const val = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'NULL') : lit(v));

/** Replace the Güteklasse rows (null leaves the table as it is). */
export async function writeSiteGuteklasse(db: Db, list: SiteGkRow[]): Promise<void> {
	await db.exec(GK_DDL);
	if (list.length)
		await db.exec(
			`INSERT INTO ${GK_TABLE} VALUES ${list.map((r) => `(${[r.site_id, r.klasse, r.points, r.station, r.category, r.distance_m, r.source].map(val).join(', ')})`).join(', ')}`
		);
}

/** Replace the catchment rows. */
export async function writeSiteCatchment(db: Db, list: CatchmentRow[]): Promise<void> {
	await db.exec(CATCHMENT_DDL);
	if (list.length)
		await db.exec(
			`INSERT INTO ${CATCHMENT_TABLE} VALUES ${list.map((r) => `(${[r.destination_id, r.mode, r.minutes, Math.round(r.residents * 10) / 10, r.population_source, r.network_source].map(val).join(', ')})`).join(', ')}`
		);
}

async function hasTable(db: Db, name: string): Promise<boolean> {
	const [{ n }] = await rows<{ n: number }>(db, `SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ${lit(name)}`);
	return Number(n) > 0;
}

/** Reach figures per site id (sites without any row are absent). */
export async function siteReachCriteria(db: Db, p: ScenarioParams): Promise<Map<string, SiteReachCriteria>> {
	const out = new Map<string, SiteReachCriteria>();
	const get = (id: string): SiteReachCriteria => {
		let r = out.get(id);
		if (!r) {
			r = { guteklasse: null, residents: null, workingAge: null, workingAgeShare: p.workingAgeShare, populationSource: null, trace: { sql: '' } };
			out.set(id, r);
		}
		return r;
	};
	const sql: string[] = [];
	if (await hasTable(db, GK_TABLE)) {
		const q = `SELECT site_id, klasse, points, station, category, distance_m, source FROM ${GK_TABLE}`;
		sql.push(q);
		for (const r of await rows<SiteGkRow>(db, q))
			get(r.site_id).guteklasse = { klasse: r.klasse, points: Number(r.points), station: r.station, category: r.category, distanceM: r.distance_m === null ? null : Number(r.distance_m), source: r.source };
	}
	if (await hasTable(db, CATCHMENT_TABLE)) {
		const q = `SELECT destination_id, mode, minutes, residents, population_source FROM ${CATCHMENT_TABLE} ORDER BY destination_id, mode, minutes`;
		sql.push(q);
		for (const r of await rows<CatchmentRow>(db, q)) {
			const s = get(r.destination_id);
			s.residents ??= { pt: {}, car: {} };
			s.workingAge ??= { pt: {}, car: {} };
			const m = r.mode === 'car' ? 'car' : 'pt';
			s.residents[m][Number(r.minutes)] = Number(r.residents);
			s.workingAge[m][Number(r.minutes)] = Number(r.residents) * p.workingAgeShare;
			s.populationSource = r.population_source;
		}
	}
	for (const r of out.values()) r.trace = { sql: sql.join(';\n'), note: `working age = residents × ${p.workingAgeShare}` };
	return out;
}
