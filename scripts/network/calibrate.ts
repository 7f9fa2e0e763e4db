/**
 * Calibration of the generated rail lines against the real 2021 trips (real-feed.ts):
 *
 * 1. Common segments: where a generated rail line runs between two consecutive calls that real trains also
 *    run between without stopping (e.g. S9 Luzern → Emmenbrücke like the S1, IR Arth-Goldau → Schwyz like
 *    the IR46), it takes the real modal ride of that segment and direction.
 * 2. Luzern approach: the model (straight line × detour at a running speed) is too fast on the slow approach
 *    into Luzern station, which every standard-gauge train shares (Luzern–Gütsch–Fluhmühle/Rotsee). The real
 *    S1 needs 5 min Luzern → Emmenbrücke and 7 min back, the model 2.9. So every generated standard-gauge
 *    segment leaving Luzern gets the S1's extra time, and one arriving there also the inbound reserve the
 *    feed shows before a Luzern arrival (S-Bahn: S1 Emmenbrücke → Luzern minus Luzern → Emmenbrücke;
 *    IR/RE: IR75 Rotkreuz → Luzern minus Luzern → Rotkreuz). The Zentralbahn has its own tunnel approach
 *    and no real trips in the feed: no allowance.
 */
import { KINDS, type LineKind } from './lines.ts';
import { distM, inputs } from './inputs.ts';
import { realRideSec, realTrips, type RealTrip } from './real-feed.ts';

export const APPROACH = {
	hub: 'Luzern',
	/** Kinds sharing the standard-gauge approach. */
	kinds: ['ir', 're', 's'] as LineKind[],
	/** Reference segment for the extra time: the real S1 Luzern ↔ Emmenbrücke (kind s, calls at both). */
	reference: { line: 'S1', kind: 's' as LineKind, to: 'Emmenbrücke' },
	/** Reference for the inbound reserve of IR/RE: non-stop IR75 Luzern ↔ Rotkreuz. */
	irReference: { line: 'IR75', to: 'Rotkreuz' }
};

export interface Calibration {
	/** Seconds added to a standard-gauge segment leaving Luzern. */
	approachOutSec: number;
	/** Seconds added to a standard-gauge segment arriving at Luzern, per kind. */
	approachInSec: Partial<Record<LineKind, number>>;
	/** Modal real ride in seconds between consecutive calls of real rail trips, keyed "fromUic>toUic". */
	segmentSec: Map<string, number>;
}

/** Model seconds of one segment without dwell (the first segment of a trip has none). */
export function modelSegmentSec(kind: LineKind, meters: number, runKmh?: number): number {
	const spec = KINDS[kind];
	return (meters * spec.detour) / (((runKmh ?? spec.runKmh) * 1000) / 3600);
}

/** Modal ride per consecutive call pair over real rail trips. */
function commonSegments(trips: RealTrip[]): Map<string, number> {
	const counts = new Map<string, Map<number, number>>();
	for (const t of trips) {
		if (t.routeType !== 2) continue;
		for (let i = 1; i < t.calls.length; i++) {
			const key = `${t.calls[i - 1].stop.id}>${t.calls[i].stop.id}`;
			const s = t.calls[i].arr - t.calls[i - 1].dep;
			const m = counts.get(key) ?? new Map<number, number>();
			m.set(s, (m.get(s) ?? 0) + 1);
			counts.set(key, m);
		}
	}
	const out = new Map<string, number>();
	for (const [key, m] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) {
		const [best] = [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
		out.set(key, best);
	}
	return out;
}

let cache: Calibration | null = null;

export function calibration(): Calibration {
	if (cache) return cache;
	const { stops } = inputs();
	const trips = realTrips(stops);
	const { reference: ref, irReference: irRef, hub } = APPROACH;
	const byShort = (short: string) => (t: RealTrip) => t.short === short;
	const need = (x: number | null, what: string) => {
		if (x === null) throw new Error(`calibration: the real feed has no ${what}`);
		return x;
	};
	const out = need(realRideSec(trips, hub, ref.to, byShort(ref.line)), `${ref.line} ${hub} → ${ref.to}`);
	const back = need(realRideSec(trips, ref.to, hub, byShort(ref.line)), `${ref.line} ${ref.to} → ${hub}`);
	const irOut = need(realRideSec(trips, hub, irRef.to, byShort(irRef.line)), `${irRef.line} ${hub} → ${irRef.to}`);
	const irBack = need(realRideSec(trips, irRef.to, hub, byShort(irRef.line)), `${irRef.line} ${irRef.to} → ${hub}`);
	const a = stops.find((s) => s.name === hub)!;
	const b = stops.find((s) => s.name === ref.to)!;
	const extra = Math.round(out - modelSegmentSec(ref.kind, distM(a.lon, a.lat, b.lon, b.lat)));
	cache = {
		approachOutSec: extra,
		approachInSec: { s: extra + (back - out), ir: extra + (irBack - irOut), re: extra + (irBack - irOut) },
		segmentSec: commonSegments(trips)
	};
	return cache;
}
