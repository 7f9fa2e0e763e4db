/**
 * Assumed road model of the approximate Lucerne network. See data/networks/README.md.
 *
 * REAL: the motorway corridors and which towns the main roads connect. APPROXIMATE: junction positions
 * (general knowledge, about ±1 km), straight segments between waypoints, representative speeds.
 *
 * Waypoint tokens in main-road chains:
 *   "Sursee"            a zone (municipality) by name: its settlement point (data/demo/zones.csv)
 *   "J:sursee"          a motorway junction below (the road joins the motorway there)
 *   "@Meggen Zentrum"   a DIDOK stop's coordinate (used to route around lakes)
 */

export interface Junction {
	id: string;
	name: string;
	lon: number;
	lat: number;
}

export interface Motorway {
	ref: string;
	name: string;
	/** Junction ids in driving order; `kmh[i]` is the posted speed from points[i] to points[i + 1]. */
	points: string[];
	kmh: number[];
}

const j = (id: string, name: string, lon: number, lat: number): Junction => ({ id, name, lon, lat });

/** Motorway junctions and interchanges, approximate WGS84 positions. */
export const JUNCTIONS: Junction[] = [
	// A2 north of Luzern
	j('wiggertal', 'Verzweigung Wiggertal (A1/A2)', 7.915, 47.296),
	j('reiden', 'Anschluss Reiden', 7.966, 47.245),
	j('dagmersellen', 'Anschluss Dagmersellen', 7.992, 47.212),
	j('sursee', 'Anschluss Sursee', 8.09, 47.16),
	j('sempach', 'Anschluss Sempach', 8.198, 47.108),
	j('emmen_nord', 'Anschluss Emmen Nord', 8.263, 47.09),
	j('rotsee', 'Verzweigung Rotsee / Emmen Süd (A2/A14)', 8.283, 47.068),
	j('luzern_zentrum', 'Anschluss Luzern-Zentrum (Reussport)', 8.294, 47.054),
	j('luzern_kriens', 'Anschluss Luzern-Kriens (Sonnenbergtunnel)', 8.297, 47.036),
	j('horw', 'Anschluss Luzern-Horw', 8.3, 47.014),
	j('hergiswil', 'Anschluss Hergiswil', 8.308, 46.99),
	j('lopper', 'Verzweigung Lopper (A2/A8)', 8.318, 46.973),
	j('stansstad', 'Anschluss Stansstad', 8.336, 46.971),
	j('stans_nord', 'Anschluss Stans-Nord', 8.36, 46.961),
	j('stans_sued', 'Anschluss Stans-Süd', 8.385, 46.951),
	j('buochs', 'Anschluss Buochs', 8.42, 46.968),
	j('beckenried', 'Anschluss Beckenried (Seelisbergtunnel Nord)', 8.475, 46.964),
	j('seedorf', 'Seelisbergtunnel Süd / Anschluss Flüelen', 8.615, 46.892),
	j('altdorf', 'Anschluss Altdorf', 8.632, 46.874),
	j('erstfeld', 'Anschluss Erstfeld', 8.65, 46.825),
	// A1 (edge of the region)
	j('rothrist', 'Anschluss Rothrist', 7.875, 47.302),
	j('aarau_west', 'Anschluss Aarau-West (Oftringen)', 7.955, 47.33),
	j('aarau_ost', 'Anschluss Aarau-Ost', 8.12, 47.385),
	j('lenzburg', 'Anschluss Lenzburg', 8.19, 47.405),
	// A14 / A4 / A4a
	j('buchrain', 'Anschluss Buchrain', 8.35, 47.097),
	j('gisikon', 'Anschluss Gisikon-Root', 8.4, 47.118),
	j('ruetihof', 'Verzweigung Rütihof (A4/A14), Rotkreuz', 8.432, 47.146),
	j('blegi', 'Verzweigung Blegi (A4/A4a)', 8.445, 47.168),
	j('knonau', 'Anschluss Knonau', 8.462, 47.225),
	j('cham', 'Anschluss Cham', 8.47, 47.18),
	j('zug', 'Anschluss Zug / Baar', 8.515, 47.19),
	j('kuessnacht', 'Anschluss Küssnacht', 8.447, 47.088),
	j('arth', 'Anschluss Arth', 8.515, 47.063),
	j('goldau', 'Anschluss Goldau', 8.555, 47.046),
	j('schwyz', 'Anschluss Schwyz / Seewen', 8.615, 47.03),
	j('brunnen', 'Anschluss Brunnen', 8.61, 47.0),
	// A8
	j('alpnach', 'Anschluss Alpnach', 8.28, 46.945),
	j('sarnen_nord', 'Anschluss Sarnen-Nord', 8.25, 46.905),
	j('sarnen_sued', 'Anschluss Sarnen-Süd', 8.244, 46.888),
	j('sachseln', 'Anschluss Sachseln', 8.236, 46.866),
	j('giswil', 'Giswil (Ende Autostrasse)', 8.19, 46.838)
];

export const MOTORWAYS: Motorway[] = [
	{
		ref: 'A2',
		name: 'A2 Wiggertal–Sursee–Luzern',
		points: ['wiggertal', 'reiden', 'dagmersellen', 'sursee', 'sempach', 'emmen_nord', 'rotsee'],
		kmh: [120, 120, 120, 120, 120, 120]
	},
	{
		// Urban section through Luzern (Reussport and Sonnenberg tunnels): 100 km/h assumed.
		ref: 'A2',
		name: 'A2 Luzern–Kriens–Hergiswil',
		points: ['rotsee', 'luzern_zentrum', 'luzern_kriens', 'horw', 'hergiswil', 'lopper'],
		kmh: [100, 100, 100, 100, 100]
	},
	{
		ref: 'A2',
		name: 'A2 Lopper–Stans–Seelisberg–Erstfeld',
		points: ['lopper', 'stansstad', 'stans_nord', 'stans_sued', 'buochs', 'beckenried', 'seedorf', 'altdorf', 'erstfeld'],
		kmh: [120, 120, 120, 120, 120, 100, 120, 120]
	},
	{ ref: 'A1', name: 'A1 Rothrist–Aarau–Lenzburg', points: ['rothrist', 'wiggertal', 'aarau_west', 'aarau_ost', 'lenzburg'], kmh: [120, 120, 120, 120] },
	{ ref: 'A14', name: 'A14 Rotsee–Buchrain–Rotkreuz', points: ['rotsee', 'buchrain', 'gisikon', 'ruetihof'], kmh: [100, 120, 120] },
	{ ref: 'A4', name: 'A4 Knonau–Blegi–Rotkreuz–Küssnacht–Brunnen', points: ['knonau', 'blegi', 'ruetihof', 'kuessnacht', 'arth', 'goldau', 'schwyz', 'brunnen'], kmh: [120, 120, 120, 100, 100, 100, 100] },
	{ ref: 'A4a', name: 'A4a Blegi–Cham–Zug/Baar', points: ['blegi', 'cham', 'zug'], kmh: [100, 100] },
	{ ref: 'A8', name: 'A8 Lopper–Alpnach–Sarnen–Giswil', points: ['lopper', 'alpnach', 'sarnen_nord', 'sarnen_sued', 'sachseln', 'giswil'], kmh: [100, 100, 100, 100, 100] }
];

export interface MainRoad {
	highway: 'primary' | 'secondary';
	/** Hauptstrasse number where generally known; empty otherwise. */
	ref: string;
	name: string;
	via: string[];
}

const road = (highway: MainRoad['highway'], ref: string, name: string, via: string[]): MainRoad => ({ highway, ref, name, via });

/** Main cantonal roads between regional centres (chains of waypoints). */
export const MAIN_ROADS: MainRoad[] = [
	road('primary', '2', 'Zofingen–Reiden–Dagmersellen–Sursee', ['Zofingen', 'Reiden', 'Dagmersellen', 'Knutwil', 'Sursee']),
	road('primary', '2', 'Sursee–Nottwil–Neuenkirch–Emmen–Luzern', ['Sursee', 'Oberkirch', 'Nottwil', 'Neuenkirch', 'Rothenburg', 'Emmen', 'Luzern']),
	road('primary', '2', 'Luzern–Meggen–Küssnacht–Arth', ['Luzern', '@Luzern, Bahnhof', '@Luzern, Luzernerhof', '@Luzern, Verkehrshaus/Lido', 'Meggen', '@Merlischachen', '@Küssnacht am Rigi', 'Küssnacht (SZ)', '@Immensee', 'Arth']),
	road('primary', '10', 'Luzern–Malters–Wolhusen–Entlebuch–Schüpfheim–Escholzmatt', ['Luzern', 'Malters', 'Werthenstein', 'Wolhusen', 'Entlebuch', 'Hasle (LU)', 'Schüpfheim', 'Escholzmatt-Marbach']),
	road('primary', '', 'Sursee–Mauensee–Ettiswil–Willisau–Zell', ['Sursee', 'Mauensee', 'Ettiswil', 'Willisau', 'Zell (LU)', 'Ufhusen']),
	road('primary', '', 'Emmen–Eschenbach–Hochdorf–Hitzkirch–Beinwil am See (Seetalstrasse)', ['Emmen', 'Eschenbach (LU)', 'Ballwil', 'Hochdorf', 'Hitzkirch', 'Ermensee', 'Beinwil am See']),
	road('primary', '', 'Sursee–Schenkon–Beromünster–Reinach', ['Sursee', 'Schenkon', 'Beromünster', 'Rickenbach (LU)', 'Menziken', 'Reinach (AG)']),
	road('primary', '', 'Luzern–Kriens–Horw–Hergiswil', ['Luzern', 'Kriens', '@Horw, Zentrum', '@Hergiswil NW, Mattli', 'Hergiswil (NW)']),
	road('primary', '', 'Luzern–Ebikon–Root–Gisikon–Rotkreuz–Cham–Zug', ['Luzern', 'Ebikon', 'Dierikon', 'Root', 'Gisikon', 'Risch', 'Cham', '@Cham, Alpenblick', '@Zug', 'Zug']),
	road('secondary', '', 'Horw Zentrum–Horw (Kastanienbaum)', ['@Horw, Zentrum', 'Horw']),
	road('primary', '', 'Wolhusen–Menznau–Willisau', ['Wolhusen', 'Menznau', 'Willisau']),
	road('primary', '', 'Sursee–Buttisholz–Ruswil–Wolhusen', ['Sursee', 'Buttisholz', 'Ruswil', 'Wolhusen']),
	road('primary', '', 'Sursee–Geuensee–Büron–Triengen–Schöftland', ['Sursee', 'Geuensee', 'Büron', 'Triengen', 'Schöftland']),
	road('secondary', '', 'Hochdorf–Römerswil–Beromünster', ['Hochdorf', 'Römerswil', 'Beromünster']),
	road('secondary', '', 'Sempach–Hildisrieden–Rain–Eschenbach', ['Sempach', 'Hildisrieden', 'Rain', 'Eschenbach (LU)']),
	road('secondary', '', 'Dagmersellen–Nebikon–Schötz–Willisau', ['Dagmersellen', 'Nebikon', 'Schötz', 'Alberswil', 'Willisau']),
	road('secondary', '', 'Reiden–Pfaffnau–Roggliswil–Murgenthal', ['Reiden', 'Pfaffnau', 'Roggliswil', 'Murgenthal']),
	road('secondary', '', 'Schüpfheim–Flühli–Sörenberg', ['Schüpfheim', 'Flühli']),
	road('secondary', '', 'Malters–Schwarzenberg', ['Malters', 'Schwarzenberg']),
	road('secondary', '', 'Küssnacht–Greppen–Weggis–Vitznau–Gersau–Brunnen', ['Küssnacht (SZ)', 'Greppen', 'Weggis', '@Vitznau, Unterwilen', 'Vitznau', '@Gersau, Rotschuo', 'Gersau', '@Gersau, Kindli-Strandbad', '@Brunnen, Fallenbach', 'Ingenbohl']),
	road('secondary', '', 'Luzern–Adligenswil–Udligenswil–Küssnacht', ['Luzern', 'Adligenswil', 'Udligenswil', 'Küssnacht (SZ)']),
	road('secondary', '', 'Willisau–Hergiswil–Luthern', ['Willisau', 'Hergiswil bei Willisau', 'Luthern']),
	road('secondary', '', 'Zell–Fischbach–Grossdietwil–Altbüron', ['Zell (LU)', 'Fischbach', 'Grossdietwil', 'Altbüron']),
	road('secondary', '', 'Wolhusen–Doppleschwand–Romoos', ['Wolhusen', 'Doppleschwand', 'Romoos']),
	road('secondary', '', 'Stans–Dallenwil–Wolfenschiessen–Engelberg', ['Stans', 'Dallenwil', 'Wolfenschiessen', 'Engelberg']),
	road('secondary', '', 'Giswil–Lungern', ['Giswil', 'Lungern'])
];

/** Motorway access: each junction links to the nearest main-road or zone vertex (not across a lake). */
export const LINK = { highway: 'motorway_link', postedKmh: 60 };

/** Local mesh: each settlement point links to its k nearest neighbours within maxKm unless the link crosses a lake. */
export const MESH = { k: 3, maxKm: 10, highway: 'tertiary' };

/** Centroid connectors: every zone municipality's centroid to the nearest network vertex. */
export const CONNECTOR = { highway: 'tertiary', minM: 30 };

/**
 * Representative posted speeds (km/h) of non-motorway classes: main roads mix 80 km/h outside and 50 km/h
 * inside towns. Straight segments are shorter than roads, so the stored maxspeed is posted ÷ detour:
 * main roads (waypoints in every town) 1.2, mesh and connectors 1.3. Motorways keep their posted speed: their
 * waypoints are the junctions, within a few per cent of the real length.
 */
export const POSTED_KMH: Readonly<Record<string, number>> = { primary: 80, secondary: 70, tertiary: 55 };
export const DETOUR: Readonly<Record<string, number>> = { primary: 1.2, secondary: 1.2, tertiary: 1.3, motorway_link: 1.0 };

/**
 * Built-up areas of towns (urban speed regime): a disc around the settlement point of each municipality with
 * at least `minPopulation` residents (the BFS counts municipalities from 10 000 residents as cities), with the
 * area its residents occupy at `residentsPerKm2` (order of magnitude for Swiss towns: the BFS land-use
 * statistics give about 400 m² of settlement area per resident nationally, incl. industry and roads, i.e.
 * 2 500/km²; towns are denser), at least `minRadiusM`. Villages are not discs: the rural class speeds above
 * already mix in their 50 km/h sections. Inside a disc, non-motorway roads run at the posted urban limit
 * (50 km/h on main roads and motorway links; 40 on the local mesh and connectors as a mix of 50 km/h streets
 * and 30 zones), of which `drivenShare` is driven between junctions and signals (OSRM's car profile drives 0.8
 * of a tagged maxspeed), divided by the class detour. Those parts carry `maxspeed:type=CH:urban`, so the car
 * engine applies its urban peak factor (src/lib/reach/road/profile.ts). All values: general knowledge.
 */
export const URBAN = {
	minPopulation: 10000,
	residentsPerKm2: 4000,
	minRadiusM: 300,
	postedKmh: { primary: 50, secondary: 50, tertiary: 40, motorway_link: 50 } as Readonly<Record<string, number>>,
	drivenShare: 0.8,
	tag: 'CH:urban'
};

/**
 * Lake outlines (data/lakes_lu_region.geojson) are generalised by a few hundred metres, so shore towns may
 * lie "in" a lake: a generated segment (mesh, links, connectors) counts as crossing a lake only when more
 * than toleranceM of it is over water. Main roads are curated shore roads (e.g. Weggis–Vitznau–Gersau), so
 * only a segment more than mainRoadToleranceM over water is treated as a data error.
 */
export const LAKE = { toleranceM: 400, sampleM: 50, mainRoadToleranceM: 2000 };
