/**
 * RoadWays -> directed CSR road graph for cars. Every node of a kept way becomes a graph node and every
 * consecutive node pair an edge (per allowed direction); ways meet where they share a node.
 */
import { toCsr } from './csr.ts';
import { largestScc } from './components.ts';
import { haversineM } from './geo.ts';
import { carDirection, carSpeedMs, isAccessDenied, isCarHighway, type CarProfileOptions } from './profile.ts';
import { buildSnapGrid } from './snap.ts';
import type { RoadGraph, RoadWay } from './types.ts';

export interface BuildOptions extends CarProfileOptions {
	/** Cell size of the snapping grid in metres. Default 100. */
	gridCellM?: number;
}

/** Whether the car profile keeps a way (class, access, service kind, areas). */
export function keepsWay(tags: Record<string, string>, opts: CarProfileOptions = {}): boolean {
	if (!isCarHighway(tags.highway, opts.includeService ?? true)) return false;
	if (tags.area === 'yes') return false;
	if (tags.highway === 'service' && tags.service === 'emergency_access') return false;
	return !isAccessDenied(tags);
}

/** Growable typed edge list. */
class EdgeList {
	src = new Int32Array(1024);
	dst = new Int32Array(1024);
	time = new Float32Array(1024);
	len = new Float32Array(1024);
	n = 0;
	add(a: number, b: number, t: number, l: number): void {
		if (this.n === this.src.length) {
			const grow = <T extends Int32Array | Float32Array>(x: T): T => {
				const y = new (x.constructor as new (n: number) => T)(x.length * 2);
				y.set(x);
				return y;
			};
			this.src = grow(this.src);
			this.dst = grow(this.dst);
			this.time = grow(this.time);
			this.len = grow(this.len);
		}
		this.src[this.n] = a;
		this.dst[this.n] = b;
		this.time[this.n] = t;
		this.len[this.n] = l;
		this.n++;
	}
}

/**
 * Build the car road graph from ways (from `parseOsmPbf` or `roadWaysFromGeoJSON`).
 * Edge weight = segment length / (speed × peak factor), in seconds, stored as float32.
 */
export function buildRoadGraph(ways: RoadWay[], opts: BuildOptions = {}): RoadGraph {
	const idIndex = new Map<number, number>();
	const coordIndex = new Map<string, number>();
	const lonList: number[] = [];
	const latList: number[] = [];
	const osmList: number[] = [];
	const nodeOf = (way: RoadWay, k: number): number => {
		const lon = way.coords[2 * k];
		const lat = way.coords[2 * k + 1];
		const osm = way.nodeIds ? way.nodeIds[k] : NaN;
		let idx: number | undefined;
		if (way.nodeIds) idx = idIndex.get(osm);
		else idx = coordIndex.get(`${Math.round(lon * 1e7)},${Math.round(lat * 1e7)}`);
		if (idx !== undefined) return idx;
		idx = lonList.length;
		lonList.push(lon);
		latList.push(lat);
		osmList.push(osm);
		if (way.nodeIds) idIndex.set(osm, idx);
		else coordIndex.set(`${Math.round(lon * 1e7)},${Math.round(lat * 1e7)}`, idx);
		return idx;
	};

	const edges = new EdgeList();
	for (const way of ways) {
		if (!keepsWay(way.tags, opts)) continue;
		const dir = carDirection(way.tags);
		if (dir === null) continue;
		const speed = carSpeedMs(way.tags, opts);
		const count = way.coords.length / 2;
		let prev = nodeOf(way, 0);
		for (let k = 1; k < count; k++) {
			const cur = nodeOf(way, k);
			if (cur === prev) continue;
			const len = haversineM(lonList[prev], latList[prev], lonList[cur], latList[cur]);
			const t = len / speed;
			if (dir !== -1) edges.add(prev, cur, t, len);
			if (dir !== 1) edges.add(cur, prev, t, len);
			prev = cur;
		}
	}

	const n = lonList.length;
	const m = edges.n;
	const src = edges.src.subarray(0, m);
	const dst = edges.dst.subarray(0, m);
	const fwd = toCsr(n, src, dst, [edges.time.subarray(0, m), edges.len.subarray(0, m)]);
	const rev = toCsr(n, dst, src, [edges.time.subarray(0, m)]);
	const lon = Float64Array.from(lonList);
	const lat = Float64Array.from(latList);
	const scc = largestScc(n, fwd.offsets, fwd.others, rev.offsets, rev.others);
	return {
		nodeCount: n,
		edgeCount: m,
		lon,
		lat,
		osmId: Float64Array.from(osmList),
		fwdOffsets: fwd.offsets,
		fwdTargets: fwd.others,
		fwdWeights: fwd.values[0],
		fwdLengths: fwd.values[1],
		revOffsets: rev.offsets,
		revSources: rev.others,
		revWeights: rev.values[0],
		inMainComponent: scc.member,
		mainComponentSize: scc.size,
		grid: buildSnapGrid(lon, lat, scc.member, opts.gridCellM ?? 100)
	};
}
