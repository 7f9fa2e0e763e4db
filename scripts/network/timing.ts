/**
 * Running times and departure offsets of the approximate lines.
 *
 * Swiss regional timetables are built around connections at the hubs (clock-face timetable): a bus or branch
 * line arrives a few minutes before the train to the centre leaves and departs a few minutes after the train
 * from the centre arrives. We mimic that for Luzern: lines that do not reach Luzern station are timed, at one
 * of their termini, to the line there with the shortest onward ride to Luzern (also via lines timed before,
 * e.g. Zell bus → S7 Willisau–Huttwil → S7 to Luzern). Lines serving Luzern keep their assumed offsets.
 */
import { KINDS, SERVICE, TIMED_CHANGE } from './lines.ts';
import { distM } from './inputs.ts';
import { APPROACH, calibration, modelSegmentSec } from './calibrate.ts';
import type { ResolvedLine } from './gtfs.ts';
import type { RealTrip } from './real-feed.ts';

/** Real trips at Luzern within this window (s after midnight) are the connections other lines are timed to. */
const REAL_LINK_WINDOW = [6.5 * 3600, 9 * 3600];

/**
 * Seconds from the first call of direction `dir` (0 = listed order, 1 = reverse) to each call: per segment,
 * the real modal ride where real trains run the same two consecutive calls (calibrate.ts), else straight
 * distance × detour at the running speed plus the dwell at the call it leaves (not at the first call) and, for
 * standard-gauge lines, the Luzern approach allowance; rounded to whole minutes as in a printed timetable, at
 * least one minute apart.
 */
export function directionTimes(l: ResolvedLine, dir: 0 | 1): number[] {
	const spec = KINDS[l.def.kind];
	const cal = calibration();
	const n = l.calls.length;
	const idx = dir === 0 ? [...Array(n).keys()] : [...Array(n).keys()].reverse();
	const approach = APPROACH.kinds.includes(l.def.kind);
	const out: number[] = [0];
	let exact = 0;
	for (let k = 1; k < n; k++) {
		const [from, to] = [l.calls[idx[k - 1]], l.calls[idx[k]]];
		const real = cal.segmentSec.get(`${from.id}>${to.id}`);
		if (spec.routeType === 2 && real !== undefined) {
			exact = Math.round(exact / 60) * 60 + real;
		} else {
			exact += modelSegmentSec(l.def.kind, Math.abs(l.distAlong[idx[k]] - l.distAlong[idx[k - 1]]), l.def.runKmh) + (k > 1 ? spec.dwellSec : 0);
			if (approach && from.name === APPROACH.hub) exact += cal.approachOutSec;
			if (approach && to.name === APPROACH.hub) exact += cal.approachInSec[l.def.kind] ?? 0;
		}
		out.push(Math.max(Math.round(exact / 60) * 60, out[k - 1] + 60));
	}
	return out;
}

/** Seconds from the first call to each call in listed order (direction 0). */
export const runningTimes = (l: ResolvedLine) => directionTimes(l, 0);

/** Stable first-departure minute for lines without an explicit offset (spreads departures over the hour). */
function hashOffsetSec(key: string, headwayMin: number): number {
	let h = 0;
	for (const c of key) h = (h * 31 + c.charCodeAt(0)) >>> 0;
	return (h % Math.max(1, Math.floor(headwayMin))) * 60;
}

const mod = (a: number, m: number) => ((a % m) + m) % m;

/** A departure towards (or an arrival from) Luzern at a stop: time of day of one run, and the ride to/from Luzern. */
interface Link {
	timeSec: number;
	rideSec: number;
}

/**
 * Offsets (seconds after SERVICE.firstSec, in [0, headway)) of the first departure per line and direction.
 * `timedAt` names the stop a line is timed to, for the README/report.
 */
export function lineOffsets(lines: ResolvedLine[], real: RealTrip[] = []): { offsets: [number, number][]; timedAt: (string | null)[] } {
	const isLuzern = (name: string) => name === 'Luzern';
	const offsets: ([number, number] | null)[] = lines.map(() => null);
	const timedAt: (string | null)[] = lines.map(() => null);
	// Best departure towards Luzern / arrival from Luzern known at each stop.
	const toLuzern = new Map<string, Link>();
	const fromLuzern = new Map<string, Link>();
	const keep = (m: Map<string, Link>, id: string, l: Link) => {
		const old = m.get(id);
		if (!old || l.rideSec < old.rideSec) m.set(id, l);
	};
	const register = (i: number) => {
		const l = lines[i];
		for (const dir of [0, 1] as const) {
			const seq = dir === 0 ? l.calls : [...l.calls].reverse();
			const t = directionTimes(l, dir);
			const base = SERVICE.firstSec + offsets[i]![dir];
			const iL = seq.findIndex((s) => isLuzern(s.name));
			if (iL >= 0) {
				for (let k = 0; k < iL; k++) keep(toLuzern, seq[k].id, { timeSec: base + t[k], rideSec: t[iL] - t[k] });
				for (let k = iL + 1; k < seq.length; k++) keep(fromLuzern, seq[k].id, { timeSec: base + t[k], rideSec: t[k] - t[iL] });
			}
		}
	};
	// Real trips via Luzern in the morning peak: their calls are connections to time the other lines to.
	for (const t of real) {
		const iL = t.calls.findIndex((c) => isLuzern(c.stop.name));
		if (iL < 0 || t.calls[iL].arr < REAL_LINK_WINDOW[0] || t.calls[iL].dep > REAL_LINK_WINDOW[1]) continue;
		for (let k = 0; k < iL; k++) keep(toLuzern, t.calls[k].stop.id, { timeSec: t.calls[k].dep, rideSec: t.calls[iL].arr - t.calls[k].dep });
		for (let k = iL + 1; k < t.calls.length; k++) keep(fromLuzern, t.calls[k].stop.id, { timeSec: t.calls[k].arr, rideSec: t.calls[k].arr - t.calls[iL].dep });
	}
	lines.forEach((l, i) => {
		if (l.calls.some((s) => isLuzern(s.name))) {
			const off = l.def.offsetMin !== undefined ? l.def.offsetMin * 60 : hashOffsetSec(`${l.def.short} ${l.def.long}`, l.def.headwayMin);
			offsets[i] = [off, off];
			register(i);
		}
	});
	const stopById = new Map([...real.flatMap((t) => t.calls.map((c) => [c.stop.id, c.stop] as const)), ...lines.flatMap((x) => x.calls.map((c) => [c.id, c] as const))]);
	// Time the other lines at a terminus, in passes, so chains of feeders find their connections.
	for (let pass = 0; pass < 6; pass++) {
		let timedAny = false;
		lines.forEach((l, i) => {
			if (offsets[i]) return;
			const h = Math.round(l.def.headwayMin * 60);
			let best: { dirIn: 0 | 1; out: Link; back: Link | undefined; change: number; stop: string } | null = null;
			for (const dirIn of [0, 1] as const) {
				const seq = dirIn === 0 ? l.calls : [...l.calls].reverse();
				const end = seq[seq.length - 1];
				for (const [id, out] of toLuzern) {
					const s = stopById.get(id)!;
					const d = distM(end.lon, end.lat, s.lon, s.lat);
					if (d > TIMED_CHANGE.withinM) continue;
					const change = Math.max(TIMED_CHANGE.minSec, Math.ceil((d * 1.3) / 75) * 60 + 60);
					if (!best || out.rideSec + change < best.out.rideSec + best.change) best = { dirIn, out, back: fromLuzern.get(id), change, stop: s.name };
				}
			}
			if (!best) return;
			const tIn = directionTimes(l, best.dirIn);
			const offIn = mod(best.out.timeSec - best.change - tIn[tIn.length - 1] - SERVICE.firstSec, h);
			// The other direction leaves the hub a change time after the train from Luzern arrives.
			const offOut = best.back ? mod(best.back.timeSec + best.change - SERVICE.firstSec, h) : offIn;
			offsets[i] = best.dirIn === 0 ? [offIn, offOut] : [offOut, offIn];
			timedAt[i] = best.stop;
			// Stops of this line now reach Luzern via the hub.
			const seqIn = best.dirIn === 0 ? l.calls : [...l.calls].reverse();
			const total = tIn[tIn.length - 1];
			seqIn.forEach((s, k) => keep(toLuzern, s.id, { timeSec: SERVICE.firstSec + offIn + tIn[k], rideSec: total - tIn[k] + best!.change + best!.out.rideSec }));
			if (best.back) {
				const seqOut = [...seqIn].reverse();
				const tOut = directionTimes(l, best.dirIn === 0 ? 1 : 0);
				seqOut.forEach((s, k) => keep(fromLuzern, s.id, { timeSec: SERVICE.firstSec + offOut + tOut[k], rideSec: best!.back!.rideSec + best!.change + tOut[k] }));
			}
			timedAny = true;
		});
		if (!timedAny) break;
	}
	return {
		offsets: offsets.map((o, i) => o ?? [hashOffsetSec(`${lines[i].def.short} ${lines[i].def.long}`, lines[i].def.headwayMin), hashOffsetSec(`${lines[i].def.short} ${lines[i].def.long}`, lines[i].def.headwayMin)]),
		timedAt
	};
}
