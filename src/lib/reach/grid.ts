/**
 * A regular lon/lat grid over a bounding box, used for isochrones and the best-location surface.
 * Cell size is given in metres and converted at the box's mid-latitude, so cells are roughly square.
 */
export interface Grid {
	west: number;
	south: number;
	/** Degrees per cell in x (lon) and y (lat). */
	dx: number;
	dy: number;
	width: number;
	height: number;
}

const M_PER_DEG_LAT = 111_320;

/** Build a grid covering [west, south, east, north] with cells of about `cellM` metres. */
export function makeGrid(bbox: [number, number, number, number], cellM: number): Grid {
	const [west, south, east, north] = bbox;
	const midLat = ((south + north) / 2) * (Math.PI / 180);
	const dy = cellM / M_PER_DEG_LAT;
	const dx = cellM / (M_PER_DEG_LAT * Math.cos(midLat));
	return { west, south, dx, dy, width: Math.max(2, Math.ceil((east - west) / dx) + 1), height: Math.max(2, Math.ceil((north - south) / dy) + 1) };
}

/** Centre coordinates of cell (i, j); i along lon, j along lat (j = 0 is the south row). */
export function cellCentre(g: Grid, i: number, j: number): [number, number] {
	return [g.west + i * g.dx, g.south + j * g.dy];
}

/** All grid points as [lon, lat] in row-major order (index = j * width + i). */
export function gridPoints(g: Grid): Array<[number, number]> {
	const out: Array<[number, number]> = [];
	for (let j = 0; j < g.height; j++) for (let i = 0; i < g.width; i++) out.push(cellCentre(g, i, j));
	return out;
}
