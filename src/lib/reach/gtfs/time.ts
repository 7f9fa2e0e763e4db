/** GTFS time and date helpers. */

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
		} else if (c === 32) break;
		else return NaN;
	}
	if (part !== 2 || digits === 0 || m > 59 || sec > 59) return NaN;
	return h * 3600 + m * 60 + sec;
}

/** Format seconds after midnight as HH:MM (hours may exceed 24). */
export function formatTime(sec: number): string {
	if (!Number.isFinite(sec)) return '--:--';
	const m = Math.floor(sec / 60);
	return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** `2021-06-15` or `20210615` → `20210615`; throws on anything else. */
export function normalizeDate(d: string): string {
	const s = d.replace(/-/g, '');
	if (!/^\d{8}$/.test(s)) throw new Error(`Invalid date ${d}: expected YYYY-MM-DD`);
	return s;
}

/** Day of week of a YYYYMMDD date, 0 = Monday … 6 = Sunday. */
export function weekdayMon0(yyyymmdd: string): number {
	const y = +yyyymmdd.slice(0, 4), m = +yyyymmdd.slice(4, 6), d = +yyyymmdd.slice(6, 8);
	const js = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
	return (js + 6) % 7;
}
