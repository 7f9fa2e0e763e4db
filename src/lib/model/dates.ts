/** Date helpers on ISO yyyy-mm-dd strings (UTC, no time zones). */

function parts(iso: string): [number, number, number] {
	const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
	if (!m) throw new Error(`not an ISO date: ${iso}`);
	return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Add whole months; the day is clamped to the month's last day (Jan 31 + 1 → Feb 28/29). */
export function addMonths(iso: string, months: number): string {
	const [y, m, d] = parts(iso);
	const total = y * 12 + (m - 1) + months;
	const ny = Math.floor(total / 12);
	const nm = total - ny * 12 + 1;
	const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
	return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/**
 * Years from a to b by the 30/360 convention (each month 30 days, day 31 counts as 30): whole
 * months are exact twelfths, which keeps hand-computed examples simple. Negative if b < a.
 */
export function yearsBetween(a: string, b: string): number {
	const [y1, m1, d1] = parts(a);
	const [y2, m2, d2] = parts(b);
	const dd1 = Math.min(d1, 30);
	const dd2 = d2 === 31 && dd1 === 30 ? 30 : d2;
	return (360 * (y2 - y1) + 30 * (m2 - m1) + (dd2 - dd1)) / 360;
}

/** A real calendar date YYYY-MM-DD (rejects 2026-02-30, newlines, anything else). */
export function isIsoDate(s: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function maxDate(a: string, b: string): string {
	return a >= b ? a : b;
}

export function yearOf(iso: string): number {
	return parts(iso)[0];
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** An ISO date for messages: Swiss German "01.01.2029", English "1 Jan 2029". */
export function dateText(iso: string): { de: string; en: string } {
	const [y, m, d] = parts(iso);
	return { de: `${String(d).padStart(2, '0')}.${String(m).padStart(2, '0')}.${y}`, en: `${d} ${MONTHS_EN[m - 1]} ${y}` };
}
