/**
 * Assumed public-transport lines of the approximate Lucerne network: REAL stop names (DIDOK 2016),
 * ASSUMED routings, headways and speeds (general knowledge of the S-Bahn Luzern and VBL network, not the
 * official timetable). See data/networks/README.md.
 */

export interface LineDef {
	id: string;
	/** GTFS route_type: 2 rail, 3 bus. */
	type: 2 | 3;
	/** Minutes between departures, each direction, 05:00–24:00. */
	headwayMin: number;
	/** Commercial speed between stops on the straight line × detour, km/h (before dwell). */
	speedKmh: number;
	stops: string[];
}

const rail = (id: string, headwayMin: number, speedKmh: number, stops: string[]): LineDef => ({ id, type: 2, headwayMin, speedKmh, stops });
const bus = (id: string, headwayMin: number, speedKmh: number, stops: string[]): LineDef => ({ id, type: 3, headwayMin, speedKmh, stops });

export const LINES: LineDef[] = [
	// Long-distance and regional express trains (few stops, high speed).
	rail('IR Luzern–Olten', 30, 85, ['Luzern', 'Sursee', 'Zofingen', 'Olten']),
	rail('IR Luzern–Zug', 30, 80, ['Luzern', 'Rotkreuz', 'Zug']),
	rail('RE Luzern–Entlebuch', 60, 65, ['Luzern', 'Malters', 'Wolhusen', 'Entlebuch', 'Schüpfheim', 'Escholzmatt', 'Wiggen']),
	// S-Bahn Luzern.
	rail('S1 Luzern–Sursee', 30, 60, ['Luzern', 'Emmenbrücke', 'Rothenburg Dorf', 'Rothenburg', 'Sempach-Neuenkirch', 'Nottwil', 'Oberkirch', 'Sursee']),
	rail('S1 Luzern–Zug', 30, 55, ['Luzern', 'Ebikon', 'Root D4', 'Gisikon-Root', 'Rotkreuz', 'Zug']),
	rail('S8 Sursee–Zofingen', 60, 60, ['Sursee', 'St. Erhard-Knutwil', 'Wauwil', 'Nebikon', 'Dagmersellen', 'Reiden', 'Brittnau-Wikon', 'Zofingen']),
	rail('S9 Seetal', 30, 45, ['Luzern', 'Emmenbrücke', 'Waldibrücke', 'Eschenbach', 'Ballwil', 'Hochdorf Schönau', 'Hochdorf', 'Baldegg Kloster', 'Baldegg', 'Gelfingen', 'Hitzkirch', 'Ermensee', 'Mosen', 'Lenzburg']),
	rail('S6 Luzern–Willisau', 30, 55, ['Luzern', 'Littau', 'Malters', 'Schachen LU', 'Werthenstein', 'Wolhusen', 'Menznau', 'Willisau']),
	rail('S7 Willisau–Huttwil', 60, 55, ['Willisau', 'Gettnau', 'Huttwil']),
	rail('S3 Luzern–Küssnacht', 30, 50, ['Luzern', 'Luzern Verkehrshaus', 'Meggen Zentrum', 'Meggen', 'Küssnacht am Rigi']),
	rail('S4/S5 Zentralbahn', 15, 45, ['Luzern', 'Luzern Allmend/Messe', 'Kriens Mattenhof', 'Horw', 'Hergiswil']),
	// City buses (VBL), urban speed incl. traffic.
	bus('1', 8, 17, ['Kriens, Busschleife', 'Kriens, Zentrum Pilatus', 'Kriens, Grosshofstrasse', 'Luzern, Eichhof', 'Luzern, Pilatusplatz', 'Luzern, Bahnhof', 'Luzern, Kantonalbank', 'Luzern, Maihof', 'Ebikon, Bahnhof']),
	bus('2', 8, 17, ['Luzern, Bahnhof', 'Luzern, Kantonalbank', 'Luzern, Kreuzstutz', 'Reussbühl, Fluhmühle', 'Emmenbrücke, Seetalplatz', 'Emmenbrücke, Bahnhof', 'Emmenbrücke, Sprengi']),
	bus('6', 10, 17, ['Luzern, Bahnhof', 'Luzern, Schwanenplatz', 'Luzern, Verkehrshaus/Lido', 'Luzern, Würzenbach']),
	bus('12', 10, 18, ['Luzern, Bahnhof', 'Luzern, Kreuzstutz', 'Littau, Bahnhof', 'Littau, Dorf']),
	bus('14', 10, 18, ['Luzern, Bahnhof', 'Luzern, Pilatusplatz', 'Horw, Zentrum', 'Horw, Bahnhof']),
	bus('18', 15, 18, ['Luzern, Bahnhof', 'Luzern, Kantonalbank', 'Luzern, Kantonsspital', 'Emmen, Kirche']),
	bus('22', 15, 20, ['Ebikon, Bahnhof', 'Ebikon, Schindler', 'Root, Dorf', 'Root D4'])
];

/** Regional feeder buses: every zone without a served stop nearby gets one (rules in build script). */
export const FEEDER = {
	/** A zone counts as served when a line stop lies within this distance of its centroid. */
	servedWithinM: 1500,
	/** The feeder starts at the stop nearest to the centroid, if within this distance. */
	maxStopFromCentroidM: 3000,
	speedKmh: 30,
	headwayMinLarge: 30,
	headwayMinSmall: 60,
	/** Population from which a feeder runs every 30 minutes. */
	largePopulation: 3000,
	/** Buses call at real stops within this distance of the straight line between their listed stops. */
	corridorM: 250
};

/** Straight line → track/road distance. */
export const DETOUR = { rail: 1.15, bus: 1.3 };
/** Dwell time per intermediate stop, seconds. */
export const DWELL_SEC = { rail: 40, bus: 20 };
/** Service span (seconds after midnight) and calendar. */
export const SERVICE = { firstSec: 5 * 3600, lastSec: 24 * 3600, start: '20260101', end: '20261231' };
