/**
 * Swiss coordinates: exact (rigorous) LV95 (EPSG:2056) / LV03 (EPSG:21781) <-> WGS84 conversion
 * and auto-detection of the coordinate system in two numeric columns.
 *
 * Method as in swisstopo, "Formulas and constants for the calculation of the Swiss conformal
 * cylindrical projection and for the transformation between coordinate systems" (2016):
 *  1. Swiss oblique conformal cylindrical projection (Rosenmund 1903) on the Bessel 1841 ellipsoid
 *     (plane E/N <-> CH1903+ ellipsoidal lon/lat), via the Gauss sphere;
 *  2. datum shift CH1903+ -> CHTRS95 (= WGS84 at metre level) as a 3-parameter translation of
 *     geocentric coordinates: dx = 674.374 m, dy = 15.056 m, dz = 405.346 m.
 * Accuracy: the projection is exact to < 1 mm; the 3-parameter shift is swisstopo's official
 * CH1903+ <-> CHTRS95 relation (sub-decimetre). Heights default to 0 m; ignoring the real height
 * moves lon/lat by less than 5 cm inside Switzerland.
 */

const RAD = Math.PI / 180;

// Bessel 1841
const BESSEL_A = 6377397.155;
const BESSEL_E2 = 0.006674372230614;
const BESSEL_E = Math.sqrt(BESSEL_E2);
// GRS80 (CHTRS95/ETRS89; identical to WGS84 at the millimetre level here)
const GRS80_A = 6378137.0;
const GRS80_E2 = 0.006694380023011;

/** Projection origin: old observatory of Bern, 46°57'08.66" N, 7°26'22.50" E (Bessel). */
const PHI0 = (46 + 57 / 60 + 8.66 / 3600) * RAD;
const LAMBDA0 = (7 + 26 / 60 + 22.5 / 3600) * RAD;
const E_OFFSET = 2_600_000;
const N_OFFSET = 1_200_000;

/** CH1903+ -> CHTRS95 geocentric translation (m). */
export const DATUM_SHIFT = { dx: 674.374, dy: 15.056, dz: 405.346 } as const;

// Derived projection constants (sphere radius, alpha, latitude of the origin on the sphere, K).
const R = (BESSEL_A * Math.sqrt(1 - BESSEL_E2)) / (1 - BESSEL_E2 * Math.sin(PHI0) ** 2);
const ALPHA = Math.sqrt(1 + (BESSEL_E2 / (1 - BESSEL_E2)) * Math.cos(PHI0) ** 4);
const B0 = Math.asin(Math.sin(PHI0) / ALPHA);
const K =
	Math.log(Math.tan(Math.PI / 4 + B0 / 2)) -
	ALPHA * Math.log(Math.tan(Math.PI / 4 + PHI0 / 2)) +
	((ALPHA * BESSEL_E) / 2) * Math.log((1 + BESSEL_E * Math.sin(PHI0)) / (1 - BESSEL_E * Math.sin(PHI0)));

export interface LonLat {
	lon: number;
	lat: number;
}
export interface EN {
	e: number;
	n: number;
}

/** CH1903+ ellipsoidal lon/lat (degrees, Bessel) -> LV95 E/N (m). Rigorous projection. */
export function besselToLv95(lon: number, lat: number): EN {
	const phi = lat * RAD;
	const lambda = lon * RAD;
	const sinPhi = Math.sin(phi);
	const S =
		ALPHA * Math.log(Math.tan(Math.PI / 4 + phi / 2)) -
		((ALPHA * BESSEL_E) / 2) * Math.log((1 + BESSEL_E * sinPhi) / (1 - BESSEL_E * sinPhi)) +
		K;
	const b = 2 * (Math.atan(Math.exp(S)) - Math.PI / 4);
	const l = ALPHA * (lambda - LAMBDA0);
	// Rotate the sphere so the origin sits on the equator of the oblique system.
	const lBar = Math.atan2(Math.sin(l), Math.sin(B0) * Math.tan(b) + Math.cos(B0) * Math.cos(l));
	const bBar = Math.asin(Math.cos(B0) * Math.sin(b) - Math.sin(B0) * Math.cos(b) * Math.cos(l));
	const y = R * lBar;
	const x = (R / 2) * Math.log((1 + Math.sin(bBar)) / (1 - Math.sin(bBar)));
	return { e: y + E_OFFSET, n: x + N_OFFSET };
}

/** LV95 E/N (m) -> CH1903+ ellipsoidal lon/lat (degrees, Bessel). Rigorous inverse projection. */
export function lv95ToBessel(e: number, n: number): LonLat {
	const y = e - E_OFFSET;
	const x = n - N_OFFSET;
	const lBar = y / R;
	const bBar = 2 * (Math.atan(Math.exp(x / R)) - Math.PI / 4);
	const b = Math.asin(Math.cos(B0) * Math.sin(bBar) + Math.sin(B0) * Math.cos(bBar) * Math.cos(lBar));
	const l = Math.atan2(Math.sin(lBar), Math.cos(B0) * Math.cos(lBar) - Math.sin(B0) * Math.tan(bBar));
	const lambda = LAMBDA0 + l / ALPHA;
	// Latitude on the ellipsoid from the sphere latitude: fixed-point iteration (converges in ~6 steps).
	let phi = b;
	for (let i = 0; i < 20; i++) {
		const S =
			(Math.log(Math.tan(Math.PI / 4 + b / 2)) - K) / ALPHA +
			BESSEL_E * Math.log(Math.tan(Math.PI / 4 + Math.asin(BESSEL_E * Math.sin(phi)) / 2));
		const next = 2 * Math.atan(Math.exp(S)) - Math.PI / 2;
		const done = Math.abs(next - phi) < 1e-14;
		phi = next;
		if (done) break;
	}
	return { lon: lambda / RAD, lat: phi / RAD };
}

function toGeocentric(lon: number, lat: number, h: number, a: number, e2: number): [number, number, number] {
	const phi = lat * RAD;
	const lambda = lon * RAD;
	const rn = a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
	return [
		(rn + h) * Math.cos(phi) * Math.cos(lambda),
		(rn + h) * Math.cos(phi) * Math.sin(lambda),
		(rn * (1 - e2) + h) * Math.sin(phi)
	];
}

function fromGeocentric(x: number, y: number, z: number, a: number, e2: number): LonLat & { h: number } {
	const p = Math.hypot(x, y);
	const lambda = Math.atan2(y, x);
	let phi = Math.atan2(z, p * (1 - e2));
	let h = 0;
	for (let i = 0; i < 20; i++) {
		const rn = a / Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
		h = p / Math.cos(phi) - rn;
		const next = Math.atan2(z, p * (1 - (e2 * rn) / (rn + h)));
		const done = Math.abs(next - phi) < 1e-14;
		phi = next;
		if (done) break;
	}
	return { lon: lambda / RAD, lat: phi / RAD, h };
}

/** CH1903+ (Bessel) lon/lat/h -> WGS84 (CHTRS95) lon/lat/h. */
export function besselToWgs84(lon: number, lat: number, h = 0): LonLat & { h: number } {
	const [x, y, z] = toGeocentric(lon, lat, h, BESSEL_A, BESSEL_E2);
	return fromGeocentric(x + DATUM_SHIFT.dx, y + DATUM_SHIFT.dy, z + DATUM_SHIFT.dz, GRS80_A, GRS80_E2);
}

/** WGS84 (CHTRS95) lon/lat/h -> CH1903+ (Bessel) lon/lat/h. */
export function wgs84ToBessel(lon: number, lat: number, h = 0): LonLat & { h: number } {
	const [x, y, z] = toGeocentric(lon, lat, h, GRS80_A, GRS80_E2);
	return fromGeocentric(x - DATUM_SHIFT.dx, y - DATUM_SHIFT.dy, z - DATUM_SHIFT.dz, BESSEL_A, BESSEL_E2);
}

/** LV95 E/N (m) -> WGS84 lon/lat (degrees). `h` = ellipsoidal height on Bessel (default 0 m). */
export function lv95ToWgs84(e: number, n: number, h = 0): LonLat {
	const b = lv95ToBessel(e, n);
	const w = besselToWgs84(b.lon, b.lat, h);
	return { lon: w.lon, lat: w.lat };
}

/** WGS84 lon/lat (degrees) -> LV95 E/N (m). `h` = ellipsoidal height on WGS84 (default 0 m). */
export function wgs84ToLv95(lon: number, lat: number, h = 0): EN {
	const b = wgs84ToBessel(lon, lat, h);
	return besselToLv95(b.lon, b.lat);
}

/** LV03 y/x (EPSG:21781, 6-digit) -> WGS84. LV03 = LV95 minus 2'000'000 / 1'000'000 (ignoring the
 * up-to-1.6 m LV03 network distortion, which only the FINELTRA grid would remove). */
export function lv03ToWgs84(y: number, x: number, h = 0): LonLat {
	return lv95ToWgs84(y + 2_000_000, x + 1_000_000, h);
}

/** WGS84 -> LV03 y/x (see lv03ToWgs84 for the caveat). */
export function wgs84ToLv03(lon: number, lat: number, h = 0): { y: number; x: number } {
	const { e, n } = wgs84ToLv95(lon, lat, h);
	return { y: e - 2_000_000, x: n - 1_000_000 };
}

// ---------------------------------------------------------------- auto-detection

/** What two numeric columns most likely hold. `unknown`: no consistent interpretation. */
export type CoordSystem = 'wgs84' | 'wgs84_swapped' | 'lv95' | 'lv95_swapped' | 'lv03' | 'lv03_swapped' | 'unknown';

/** Each system as the user reads it (import messages, the data page). */
export const SYSTEM_LABEL: Record<CoordSystem, { de: string; en: string }> = {
	wgs84: { de: 'WGS84', en: 'WGS84' },
	wgs84_swapped: { de: 'WGS84 (Länge/Breite vertauscht)', en: 'WGS84 (lon/lat swapped)' },
	lv95: { de: 'LV95 (EPSG:2056)', en: 'LV95 (EPSG:2056)' },
	lv95_swapped: { de: 'LV95 (E/N vertauscht)', en: 'LV95 (E/N swapped)' },
	lv03: { de: 'LV03 (EPSG:21781)', en: 'LV03 (EPSG:21781)' },
	lv03_swapped: { de: 'LV03 (y/x vertauscht)', en: 'LV03 (y/x swapped)' },
	unknown: { de: '?', en: '?' }
};

/** Plausible ranges for Switzerland (inclusive). */
export const RANGES = {
	wgs84: { lon: [5.9, 10.6], lat: [45.8, 47.9] },
	lv95: { e: [2_480_000, 2_840_000], n: [1_070_000, 1_300_000] },
	lv03: { y: [480_000, 840_000], x: [70_000, 300_000] }
} as const;

const inRange = (v: number, r: readonly [number, number]) => v >= r[0] && v <= r[1];

/** Classify one pair (a = first column, b = second column, e.g. lon/lat or E/N). */
export function classifyPair(a: number, b: number): CoordSystem {
	if (!Number.isFinite(a) || !Number.isFinite(b)) return 'unknown';
	if (inRange(a, RANGES.wgs84.lon) && inRange(b, RANGES.wgs84.lat)) return 'wgs84';
	if (inRange(b, RANGES.wgs84.lon) && inRange(a, RANGES.wgs84.lat)) return 'wgs84_swapped';
	if (inRange(a, RANGES.lv95.e) && inRange(b, RANGES.lv95.n)) return 'lv95';
	if (inRange(b, RANGES.lv95.e) && inRange(a, RANGES.lv95.n)) return 'lv95_swapped';
	if (inRange(a, RANGES.lv03.y) && inRange(b, RANGES.lv03.x)) return 'lv03';
	if (inRange(b, RANGES.lv03.y) && inRange(a, RANGES.lv03.x)) return 'lv03_swapped';
	return 'unknown';
}

/**
 * Decide the coordinate system of two numeric columns from their values: the system that the
 * majority of classifiable rows agree on (rows outside every range do not vote; they are reported
 * later as points outside Switzerland). Returns the share of rows that agree.
 */
export function detectCoordSystem(a: ArrayLike<number | null>, b: ArrayLike<number | null>): { system: CoordSystem; share: number; votes: number } {
	const counts = new Map<CoordSystem, number>();
	let votes = 0;
	for (let i = 0; i < a.length; i++) {
		const x = a[i];
		const y = b[i];
		if (x === null || y === null || x === undefined || y === undefined) continue;
		const s = classifyPair(x, y);
		if (s === 'unknown') continue;
		votes++;
		counts.set(s, (counts.get(s) ?? 0) + 1);
	}
	let best: CoordSystem = 'unknown';
	let n = 0;
	for (const [s, c] of counts) if (c > n) [best, n] = [s, c];
	return { system: best, share: votes ? n / votes : 0, votes };
}

/** Convert one pair in a detected system to WGS84 lon/lat; null if the system is unknown. */
export function toWgs84(system: CoordSystem, a: number, b: number): LonLat | null {
	switch (system) {
		case 'wgs84':
			return { lon: a, lat: b };
		case 'wgs84_swapped':
			return { lon: b, lat: a };
		case 'lv95':
			return lv95ToWgs84(a, b);
		case 'lv95_swapped':
			return lv95ToWgs84(b, a);
		case 'lv03':
			return lv03ToWgs84(a, b);
		case 'lv03_swapped':
			return lv03ToWgs84(b, a);
		default:
			return null;
	}
}

/** True if lon/lat lies in the WGS84 box around Switzerland used by the importer. */
export function inSwissBox(lon: number, lat: number): boolean {
	return inRange(lon, RANGES.wgs84.lon) && inRange(lat, RANGES.wgs84.lat);
}
