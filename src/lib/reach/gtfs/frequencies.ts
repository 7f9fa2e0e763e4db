/** frequencies.txt: a kept trip's stop_times become a template repeated every headway_secs in [start, end). */
import type { CsvHeader, CsvRow, RowSink } from './csv.ts';
import { badValue } from './calendar.ts';
import { GtfsError } from './errors.ts';

/** Most departures one frequency window may give: one a minute for 24 hours. */
export const MAX_DEPARTURES_PER_WINDOW = 1440;
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
		if (!Number.isInteger(headway) || headway < 1) throw badValue('frequencies.txt', r.line, 'headway_secs', r.text(this.cHead));
		if (end <= start)
			throw new GtfsError('bad_value', {
				de: `end_time ${r.text(this.cEnd)} liegt nicht nach start_time ${r.text(this.cStart)}: das Fenster hat keine Abfahrten`,
				en: `end_time ${r.text(this.cEnd)} is not after start_time ${r.text(this.cStart)}: the window has no departures`
			}, { file: 'frequencies.txt', row: r.line, column: 'end_time' });
		// One departure every few seconds all day is no timetable (and would expand to millions of connections).
		if ((end - start) / headway > MAX_DEPARTURES_PER_WINDOW)
			throw new GtfsError('bad_value', {
				de: `headway_secs ${headway} ergibt ${Math.ceil((end - start) / headway).toLocaleString('de-CH')} Abfahrten in einem Fenster (höchstens ${MAX_DEPARTURES_PER_WINDOW.toLocaleString('de-CH')}, eine je Minute über 24 Stunden): Sekunden statt Minuten?`,
				en: `headway_secs ${headway} gives ${Math.ceil((end - start) / headway).toLocaleString('en')} departures in one window (at most ${MAX_DEPARTURES_PER_WINDOW.toLocaleString('en')}, one a minute for 24 hours): minutes given as seconds?`
			}, { file: 'frequencies.txt', row: r.line, column: 'headway_secs' });
		const k = this.kept[t];
		if (k < 0) return;
		const list = this.windows.get(k) ?? [];
		list.push({ start, end, headway });
		this.windows.set(k, list);
	}
}
