/** GTFS time and date helpers. */

/** The latest hour a GTFS time may give: a trip of a service day ends within its week (GTFS allows hours past 24; more would wrap the timetable's 32-bit seconds). */
export const MAX_HOURS = 168;

/** Parse `H:MM:SS` / `HH:MM:SS` (hours may exceed 24) to seconds; returns -1 for empty, NaN for malformed. */
export function parseGtfsTime(s: string): number {
	const n = s.length;
	if (n === 0) return -1;
	let i = 0;
	while (i < n && s.charCodeAt(i) === 32) i++;
	if (i === n) return -1;
	let h = 0, m = 0, sec = 0, part = 0, digits = 0;
	for (; i < n; i++) {
		const c = s.charCodeAt(i);
		if (c >= 48 && c <= 57) {
			const d = c - 48;
			if (part === 0) h = h * 10 + d;
			else if (part === 1) m = m * 10 + d;
			else sec = sec * 10 + d;
			digits++;
		} else if (c === 58 /* : */) {
			if (digits === 0) return NaN;
			part++;
			digits = 0;
			if (part > 2) return NaN;
		} else if (c === 32) {
			// Spaces may end the field; anything after them is no time («06:03:00 xyz»).
			while (i < n && s.charCodeAt(i) === 32) i++;
			if (i < n) return NaN;
			break;
		} else return NaN;
	}
	if (part !== 2 || digits === 0 || m > 59 || sec > 59 || h > MAX_HOURS) return NaN;
	return h * 3600 + m * 60 + sec;
}

/** Format seconds after midnight as HH:MM, or HH:MM:SS as GTFS writes them (hours may exceed 24). */
export function formatTime(sec: number, seconds = false): string {
	if (!Number.isFinite(sec)) return seconds ? '--:--:--' : '--:--';
	const m = Math.floor(sec / 60);
	const hm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
	return seconds ? `${hm}:${String(Math.floor(sec) % 60).padStart(2, '0')}` : hm;
}

/** `2021-06-15` or `20210615` → `20210615`; throws on anything else, a day the calendar has not (2026-02-30) included. */
export function normalizeDate(d: string): string {
	const s = d.replace(/-/g, '');
	if (!/^\d{8}$/.test(s)) throw new Error(`Invalid date ${d}: expected YYYY-MM-DD`);
	const [y, m, day] = [+s.slice(0, 4), +s.slice(4, 6), +s.slice(6, 8)];
	const t = new Date(Date.UTC(y, m - 1, day));
	if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== day) throw new Error(`Invalid date ${d}: no such day`);
	return s;
}

/** Day of week of a YYYYMMDD date, 0 = Monday … 6 = Sunday. */
export function weekdayMon0(yyyymmdd: string): number {
	const y = +yyyymmdd.slice(0, 4), m = +yyyymmdd.slice(4, 6), d = +yyyymmdd.slice(6, 8);
	const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
	return (js + 6) % 7;
}
