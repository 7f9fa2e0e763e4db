import { describe, expect, it } from 'vitest';
import {
	besselToLv95,
	classifyPair,
	detectCoordSystem,
	lv03ToWgs84,
	lv95ToBessel,
	lv95ToWgs84,
	toWgs84,
	wgs84ToLv03,
	wgs84ToLv95
} from '../../src/lib/data/coords.ts';

const dms = (d: number, m: number, s: number) => d + m / 60 + s / 3600;
/** Metres per degree, enough to turn angle errors into ground distance. */
const M_PER_DEG_LAT = 111_200;
const M_PER_DEG_LON = 111_320 * Math.cos((47 * Math.PI) / 180);

describe('Swiss projection on the Bessel ellipsoid (rigorous formulas)', () => {
	it('maps the projection origin, Bern old observatory 46°57\'08.66" N 7°26\'22.50" E, to LV95 2600000/1200000', () => {
		// Definition of the projection (swisstopo, "Formulas and constants ...", 2016, section 1.4/3).
		const p = lv95ToBessel(2_600_000, 1_200_000);
		expect(Math.abs(p.lon - dms(7, 26, 22.5))).toBeLessThan(1e-9);
		expect(Math.abs(p.lat - dms(46, 57, 8.66))).toBeLessThan(1e-9);
		const en = besselToLv95(dms(7, 26, 22.5), dms(46, 57, 8.66));
		expect(Math.abs(en.e - 2_600_000)).toBeLessThan(0.001);
		expect(Math.abs(en.n - 1_200_000)).toBeLessThan(0.001);
	});

	it('reproduces swisstopo\'s worked example Rigi: 8°29\'11.11127154" / 47°03\'28.95659233" <-> E 2679520.05, N 1212273.44', () => {
		// swisstopo, "Formulas and constants for the calculation of the Swiss conformal cylindrical
		// projection ..." (Dec 2016), sections 3.2 and 3.3 (ellipsoidal CH1903+ <-> projection, Rigi).
		const en = besselToLv95(dms(8, 29, 11.11127154), dms(47, 3, 28.95659233));
		expect(Math.abs(en.e - 2679520.05)).toBeLessThan(0.005);
		expect(Math.abs(en.n - 1212273.44)).toBeLessThan(0.005);
		const ll = lv95ToBessel(2679520.05, 1212273.44);
		expect(Math.abs(ll.lon - dms(8, 29, 11.11127154)) * M_PER_DEG_LON).toBeLessThan(0.005);
		expect(Math.abs(ll.lat - dms(47, 3, 28.95659233)) * M_PER_DEG_LAT).toBeLessThan(0.005);
	});

	it('matches swisstopo\'s CH1903+ sample point 1 (7°40\'10.273359" E 47°34\'06.364313" N -> 2617300.623 / 1268506.596)', () => {
		// Sample data published with the Arc/Info parameters of CH1903+/LV95 (S. Voser, MapRef, source Landestopographie).
		const en = besselToLv95(dms(7, 40, 10.273359), dms(47, 34, 6.364313));
		expect(Math.abs(en.e - 2617300.623)).toBeLessThan(0.002);
		expect(Math.abs(en.n - 1268506.596)).toBeLessThan(0.002);
	});
});

/**
 * swisstopo's published approximate formulas (LV95 -> WGS84, about 1 m accuracy), written out here
 * as an independent check of the rigorous code over the whole country.
 */
function approxLv95ToWgs84(e: number, n: number) {
	const y = (e - 2_600_000) / 1e6;
	const x = (n - 1_200_000) / 1e6;
	const l = 2.6779094 + 4.728982 * y + 0.791484 * y * x + 0.1306 * y * x * x - 0.0436 * y ** 3;
	const p = 16.9023892 + 3.238272 * x - 0.270978 * y * y - 0.002528 * x * x - 0.0447 * y * y * x - 0.014 * x ** 3;
	return { lon: (l * 100) / 36, lat: (p * 100) / 36 };
}

describe('LV95 <-> WGS84 (projection + 3-parameter datum shift)', () => {
	it('agrees with swisstopo\'s approximate formulas (their error: < 1 m centrally, a few m at the borders)', () => {
		const dist = (e: number, n: number) => {
			const r = lv95ToWgs84(e, n);
			const a = approxLv95ToWgs84(e, n);
			return Math.hypot((r.lon - a.lon) * M_PER_DEG_LON, (r.lat - a.lat) * M_PER_DEG_LAT);
		};
		// Lucerne region (the app's area): within 1 m.
		for (const [e, n] of [[2_666_197, 1_211_393], [2_650_700, 1_224_700], [2_683_000, 1_248_000], [2_600_000, 1_200_000]]) expect(dist(e, n)).toBeLessThan(1);
		// Geneva and the Jura arc, far from the origin: within 2.5 m.
		for (const [e, n] of [[2_500_000, 1_118_000], [2_550_000, 1_250_000], [2_830_000, 1_180_000]]) expect(dist(e, n)).toBeLessThan(2.5);
	});

	it('reproduces swisstopo\'s reference point E 2700000 / N 1100000 -> 46°02\'38.87" N 8°43\'49.79" E', () => {
		// swisstopo, "Approximate formulas for the transformation between Swiss projection
		// coordinates and WGS84": the rigorous result quoted there for E 2 700 000, N 1 100 000,
		// h = 600 m. Published to 0.01" (±0.15 m); we stay within 0.006" (< 0.2 m).
		const w = lv95ToWgs84(2_700_000, 1_100_000, 600);
		expect(Math.abs(w.lat - dms(46, 2, 38.87)) * 3600).toBeLessThan(0.006);
		expect(Math.abs(w.lon - dms(8, 43, 49.79)) * 3600).toBeLessThan(0.006);
		// The same point the other way, with the published WGS84 height 650.60 m.
		const en = wgs84ToLv95(dms(8, 43, 49.79), dms(46, 2, 38.87), 650.6);
		expect(Math.abs(en.e - 2_700_000)).toBeLessThan(0.2);
		expect(Math.abs(en.n - 1_100_000)).toBeLessThan(0.2);
	});

	it('puts Bern\'s origin about 3.4" W and 4.8" S in WGS84 (datum shift direction and size)', () => {
		// The approximate formulas give 7°26'19.08" / 46°57'03.89" for this point (±0.1").
		const w = lv95ToWgs84(2_600_000, 1_200_000);
		expect(Math.abs(w.lon - dms(7, 26, 19.08)) * 3600).toBeLessThan(0.12);
		expect(Math.abs(w.lat - dms(46, 57, 3.89)) * 3600).toBeLessThan(0.12);
	});

	it('round-trips WGS84 -> LV95 -> WGS84 to < 1e-6° over Switzerland', () => {
		for (const [lon, lat] of [
			[8.3093, 47.0502], // Luzern
			[6.1432, 46.2044], // Genève
			[10.45, 46.6], // Val Müstair
			[8.54, 47.37], // Zürich
			[7.0, 47.8]
		]) {
			const en = wgs84ToLv95(lon, lat);
			const back = lv95ToWgs84(en.e, en.n);
			expect(Math.abs(back.lon - lon)).toBeLessThan(1e-6);
			expect(Math.abs(back.lat - lat)).toBeLessThan(1e-6);
			// And metres: < 0.1 m.
			expect(Math.hypot((back.lon - lon) * M_PER_DEG_LON, (back.lat - lat) * M_PER_DEG_LAT)).toBeLessThan(0.1);
		}
	});

	it('treats LV03 as LV95 minus 2\'000\'000 / 1\'000\'000', () => {
		const a = lv03ToWgs84(666_197, 211_393);
		const b = lv95ToWgs84(2_666_197, 1_211_393);
		expect(a).toEqual(b);
		const yx = wgs84ToLv03(a.lon, a.lat);
		// Heights default to 0 m in both directions: the round trip closes to about a millimetre.
		expect(Math.abs(yx.y - 666_197)).toBeLessThan(0.005);
		expect(Math.abs(yx.x - 211_393)).toBeLessThan(0.005);
	});
});

describe('coordinate system detection', () => {
	it('classifies single pairs', () => {
		expect(classifyPair(8.31, 47.05)).toBe('wgs84');
		expect(classifyPair(47.05, 8.31)).toBe('wgs84_swapped');
		expect(classifyPair(2_666_197, 1_211_393)).toBe('lv95');
		expect(classifyPair(1_211_393, 2_666_197)).toBe('lv95_swapped');
		expect(classifyPair(666_197, 211_393)).toBe('lv03');
		expect(classifyPair(211_393, 666_197)).toBe('lv03_swapped');
		expect(classifyPair(9.19, 45.46)).toBe('unknown'); // Milan
		expect(classifyPair(2_900_000, 1_100_000)).toBe('unknown');
	});

	it('detects LV95 put into lon/lat columns by majority and converts it', () => {
		const d = detectCoordSystem([2_666_197, 2_663_865, null, 9.19], [1_211_393, 1_209_542, 47, 45.46]);
		expect(d.system).toBe('lv95');
		expect(d.votes).toBe(2);
		const w = toWgs84(d.system, 2_666_197, 1_211_393)!;
		const a = approxLv95ToWgs84(2_666_197, 1_211_393);
		expect(Math.abs(w.lon - a.lon) * M_PER_DEG_LON).toBeLessThan(1.5);
		expect(Math.abs(w.lat - a.lat) * M_PER_DEG_LAT).toBeLessThan(1.5);
	});
});
