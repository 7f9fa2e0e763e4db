/** frequencies.txt: a kept trip's stop_times become a template repeated every headway_secs in [start, end). */
import type { CsvHeader, CsvRow, RowSink } from './csv.ts';
import { badValue } from './calendar.ts';
import type { IdTable } from './ids.ts';

export interface FrequencyWindow {
	start: number;
	end: number;
	headway: number;
}

export class FrequenciesSink implements RowSink {
	/** Kept trip index → its windows in file order. */
	readonly windows = new Map<number, FrequencyWindow[]>();
	private cTrip = 0;
	private cStart = 0;
	private cEnd = 0;
	private cHead = 0;
	/** @param kept active trip index → kept trip index or -1 */
	constructor(
		private readonly trips: IdTable,
		private readonly kept: Int32Array
	) {}
	header(h: CsvHeader): void {
		this.cTrip = h.required('trip_id');
		this.cStart = h.required('start_time');
		this.cEnd = h.required('end_time');
		this.cHead = h.required('headway_secs');
	}
	row(r: CsvRow): void {
		const t = this.trips.findField(r, this.cTrip);
		if (t < 0) return;
		const start = r.time(this.cStart);
		const end = r.time(this.cEnd);
		const headway = r.num(this.cHead);
		if (!(start >= 0)) throw badValue('frequencies.txt', r.line, 'start_time', r.text(this.cStart));
		if (!(end >= 0)) throw badValue('frequencies.txt', r.line, 'end_time', r.text(this.cEnd));
		if (!(headway > 0)) throw badValue('frequencies.txt', r.line, 'headway_secs', r.text(this.cHead));
		const k = this.kept[t];
		if (k < 0) return;
		const list = this.windows.get(k) ?? [];
		list.push({ start, end, headway });
		this.windows.set(k, list);
	}
}
