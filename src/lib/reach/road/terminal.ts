/**
 * Terminal times of a car trip: the minutes at both ends that the road network does not show — at the
 * origin walking to the car and leaving the garage or street, at the destination finding a parking space
 * and walking to the door. They grow with the built-up density around the end, so each end gets the class
 * of its municipality (zone) by residents per km². Values and their basis: README.md beside this file.
 */

export type AreaClass = 'core' | 'urban' | 'suburban' | 'rural';

/** Lowest density (residents per km² of the municipality) of each class, densest first. */
export const AREA_CLASS_MIN_DENSITY: ReadonlyArray<readonly [AreaClass, number]> = [
	['core', 2500],
	['urban', 1000],
	['suburban', 300],
	['rural', 0]
];

export interface TerminalMinutes {
	origin: number;
	destination: number;
}

/** Default terminal minutes per class (general-knowledge estimates, see README.md). */
export const TERMINAL_MINUTES: Readonly<Record<AreaClass, TerminalMinutes>> = {
	core: { origin: 3, destination: 5 },
	urban: { origin: 2, destination: 3 },
	suburban: { origin: 1.5, destination: 2 },
	rural: { origin: 1, destination: 1 }
};

/** Class of a zone without population or area. */
export const DEFAULT_AREA_CLASS: AreaClass = 'suburban';

/** The class of a density in residents per km² (DEFAULT_AREA_CLASS when unknown). */
export function areaClass(perKm2: number | null | undefined): AreaClass {
	if (perKm2 === null || perKm2 === undefined || !Number.isFinite(perKm2)) return DEFAULT_AREA_CLASS;
	for (const [c, min] of AREA_CLASS_MIN_DENSITY) if (perKm2 >= min) return c;
	return 'rural';
}

/** A zone as the matrix gets it; population and area are optional (schema: zones). */
export interface TerminalZone {
	zone_id: number;
	lon: number;
	lat: number;
	/** May arrive as a bigint from a database column. */
	population?: number | bigint | null;
	area_km2?: number | null;
}

export interface TerminalOptions {
	/** Override the minutes of some classes. */
	minutes?: Partial<Record<AreaClass, TerminalMinutes>>;
}

const densityOf = (z: TerminalZone) => (z.population != null && z.area_km2 != null && Number(z.area_km2) > 0 ? Number(z.population) / Number(z.area_km2) : null);

/**
 * Terminal minutes for the ends of car trips among a set of zones: an origin zone by its own density; a
 * destination by the density of its zone when its zone_id is one of the zones, else of the zone whose point
 * (settlement point or centroid) is nearest.
 */
export class TerminalModel {
	private readonly classes: AreaClass[];
	private readonly byId: Map<number, number>;
	private readonly minutes: Record<AreaClass, TerminalMinutes>;

	constructor(
		private readonly zones: TerminalZone[],
		opts: TerminalOptions = {}
	) {
		this.classes = zones.map((z) => areaClass(densityOf(z)));
		this.byId = new Map(zones.map((z, i) => [z.zone_id, i]));
		this.minutes = { ...TERMINAL_MINUTES, ...opts.minutes };
	}

	/** Class of zone number `i` (in the order given). */
	zoneClass(i: number): AreaClass {
		return this.classes[i];
	}

	/** Origin terminal minutes per zone, in the order given. */
	originMinutes(): Float64Array {
		return Float64Array.from(this.classes, (c) => this.minutes[c].origin);
	}

	/** Class of a point: its zone's when known, else the nearest zone point's (DEFAULT_AREA_CLASS without zones). */
	classAt(p: { lon: number; lat: number; zone_id?: number | null }): AreaClass {
		const known = p.zone_id != null ? this.byId.get(p.zone_id) : undefined;
		if (known !== undefined) return this.classes[known];
		let best = -1;
		let bestD = Infinity;
		const k = Math.cos((p.lat * Math.PI) / 180);
		for (let i = 0; i < this.zones.length; i++) {
			const dx = (this.zones[i].lon - p.lon) * k;
			const dy = this.zones[i].lat - p.lat;
			const d = dx * dx + dy * dy;
			if (d < bestD) [best, bestD] = [i, d];
		}
		return best < 0 ? DEFAULT_AREA_CLASS : this.classes[best];
	}

	/** Destination terminal minutes at a point. */
	destinationMinutes(p: { lon: number; lat: number; zone_id?: number | null }): number {
		return this.minutes[this.classAt(p)].destination;
	}

	/** Origin terminal minutes at a point (for points that are not zones, e.g. grid cells of an isochrone). */
	originMinutesAt(p: { lon: number; lat: number; zone_id?: number | null }): number {
		return this.minutes[this.classAt(p)].origin;
	}
}
