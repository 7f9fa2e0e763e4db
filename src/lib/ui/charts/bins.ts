/**
 * Histogram binning for commute-time distributions (minutes). Pure: no Svelte, no DOM.
 * Values that are not finite (no connection) are left out; the last bin can be open ("≥ x").
 */
import { median } from 'd3-array';
import { MIN_GROUP } from '../../model/privacy.ts';

export interface Bin {
	/** Lower edge (inclusive), minutes. */
	x0: number;
	/** Upper edge (exclusive), minutes. */
	x1: number;
	count: number;
	/** count / number of finite values (0..1). */
	share: number;
	/** True for the last bin when it also holds every value ≥ x1 (capped axis). */
	open: boolean;
}

/** Finite values only (NaN, ±Infinity and null-ish entries dropped). */
export function finite(values: readonly number[]): number[] {
	return values.filter((v) => Number.isFinite(v));
}

/**
 * Upper axis edge shared by several series: the first multiple of `width` above the largest finite
 * value (so the largest value gets a bin), at most `cap`.
 */
export function binUpper(series: readonly (readonly number[])[], width = 5, cap = Infinity): number {
	let max = 0;
	for (const s of series) for (const v of s) if (Number.isFinite(v) && v > max) max = v;
	const upper = (Math.floor(max / width) + 1) * width;
	return Math.max(width, Math.min(upper, Math.ceil(cap / width) * width));
}

/**
 * Bins [0, w), [w, 2w) … up to `upper`. Values ≥ upper go into the last bin, which is then marked open;
 * negative values go into the first bin.
 */
export function binMinutes(values: readonly number[], width = 5, upper = binUpper([values], width)): Bin[] {
	const n = Math.max(1, Math.ceil(upper / width));
	const counts = new Array<number>(n).fill(0);
	let total = 0;
	let overflow = false;
	for (const v of values) {
		if (!Number.isFinite(v)) continue;
		total++;
		let i = Math.floor(v / width);
		if (i >= n) {
			i = n - 1;
			overflow = true;
		}
		counts[Math.max(0, i)]++;
	}
	return counts.map((count, i) => ({
		x0: i * width,
		x1: (i + 1) * width,
		count,
		share: total ? count / total : 0,
		open: overflow && i === n - 1
	}));
}

/**
 * Bins under the small-group rule (model/privacy.ts): runs of neighbouring bins are merged until every
 * bin holds 0 or at least `min` persons; a remainder at the end joins the bin before it. Empty bins
 * outside a run stay as they are, so the shape keeps its gaps. Fewer than `min` values in all: no bins.
 * Merged bins are wider: `share` is the share of the merged bin, to be drawn as height per `width`.
 */
export function protectBins(bins: readonly Bin[], min = MIN_GROUP): Bin[] {
	const total = bins.reduce((s, b) => s + b.count, 0);
	if (total < min) return [];
	const out: Bin[] = [];
	let run = null as Bin | null;
	for (const b of bins) {
		const cur: Bin | null = run;
		if (cur) run = { x0: cur.x0, x1: b.x1, count: cur.count + b.count, share: cur.share + b.share, open: b.open };
		else if (b.count === 0) out.push({ ...b });
		else run = { ...b };
		if (run && run.count >= min) {
			out.push(run);
			run = null;
		}
	}
	if (run) {
		// Too few at the end: join the last bin that holds persons (and the empty bins between).
		let i = out.length - 1;
		while (i >= 0 && out[i].count === 0) i--;
		const head = out.splice(Math.max(0, i));
		const first = head[0] ?? run;
		out.push({ x0: first.x0, x1: run.x1, count: head.reduce((s, b) => s + b.count, 0) + run.count, share: head.reduce((s, b) => s + b.share, 0) + run.share, open: run.open });
	}
	return out;
}

/** Median of the finite values, null when there are none or fewer than `min` (small-group rule). */
export function medianOf(values: readonly number[], min = MIN_GROUP): number | null {
	const f = finite(values);
	if (f.length < min) return null;
	const m = median(f);
	return m === undefined ? null : m;
}

/**
 * Cumulative share of persons within x minutes at the edges of protected bins: steps of at least `min`
 * persons each (an ECDF would place a step at every single person's time). Non-finite values stay in
 * the denominator (those persons never arrive).
 */
export function protectedCumulative(values: readonly number[], width: number, xMax: number, min = MIN_GROUP): { x: number; y: number }[] {
	const n = values.length;
	if (n < min) return [];
	// No connection counts as "beyond the axis": it joins the last (open) bin, so every step and its complement hold 0 or ≥ min persons.
	const all = values.map((v) => (Number.isFinite(v) ? v : Number.MAX_VALUE));
	const bins = protectBins(binMinutes(all, width, Math.ceil(xMax / width) * width), min);
	const pts = [{ x: 0, y: 0 }];
	let k = 0;
	for (const b of bins) {
		if (b.open) break;
		k += b.count;
		pts.push({ x: Math.min(b.x1, xMax), y: k / n });
	}
	const last = pts[pts.length - 1];
	if (last.x < xMax) pts.push({ x: xMax, y: last.y });
	return pts;
}

/** Raw bins regrouped on the given edges (each a former bin edge); counts and shares summed. */
function regroup(bins: readonly Bin[], edges: readonly number[]): Bin[] {
	const out: Bin[] = [];
	for (let i = 0; i + 1 < edges.length; i++) {
		const part = bins.filter((b) => b.x0 >= edges[i] && b.x1 <= edges[i + 1]);
		out.push({ x0: edges[i], x1: edges[i + 1], count: part.reduce((s, b) => s + b.count, 0), share: part.reduce((s, b) => s + b.share, 0), open: part.some((b) => b.open) });
	}
	return out;
}

/**
 * Protected bins for several series on one partition (so a table can list them side by side): an edge
 * is kept only where every series keeps it, which leaves each bin of each series at 0 or ≥ `min`.
 * A series with fewer than `min` values gets null (not shown).
 */
export function protectedSeriesBins(series: readonly (readonly number[])[], width: number, upper: number, min = MIN_GROUP): (Bin[] | null)[] {
	const raw = series.map((v) => binMinutes(v, width, upper));
	const safe = raw.map((b) => protectBins(b, min));
	const shown = safe.map((b, i) => (b.length ? i : -1)).filter((i) => i >= 0);
	if (!shown.length) return series.map(() => null);
	const edgesOf = (b: Bin[]) => new Set([...b.map((x) => x.x0), b[b.length - 1].x1]);
	const sets = shown.map((i) => edgesOf(safe[i]));
	const edges = [...sets[0]].filter((e) => sets.every((s) => s.has(e))).sort((a, b) => a - b);
	return raw.map((b, i) => (safe[i].length ? regroup(b, edges) : null));
}
