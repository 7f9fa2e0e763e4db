/**
 * `--addresses <directory.zip|csv>` for the CLI commands: read the official building address
 * directory, cut it like the app does (a buffer around the default scenario's zones, offices and
 * sites; `--region-km N`, `--no-cut` keeps all of it) and return it as an AddressIndex for GeoRefs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsvRecords } from '../../src/lib/util/csv.ts';
import { DATA_DIR } from '../../src/lib/data/geocode-node.ts';
import { readAddressDirectory } from '../../src/lib/data/address/read.ts';
import { AddressIndex } from '../../src/lib/data/address/match.ts';
import { ADDRESS_BUFFER_KM } from '../../src/lib/data/address/region-points.ts';
import { AddressDirectoryError } from '../../src/lib/data/address/directory.ts';
import { regionAround } from '../../src/lib/reach/region.ts';
import { fileSource } from '../../src/lib/util/node-bytes.ts';
import { ZipError } from '../../src/lib/util/zip.ts';
import { flag, option } from './_args.ts';

export const ADDRESS_HELP =
	'--addresses <file>: the official directory of building addresses (swisstopo, zip or CSV) to place rows by street and house number; ' +
	`cut to ${ADDRESS_BUFFER_KM} km around the default scenario's zones, offices and sites (--region-km N, or --no-cut for all of it).`;

/** The default scenario's points (data/demo zones, offices, sites): the same region the app cuts to. */
function scenarioPoints(): { lon: number; lat: number }[] {
	const out: { lon: number; lat: number }[] = [];
	for (const f of ['zones.csv', 'offices.csv', 'sites.csv']) {
		const rows = parseCsvRecords(readFileSync(path.join(DATA_DIR, 'demo', f), 'utf8'));
		for (const r of rows) if (r.lon && r.lat) out.push({ lon: Number(r.lon), lat: Number(r.lat) });
	}
	return out;
}

/** Load `--addresses` if given (null otherwise); prints a summary to stderr. Throws a readable Error. */
export async function addressesFromArgs(args: string[], lang: 'de' | 'en'): Promise<AddressIndex | null> {
	const file = option(args, '--addresses');
	if (!file) return null;
	const km = Number(option(args, '--region-km') ?? ADDRESS_BUFFER_KM);
	if (!(km >= 0)) throw new Error(`--region-km must be a number ≥ 0`);
	const region = flag(args, '--no-cut') ? null : regionAround(scenarioPoints(), km);
	const src = fileSource(file);
	try {
		const dir = await readAddressDirectory(src, { region });
		const m = dir.meta;
		const n = (x: number) => x.toLocaleString('de-CH');
		console.error(
			lang === 'de'
				? `Adressverzeichnis ${m.sourceName}: ${n(m.rowsRead)} Zeilen gelesen, ${n(m.rowsKept)} Eingänge an ${n(dir.streetLabel.length)} Strassen behalten${region ? ` (${km} km um ${region.points} Punkte; ${n(m.rowsOutside)} ausserhalb)` : ''}${m.rowsBad ? `, ${n(m.rowsBad)} Zeilen unbrauchbar` : ''}; ${(m.readMs / 1000).toFixed(1)} s.`
				: `Address directory ${m.sourceName}: ${n(m.rowsRead)} rows read, ${n(m.rowsKept)} entrances on ${n(dir.streetLabel.length)} streets kept${region ? ` (${km} km around ${region.points} points; ${n(m.rowsOutside)} outside)` : ''}${m.rowsBad ? `, ${n(m.rowsBad)} rows unusable` : ''}; ${(m.readMs / 1000).toFixed(1)} s.`
		);
		return new AddressIndex(dir);
	} catch (e) {
		if (e instanceof AddressDirectoryError || e instanceof ZipError) throw new Error(`${file}: ${e.msg[lang]}`);
		throw e;
	} finally {
		src.close();
	}
}
