/**
 * The national cut in Node, measured (printed, never asserted): stream the national-size feed
 * (bench/gtfs-national.ts) from disk, cut it to a 25 km region around points of the real (Zug) part,
 * write the network file; print wall time per stage, peak RSS and the counts. Then the proof at
 * national size: the cut timetable gives exactly the travel times of the Zug feed alone (PtMatrix
 * zones → sites). Targets (issue 10): ≤ 120 s, ≤ 2 GB peak RSS.
 *
 * Usage: npx tsx bench/gtfs-cut.ts [zip=/tmp/gtfs-national.zip] [date=2021-06-15] [bufferKm=25 | none]
 * (`none`: no region, the whole feed is kept: the memory of a region as large as the country)
 * For an outside view of the peak: /usr/bin/time -v npx tsx bench/gtfs-cut.ts …
 */
import { statSync, writeFileSync } from 'node:fs';
import { PtMatrix, readGtfs, timetableProvenance, timetableToNetFile, type GtfsStage } from '../src/lib/reach/gtfs/index.ts';
import { regionAround, regionAreaKm2 } from '../src/lib/reach/region.ts';
import { fileSource } from '../src/lib/util/node-bytes.ts';
import { zugPoints } from './gtfs-points.ts';

const zipPath = process.argv[2] ?? '/tmp/gtfs-national.zip';
const date = process.argv[3] ?? '2021-06-15';
const whole = process.argv[4] === 'none';
const bufferKm = whole ? 25 : Number(process.argv[4] ?? 25);
const MB = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;

const { zug: zugTt, zones, sites } = zugPoints(date);
const region = regionAround([...zones, ...sites], bufferKm);
const rssBefore = process.memoryUsage().rss;

const src = fileSource(zipPath);
console.log(`# ${zipPath}: ${MB(src.size)} zip; ${whole ? 'no region (whole feed kept)' : `region ${bufferKm} km around ${region.points} points (${regionAreaKm2(region)} km²)`}; day ${date}`);
const stageStart = new Map<GtfsStage, number>();
let peakHeap = 0, peakAb = 0;
const t0 = performance.now();
const r = await readGtfs(src, {
	date,
	region: whole ? null : region,
	onProgress(stage) {
		if (!stageStart.has(stage)) stageStart.set(stage, performance.now());
		const m = process.memoryUsage();
		peakHeap = Math.max(peakHeap, m.heapUsed);
		peakAb = Math.max(peakAb, m.arrayBuffers);
	}
});
const t1 = performance.now();
const rssCut = process.resourceUsage().maxRSS * 1024;
src.close();
const stages = [...stageStart.entries()];
console.log(`cut: ${((t1 - t0) / 1000).toFixed(1)} s wall`);
console.log(
	'  stages: ' +
		stages.map(([s, t], i) => `${s} ${(((i + 1 < stages.length ? stages[i + 1][1] : t1) - t) / 1000).toFixed(1)} s`).join(', ')
);
const c = r.counts;
console.log(`  trips ${c.trips.toLocaleString('en')} → active ${c.tripsActive.toLocaleString('en')} → kept ${c.tripsKept.toLocaleString('en')}`);
console.log(`  stop_times ${c.stopTimes.toLocaleString('en')} → active ${c.stopTimesActive.toLocaleString('en')} → kept ${c.stopTimesKept.toLocaleString('en')} (${c.stopTimesPasses} pass${c.stopTimesPasses > 1 ? 'es' : ''})`);
console.log(`  stops ${c.stops.toLocaleString('en')} → kept ${c.stopsKept.toLocaleString('en')}; connections ${c.connections.toLocaleString('en')}; warnings ${r.warnings.map((w) => `${w.code} ${w.count}`).join(', ')}`);
const t2 = performance.now();
const { bytes } = await timetableToNetFile(r.timetable, timetableProvenance(r, { name: zipPath.split('/').pop()!, bytes: statSync(zipPath).size, createdBy: 'bench/gtfs-cut.ts' }, whole ? null : region));
writeFileSync('/tmp/gtfs-national-cut.swnet', bytes);
console.log(`network file: ${MB(bytes.length)} in ${((performance.now() - t2) / 1000).toFixed(1)} s (/tmp/gtfs-national-cut.swnet)`);
const ru = process.resourceUsage();
console.log(`peak RSS ${MB(rssCut)} by the end of the cut, ${MB(ru.maxRSS * 1024)} after writing the network file (process, incl. ${MB(rssBefore)} before the cut); peak JS heap ${MB(peakHeap)}, peak ArrayBuffers ${MB(peakAb)} (sampled per progress step); CPU user ${(ru.userCPUTime / 1e6).toFixed(0)} s, system ${(ru.systemCPUTime / 1e6).toFixed(0)} s`);
console.log(`targets: ≤ 120 s → ${(t1 - t0) / 1000 <= 120 ? 'met' : 'MISSED'}; ≤ 2 GB peak RSS → ${rssCut <= 2 * 2 ** 30 ? 'met' : 'MISSED'}`);

// The proof at national size: identical travel times to the Zug feed alone.
let same = 0, total = 0;
const mCut = new PtMatrix(r.timetable, zones), mZug = new PtMatrix(zugTt, zones);
for (const site of sites) {
	const a = mCut.toTarget(site), b = mZug.toTarget(site);
	for (let i = 0; i < a.length; i++) {
		total++;
		if (a[i].p50 === b[i].p50 && a[i].p80 === b[i].p80 && a[i].changes === b[i].changes) same++;
	}
}
console.log(`travel times zones → sites equal to the Zug feed alone: ${same} / ${total} pairs${same === total ? '' : '  <-- DIFFERENT'}`);
