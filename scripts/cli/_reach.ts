/**
 * Networks and raster figures for CLI commands (isochrones, guteklassen, catchment, score --compute-times): the
 * same loaders and core functions the app's reach worker uses, so the CLI writes the rows the app writes.
 */
import { rows, type Db } from '../../src/lib/data/db/connector.ts';
import type { CarNetwork, Mode, PtNetwork } from '../../src/lib/reach/matrix.ts';
import { TerminalModel } from '../../src/lib/reach/road/index.ts';
import { ORIGINS_SQL, type OriginZone } from '../../src/lib/app/travel-times.ts';
import { ReachGrid, catchment, siteGuteklassen, stationsOf } from '../../src/lib/reach/site-reach.ts';
import type { Region } from '../../src/lib/reach/raster-region.ts';
import { writeSiteCatchment, writeSiteGuteklasse } from '../../src/lib/model/index.ts';
import { option } from './_args.ts';
import { loadRegion } from './_region.ts';
export { loadNetworks as loadNets, NETWORK_HELP } from './_networks.ts';
export const RASTER_HELP = `Raster: --cell 250 (metres, LV95); --statpop STATPOP.csv = BFS hectare grid (E_KOORD, N_KOORD, B<yy>BTOT or RELI)
        instead of the approximate population (municipality totals spread by stops and localities).`;

/** The region raster from `--cell` and `--statpop`. */
export function regionOf(db: Db, args: string[]): Promise<Region> {
	const cell = option(args, '--cell');
	return loadRegion(db, { cellM: cell ? Number(cell) : undefined, statpop: option(args, '--statpop') });
}

export interface Place {
	id: string;
	name: string;
	kind: 'site' | 'office';
	lon: number;
	lat: number;
	zone_id: number | null;
}

/** Sites and offices with coordinates (and zone, for the car terminal time). */
export function places(db: Db): Promise<Place[]> {
	return rows<Place>(
		db,
		`SELECT site_id AS id, name, 'site' AS kind, lon, lat, zone_id FROM sites WHERE lon IS NOT NULL AND lat IS NOT NULL
		 UNION ALL SELECT office_id, name, 'office', lon, lat, zone_id FROM offices WHERE lon IS NOT NULL AND lat IS NOT NULL ORDER BY kind DESC, id`
	);
}

/** Güteklasse per site and residents within 15/30/45/60 min per site and office, written to DuckDB like the app. */
export async function computeSiteReachInto(db: Db, nets: { pt?: PtNetwork; car?: CarNetwork }, region: Region): Promise<{ sites: number; rows: number }> {
	const all = await places(db);
	const sites = all.filter((p) => p.kind === 'site');
	await writeSiteGuteklasse(db, nets.pt ? siteGuteklassen(stationsOf(nets.pt), sites, nets.pt.source) : []);
	const modes = (['pt', 'car'] as Mode[]).filter((m) => nets[m]);
	const terminal = new TerminalModel(await rows<OriginZone>(db, ORIGINS_SQL));
	const figures = await catchment(new ReachGrid(region, nets, terminal), all, modes);
	await writeSiteCatchment(db, figures);
	return { sites: sites.length, rows: figures.length };
}
