/**
 * The service calendar: which service_ids run on a day (calendar.txt weekday flags and date ranges, then
 * calendar_dates.txt: 1 adds, 2 removes), the feed's validity, and the representative weekday used when
 * the caller names none.
 *
 * Read in two passes so memory does not grow with calendar_dates.txt (national feeds hold millions of
 * exceptions): the span pass finds the validity (earliest start / latest end of calendar.txt, and
 * dates added by calendar_dates.txt) and validates every row; the collect pass keeps only the
 * exceptions on the few days that matter (the chosen day, or the candidate Tuesdays).
 */
import type { CsvHeader, CsvRow, RowSink } from './csv.ts';
import { I32Col, U8Col } from './columns.ts';
import { GtfsError } from './errors.ts';
import { IdTable } from './ids.ts';

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const DAY_MS = 86_400_000;

/** Validity of a feed and a suggested service day. */
export interface FeedValidity {
	/** YYYYMMDD: first and last day with any service. */
	start: string;
	end: string;
	/** YYYY-MM-DD: the Tuesday nearest the middle of the validity with the most active services. */
	suggested: string;
}

export function badValue(file: string, row: number, column: string, value: string): GtfsError {
	return new GtfsError('bad_value', { de: `Ungültiger Wert "${value}"`, en: `Invalid value "${value}"` }, { file, row, column });
}

/** YYYYMMDD integer ↔ days since 1970-01-01 (UTC). */
export function ymdToDay(ymd: number): number {
	return Math.round(Date.UTC(Math.floor(ymd / 10000), (Math.floor(ymd / 100) % 100) - 1, ymd % 100) / DAY_MS);
}
export function dayToYmd(day: number): number {
	const d = new Date(day * DAY_MS);
	return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}
/** 0 = Monday … 6 = Sunday. */
export function weekdayOfDay(day: number): number {
	return (new Date(day * DAY_MS).getUTCDay() + 6) % 7;
}
/** 20270115 → "2027-01-15". */
export function isoDate(ymd: number): string {
	const s = String(ymd);
	return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
}
/** 20270115 → "15.01.2027". */
export function swissDate(ymd: number): string {
	const s = String(ymd);
	return `${s.slice(6, 8)}.${s.slice(4, 6)}.${s.slice(0, 4)}`;
}

/** calendar.txt: one compact row per service (service index, weekday bits, date range). */
export class CalendarSink implements RowSink {
	readonly svc = new I32Col(256);
	readonly mask = new U8Col(256);
	readonly start = new I32Col(256);
	readonly end = new I32Col(256);
	min = Infinity;
	max = -Infinity;
	private cId = 0;
	private cDays: number[] = [];
	private cStart = 0;
	private cEnd = 0;
	constructor(readonly services: IdTable) {}
	header(h: CsvHeader): void {
		this.cId = h.required('service_id');
		this.cDays = WEEKDAYS.map((d) => h.required(d));
		this.cStart = h.required('start_date');
		this.cEnd = h.required('end_date');
	}
	row(r: CsvRow): void {
		const s = r.ymd(this.cStart), e = r.ymd(this.cEnd);
		if (Number.isNaN(s)) throw badValue('calendar.txt', r.line, 'start_date', r.text(this.cStart));
		if (Number.isNaN(e)) throw badValue('calendar.txt', r.line, 'end_date', r.text(this.cEnd));
		let m = 0;
		for (let d = 0; d < 7; d++) if (r.isChar(this.cDays[d], '1')) m |= 1 << d;
		this.svc.push(this.services.addField(r, this.cId));
		this.mask.push(m);
		this.start.push(s);
		this.end.push(e);
		// a service that never runs does not extend the validity
		if (m !== 0 && s <= e) {
			if (s < this.min) this.min = s;
			if (e > this.max) this.max = e;
		}
	}
}

/** calendar_dates.txt, first pass: validates every row and finds the span of added dates. */
export class CalendarDatesSpan implements RowSink {
	min = Infinity;
	max = -Infinity;
	rows = 0;
	private cId = 0;
	private cDate = 0;
	private cType = 0;
	header(h: CsvHeader): void {
		this.cId = h.required('service_id');
		this.cDate = h.required('date');
		this.cType = h.required('exception_type');
	}
	row(r: CsvRow): void {
		this.rows++;
		const d = r.ymd(this.cDate);
		if (Number.isNaN(d)) throw badValue('calendar_dates.txt', r.line, 'date', r.text(this.cDate));
		if (r.isChar(this.cType, '1')) {
			if (d < this.min) this.min = d;
			if (d > this.max) this.max = d;
		} else if (!r.isChar(this.cType, '2')) throw badValue('calendar_dates.txt', r.line, 'exception_type', r.text(this.cType).trim());
	}
}

/** calendar_dates.txt, second pass: the exceptions on the given days only, in file order. */
export class CalendarDatesCollect implements RowSink {
	readonly svc = new I32Col(256);
	readonly date = new I32Col(256);
	readonly add = new U8Col(256);
	private cId = 0;
	private cDate = 0;
	private cType = 0;
	constructor(
		readonly services: IdTable,
		private readonly days: Set<number>
	) {}
	header(h: CsvHeader): void {
		this.cId = h.required('service_id');
		this.cDate = h.required('date');
		this.cType = h.required('exception_type');
	}
	row(r: CsvRow): void {
		const d = r.ymd(this.cDate);
		if (!this.days.has(d)) return;
		this.svc.push(this.services.addField(r, this.cId));
		this.date.push(d);
		this.add.push(r.isChar(this.cType, '1') ? 1 : 0);
	}
}

/** Active services per day from the calendar rows and the collected exceptions. */
export class ServiceCalendar {
	constructor(
		readonly services: IdTable,
		private readonly cal: CalendarSink | null,
		private readonly ex: CalendarDatesCollect | null
	) {}

	/** 1 per service index running on `ymd` (calendar first, then exceptions in file order). */
	activeOn(ymd: number): Uint8Array {
		const active = new Uint8Array(this.services.size);
		const wd = weekdayOfDay(ymdToDay(ymd));
		const c = this.cal;
		if (c)
			for (let i = 0; i < c.svc.n; i++)
				if (c.mask.a[i] & (1 << wd) && c.start.a[i] <= ymd && ymd <= c.end.a[i]) active[c.svc.a[i]] = 1;
		const x = this.ex;
		if (x) for (let i = 0; i < x.svc.n; i++) if (x.date.a[i] === ymd) active[x.svc.a[i]] = x.add.a[i];
		return active;
	}

	countOn(ymd: number): number {
		let n = 0;
		for (const v of this.activeOn(ymd)) n += v;
		return n;
	}
}

/** The feed's span of service days (YYYYMMDD integers); throws when it has none. */
export function validitySpan(cal: CalendarSink | null, dates: CalendarDatesSpan | null): { start: number; end: number } {
	const start = Math.min(cal?.min ?? Infinity, dates?.min ?? Infinity);
	const end = Math.max(cal?.max ?? -Infinity, dates?.max ?? -Infinity);
	if (!(end >= start))
		throw new GtfsError('no_service_dates', { de: 'Keine Betriebstage im Feed', en: 'The feed defines no service dates' }, { file: cal ? 'calendar.txt' : 'calendar_dates.txt' });
	return { start, end };
}

/**
 * Days that could stand for the feed: the Tuesdays of the 17 weeks around the middle of its validity
 * (a typical working day), then, for a feed without service on any of them (weekends only, a special
 * timetable), every other day of the middle four weeks.
 */
export function candidateDays(span: { start: number; end: number }): number[] {
	const mid = Math.floor((ymdToDay(span.start) + ymdToDay(span.end)) / 2);
	const tuesdays: number[] = [];
	const others: number[] = [];
	const inSpan = (ymd: number) => ymd >= span.start && ymd <= span.end;
	for (let k = -8; k <= 8; k++) {
		const d = mid + k * 7;
		const tue = dayToYmd(d + ((1 - weekdayOfDay(d) + 7) % 7));
		if (inSpan(tue)) tuesdays.push(tue);
	}
	for (let d = mid - 14; d < mid + 14; d++) {
		const ymd = dayToYmd(d);
		if (weekdayOfDay(d) !== 1 && inSpan(ymd)) others.push(ymd);
	}
	const out = [...tuesdays, ...others];
	if (out.length === 0) out.push(span.start);
	return out;
}

/** The Tuesday among the candidates with the most active services (the earliest on a tie); else any day that has some. */
export function representativeDay(cal: ServiceCalendar, candidates: number[]): number {
	let best = candidates[0], bestCount = -1;
	let other = -1, otherCount = 0;
	for (const d of candidates) {
		const n = cal.countOn(d);
		if (weekdayOfDay(ymdToDay(d)) !== 1) {
			if (n > otherCount) [other, otherCount] = [d, n];
		} else if (n > bestCount) [best, bestCount] = [d, n];
	}
	return bestCount > 0 || other < 0 ? best : other;
}

const WEEKDAY_DE = ['Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'];
const WEEKDAY_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The same weekday as `ymd`, nearest to it inside the span (or the nearer end of a span under a week). */
export function nearestValidWeekday(ymd: number, span: { start: number; end: number }): number {
	const d = ymdToDay(ymd), s = ymdToDay(span.start), e = ymdToDay(span.end);
	const wd = weekdayOfDay(d);
	let day = d < s ? s + ((wd - weekdayOfDay(s) + 7) % 7) : e - ((weekdayOfDay(e) - wd + 7) % 7);
	if (day < s || day > e) day = d < s ? s : e;
	return dayToYmd(day);
}

/** Refusal for a day outside the validity, proposing the nearest valid same weekday. */
export function outsideValidity(ymd: number, span: { start: number; end: number }): GtfsError {
	const sug = nearestValidWeekday(ymd, span);
	const wd = weekdayOfDay(ymdToDay(sug));
	return new GtfsError(
		'outside_validity',
		{
			de: `Der ${swissDate(ymd)} liegt ausserhalb der Gültigkeit des Fahrplans (${swissDate(span.start)}–${swissDate(span.end)}). Nächster gültiger ${WEEKDAY_DE[wd]}: ${swissDate(sug)}.`,
			en: `${isoDate(ymd)} is outside the timetable's validity (${isoDate(span.start)} to ${isoDate(span.end)}). Nearest valid ${WEEKDAY_EN[wd]}: ${isoDate(sug)}.`
		},
		{ file: 'calendar.txt' },
		{ requested: isoDate(ymd), validFrom: isoDate(span.start), validTo: isoDate(span.end), suggestion: isoDate(sug) }
	);
}
