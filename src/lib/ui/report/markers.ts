/**
 * Marker placement for the static report maps: candidate sites near each other (six lie within a few
 * kilometres of Luzern) would cover one another, the recommended one included. Markers are pushed apart
 * until none overlaps another marker or a fixed obstacle (today's offices); a moved marker keeps a
 * leader line to its exact location. Pure and deterministic (no randomness), so prints are stable.
 */

export interface MarkerIn {
	/** Exact position in map pixels. */
	x: number;
	y: number;
	/** Radius of the drawn symbol. */
	r: number;
}

export interface MarkerOut {
	/** Where the symbol is drawn. */
	x: number;
	y: number;
	/** Moved away from its exact position (draw a leader line and a dot there). */
	moved: boolean;
}

/**
 * Spread markers so that any two are at least r1 + r2 + gap apart and none sits on an obstacle.
 * Overlapping pairs repel along their connecting line (coincident ones along a fixed angle per index);
 * a weak pull back to the exact position keeps the displacement small.
 */
export function spreadMarkers(markers: readonly MarkerIn[], obstacles: readonly MarkerIn[] = [], gap = 2, maxIter = 400): MarkerOut[] {
	const pos = markers.map((m) => ({ x: m.x, y: m.y }));
	const overlap = (ax: number, ay: number, ar: number, bx: number, by: number, br: number) => {
		const dx = bx - ax;
		const dy = by - ay;
		const d = Math.hypot(dx, dy);
		return { dx, dy, d, need: ar + br + gap - d };
	};
	for (let it = 0; it < maxIter; it++) {
		let worst = 0;
		for (let i = 0; i < pos.length; i++) {
			for (let j = i + 1; j < pos.length; j++) {
				const o = overlap(pos[i].x, pos[i].y, markers[i].r, pos[j].x, pos[j].y, markers[j].r);
				if (o.need <= 0) continue;
				worst = Math.max(worst, o.need);
				// Coincident: a fixed direction per pair, so the result does not depend on floating noise.
				const a = o.d > 1e-6 ? Math.atan2(o.dy, o.dx) : ((i * 7 + j * 3) % 12) * (Math.PI / 6);
				const push = o.need / 2 + 0.01;
				pos[i].x -= Math.cos(a) * push;
				pos[i].y -= Math.sin(a) * push;
				pos[j].x += Math.cos(a) * push;
				pos[j].y += Math.sin(a) * push;
			}
			for (const ob of obstacles) {
				const o = overlap(ob.x, ob.y, ob.r, pos[i].x, pos[i].y, markers[i].r);
				if (o.need <= 0) continue;
				worst = Math.max(worst, o.need);
				const a = o.d > 1e-6 ? Math.atan2(o.dy, o.dx) : (i % 12) * (Math.PI / 6);
				pos[i].x += Math.cos(a) * (o.need + 0.01);
				pos[i].y += Math.sin(a) * (o.need + 0.01);
			}
		}
		if (worst <= 0) break;
		// Pull back towards the exact position during the first half only: the second half just separates,
		// so the loop ends free of overlaps (a pull against an obstacle would otherwise never settle).
		if (it < maxIter / 2)
			for (let i = 0; i < pos.length; i++) {
				pos[i].x += (markers[i].x - pos[i].x) * 0.02;
				pos[i].y += (markers[i].y - pos[i].y) * 0.02;
			}
	}
	return pos.map((p, i) => ({ x: p.x, y: p.y, moved: Math.hypot(p.x - markers[i].x, p.y - markers[i].y) > 0.5 }));
}

/** True if no two markers (and no marker and obstacle) overlap, allowing `gap` px of tolerance below. */
export function noOverlap(placed: readonly { x: number; y: number }[], markers: readonly MarkerIn[], obstacles: readonly MarkerIn[] = [], gap = 0): boolean {
	for (let i = 0; i < placed.length; i++) {
		for (let j = i + 1; j < placed.length; j++) if (Math.hypot(placed[i].x - placed[j].x, placed[i].y - placed[j].y) < markers[i].r + markers[j].r + gap - 1e-6) return false;
		for (const o of obstacles) if (Math.hypot(placed[i].x - o.x, placed[i].y - o.y) < markers[i].r + o.r + gap - 1e-6) return false;
	}
	return true;
}
