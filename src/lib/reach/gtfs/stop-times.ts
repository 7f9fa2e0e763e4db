/**
 * stop_times.txt, the big file (≈ 2.6 GB nationally in 2026): rows of active trips become typed columns;
 * ids are looked up by their bytes, times and numbers parsed from bytes. Rows of trips that do not run
 * on the day cost only the tokenizer and one id lookup (one byte compare while the trip id repeats).
 *
 * Cutting to a study region in one pass: rows arrive in runs (consecutive rows of one trip; a feed
 * grouped by trip has one run per trip). When a run ends and its trip has not touched the region so far,
 * the run is dropped again (it is still at the end of the columns) and the trip marked `dropped`. So
 * memory holds only rows of trips that touch the region. A trip that touches the region only in a later
 * run of an unsorted file has lost rows: it is marked for `refetch` and a second pass (mode 'refetch')
 * collects all its rows again. Sorted feeds need one pass.
 */
import type { CsvHeader, CsvRow, RowSink } from './csv.ts';
import { I32Col, U8Col } from './columns.ts';
import { badValue } from './calendar.ts';
import type { WarningSink } from './errors.ts';
import type { IdTable } from './ids.ts';
import { CAN_ALIGHT, CAN_BOARD } from './timetable.ts';

/** The collected rows (indices into the reader's active trips and all stops). */
export class StopTimeColumns {
	readonly trip = new I32Col(1 << 16);
	readonly seq = new I32Col(1 << 16);
	readonly arr = new I32Col(1 << 16);
	readonly dep = new I32Col(1 << 16);
	readonly stop = new I32Col(1 << 16);
	readonly flags = new U8Col(1 << 16);
	get n(): number {
		return this.trip.n;
	}
	/** Drop rows from index n on. */
	truncate(n: number): void {
		this.trip.n = this.seq.n = this.arr.n = this.dep.n = this.stop.n = this.flags.n = n;
	}
	/** Keep only the rows for which keep(trip) is true (in place, order kept). */
	filter(keep: (trip: number) => boolean): void {
		const T = this.trip.a, Q = this.seq.a, A = this.arr.a, D = this.dep.a, S = this.stop.a, F = this.flags.a;
		let w = 0;
		for (let i = 0; i < this.n; i++) {
			if (!keep(T[i])) continue;
			T[w] = T[i];
			Q[w] = Q[i];
			A[w] = A[i];
			D[w] = D[i];
			S[w] = S[i];
			F[w] = F[i];
			w++;
		}
		this.truncate(w);
	}
	/** Bytes held, for the memory figures. */
	get bytes(): number {
		return this.trip.a.byteLength * 5 + this.flags.a.byteLength;
	}
}

export class StopTimesSink implements RowSink {
	/** Rows in the file, rows of active trips (first pass). */
	rows = 0;
	activeRows = 0;
	/** Per active trip: touched the region / lost rows / needs the second pass. */
	readonly touched: Uint8Array;
	readonly dropped: Uint8Array;
	private cTrip = 0;
	private cArr = 0;
	private cDep = 0;
	private cStop = 0;
	private cSeq = 0;
	private cPick = -1;
	private cDrop = -1;
	private lastKey = new Uint8Array(64);
	private lastLen = -1;
	private lastTrip = -1;
	private runTrip = -1;
	private runStart = 0;

	/**
	 * @param stopIn 1 per stop inside the study region, or null to keep every active trip
	 * @param refetch in a second pass: only the trips marked 1 are collected (no warnings, no run logic)
	 */
	constructor(
		private readonly trips: IdTable,
		private readonly stops: IdTable,
		private readonly stopIn: Uint8Array | null,
		readonly cols: StopTimeColumns,
		private readonly warn: WarningSink,
		private readonly refetch: Uint8Array | null = null
	) {
		this.touched = new Uint8Array(trips.size);
		this.dropped = new Uint8Array(trips.size);
	}

	header(h: CsvHeader): void {
		this.cTrip = h.required('trip_id');
		this.cArr = h.required('arrival_time');
		this.cDep = h.required('departure_time');
		this.cStop = h.required('stop_id');
		this.cSeq = h.required('stop_sequence');
		this.cPick = h.col('pickup_type');
		this.cDrop = h.col('drop_off_type');
	}

	/** Active trip index of the row's trip_id, or -1; one byte compare while the id repeats. */
	private tripOf(r: CsvRow): number {
		const c = this.cTrip;
		if (c >= r.count || r.esc[c]) return this.trips.findField(r, c);
		const b = r.buf, s = r.start[c], e = r.end[c], n = e - s;
		if (n === this.lastLen) {
			const k = this.lastKey;
			let i = 0;
			while (i < n && k[i] === b[s + i]) i++;
			if (i === n) return this.lastTrip;
		}
		if (n > this.lastKey.length) this.lastKey = new Uint8Array(n * 2);
		this.lastKey.set(b.subarray(s, e));
		this.lastLen = n;
		this.lastTrip = this.trips.find(b, s, e);
		return this.lastTrip;
	}

	row(r: CsvRow): void {
		this.rows++;
		const t = this.tripOf(r);
		if (t < 0) return; // not running on the day (or unknown)
		const refetch = this.refetch;
		if (refetch && !refetch[t]) return;
		if (!refetch) this.activeRows++;
		const stop = this.stops.findField(r, this.cStop);
		if (stop < 0) {
			if (!refetch) this.warn.add('unknown_stop', { de: 'Halt fehlt in stops.txt', en: 'stop_id not found in stops.txt' }, `stop_times.txt row ${r.line}: ${r.text(this.cStop)}`);
			return;
		}
		let arr = r.time(this.cArr);
		let dep = r.time(this.cDep);
		if (Number.isNaN(arr)) throw badValue('stop_times.txt', r.line, 'arrival_time', r.text(this.cArr));
		if (Number.isNaN(dep)) throw badValue('stop_times.txt', r.line, 'departure_time', r.text(this.cDep));
		if (arr < 0) arr = dep;
		if (dep < 0) dep = arr;
		const seq = r.num(this.cSeq);
		if (!Number.isInteger(seq) || seq < 0) throw badValue('stop_times.txt', r.line, 'stop_sequence', r.text(this.cSeq));
		const flags = (r.isChar(this.cPick, '1') ? 0 : CAN_BOARD) | (r.isChar(this.cDrop, '1') ? 0 : CAN_ALIGHT);
		const stopIn = this.stopIn;
		if (stopIn && !refetch && t !== this.runTrip) {
			this.closeRun();
			this.runTrip = t;
			this.runStart = this.cols.n;
		}
		const c = this.cols;
		c.trip.push(t);
		c.seq.push(seq);
		c.arr.push(arr);
		c.dep.push(dep);
		c.stop.push(stop);
		c.flags.push(flags);
		if (stopIn && stopIn[stop]) this.touched[t] = 1;
	}

	/** End of a run: drop it unless its trip has touched the region. */
	private closeRun(): void {
		const t = this.runTrip;
		if (t < 0 || this.touched[t]) return;
		this.cols.truncate(this.runStart);
		this.dropped[t] = 1;
	}

	/** Call after the last row (first pass). */
	finish(): void {
		if (this.stopIn && !this.refetch) this.closeRun();
		this.runTrip = -1;
	}

	/** Trips that touch the region but lost rows to an earlier dropped run (1 = refetch), and their count. */
	needRefetch(): { mask: Uint8Array; count: number } {
		const mask = new Uint8Array(this.touched.length);
		let count = 0;
		for (let t = 0; t < mask.length; t++)
			if (this.touched[t] && this.dropped[t]) {
				mask[t] = 1;
				count++;
			}
		return { mask, count };
	}
}
