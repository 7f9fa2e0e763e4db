/**
 * Assumed road model of the approximate Lucerne network: real motorway corridors with approximate
 * waypoints, and a regional road mesh between municipality centroids. See data/networks/README.md.
 */

/** Motorways as waypoint chains [lon, lat] (approximate junction positions, WGS84). */
export const MOTORWAYS: { ref: string; name: string; maxspeed: number; points: [number, number][] }[] = [
	{
		ref: 'A2',
		name: 'A2 Zofingen–Luzern–Stans',
		maxspeed: 120,
		points: [
			[7.946, 47.275], // Reiden
			[7.992, 47.213], // Dagmersellen
			[8.094, 47.167], // Sursee
			[8.186, 47.127], // Sempach
			[8.261, 47.094], // Emmen Nord
			[8.283, 47.072], // Emmen Süd
			[8.295, 47.057], // Luzern Zentrum
			[8.298, 47.036], // Luzern-Kriens (Sonnenberg portal, Eichhof-West)
			[8.299, 47.012], // Horw
			[8.306, 46.987], // Hergiswil
			[8.364, 46.958] // Stans Nord
		]
	},
	{
		ref: 'A14',
		name: 'A14 Rotsee–Rotkreuz–Zug',
		maxspeed: 120,
		points: [
			[8.295, 47.057], // Luzern Zentrum (shared with A2)
			[8.318, 47.076], // Rotsee
			[8.352, 47.094], // Buchrain
			[8.399, 47.128], // Gisikon-Root
			[8.432, 47.142], // Rotkreuz
			[8.489, 47.161] // Cham/Zug
		]
	},
	{
		ref: 'A8',
		name: 'A8 Hergiswil–Sarnen',
		maxspeed: 100,
		points: [
			[8.306, 46.987], // Hergiswil (shared with A2)
			[8.277, 46.941], // Alpnach
			[8.25, 46.9] // Sarnen
		]
	}
];

/** Regional mesh: each zone centroid links to its k nearest neighbours unless the link crosses a lake. */
export const MESH = { k: 4, maxLinkKm: 12, highway: 'secondary', postedKmh: 70 };
/** Urban zones (population ≥ this) get 50 km/h links. */
export const URBAN = { population: 10000, postedKmh: 50 };
/** Straight segments are shorter than roads: effective speed = posted / detour. */
export const ROAD_DETOUR = 1.25;
