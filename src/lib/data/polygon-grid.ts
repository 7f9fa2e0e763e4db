/**
 * Point-in-polygon for many points against fixed polygons (municipalities, the national outline): a
 * grid over their extent. A cell that no polygon boundary touches has one answer for all its points
 * (inside polygon k, or outside all), found once per connected patch of such cells; in a cell that a
 * boundary touches, the polygons whose bounding box touches the cell are tested exactly, in their
 * order. So `find` answers exactly what testing every polygon in order would (the first polygon that
 * contains the point, boundary included), with one array lookup for most points.
 *
 * The exact test is turf's (point-in-polygon-hao: crossings of a horizontal ray, the boundary counted
 * inside), run on only the segments of the point's grid row: a segment wholly above or below the point
 * adds nothing to that count, so skipping it changes no answer. Its orientation test is the float
 * estimate with robust-predicates' error bound; in the rare case the bound cannot decide the sign, turf
 * itself answers.
 */
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

type Poly = Feature<Polygon | MultiPolygon>;

const EDGE = -2;
const UNSET = -3;
/** Segments are widened by this (degrees) when cells are marked, so a boundary on a cell border marks both cells. */
const EPS = 1e-9;
/** robust-predicates' orient2d: a float determinant at least this share of its terms' sum has the exact sign. */
const CCW_ERRBOUND = (3 + 16 * 1.1102230246251565e-16) * 1.1102230246251565e-16;
const UNDECIDED = 2;

function bboxOf(g: Polygon | MultiPolygon): [number, number, number, number] {
	const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
	const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
	for (const ring of rings)
		for (const [x, y] of ring) {
			if (x < b[0]) b[0] = x;
			if (y < b[1]) b[1] = y;
			if (x > b[2]) b[2] = x;
			if (y > b[3]) b[3] = y;
		}
	return b;
}

export class PolygonGrid {
	private readonly x0: number;
	private readonly y0: number;
	private readonly nx: number;
	private readonly ny: number;
	/** Per cell: polygon index, -1 (outside all) or EDGE. */
	private readonly cells: Int32Array;
	/** Edge cells: candidate polygons (CSR by `edgeSlot`). */
	private readonly edgeSlot: Int32Array;
	private readonly candStart: Int32Array;
	private readonly cand: Int32Array;
	private readonly boxes: [number, number, number, number][];
	/** Per polygon: its first grid row, and where its rows' segment lists start in `rowStart`. */
	private readonly rowLo: Int32Array;
	private readonly rowBase: Int32Array;
	/** Per (polygon, row): the range of its segments in `seg`/`segPart` (CSR). */
	private readonly rowStart: Int32Array;
	/** Segments x1, y1, x2, y2, in ring order, each under every row its y range touches. */
	private readonly seg: Float64Array;
	/** The part (polygon of a multipolygon) of each segment. */
	private readonly segPart: Int32Array;

	constructor(
		private readonly polys: readonly Poly[],
		readonly cellDeg: number
	) {
		this.boxes = polys.map((p) => bboxOf(p.geometry));
		const all = this.boxes.reduce((a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])], [Infinity, Infinity, -Infinity, -Infinity]);
		const empty = !polys.length;
		this.x0 = empty ? 0 : all[0];
		this.y0 = empty ? 0 : all[1];
		this.nx = empty ? 0 : Math.floor((all[2] - all[0]) / cellDeg) + 1;
		this.ny = empty ? 0 : Math.floor((all[3] - all[1]) / cellDeg) + 1;
		const cells = (this.cells = new Int32Array(this.nx * this.ny).fill(UNSET));
		// 1. Cells a boundary touches.
		for (const p of polys) {
			const g = p.geometry;
			for (const ring of g.type === 'Polygon' ? g.coordinates : g.coordinates.flat())
				for (let k = 1; k < ring.length; k++) {
					const [ax, ay] = ring[k - 1];
					const [bx, by] = ring[k];
					this.forCells(Math.min(ax, bx) - EPS, Math.min(ay, by) - EPS, Math.max(ax, bx) + EPS, Math.max(ay, by) + EPS, (c) => (cells[c] = EDGE));
				}
		}
		// 2. Their candidates: every polygon whose box touches the cell, in order (counted, then filled).
		const slot = (this.edgeSlot = new Int32Array(cells.length).fill(-1));
		let edges = 0;
		for (let c = 0; c < cells.length; c++) if (cells[c] === EDGE) slot[c] = edges++;
		const count = new Int32Array(edges + 1);
		const boxCells = (k: number, f: (c: number) => void) => {
			const b = this.boxes[k];
			this.forCells(b[0] - EPS, b[1] - EPS, b[2] + EPS, b[3] + EPS, f);
		};
		for (let k = 0; k < polys.length; k++) boxCells(k, (c) => slot[c] >= 0 && count[slot[c] + 1]++);
		for (let e = 0; e < edges; e++) count[e + 1] += count[e];
		this.candStart = count.slice();
		const cand = (this.cand = new Int32Array(count[edges]));
		const fill = count.slice(0, edges);
		for (let k = 0; k < polys.length; k++) boxCells(k, (c) => slot[c] >= 0 && (cand[fill[slot[c]]++] = k));
		// 3. Each polygon's segments by grid row, for the exact test (counted, then filled).
		const rowLo = (this.rowLo = new Int32Array(polys.length));
		const rowBase = (this.rowBase = new Int32Array(polys.length + 1));
		const parts = (g: Polygon | MultiPolygon) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
		const rowOf = (y: number) => Math.floor((y - this.y0) / cellDeg);
		for (let k = 0; k < polys.length; k++) {
			rowLo[k] = rowOf(this.boxes[k][1]);
			rowBase[k + 1] = rowBase[k] + rowOf(this.boxes[k][3]) - rowLo[k] + 1;
		}
		const rowCount = new Int32Array(rowBase[polys.length] + 1);
		const eachSegment = (f: (k: number, part: number, r0: number, r1: number, a: number[], b: number[]) => void) => {
			for (let k = 0; k < polys.length; k++)
				parts(polys[k].geometry).forEach((rings, part) => {
					for (const ring of rings)
						for (let v = 1; v < ring.length; v++) {
							const a = ring[v - 1];
							const b = ring[v];
							f(k, part, rowBase[k] + rowOf(Math.min(a[1], b[1])) - rowLo[k], rowBase[k] + rowOf(Math.max(a[1], b[1])) - rowLo[k], a, b);
						}
				});
		};
		eachSegment((_k, _p, r0, r1) => {
			for (let r = r0; r <= r1; r++) rowCount[r + 1]++;
		});
		for (let r = 0; r + 1 < rowCount.length; r++) rowCount[r + 1] += rowCount[r];
		this.rowStart = rowCount.slice();
		const at = rowCount.slice(0, -1);
		const seg = (this.seg = new Float64Array(4 * rowCount[rowCount.length - 1]));
		const segPart = (this.segPart = new Int32Array(rowCount[rowCount.length - 1]));
		eachSegment((_k, part, r0, r1, a, b) => {
			for (let r = r0; r <= r1; r++) {
				const x = at[r]++;
				seg[4 * x] = a[0];
				seg[4 * x + 1] = a[1];
				seg[4 * x + 2] = b[0];
				seg[4 * x + 3] = b[1];
				segPart[x] = part;
			}
		});
		// 4. Untouched cells: one exact test per connected patch, spread by flood fill.
		const stack: number[] = [];
		for (let c0 = 0; c0 < cells.length; c0++) {
			if (cells[c0] !== UNSET) continue;
			const cx = this.x0 + ((c0 % this.nx) + 0.5) * cellDeg;
			const cy = this.y0 + (Math.floor(c0 / this.nx) + 0.5) * cellDeg;
			const v = this.exact(cx, cy);
			cells[c0] = v;
			stack.push(c0);
			while (stack.length) {
				const c = stack.pop()!;
				const x = c % this.nx;
				for (const n of [x > 0 ? c - 1 : -1, x < this.nx - 1 ? c + 1 : -1, c - this.nx, c + this.nx])
					if (n >= 0 && n < cells.length && cells[n] === UNSET) {
						cells[n] = v;
						stack.push(n);
					}
			}
		}
	}

	/** Call f for every cell the box [x0,x1]×[y0,y1] touches. */
	private forCells(xa: number, ya: number, xb: number, yb: number, f: (c: number) => void): void {
		const i0 = Math.max(0, Math.floor((xa - this.x0) / this.cellDeg));
		const i1 = Math.min(this.nx - 1, Math.floor((xb - this.x0) / this.cellDeg));
		const j0 = Math.max(0, Math.floor((ya - this.y0) / this.cellDeg));
		const j1 = Math.min(this.ny - 1, Math.floor((yb - this.y0) / this.cellDeg));
		for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) f(j * this.nx + i);
	}

	/** First polygon (in order) containing the point, among cand[from, to) or (without `from`) all of them; -1 for none. */
	private exact(lon: number, lat: number, from = -1, to = 0): number {
		const all = from < 0;
		const n = all ? this.polys.length : to - from;
		for (let m = 0; m < n; m++) {
			const k = all ? m : this.cand[from + m];
			const b = this.boxes[k];
			if (lon < b[0] || lon > b[2] || lat < b[1] || lat > b[3]) continue;
			const inside = this.inPolygon(lon, lat, k);
			if (inside === UNDECIDED ? booleanPointInPolygon([lon, lat], this.polys[k]) : inside === 1) return k;
		}
		return -1;
	}

	/**
	 * Polygon k contains the point (1; boundary included) or not (0), from the segments of the point's row:
	 * point-in-polygon-hao's count per part; UNDECIDED where the orientation needs exact arithmetic.
	 */
	private inPolygon(lon: number, lat: number, k: number): number {
		const r = Math.floor((lat - this.y0) / this.cellDeg) - this.rowLo[k];
		if (r < 0 || this.rowBase[k] + r >= this.rowBase[k + 1]) return 0;
		const seg = this.seg;
		const from = this.rowStart[this.rowBase[k] + r];
		const to = this.rowStart[this.rowBase[k] + r + 1];
		let part = -1;
		let crossings = 0;
		for (let s = from; s < to; s++) {
			if (this.segPart[s] !== part) {
				if (crossings & 1) return 1;
				crossings = 0;
				part = this.segPart[s];
			}
			const u1 = seg[4 * s] - lon;
			const v1 = seg[4 * s + 1] - lat;
			const u2 = seg[4 * s + 2] - lon;
			const v2 = seg[4 * s + 3] - lat;
			if (v1 === 0 && v2 === 0) {
				if ((u2 <= 0 && u1 >= 0) || (u1 <= 0 && u2 >= 0)) return 1;
			} else if ((v2 >= 0 && v1 <= 0) || (v2 <= 0 && v1 >= 0)) {
				// orient2d(u1, u2, v1, v2, 0, 0), as point-in-polygon-hao calls it
				const left = u2 * v1;
				const right = u1 * v2;
				const det = left - right;
				if (Math.abs(det) < CCW_ERRBOUND * Math.abs(left + right)) return UNDECIDED;
				if (det === 0) return 1;
				if ((det > 0 && v2 > 0 && v1 <= 0) || (det < 0 && v2 <= 0 && v1 > 0)) crossings++;
			}
		}
		return crossings & 1;
	}

	/**
	 * Index of the polygon whose boundary is nearest to lon/lat, if within `maxM` metres (local
	 * equirectangular metres; the first polygon on a tie), else -1. For points just outside every polygon:
	 * only the segments of the grid rows within reach are measured.
	 */
	nearest(lon: number, lat: number, maxM: number): number {
		const kx = 111_320 * Math.cos((lat * Math.PI) / 180);
		const ky = 110_574;
		const dx = maxM / kx;
		const dy = maxM / ky;
		const near = this.boundariesWithin(lon, lat, dx, dy, maxM);
		const seg = this.seg;
		let best = maxM;
		let at = -1;
		for (const k of near) {
			const b = this.boxes[k];
			if (lon < b[0] - dx || lon > b[2] + dx || lat < b[1] - dy || lat > b[3] + dy) continue;
			const r0 = Math.max(0, Math.floor((lat - dy - this.y0) / this.cellDeg) - this.rowLo[k]);
			const r1 = Math.min(this.rowBase[k + 1] - this.rowBase[k] - 1, Math.floor((lat + dy - this.y0) / this.cellDeg) - this.rowLo[k]);
			for (let r = r0; r <= r1; r++)
				for (let s = this.rowStart[this.rowBase[k] + r]; s < this.rowStart[this.rowBase[k] + r + 1]; s++) {
					const x1 = seg[4 * s];
					const x2 = seg[4 * s + 2];
					if ((x1 < lon - dx && x2 < lon - dx) || (x1 > lon + dx && x2 > lon + dx)) continue; // out of reach east or west
					// Segment a–b relative to the point, in metres; the nearest point on it.
					const ax = (x1 - lon) * kx;
					const ay = (seg[4 * s + 1] - lat) * ky;
					const ex = (x2 - lon) * kx - ax;
					const ey = (seg[4 * s + 3] - lat) * ky - ay;
					const len2 = ex * ex + ey * ey;
					const t = len2 > 0 ? Math.min(1, Math.max(0, -(ax * ex + ay * ey) / len2)) : 0;
					const d = Math.hypot(ax + t * ex, ay + t * ey);
					if (d < best) {
						best = d;
						at = k;
					}
				}
		}
		return at;
	}

	/** Per cell, for one reach (maxM): the polygons whose boundary touches a cell within reach of any point in it. */
	private reach: { maxM: number; cells: (Int32Array | undefined)[] } | null = null;
	private static readonly NONE = new Int32Array(0);

	/**
	 * The polygons whose boundary may be within reach of lon/lat: the candidates of every cell a boundary
	 * touches within reach of the point's cell (every segment marks the cells it crosses), in polygon order.
	 * Kept per cell: a lake's many points cost one look around each cell.
	 */
	private boundariesWithin(lon: number, lat: number, dx: number, dy: number, maxM: number): Int32Array {
		const i = Math.floor((lon - this.x0) / this.cellDeg);
		const j = Math.floor((lat - this.y0) / this.cellDeg);
		const ri = Math.ceil(dx / this.cellDeg) + 1; // one more for the latitude's change across the cell
		const rj = Math.ceil(dy / this.cellDeg) + 1;
		if (!(i >= -ri && i < this.nx + ri && j >= -rj && j < this.ny + rj)) return PolygonGrid.NONE;
		const inside = i >= 0 && i < this.nx && j >= 0 && j < this.ny;
		const c = j * this.nx + i;
		if (this.reach?.maxM !== maxM) this.reach = { maxM, cells: new Array(this.cells.length) };
		const known = inside ? this.reach.cells[c] : undefined;
		if (known) return known;
		const found = new Set<number>();
		for (let y = Math.max(0, j - rj); y <= Math.min(this.ny - 1, j + rj); y++)
			for (let x = Math.max(0, i - ri); x <= Math.min(this.nx - 1, i + ri); x++) {
				const e = this.edgeSlot[y * this.nx + x];
				if (e >= 0) for (let m = this.candStart[e]; m < this.candStart[e + 1]; m++) found.add(this.cand[m]);
			}
		const list = found.size ? Int32Array.from([...found].sort((a, b) => a - b)) : PolygonGrid.NONE;
		if (inside) this.reach.cells[c] = list;
		return list;
	}

	/** Index of the first polygon that contains lon/lat (boundary included), or -1. */
	find(lon: number, lat: number): number {
		const i = Math.floor((lon - this.x0) / this.cellDeg);
		const j = Math.floor((lat - this.y0) / this.cellDeg);
		if (!(i >= 0 && i < this.nx && j >= 0 && j < this.ny)) return -1; // also NaN
		const c = j * this.nx + i;
		const v = this.cells[c];
		if (v !== EDGE) return v;
		const e = this.edgeSlot[c];
		return this.exact(lon, lat, this.candStart[e], this.candStart[e + 1]);
	}
}
