/**
 * `npm run cli -- network (--gtfs feed.zip [--date YYYY-MM-DD] | --pbf roads.osm.pbf) [--data folder]
 *                          [--region-km 25] --out file.swnet`
 * Cut a national GTFS feed or OSM extract to the scenario's study region once and write the result as a
 * network file (.swnet) with its provenance; the app opens it directly on the reachability page (no
 * re-import), and `matrix`/`score --compute-times` take it as --gtfs / --pbf.
 */
import { writeFileSync } from 'node:fs';
import { option, lang as langOf, UsageError } from './_args.ts';
import { openScenarioDb } from './_data.ts';
import { loadNetworks } from './_networks.ts';
import { NETWORK_HELP } from './_networks.ts';

export const summary = 'Cut a GTFS feed or OSM PBF to the study region and write a network file (.swnet) the app opens';

const HELP = `Usage: npm run cli -- network (--gtfs feed.zip [--date YYYY-MM-DD] | --pbf roads.osm.pbf)
                               [--data folder] [--region-km 25] --out file.swnet
Without --data: the study region of the Lucerne default scenario.
${NETWORK_HELP}`;

export async function run(args: string[]): Promise<number> {
	if (args.includes('--help')) {
		console.log(HELP);
		return 0;
	}
	const out = option(args, '--out');
	const gtfs = option(args, '--gtfs');
	const pbf = option(args, '--pbf');
	if (!out || !!gtfs === !!pbf) throw new UsageError({ de: `${HELP}\n\nGenau eines von --gtfs oder --pbf angeben, und --out.`, en: `${HELP}\n\nGive exactly one of --gtfs or --pbf, and --out.` });
	const de = langOf(args) === 'de';
	const db = await openScenarioDb(option(args, '--data'), langOf(args));
	if (!db) return 1;
	try {
		const t0 = performance.now();
		const nets = await loadNetworks(db, args, gtfs ? ['pt'] : ['car'], (l) => console.error(l));
		const net = gtfs ? nets.pt : nets.car;
		if (!net?.netfile || !net.provenance) throw new UsageError({ de: 'es entstand keine Netzdatei', en: 'no network file was produced' });
		writeFileSync(out, net.netfile);
		const p = net.provenance;
		const counts = Object.entries(p.counts)
			.filter(([k]) => /kept|Kept|graphNodes|graphEdges|connections/.test(k))
			.map(([k, v]) => `${k} ${v.toLocaleString('de-CH')}`)
			.join(', ');
		console.error(
			(de ? `${out}: ${(net.netfile.length / 2 ** 20).toFixed(1)} MB aus ${p.sourceName}` : `${out}: ${(net.netfile.length / 2 ** 20).toFixed(1)} MB from ${p.sourceName}`) +
				(p.serviceDate ? ` · ${de ? 'Stichtag' : 'service day'} ${p.serviceDate}` : '') +
				(p.region ? ` · ${de ? 'Gebiet' : 'region'} ${p.region.bufferKm} km (${p.region.key})` : '') +
				`\n  ${counts}\n  SHA-256 ${p.checksum} · ${((performance.now() - t0) / 1000).toFixed(1)} s`
		);
		return 0;
	} finally {
		await db.close();
	}
}
