/**
 * Address geocoding in Node (printed, not asserted): a national-size directory (bench/address-data.ts)
 * read and cut to the Lucerne study region as the app does (default scenario's zones, offices and sites,
 * 10 km), from the zip and from the plain CSV; the lookup index; then 100 k customer addresses through
 * the importer (the app's path: validation, matching, fallbacks, Arrow) and through the bare matcher.
 *
 *   npx tsx bench/address-data.ts && npx tsx bench/address.ts [/tmp/standortwahl-addr]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { DATA_DIR, loadGeoRefs } from '../src/lib/data/geocode-node.ts';
import { readAddressDirectory } from '../src/lib/data/address/read.ts';
import { AddressIndex } from '../src/lib/data/address/match.ts';
import { geocodeAddress } from '../src/lib/data/address/geocode-rows.ts';
import { ADDRESS_BUFFER_KM } from '../src/lib/data/address/region-points.ts';
import { importFile } from '../src/lib/data/import/index.ts';
import { regionAround, regionAreaKm2 } from '../src/lib/reach/region.ts';
import { fileSource } from '../src/lib/util/node-bytes.ts';

const dir = process.argv[2] ?? '/tmp/standortwahl-addr';
const zip = path.join(dir, 'amtliches-gebaeudeadressverzeichnis_ch_2056.csv.zip');
const csvFile = path.join(dir, 'amtliches-gebaeudeadressverzeichnis_ch_2056.csv');
const queries = path.join(dir, 'customers_addresses.csv');
const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
const MB = (b: number) => (b / 1024 / 1024).toFixed(0);
/** Wall and CPU seconds of `f` (the machine is shared: CPU time is the steadier figure). */
async function timed<T>(f: () => Promise<T> | T): Promise<{ v: T; wall: number; cpu: number }> {
	const c0 = process.cpuUsage();
	const t0 = performance.now();
	const v = await f();
	const c = process.cpuUsage(c0);
	return { v, wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}
const secs = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(1).padStart(5)} s wall ${t.cpu.toFixed(1).padStart(5)} s cpu`;
const n = (x: number) => x.toLocaleString('en');

const points: { lon: number; lat: number }[] = [];
for (const f of ['zones.csv', 'offices.csv', 'sites.csv'])
	for (const r of Papa.parse<Record<string, string>>(readFileSync(path.join(DATA_DIR, 'demo', f), 'utf8'), { header: true, skipEmptyLines: true }).data)
		points.push({ lon: Number(r.lon), lat: Number(r.lat) });
const region = regionAround(points, ADDRESS_BUFFER_KM);
console.log(`# directory: ${n(manifest.entrances)} entrances (synthetic, official format), zip ${MB(fileSource(zip).size)} MB, CSV ${MB(fileSource(csvFile).size)} MB`);
console.log(`# study region: ${ADDRESS_BUFFER_KM} km around ${region.points} points of the Lucerne default (${n(regionAreaKm2(region))} km²); node ${process.version}`);

async function readCut(file: string, label: string) {
	global.gc?.();
	const rss0 = process.memoryUsage().rss;
	const t = await timed(() => readAddressDirectory(fileSource(file), { region }));
	const d = t.v;
	const m = d.meta;
	console.log(
		`read+cut ${label.padEnd(4)} ${secs(t)}   ${n(m.rowsRead)} rows read, ${n(m.rowsKept)} entrances kept on ${n(d.streetLabel.length)} streets, ${n(m.rowsOutside)} outside, ${n(m.rowsBad)} unusable   ` +
			`(${n(Math.round(m.rowsRead / t.cpu))} rows per cpu-s; RSS +${MB(process.memoryUsage().rss - rss0)} MB, peak RSS ${MB(process.resourceUsage().maxRSS * 1024)} MB)`
	);
	return d;
}

await readCut(csvFile, 'CSV');
const d = await readCut(zip, 'zip');
const ti = await timed(() => new AddressIndex(d));
const idx = ti.v;
console.log(`index                ${secs(ti)}`);
const bytes = d.entLon.byteLength * 3 + d.entNumber.byteLength + d.entFlags.byteLength + d.streetFirst.byteLength + d.streetPlz.byteLength * 2 + d.streetLocality.byteLength;
console.log(`cut directory        ${MB(bytes)} MB of typed columns + ${n(d.streetLabel.length)} street labels, ${n(d.numbers.length)} distinct house numbers`);

const refs = { ...loadGeoRefs(), addresses: idx };
const input = { fileName: 'customers_addresses.csv', bytes: new Uint8Array(readFileSync(queries)) };
for (const [label, r] of [
	['without directory (postcode only)', { ...refs, addresses: undefined }],
	['with directory', refs]
] as const) {
	const t = await timed(() => importFile('customers', input, { refs: r }));
	const res = t.v;
	const q = res.result!.stats.quality;
	console.log(`import ${n(manifest.queries)} customers ${label.padEnd(34)} ${secs(t)}   quality ${JSON.stringify(q)}   ${res.result!.stats.warnings} warnings, ${res.result!.stats.errors} errors`);
}
// The matcher alone (what the importer adds per row).
const rows = Papa.parse<string[]>(readFileSync(queries, 'utf8'), { skipEmptyLines: true }).data.slice(1);
const counts: Record<string, number> = {};
const tm = await timed(() => {
	for (const r of rows) {
		const g = geocodeAddress(refs, { address: r[3], locality: r[4], plz: Number(r[4].slice(0, 4)) });
		counts[g.quality] = (counts[g.quality] ?? 0) + 1;
	}
});
console.log(`matcher alone        ${secs(tm)} for ${n(rows.length)} addresses (${((tm.cpu * 1e6) / rows.length).toFixed(1)} cpu-µs each)   ${JSON.stringify(counts)}`);
console.log(`# query mix: ${JSON.stringify(manifest.kinds)}`);
