/**
 * The cut proof: the real Zug feed plus far-away copies of it (every id prefixed, coordinates shifted
 * hundreds of km, rows of all files interleaved, stop_times shuffled or grouped by trip), read with a
 * study region around points of the real feed, gives exactly the travel times of the real feed alone:
 * PtMatrix p50/p80/changes for every zone → site, and the latest departure from every kept stop for
 * every deadline of the window. bench/gtfs-national.ts builds the national-size version of this feed.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { copySpecs, mulberry32, rowRewriter, shuffle, SINGLE_FILES, type CopySpec } from '../../bench/gtfs-copies.ts';
import { zipInMemory } from '../../bench/zip-writer.ts';
import { readCsv } from '../../src/lib/reach/gtfs/csv.ts';
import { arriveByProfile, egressStops, parseGtfs, PtMatrix, readGtfs, unzipFeed, type Timetable } from '../../src/lib/reach/gtfs/index.ts';
import { regionAround } from '../../src/lib/reach/region.ts';
import { bytesSource } from '../../src/lib/util/bytes.ts';

const ZUG = 'data/networks/gtfs_ch_zug.zip';
const DATE = '2021-06-15';
const zugZip = new Uint8Array(readFileSync(ZUG));
const texts = unzipFeed(zugZip);

/** Every file of Zug + `n` copies, rows interleaved; stop_times as rows (one CSV line each) to order later. */
function combinedTexts(n: number): { files: Map<string, string>; stopTimes: { header: string; trips: string[][] } } {
	const specs: CopySpec[] = [{ prefix: '', dLon: 0, dLat: 0, shareServices: false }, ...copySpecs(n)];
	const files = new Map<string, string>();
	let stopTimes = { header: '', trips: [] as string[][] };
	for (const [name, text] of texts) {
		if (SINGLE_FILES.has(name)) {
			files.set(name, text);
			continue;
		}
		let header: string[] = [];
		const rows: string[][] = [];
		readCsv(text, name, (h) => (header = h.names), (f) => void rows.push(f.slice()));
		const rewrite = specs.map((s) => rowRewriter(name, header, s));
		if (name === 'stop_times.txt') {
			// per trip of each copy: its lines, in file order (the original and its copies interleaved)
			const trips: string[][] = [];
			for (let i = 0; i < rows.length; ) {
				let j = i;
				while (j < rows.length && rows[j][0] === rows[i][0]) j++;
				for (const r of rewrite) trips.push(rows.slice(i, j).map(r));
				i = j;
			}
			stopTimes = { header: header.join(','), trips };
			continue;
		}
		const lines: string[] = [header.join(',')];
		for (const row of rows) for (const r of rewrite) lines.push(r(row));
		files.set(name, lines.join(name === 'trips.txt' ? '\r\n' : '\n') + '\n');
	}
	return { files, stopTimes };
}

/**
 * The combined feed as a zip64 (bench/zip-writer.ts, native deflate); stop_times shuffled (rows of all
 * trips mixed, sequences out of order) or grouped by trip.
 */
function combinedZip(c: ReturnType<typeof combinedTexts>, order: 'shuffled' | 'grouped'): Promise<Uint8Array> {
	const lines = c.stopTimes.trips.flat();
	if (order === 'shuffled') shuffle(lines, mulberry32(42));
	return zipInMemory([...c.files, ['stop_times.txt', [c.stopTimes.header, ...lines].join('\n') + '\n']]);
}

const real = parseGtfs(zugZip, { date: DATE });
// Zones 150 m off every 8th stop in the Canton of Zug, sites at its main stations.
const zones = real.timetable.stopIds
	.map((id, s) => ({ id, lon: real.timetable.stopLon[s] + 0.002, lat: real.timetable.stopLat[s] }))
	.filter((p) => p.lon > 8.4 && p.lon < 8.66 && p.lat > 47.08 && p.lat < 47.25)
	.filter((_, i) => i % 8 === 0);
const sites = [
	{ id: 'Zug', lon: 8.5153, lat: 47.1738 },
	{ id: 'Baar', lon: 8.5268, lat: 47.1961 },
	{ id: 'Cham', lon: 8.463, lat: 47.1817 },
	{ id: 'Rotkreuz', lon: 8.431, lat: 47.142 },
	{ id: 'Unteraegeri', lon: 8.585, lat: 47.136 }
];
const region = regionAround([...zones, ...sites], 25);

function expectSameTravelTimes(cut: Timetable, ref: Timetable): void {
	// every kept stop is a stop of the real feed
	for (const id of cut.stopIds) expect(ref.stopIndex.has(id)).toBe(true);
	const mCut = new PtMatrix(cut, zones), mRef = new PtMatrix(ref, zones);
	for (const site of sites) {
		const a = mCut.toTarget(site), b = mRef.toTarget(site);
		expect(a).toEqual(b);
		expect(a.filter((r) => r.p50 !== null).length).toBeGreaterThan(0.9 * zones.length);
		// every deadline, every kept stop: the same latest departure and number of legs
		const pc = arriveByProfile(cut, egressStops(cut, site.lon, site.lat));
		const pr = arriveByProfile(ref, egressStops(ref, site.lon, site.lat));
		let diff = 0;
		for (let s = 0; s < cut.stopCount; s++) {
			const r = ref.stopIndex.get(cut.stopIds[s])!;
			for (let d = 0; d < pc.deadlines.length; d++) {
				if (pc.latest[d * cut.stopCount + s] !== pr.latest[d * ref.stopCount + r]) diff++;
				if (pc.legs[d * cut.stopCount + s] !== pr.legs[d * ref.stopCount + r]) diff++;
			}
		}
		expect(diff).toBe(0);
	}
}

describe('cut to the study region while reading (Zug + 3 far-away copies)', () => {
	it('has zones', () => expect(zones.length).toBeGreaterThan(20));

	const combined = combinedTexts(3);

	it('shuffled stop_times: two passes, exactly the travel times of Zug alone', async () => {
		const zip = await combinedZip(combined, 'shuffled');
		const r = await readGtfs(bytesSource(zip, 'combined.zip'), { date: DATE, region });
		expect(r.counts.trips).toBe(4 * real.counts.trips);
		expect(r.counts.tripsActive).toBe(4 * real.counts.tripsActive);
		expect(r.counts.tripsKept).toBe(real.counts.tripsActive);
		expect(r.counts.stopTimes).toBe(4 * real.counts.stopTimes);
		expect(r.counts.stopTimesKept).toBe(real.counts.stopTimesKept);
		expect(r.counts.stopTimesPasses).toBe(2);
		expect(r.counts.stopsKept).toBeLessThanOrEqual(real.counts.stops);
		expect(r.timetable.connCount).toBe(real.timetable.connCount);
		expectSameTravelTimes(r.timetable, real.timetable);
	}, 60_000);

	it('stop_times grouped by trip: one pass, the same result', async () => {
		const zip = await combinedZip(combined, 'grouped');
		const r = await readGtfs(bytesSource(zip), { date: DATE, region });
		expect(r.counts.stopTimesPasses).toBe(1);
		expect(r.counts.tripsKept).toBe(real.counts.tripsActive);
		expectSameTravelTimes(r.timetable, real.timetable);
		// without a region every copy is kept
		const all = parseGtfs(zip, { date: DATE });
		expect(all.counts.tripsKept).toBe(4 * real.counts.tripsActive);
		expect(all.timetable.connCount).toBe(4 * real.timetable.connCount);
	}, 60_000);
});
