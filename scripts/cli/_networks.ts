/**
 * The networks a CLI command routes on, from its options, through the same opening path as the app
 * (reach/open-transit.ts, reach/open-roads.ts):
 *   --gtfs feed.zip|pt.swnet [--date YYYY-MM-DD]   a GTFS zip of any size is streamed and cut to the day
 *   --pbf roads.osm.pbf|car.swnet | --roads roads.geojson   and to the study region while it is read
 *   --region-km 25                                  buffer of the study region around zones, sites, offices, homes
 * Without them: the approximate Lucerne networks. Labels (travel_times.source) come from app/networks.ts.
 */
import { readFileSync } from 'node:fs';
import type { Db } from '../../src/lib/data/db/connector.ts';
import { fileSource } from '../../src/lib/util/node-bytes.ts';
import { loadGtfs, loadRoads } from '../../src/lib/reach/networks.ts';
import { openTransit } from '../../src/lib/reach/open-transit.ts';
import { openRoads } from '../../src/lib/reach/open-roads.ts';
import type { NetProvenance } from '../../src/lib/reach/netfile.ts';
import { DEFAULT_REGION_BUFFER_KM, type StudyRegion } from '../../src/lib/reach/region.ts';
import type { CarNetwork, Mode, PtNetwork } from '../../src/lib/reach/matrix.ts';
import { networkLabel } from '../../src/lib/app/networks.ts';
import { studyRegion } from '../../src/lib/app/region.ts';
import type { GtfsWarning } from '../../src/lib/reach/gtfs/errors.ts';
import { DEFAULT_GTFS, DEFAULT_ROADS } from './_data.ts';
import { lang as langOf, option, UsageError } from './_args.ts';

export const NETWORK_HELP = `Networks: --gtfs feed.zip|pt.swnet [--date YYYY-MM-DD] (default: the approximate Lucerne GTFS),
          --pbf roads.osm.pbf|car.swnet | --roads roads.geojson (default: the approximate Lucerne roads).
          A GTFS zip or PBF of any size is streamed and cut to the study region while it is read:
          --region-km ${DEFAULT_REGION_BUFFER_KM} = buffer around the zones, sites, offices and staff homes.`;

export interface CliNetworks {
	pt?: PtNetwork & { date: string; warnings?: GtfsWarning[]; provenance?: NetProvenance; netfile?: Uint8Array };
	car?: CarNetwork & { provenance?: NetProvenance; netfile?: Uint8Array };
}

const CREATED_BY = 'Standortwahl CLI';

/** The study region of the scenario in `db` with the buffer from --region-km. */
export async function regionFromArgs(db: Db, args: string[]): Promise<StudyRegion> {
	const km = option(args, '--region-km');
	const buffer = km === undefined ? DEFAULT_REGION_BUFFER_KM : Number(km);
	if (!(buffer >= 0 && buffer <= 500)) throw new UsageError({ de: `--region-km ist eine Zahl von Kilometern (0–500), nicht «${km}»`, en: `--region-km must be a number of kilometres (0–500), not "${km}"` });
	return studyRegion(db, buffer);
}

/** Load the PT and car networks for `modes` as the options say (user files cut to the scenario's region). */
export async function loadNetworks(db: Db, args: string[], modes: Mode[] = ['pt', 'car'], progress?: (line: string) => void): Promise<CliNetworks> {
	const out: CliNetworks = {};
	const gtfs = option(args, '--gtfs');
	const pbf = option(args, '--pbf') ?? option(args, '--roads');
	const region = (modes.includes('pt') && gtfs) || (modes.includes('car') && pbf) ? await regionFromArgs(db, args) : null;
	let lastStage = '';
	const onProgress = (stage: string) => {
		if (stage !== lastStage) progress?.(`  ${stage} …`);
		lastStage = stage;
	};
	if (modes.includes('pt')) {
		if (gtfs) {
			const src = fileSource(gtfs);
			try {
				const o = await openTransit(src, { date: option(args, '--date'), region, label: (date) => networkLabel('pt', { fileName: src.name!, date }), createdBy: CREATED_BY, onProgress });
				out.pt = { ...o.network, date: o.date, warnings: o.warnings, provenance: o.provenance, netfile: o.netfile };
				// What the reader tolerated in the feed: said, so a trip left out or a stop without a position is no surprise later.
				const lang = langOf(args);
				for (const w of o.warnings) progress?.(`  ${lang === 'de' ? 'Hinweis' : 'note'}: ${w.msg[lang]} (${w.count.toLocaleString(lang === 'de' ? 'de-CH' : 'en')}×; ${w.examples.slice(0, 3).join('; ')}${w.count > 3 ? ' …' : ''})`);
			} finally {
				src.close();
			}
		} else {
			const net = loadGtfs(readFileSync(DEFAULT_GTFS), networkLabel('pt', { approximate: true }), option(args, '--date'));
			out.pt = net;
		}
	}
	if (modes.includes('car')) {
		if (pbf) {
			const src = fileSource(pbf);
			try {
				const o = await openRoads(src, { region, label: networkLabel('car', { fileName: src.name! }), createdBy: CREATED_BY, onProgress });
				out.car = { ...o.network, provenance: o.provenance, netfile: o.netfile };
			} finally {
				src.close();
			}
		} else out.car = loadRoads({ geojson: readFileSync(DEFAULT_ROADS, 'utf8') }, networkLabel('car', { approximate: true }));
	}
	return out;
}
