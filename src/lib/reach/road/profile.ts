/**
 * The car profile: which roads a car may use, how fast, in which direction, and the peak-hour factor.
 * All numbers are documented in README.md beside this file.
 */

/** Default free-flow speed per highway class in km/h, used when a way has no usable maxspeed. */
export const DEFAULT_SPEED_KMH: Readonly<Record<string, number>> = {
	motorway: 120,
	motorway_link: 60,
	trunk: 80,
	trunk_link: 50,
	primary: 70,
	primary_link: 40,
	secondary: 60,
	secondary_link: 40,
	tertiary: 50,
	tertiary_link: 30,
	unclassified: 40,
	residential: 30,
	living_street: 15,
	service: 20
};

/**
 * Peak-hour factor per class: the share of the free-flow speed a car reaches in the morning peak.
 * Travel time = length / (speed × factor). A factor of 1 means free-flow.
 */
export const PEAK_FACTOR: Readonly<Record<string, number>> = {
	motorway: 0.75,
	motorway_link: 0.75,
	trunk: 0.75,
	trunk_link: 0.8,
	primary: 0.8,
	primary_link: 0.8,
	secondary: 0.85,
	secondary_link: 0.85,
	tertiary: 0.85,
	tertiary_link: 0.85,
	unclassified: 0.9,
	residential: 0.9,
	living_street: 0.9,
	service: 0.9
};

/**
 * Peak-hour factor on roads inside built-up areas (posted urban limit or 30 zone, see isUrbanWay): town
 * streets lose more time in the morning peak than the class average (signals, junctions, queues). 0.7 =
 * +43 % time over free flow, the order of the morning-peak congestion reported for Swiss cities by traffic
 * indices (general knowledge, not a cited figure). The lower of this and the class factor applies.
 */
export const URBAN_PEAK_FACTOR = 0.7;

/** Speeds implied by country-coded maxspeed values (e.g. CH:urban), in km/h. */
const IMPLICIT_MAXSPEED: Readonly<Record<string, number>> = {
	urban: 50,
	rural: 80,
	trunk: 100,
	motorway: 120,
	living_street: 20,
	zone20: 20,
	zone30: 30,
	walk: 6
};

/** Access values that shut a road for private cars. */
const NO_ACCESS = new Set(['no', 'private', 'agricultural', 'forestry', 'emergency', 'psv', 'bus', 'military']);

export interface CarProfileOptions {
	/** Include highway=service (driveways, parking aisles excluded are still service). Default true. */
	includeService?: boolean;
	/** Apply the peak-hour factors. Default true; false = free-flow. */
	peak?: boolean;
	/** Override speeds per class (km/h). */
	speedKmh?: Partial<Record<string, number>>;
	/** Override peak factors per class. */
	peakFactor?: Partial<Record<string, number>>;
	/** Use a way's maxspeed tag when present. Default true. */
	useMaxspeed?: boolean;
	/** Share of a tagged maxspeed that is driven (OSRM's car profile uses 0.8). Default 1. */
	maxspeedFactor?: number;
	/** Peak factor for roads inside built-up areas (isUrbanWay); default URBAN_PEAK_FACTOR, 1 turns it off. */
	urbanPeakFactor?: number;
}

/** Direction a car may drive a way in: 1 along, -1 against, 0 both, null not at all. */
export type Direction = 1 | -1 | 0 | null;

/** Whether the profile keeps this highway class at all. */
export function isCarHighway(highway: string | undefined, includeService = true): boolean {
	if (!highway) return false;
	if (highway === 'service') return includeService;
	return highway in DEFAULT_SPEED_KMH;
}

/** True when the most specific access tag for motor cars forbids them. */
export function isAccessDenied(tags: Record<string, string>): boolean {
	for (const key of ['motorcar', 'motor_vehicle', 'vehicle', 'access']) {
		const v = tags[key];
		if (v !== undefined) return NO_ACCESS.has(v);
	}
	return false;
}

/**
 * Allowed driving direction from oneway/junction/highway. Roundabouts (junction=roundabout|circular)
 * and motorways/motorway links are one-way unless tagged oneway=no; reversible/alternating ways are dropped.
 */
export function carDirection(tags: Record<string, string>): Direction {
	const ow = tags.oneway?.trim().toLowerCase();
	if (ow === 'yes' || ow === '1' || ow === 'true') return 1;
	if (ow === '-1' || ow === 'reverse') return -1;
	if (ow === 'reversible' || ow === 'alternating') return null;
	if (ow === 'no' || ow === '0' || ow === 'false') return 0;
	const j = tags.junction;
	if (j === 'roundabout' || j === 'circular') return 1;
	if (tags.highway === 'motorway' || tags.highway === 'motorway_link') return 1;
	return 0;
}

/**
 * Parse an OSM maxspeed value into km/h: "50", "50 km/h", "30 mph", "CH:urban", "CH:motorway",
 * "walk"; for "a;b" the first value counts. Returns null for "none", "signals" or unparsable values.
 */
export function parseMaxspeed(value: string | undefined): number | null {
	if (!value) return null;
	const v = value.split(';')[0].trim().toLowerCase();
	const num = /^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph|knots)?$/.exec(v);
	if (num) {
		const n = Number(num[1]);
		if (!(n > 0)) return null;
		return num[2] === 'mph' ? n * 1.609344 : num[2] === 'knots' ? n * 1.852 : n;
	}
	const coded = /^[a-z]{2}(?:-[a-z0-9]+)?:(.+)$/.exec(v);
	const key = (coded ? coded[1] : v).replace(/[^a-z0-9_]/g, '');
	if (key in IMPLICIT_MAXSPEED) return IMPLICIT_MAXSPEED[key];
	const zone = /^zone:?(\d+)$/.exec(key);
	if (zone) return Number(zone[1]);
	return null;
}

/**
 * True for a way inside a built-up area as OSM tags it: an implicit urban limit or 30 zone in `maxspeed`,
 * `maxspeed:type` or `source:maxspeed` ("CH:urban", "CH:zone30", "zone:30"), or any `zone:maxspeed` ("CH:30").
 */
export function isUrbanWay(tags: Record<string, string>): boolean {
	if (tags['zone:maxspeed']?.trim()) return true;
	for (const key of ['maxspeed', 'maxspeed:type', 'source:maxspeed']) {
		const v = tags[key]?.trim().toLowerCase();
		if (v && /^(?:[a-z]{2}:)?(?:urban|zone:?\d+)$/.test(v)) return true;
	}
	return false;
}

/** Effective speed in metres per second for a way, after maxspeed and peak factor. */
export function carSpeedMs(tags: Record<string, string>, opts: CarProfileOptions = {}): number {
	const hw = tags.highway;
	const classSpeed = opts.speedKmh?.[hw] ?? DEFAULT_SPEED_KMH[hw] ?? 30;
	const tagged = opts.useMaxspeed === false ? null : parseMaxspeed(tags.maxspeed);
	const kmh = tagged === null ? classSpeed : tagged * (opts.maxspeedFactor ?? 1);
	let factor = opts.peak === false ? 1 : (opts.peakFactor?.[hw] ?? PEAK_FACTOR[hw] ?? 0.9);
	if (opts.peak !== false && isUrbanWay(tags)) factor = Math.min(factor, opts.urbanPeakFactor ?? URBAN_PEAK_FACTOR);
	return (kmh * factor) / 3.6;
}
