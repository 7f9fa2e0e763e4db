/** Lease timeline geometry: dates to bar segments. Pure: no Svelte, no DOM. ISO dates (YYYY-MM-DD). */

export interface LeaseRow {
	/** Office name as shown. */
	label: string;
	/** Date the lease ends or can end at the earliest (ISO). */
	end: string;
	/** Start of the notice period (ISO): from here to `end` the bar is hatched. */
	noticeStart?: string;
	/** Space freed when the office is given up, m². */
	areaM2?: number;
}

export interface LeaseSegments {
	/** Bar start (today), ms since epoch. */
	start: number;
	/** Start of the hatched notice part, clamped to [start, end]. */
	notice: number;
	/** Bar end, never before start. */
	end: number;
	/** The lease already ended before today. */
	ended: boolean;
}

/** Milliseconds since epoch of an ISO date at 00:00 UTC. */
export function isoToTime(iso: string): number {
	const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
	if (Number.isNaN(t)) throw new Error(`not a date: ${iso}`);
	return t;
}

/** Segments of one row's bar: [start, notice) solid, [notice, end] hatched, clamped to start at today. */
export function leaseSegments(row: LeaseRow, today: string): LeaseSegments {
	const start = isoToTime(today);
	const rawEnd = isoToTime(row.end);
	const end = Math.max(start, rawEnd);
	const notice = row.noticeStart ? Math.min(end, Math.max(start, isoToTime(row.noticeStart))) : end;
	return { start, notice, end, ended: rawEnd < start };
}

/** ISO date `months` months before `iso` (day clamped to the month's length), for noticeStart. */
export function monthsBefore(iso: string, months: number): string {
	const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
	const total = y * 12 + (m - 1) - months;
	const ny = Math.floor(total / 12);
	const nm = total - ny * 12;
	const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
	return `${String(ny).padStart(4, '0')}-${String(nm + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Total m² freed by rows whose lease ends on or before `by` (all rows without `by`). */
export function freedArea(rows: readonly LeaseRow[], by?: string): number {
	const limit = by ? isoToTime(by) : Infinity;
	return rows.reduce((s, r) => s + (isoToTime(r.end) <= limit ? (r.areaM2 ?? 0) : 0), 0);
}
