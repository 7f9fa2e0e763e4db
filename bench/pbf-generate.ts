/**
 * A national-size OSM PBF for the reader benchmarks (output in /tmp, never committed):
 * data/networks/monaco.osm.pbf (180 118 nodes, 27 377 ways, 212 relations, metadata) replicated
 * `copies` times on a grid, each copy with new ids (+ k × 2^33) and shifted coordinates, written with
 * bench/pbf-writer.ts (DenseNodes, zlib blobs of 8000 entities, like osmium): all nodes, then all
 * ways, then all relations, ids ascending, so the file is sorted like a Geofabrik extract.
 *
 * 256 copies ≈ 453 MB, 46 M nodes, 7.0 M ways: Switzerland-like (switzerland-latest.osm.pbf is
 * ~480 MB). The grid is 16 × 16 copies 0.16° × 0.08° apart (≈ 200 × 140 km from 7.35° E, 43.71° N);
 * the copies do not share nodes, so each is its own road network.
 *
 *   npx tsx bench/pbf-generate.ts [copies=256] [out=/tmp/standortwahl-pbf/national-<copies>.osm.pbf]
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { decodeOsm, PbfWriter, type Copy } from './pbf-writer.ts';

export const GRID_COLS = 16;
export const STEP_LON = 0.16;
export const STEP_LAT = 0.08;
export const ID_STEP = 2 ** 33;

/** Offsets of copy k (copy 0 is the original). */
export function copyAt(k: number): Copy {
	return { idOffset: k * ID_STEP, dLon7: Math.round((k % GRID_COLS) * STEP_LON * 1e7), dLat7: Math.round(Math.floor(k / GRID_COLS) * STEP_LAT * 1e7) };
}

/** Write the replicated file; returns its size in bytes. */
export function generate(copies: number, out: string, source = 'data/networks/monaco.osm.pbf'): number {
	const data = decodeOsm(new Uint8Array(readFileSync(source)));
	mkdirSync(path.dirname(out), { recursive: true });
	const fd = openSync(out, 'w');
	try {
		const w = new PbfWriter((b) => void writeSync(fd, b));
		const last = copyAt(copies - 1);
		const [bw, bs, be, bn] = data.bbox ?? [7.349, 43.71, 7.491, 43.77];
		w.header({ bbox: [bw, bs, be + last.dLon7 / 1e7, bn + last.dLat7 / 1e7], replicationTimestamp: data.replicationTimestamp });
		const list = Array.from({ length: copies }, (_, k) => copyAt(k));
		for (const c of list) w.nodes(data.nodes, c);
		for (const c of list) w.ways(data.ways, c);
		for (const c of list) w.relations(data.relations, c);
	} finally {
		closeSync(fd);
	}
	return statSync(out).size;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const copies = Number(process.argv[2] ?? 256);
	const out = process.argv[3] ?? `/tmp/standortwahl-pbf/national-${copies}.osm.pbf`;
	if (existsSync(out)) console.log(`exists: ${out} (${(statSync(out).size / 1e6).toFixed(0)} MB); delete it to regenerate`);
	else {
		const t0 = performance.now();
		const size = generate(copies, out);
		console.log(`wrote ${out}: ${copies} copies of Monaco, ${(size / 1e6).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
	}
}
