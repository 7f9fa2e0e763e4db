/**
 * Nearest-node snapping: a uniform lon/lat bucket grid over the nodes of the main component,
 * searched in growing rings around the query cell.
 */
import { M_PER_DEG } from './geo.ts';
import type { SnapGrid } from './types.ts';

/** Bucket the member nodes into cells of about `cellM` metres. */
export function buildSnapGrid(lon: Float64Array, lat: Float64Array, member: Uint8Array, cellM = 100): SnapGrid {
	let west = Infinity;
	let south = Infinity;
	let east = -Infinity;
	let north = -Infinity;
	let members = 0;
	for (let u = 0; u < lon.length; u++) {
		if (!member[u]) continue;
		members++;
		if (lon[u] < west) west = lon[u];
		if (lon[u] > east) east = lon[u];
		if (lat[u] < south) south = lat[u];
		if (lat[u] > north) north = lat[u];
	}
	if (!(west <= east)) return { west: 0, south: 0, dx: 1, dy: 1, width: 1, height: 1, cellStart: new Int32Array(2), cellNodes: new Int32Array(0) };
	const cosLat = Math.max(0.01, Math.cos((((south + north) / 2) * Math.PI) / 180));
	// Keep the cell table below ~4 million cells for country-sized graphs, and cells no smaller than about
	// one node each: in a sparse graph (a few hundred nodes over a canton) a query walked thousands of empty cells.
	const areaM2 = (east - west) * cosLat * M_PER_DEG * (north - south) * M_PER_DEG;
	cellM = Math.max(cellM, Math.sqrt(areaM2 / 4e6), Math.sqrt(areaM2 / members));
	const dy = cellM / M_PER_DEG;
	const dx = cellM / (M_PER_DEG * cosLat);
	const width = Math.floor((east - west) / dx) + 1;
	const height = Math.floor((north - south) / dy) + 1;
	const cellOf = (u: number) => Math.floor((lat[u] - south) / dy) * width + Math.floor((lon[u] - west) / dx);
	const cellStart = new Int32Array(width * height + 1);
	for (let u = 0; u < lon.length; u++) if (member[u]) cellStart[cellOf(u) + 1]++;
	for (let c = 0; c < width * height; c++) cellStart[c + 1] += cellStart[c];
	const fill = cellStart.slice(0, width * height);
	const cellNodes = new Int32Array(cellStart[width * height]);
	for (let u = 0; u < lon.length; u++) if (member[u]) cellNodes[fill[cellOf(u)]++] = u;
	return { west, south, dx, dy, width, height, cellStart, cellNodes };
}

/** Local planar distance in metres (equirectangular, fine below a few km). */
function planarM(lon0: number, lat0: number, cosLat: number, lon: number, lat: number): number {
	const x = (lon - lon0) * cosLat;
	const y = lat - lat0;
	return Math.sqrt(x * x + y * y) * M_PER_DEG;
}

/** Nearest indexed node to (lon, lat) and its distance in metres; node -1 when the grid is empty. */
export function nearestNode(g: SnapGrid, lon: Float64Array, lat: Float64Array, qLon: number, qLat: number): { node: number; distM: number } {
	const cosLat = Math.cos((qLat * Math.PI) / 180);
	let best = -1;
	let bestD = Infinity;
	const consider = (u: number) => {
		const d = planarM(qLon, qLat, cosLat, lon[u], lat[u]);
		if (d < bestD) {
			bestD = d;
			best = u;
		}
	};
	const ci = Math.floor((qLon - g.west) / g.dx);
	const cj = Math.floor((qLat - g.south) / g.dy);
	const outside = Math.max(-ci, ci - g.width + 1, -cj, cj - g.height + 1, 0);
	if (outside > 4) {
		// Far outside the network: a plain scan is simpler than walking empty rings.
		for (const u of g.cellNodes) consider(u);
		return { node: best, distM: bestD };
	}
	const cellM = Math.min(g.dx * cosLat, g.dy) * M_PER_DEG;
	const maxR = Math.max(g.width, g.height) + outside;
	for (let r = 0; r <= maxR; r++) {
		// Cells at ring r are at least (r - 1) cells away from the query point.
		if (best >= 0 && (r - 1) * cellM > bestD) break;
		for (let j = cj - r; j <= cj + r; j++) {
			if (j < 0 || j >= g.height) continue;
			const edgeRow = j === cj - r || j === cj + r;
			for (let i = ci - r; i <= ci + r; i += edgeRow ? 1 : 2 * r) {
				if (i >= 0 && i < g.width) {
					const c = j * g.width + i;
					for (let k = g.cellStart[c]; k < g.cellStart[c + 1]; k++) consider(g.cellNodes[k]);
				}
				if (r === 0) break;
			}
		}
	}
	return { node: best, distM: bestD };
}
