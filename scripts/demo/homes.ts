/**
 * How well the synthetic homes sit on the PT network: straight-line distance from each staff home to the
 * nearest stop the approximate Lucerne timetable serves (1 031 of the 4 959 DIDOK stops of the region), and to
 * the nearest DIDOK stop at all. Used by the demo tests and by
 *   npx tsx scripts/demo/homes.ts [data/demo]
 * which prints the figures quoted in data/SOURCES.md.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_WALK, walkSec } from '../../src/lib/reach/walk.ts';
import { haversineM } from '../../src/lib/reach/road/geo.ts';
import { servedStops } from '../network/walk-share.ts';
import { readCsv } from './csv.ts';

export type Points = Array<[number, number]>;

/** The served stops (stops with a stop time) of the shipped approximate Lucerne network, as walk-share.ts counts them. */
export function lucerneServedStops(dataDir: string): Points {
	return servedStops(new Uint8Array(readFileSync(path.join(dataDir, 'networks/lucerne_approx_gtfs.zip')))).map((s) => [s.lon, s.lat]);
}

/** Every DIDOK stop of the region list. */
export function didokStops(dataDir: string): Points {
	return readCsv(path.join(dataDir, 'stops_didok_lu_region_2016.csv')).map((r) => [Number(r.lon), Number(r.lat)]);
}

/** Straight-line metres from each point to the nearest of `stops` (grid of ~1 km buckets; exact). */
export function nearestM(points: Points, stops: Points): number[] {
	const cell = 0.01; // degrees, ~1.1 km north, ~0.75 km east
	const key = (i: number, j: number) => i * 100_000 + j;
	const buckets = new Map<number, number[]>();
	stops.forEach(([lon, lat], s) => {
		const k = key(Math.floor(lon / cell), Math.floor(lat / cell));
		const b = buckets.get(k);
		if (b) b.push(s);
		else buckets.set(k, [s]);
	});
	return points.map(([lon, lat]) => {
		const i0 = Math.floor(lon / cell), j0 = Math.floor(lat / cell);
		let best = Infinity;
		// Grow the ring until the ring's inner edge lies beyond the best distance found.
		for (let r = 0; r < 200; r++) {
			for (let i = i0 - r; i <= i0 + r; i++)
				for (let j = j0 - r; j <= j0 + r; j++) {
					if (Math.max(Math.abs(i - i0), Math.abs(j - j0)) !== r) continue;
					for (const s of buckets.get(key(i, j)) ?? []) best = Math.min(best, haversineM(lon, lat, stops[s][0], stops[s][1]));
				}
			// r full rings cover at least r × 0.01° of longitude (≥ 740 m at 48° N) around the point.
			if (best <= r * 740) break;
		}
		return best;
	});
}

export interface HomeStats {
	persons: number;
	/** Beyond the walk limit (1 200 m) / beyond 600 m from the nearest served stop. */
	over1200: number;
	over600: number;
	/** Beyond 1 200 m from every DIDOK stop. */
	over1200Didok: number;
	/** Mean and median straight-line metres to the nearest served stop, all persons. */
	meanM: number;
	medianM: number;
	/** Mean walk to the nearest served stop in minutes (× 1.3 at 4.5 km/h), persons within 1 200 m. */
	meanWalkMin: number;
}

export function homeStats(homes: Points, served: Points, didok: Points): HomeStats {
	const d = nearestM(homes, served);
	const dd = nearestM(homes, didok);
	const within = d.filter((x) => x <= DEFAULT_WALK.maxAccessM);
	const sorted = [...d].sort((a, b) => a - b);
	return {
		persons: homes.length,
		over1200: d.filter((x) => x > DEFAULT_WALK.maxAccessM).length,
		over600: d.filter((x) => x > 600).length,
		over1200Didok: dd.filter((x) => x > DEFAULT_WALK.maxAccessM).length,
		meanM: d.reduce((a, b) => a + b, 0) / d.length,
		medianM: sorted[Math.floor(sorted.length / 2)],
		meanWalkMin: within.reduce((a, x) => a + walkSec(x) / 60, 0) / within.length
	};
}

function main(args: string[]): void {
	const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
	const dataDir = path.join(root, 'data');
	const folder = path.resolve(args[0] ?? path.join(dataDir, 'demo'));
	const homes: Points = readCsv(path.join(folder, 'staff.csv')).map((r) => [Number(r.lon), Number(r.lat)]);
	const s = homeStats(homes, lucerneServedStops(dataDir), didokStops(dataDir));
	console.log(
		`${s.persons} staff: ${s.over1200} beyond 1 200 m and ${s.over600} beyond 600 m of a served stop, ${s.over1200Didok} beyond 1 200 m of any DIDOK stop; ` +
			`nearest served stop mean ${s.meanM.toFixed(0)} m, median ${s.medianM.toFixed(0)} m; mean walk (within 1 200 m) ${s.meanWalkMin.toFixed(1)} min`
	);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
