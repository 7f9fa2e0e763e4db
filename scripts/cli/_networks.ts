/**
 * The networks a CLI command routes on, from its options: --gtfs feed.zip [--date YYYY-MM-DD],
 * --pbf roads.osm.pbf or --roads roads.geojson; the approximate Lucerne networks where none is given.
 * Labels (travel_times.source) come from app/networks.ts, as in the app.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadGtfs, loadRoads } from '../../src/lib/reach/networks.ts';
import type { CarNetwork, Mode, PtNetwork } from '../../src/lib/reach/matrix.ts';
import { networkLabel } from '../../src/lib/app/networks.ts';
import { DEFAULT_GTFS, DEFAULT_ROADS } from './_data.ts';
import { option } from './_args.ts';

export interface CliNetworks {
	pt?: PtNetwork & { date: string };
	car?: CarNetwork;
}

/** Load the PT and car networks for `modes` as the options say. */
export function loadNetworks(args: string[], modes: Mode[] = ['pt', 'car']): CliNetworks {
	const out: CliNetworks = {};
	if (modes.includes('pt')) {
		const gtfs = option(args, '--gtfs');
		const file = gtfs ?? DEFAULT_GTFS;
		const net = loadGtfs(readFileSync(file), '', option(args, '--date'));
		net.source = networkLabel('pt', gtfs ? { fileName: path.basename(gtfs), date: net.date } : { approximate: true });
		out.pt = net;
	}
	if (modes.includes('car')) {
		const pbf = option(args, '--pbf');
		const roads = option(args, '--roads');
		const origin = pbf ?? roads;
		const label = networkLabel('car', origin ? { fileName: path.basename(origin) } : { approximate: true });
		out.car = loadRoads(pbf ? { pbf: readFileSync(pbf) } : { geojson: readFileSync(roads ?? DEFAULT_ROADS, 'utf8') }, label);
	}
	return out;
}
