/**
 * Assumed public-transport lines of the approximate Lucerne network.
 *
 * REAL: every stop name is a DIDOK stop (data/stops_didok_lu_region_2016.csv); the generator fails on a name
 * it cannot find. ASSUMED (general knowledge of the S-Bahn Luzern, Zentralbahn, VBL and PostAuto networks,
 * NOT the official timetable): which lines exist, their stop sequences, headways and speeds.
 * See data/networks/README.md for the full list of assumptions.
 *
 * Stop lists: rail lines call exactly at the listed stops; a name starting with "~" is a pass-through
 * waypoint (the train runs via it without stopping, so the running distance follows the real track).
 * Bus lines call at the listed anchor stops and at the real bus stops that lie along the way (see BUS_CORRIDOR).
 */

/** Line types with their documented running speed (between stops, on straight line × detour) and dwell. */
export type LineKind = 'ir' | 're' | 's' | 'zb' | 'city_bus' | 'regional_bus';

export interface LineKindSpec {
	/** GTFS route_type: 2 rail, 3 bus. */
	routeType: 2 | 3;
	/** Running speed between stops, km/h, applied to straight-line distance × detour. */
	runKmh: number;
	/** Straight line → track or road distance. */
	detour: number;
	/** Dwell per intermediate stop, seconds. */
	dwellSec: number;
}

export const KINDS: Readonly<Record<LineKind, LineKindSpec>> = {
	ir: { routeType: 2, runKmh: 95, detour: 1.1, dwellSec: 60 },
	re: { routeType: 2, runKmh: 80, detour: 1.1, dwellSec: 45 },
	s: { routeType: 2, runKmh: 70, detour: 1.1, dwellSec: 30 },
	/** Zentralbahn metre gauge (curves, rack-free valley sections). */
	zb: { routeType: 2, runKmh: 55, detour: 1.1, dwellSec: 30 },
	city_bus: { routeType: 3, runKmh: 20, detour: 1.3, dwellSec: 20 },
	regional_bus: { routeType: 3, runKmh: 40, detour: 1.3, dwellSec: 20 }
};

export interface LineDef {
	/** route_short_name, e.g. "S9", "IR", "1". */
	short: string;
	/** route_long_name, e.g. "Luzern–Lenzburg". */
	long: string;
	kind: LineKind;
	/** Minutes between departures, each direction, over the service span. */
	headwayMin: number;
	/** Line-specific running speed when it differs from its kind (documented in the README). */
	runKmh?: number;
	/**
	 * First departure minute after SERVICE.firstSec for lines serving Luzern station (default: a stable hash of
	 * the name). Other lines are timed to their connection towards Luzern (timing.ts).
	 */
	offsetMin?: number;
	stops: string[];
}

const line = (kind: LineKind, short: string, long: string, headwayMin: number, stops: string[], extra: Partial<LineDef> = {}): LineDef => ({ kind, short, long, headwayMin, stops, ...extra });

/**
 * Rail: SBB long-distance and regional trains, S-Bahn Luzern, Zentralbahn, and lines reaching neighbouring zones.
 * Not here: the lines the real 2021 feed covers (S1 Sursee–Luzern–Zug–Baar, IR70/IR75 Luzern–Zug, S2
 * Zug–Arth-Goldau–Erstfeld and the Zug lines): real-feed.ts imports their trips.
 */
export const RAIL: LineDef[] = [
	// Olten line: straight double track; speed set so that Luzern → Sursee takes 14 min with the Luzern approach
	// allowance (calibrate.ts), as the real IR (13–14 min, general knowledge).
	line('ir', 'IR', 'Luzern–Sursee–Zofingen–Olten', 30, ['Luzern', '~Emmenbrücke', '~Sempach-Neuenkirch', 'Sursee', '~Reiden', 'Zofingen', 'Olten'], { runKmh: 115, offsetMin: 0 }),
	// Single track along the lake: as slow as the real IR46 along the Zugersee (Zug–Arth-Goldau 14.1 km in
	// 15–16 min in the 2021 feed, i.e. 65 km/h on straight line × 1.1). Beyond Arth-Goldau real segment times.
	line('ir', 'IR', 'Luzern–Arth-Goldau–Erstfeld', 60, ['Luzern', '~Meggen', '~Küssnacht am Rigi', '~Immensee', 'Arth-Goldau', 'Schwyz', 'Brunnen', 'Flüelen', 'Altdorf', 'Erstfeld'], { runKmh: 65, offsetMin: 18 }),
	// SOB Voralpen-Express towards St. Gallen, hourly: the lake line to Arth-Goldau, then the mountain line over
	// Sattel to Biberbrugg (up to 50 ‰): one slow speed for the whole line. Links the Höfe district (Pfäffikon SZ).
	line('re', 'VAE', 'Luzern–Arth-Goldau–Biberbrugg–Pfäffikon SZ (Voralpen-Express)', 60, ['Luzern', '~Meggen', 'Küssnacht am Rigi', '~Immensee', 'Arth-Goldau', '~Steinerberg', 'Sattel-Aegeri', 'Biberbrugg', '~Schindellegi-Feusisberg', 'Pfäffikon SZ'], { runKmh: 55, offsetMin: 39 }),
	line('re', 'RE', 'Luzern–Wolhusen–Langnau (–Bern)', 60, ['Luzern', '~Malters', 'Wolhusen', 'Entlebuch', 'Schüpfheim', 'Escholzmatt', 'Langnau'], { offsetMin: 12 }),
	line('s', 'S3', 'Luzern–Küssnacht–Arth-Goldau–Brunnen', 60, ['Luzern', 'Luzern Verkehrshaus', 'Meggen Zentrum', 'Meggen', 'Merlischachen', 'Küssnacht am Rigi', 'Immensee', 'Arth-Goldau', 'Steinen', 'Schwyz', 'Brunnen'], { offsetMin: 25 }),
	line('s', 'S3', 'Luzern–Küssnacht', 60, ['Luzern', 'Luzern Verkehrshaus', 'Meggen Zentrum', 'Meggen', 'Merlischachen', 'Küssnacht am Rigi'], { offsetMin: 55 }),
	// Luzern–Wolhusen: curvy Emme valley line.
	line('s', 'S6', 'Luzern–Wolhusen–Langnau', 60, ['Luzern', 'Littau', 'Malters', 'Schachen LU', 'Werthenstein', 'Wolhusen', 'Entlebuch', 'Hasle LU', 'Schüpfheim', 'Escholzmatt', 'Wiggen', 'Trubschachen', 'Langnau'], { runKmh: 60, offsetMin: 40 }),
	line('s', 'S7', 'Luzern–Wolhusen–Willisau', 30, ['Luzern', 'Littau', 'Malters', 'Schachen LU', 'Werthenstein', 'Wolhusen', 'Menznau', 'Willisau'], { runKmh: 60, offsetMin: 10 }),
	line('s', 'S7', 'Willisau–Huttwil', 60, ['Willisau', 'Gettnau', 'Zell', 'Hüswil', 'Huttwil']),
	line('s', 'S8', 'Sursee–Zofingen–Olten', 60, ['Sursee', 'St. Erhard-Knutwil', 'Wauwil', 'Nebikon', 'Dagmersellen', 'Reiden', 'Brittnau-Wikon', 'Zofingen', 'Aarburg-Oftringen', 'Olten']),
	// Seetal line: single track, formerly street-running, many stops: slower than other S-Bahn lines.
	line('s', 'S9', 'Luzern–Hochdorf–Lenzburg', 30, ['Luzern', 'Emmenbrücke', 'Emmenbrücke Gersag', 'Waldibrücke', 'Eschenbach', 'Ballwil', 'Hochdorf Schönau', 'Hochdorf', 'Baldegg Kloster', 'Baldegg', 'Gelfingen', 'Hitzkirch', 'Ermensee', 'Mosen', 'Beinwil am See', 'Birrwil', 'Boniswil', 'Hallwil', 'Seon', 'Lenzburg'], { runKmh: 55, offsetMin: 14 }),
	line('s', 'S26', 'Rotkreuz–Muri–Lenzburg', 60, ['Rotkreuz', 'Oberrüti', 'Sins', 'Mühlau', 'Benzenschwil', 'Muri AG', 'Boswil-Bünzen', 'Wohlen', 'Dottikon-Dintikon', 'Hendschiken', 'Lenzburg']),
	line('zb', 'S4', 'Luzern–Horw–Stans–Wolfenschiessen', 30, ['Luzern', 'Luzern Allmend/Messe', 'Kriens Mattenhof', 'Horw', 'Hergiswil Matt', 'Hergiswil', 'Stansstad', 'Stans', 'Dallenwil', 'Wolfenschiessen'], { offsetMin: 12 }),
	line('zb', 'S5', 'Luzern–Horw–Sarnen–Giswil', 30, ['Luzern', 'Luzern Allmend/Messe', 'Kriens Mattenhof', 'Horw', 'Hergiswil Matt', 'Hergiswil', 'Alpnachstad', 'Alpnach Dorf', 'Sarnen Nord', 'Sarnen', 'Sachseln', 'Ewil Maxon', 'Giswil'], { offsetMin: 27 }),
	// Grafenort–Engelberg is a rack section.
	line('zb', 'IR', 'Luzern–Engelberg', 60, ['Luzern', '~Horw', 'Hergiswil', '~Stansstad', 'Stans', 'Dallenwil', 'Wolfenschiessen', 'Grafenort', 'Engelberg'], { runKmh: 48, offsetMin: 10 }),
	line('zb', 'IR', 'Luzern–Sarnen–Brünig (–Interlaken)', 60, ['Luzern', '~Horw', 'Hergiswil', 'Alpnachstad', 'Sarnen', 'Sachseln', 'Giswil', 'Kaiserstuhl OW', 'Lungern', 'Brünig-Hasliberg'], { runKmh: 60, offsetMin: 35 }),
	line('s', 'WSB', 'Aarau–Gränichen–Reinach–Menziken', 30, ['Aarau', 'Suhr', 'Gränichen', 'Gränichen Oberdorf', 'Teufenthal AG', 'Unterkulm Nord', 'Unterkulm', 'Oberkulm', 'Zetzwil', 'Gontenschwil', 'Leimbach AG', 'Reinach AG Nord', 'Reinach AG Mitte', 'Reinach AG', 'Menziken'], { runKmh: 50 }),
	line('s', 'WSB', 'Aarau–Schöftland', 30, ['Aarau', 'Binzenhof', 'Distelberg', 'Unterentfelden Post', 'Oberentfelden Engelplatz', 'Muhen Nord', 'Muhen', 'Obermuhen', 'Hirschthal', 'Schöftland Nordweg', 'Schöftland'], { runKmh: 50 })
];

/** VBL city and agglomeration buses (line numbers as known; routings simplified to their main anchors). */
export const CITY_BUS: LineDef[] = [
	line('city_bus', '1', 'Obernau–Kriens–Luzern Bahnhof–Maihof–Ebikon', 7.5, ['Obernau, Dorf', 'Obernau, Stampfeli', 'Kriens, Eichenspes', 'Kriens, Pulvermühle', 'Kriens, Busschleife', 'Kriens, Hofmatt-Bellpark', 'Kriens, Kupferhammer', 'Kriens, Grosshofstrasse', 'Luzern, Eichhof', 'Luzern, Pilatusplatz', 'Luzern, Bahnhof', 'Luzern, Schwanenplatz', 'Luzern, Luzernerhof', 'Luzern, Maihof', 'Ebikon, Schindler', 'Ebikon, Fildern']),
	line('city_bus', '2', 'Luzern Bahnhof–Seetalplatz–Emmenbrücke', 7.5, ['Luzern, Bahnhof', 'Luzern, Kantonalbank', 'Luzern, Kreuzstutz', 'Reussbühl, Frohburg', 'Emmenbrücke, Seetalplatz', 'Emmenbrücke, Bahnhof', 'Emmenbrücke, Sonnenplatz', 'Emmenbrücke, Sprengi']),
	line('city_bus', '4', 'Luzern Bahnhof–Kantonsspital–Emmen Center', 10, ['Luzern, Bahnhof', 'Luzern, Kantonalbank', 'Luzern, Kreuzstutz', 'Luzern, Kantonsspital', 'Emmenbrücke, Emmen Center', 'Emmenbrücke, Zentrum Gersag']),
	line('city_bus', '5', 'Luzern Bahnhof–Maihof–Emmen', 10, ['Luzern, Bahnhof', 'Luzern, Luzernerhof', 'Luzern, Maihof', 'Luzern, Unterlöchli', 'Emmen, Sternen', 'Emmen, Kirche']),
	line('city_bus', '6', 'Kastanienbaum–St. Niklausen–Matthof–Luzern Bahnhof–Brüelstrasse', 10, ['Kastanienbaum, Schiffstation', 'Kastanienbaum, Dorni', 'Kastanienbaum, Krämerstein', 'St. Niklausen LU, Unterwil', 'St. Niklausen LU, Mättiwil', 'St. Niklausen LU, Langensand', 'St. Niklausen LU, Haslihorn', 'St. Niklausen LU, Stutz', 'Luzern, Matthof', 'Luzern, Schönbühl', 'Luzern, Wartegg', 'Luzern, Eisfeldstrasse', 'Luzern, Weinbergli', 'Luzern, Werkhofstrasse', 'Luzern, Bahnhof', 'Luzern, Schwanenplatz', 'Luzern, Luzernerhof', 'Luzern, Dietschiberg', 'Luzern, Brüelstrasse']),
	line('city_bus', '8', 'Luzern Bahnhof–Verkehrshaus–Würzenbach–Büttenen', 10, ['Luzern, Bahnhof', 'Luzern, Schwanenplatz', 'Luzern, Luzernerhof', 'Luzern, Verkehrshaus/Lido', 'Luzern, Würzenbachmatte', 'Luzern, Würzenbach', 'Luzern, Büttenenhalde', 'Luzern, Büttenen', 'Luzern, Eggen', 'Luzern, Oberseeburghöhe']),
	line('city_bus', '7', 'Luzern Bahnhof–Hubelmatt–Hirtenhof', 15, ['Luzern, Bahnhof', 'Luzern, Bundesplatz', 'Luzern, Steghof', 'Luzern, Hubelmatt', 'Luzern, Rodtegg', 'Luzern, Geissenstein', 'Luzern, Bodenhofterrasse', 'Luzern, Zumbachhof', 'Luzern, Hirtenhof']),
	line('city_bus', '12', 'Luzern Bahnhof–Littau', 10, ['Luzern, Bahnhof', 'Luzern, Kantonalbank', 'Luzern, Kreuzstutz', 'Littau, Rönnimoosrain', 'Littau, Längweiher', 'Littau, Michaelshof', 'Littau, Matt', 'Littau, Bahnhof', 'Littau, Dorf', 'Littau, Gasshof']),
	line('city_bus', '14', 'Luzern Bahnhof–Horw', 10, ['Luzern, Bahnhof', 'Luzern, Pilatusplatz', 'Luzern, Steinhof', 'Kriens, Mattenhof', 'Horw, Waldegg', 'Horw, Hofrüti', 'Horw, Kirchweg', 'Horw, Zentrum', 'Horw, Spitz']),
	line('city_bus', '16', 'Kriens–Kuonimatt–Horw', 15, ['Kriens, Busschleife', 'Kriens, Zentrum Pilatus', 'Kriens, Grossfeldstrasse', 'Kriens, Johanneskirche', 'Kriens, Zunacher', 'Kriens, Sportweg', 'Kriens, Lauerzweg', 'Kriens, Sternmatt', 'Kriens, Oberkuonimatt', 'Kriens, Kuonimatt', 'Horw, Bahnhof']),
	line('city_bus', '19', 'Luzern Bahnhof–Friedental–Emmenbrücke', 15, ['Luzern, Bahnhof', 'Luzern, Kreuzstutz', 'Luzern, Friedental', 'Emmenbrücke, Seetalplatz']),
	line('city_bus', '22', 'Ebikon–Buchrain–Root–Gisikon', 15, ['Ebikon, Bahnhof', 'Ebikon, Schindler', 'Buchrain, Dorf', 'Dierikon, Dorf', 'Root D4, Bahnhof', 'Root, Dorf', 'Gisikon-Root, Bahnhof']),
	line('city_bus', '24', 'Luzern Bahnhof–Seeburg–Meggen', 15, ['Luzern, Bahnhof', 'Luzern, Schwanenplatz', 'Luzern, Verkehrshaus/Lido', 'Luzern, Seefeldstrasse', 'Luzern, Hotel Seeburg', 'Luzern, Seeburg-Schifflände', 'Luzern, Hermitage', 'Meggen, Gottlieben']),
	line('city_bus', '73', 'Luzern Bahnhof–Adligenswil–Udligenswil', 15, ['Luzern, Bahnhof', 'Luzern, Luzernerhof', 'Luzern, Konservatorium', 'Luzern, Klinik St. Anna', 'Luzern, Lützelmattstrasse', 'Luzern, Rigistrasse', 'Luzern, Schädrütihalde', 'Luzern, Hochhüsliweid', 'Adligenswil, Dorf', 'Udligenswil, alte Post'])
];

/**
 * More city and agglomeration buses (assumed routings, descriptive names rather than official numbers),
 * so that the dense stop grid of Luzern, Kriens, Emmen, Horw and Ebikon is served as in reality: each
 * threads the real stops of a quarter to its centre or station.
 */
export const URBAN_BUS: LineDef[] = [
	// Luzern
	line('city_bus', 'Bus', 'Luzern Bahnhof–Wesemlin–Maihofmatte', 15, ['Luzern, Bahnhof', 'Luzern, Schwanenplatz', 'Luzern, Löwenplatz', 'Luzern, Wesemlinrain', 'Luzern, Schlossberg', 'Luzern, Weggismatt', 'Luzern, Maihofmatte-Rotsee']),
	line('city_bus', 'Bus', 'Luzern Bahnhof–Dreilinden–Unterlöchli', 15, ['Luzern, Bahnhof', 'Luzern, Luzernerhof', 'Luzern, Wey', 'Luzern, Dreilinden', 'Luzern, Felsberg', 'Luzern, Morgenweg', 'Luzern, Zwyssigplatz', 'Luzern, Gartenheim', 'Luzern, Schulhaus Unterlöchli', 'Luzern, Unterlöchli']),
	line('city_bus', 'Bus', 'Luzern Bahnhof–Bramberg–Rosenberg', 15, ['Luzern, Bahnhof', 'Luzern, Kasernenplatz', 'Luzern, Brüggligasse', 'Luzern, Mühlemattstrasse', 'Luzern, Geissmatthöhe', 'Luzern, Friedbergstrasse', 'Luzern, Bramberg', 'Luzern, Gopplismoosweg', 'Luzern, Jugendherberge', 'Luzern, Rosenberg']),
	line('city_bus', 'Bus', 'Luzern Bahnhof–Obergütsch', 15, ['Luzern, Bahnhof', 'Luzern, Kantonalbank', 'Luzern, Hirzenhof', 'Luzern, Gütschwald', 'Luzern, Untergütsch', 'Luzern, Gigeliwald', 'Luzern, Obergütschstrasse', 'Luzern, Obergütschrain', 'Luzern, Obergütschhalde', 'Luzern, Obergütsch']),
	line('city_bus', 'Bus', 'Luzern Bahnhof–Reussbühl–Ruopigen', 15, ['Luzern, Bahnhof', 'Luzern, Kantonalbank', 'Luzern, Kreuzstutz', 'Luzern, St. Karli', 'Reussbühl, Fluhmühle', 'Littau, Staffeln Schulhaus', 'Littau, Ruopigenhöhe', 'Littau, Ruopigen Zentrum', 'Littau, Staldenhof', 'Littau, Schachenhof', 'Littau, Schwimmbad', 'Littau, Säntihof']),
	// Kriens
	line('city_bus', 'Bus', 'Luzern Bahnhof–Steinhof–Dattenberg–Kriens Gabeldingen', 15, ['Luzern, Bahnhof', 'Luzern, Pilatusplatz', 'Luzern, Moosegg', 'Luzern, Sonnenbergstrasse', 'Luzern, Steinhofstrasse', 'Luzern, Steinhofrain', 'Kriens, Unter-Dattenberg', 'Kriens, Dattenberg', 'Kriens, Dattenbergrain', 'Kriens,Obere Dattenbergstrasse', 'Kriens, Bergstrasse', 'Kriens, Gabeldingen Schulhaus']),
	line('city_bus', 'Bus', 'Kriens Zentrum–Gabeldingen–Zumhof', 15, ['Kriens, Busschleife', 'Kriens, Gemeindehaus', 'Kriens, Oberhusweg', 'Kriens, Oberhusrain', 'Kriens, Gabeldingen', 'Kriens, Zumhof', 'Kriens, Obere Weinhalde', 'Kriens, Ehrendingen', 'Kriens, Zumhofstrasse']),
	line('city_bus', 'Bus', 'Kriens Zentrum–Roggern–Horw Bahnhof', 15, ['Kriens, Busschleife', 'Kriens, St. Niklausengasse', 'Kriens, Josef Schryberstrasse', 'Kriens, Klösterli', 'Kriens, Bachstrasse', 'Kriens, Himmelrichstrasse', 'Kriens, Roggernhalde', 'Kriens, Guetrüti', 'Kriens, Sidhalde', 'Kriens, Wiggenhof', 'Kriens, Dattenmatt', 'Kriens, Pilatusmarkt', 'Horw, Steinibach', 'Horw, Bahnhof']),
	line('regional_bus', 'Bus', 'Kriens–Obernau–Hergiswald', 60, ['Kriens, Busschleife', 'Obernau, Dorf', 'Obernau, Feldmatt', 'Obernau, Oberrodel', 'Obernau, Schiessstand Stalden', 'Hergiswald, Kirche']),
	// Horw
	line('city_bus', 'Bus', 'Horw Bahnhof–Ennethorw', 30, ['Horw, Bahnhof', 'Horw, Rank', 'Horw, Werkhof', 'Horw, Spier', 'Horw, Ennethorw']),
	line('city_bus', 'Bus', 'Horw Bahnhof–Felmis–Kastanienbaum', 30, ['Horw, Bahnhof', 'Horw, Zentrum', 'Horw, Stegen', 'Horw, Felmis', 'St. Niklausen LU, Mättiwil', 'Kastanienbaum, Krämerstein', 'Kastanienbaum, Kreuzmatt', 'Kastanienbaum, Waldwinkel']),
	// Emmen
	line('city_bus', 'Bus', 'Emmenbrücke Bahnhof–Erlen–Neuhof', 15, ['Emmenbrücke, Bahnhof', 'Emmenbrücke, Emmenbaum', 'Emmenbrücke, Krauerstrasse', 'Emmenbrücke, Haldenring', 'Emmenbrücke, Alp', 'Emmenbrücke, Erlenring', 'Emmenbrücke, Erlenmatte', 'Emmenbrücke, Untere Wiese', 'Emmenbrücke, Obere Erlen', 'Emmenbrücke, Neuhof', 'Emmenbrücke, Schönbühl']),
	line('city_bus', 'Bus', 'Emmenbrücke Bahnhof–Riffig–Lohrensäge', 15, ['Emmenbrücke, Bahnhof', 'Emmenbrücke, Sonnenplatz', 'Emmenbrücke, Reform. Kirche', 'Emmenbrücke, Riffigstrasse', 'Emmenbrücke, Listrig', 'Emmenbrücke, Riffig', 'Emmenbrücke, Chörbli', 'Emmenbrücke, Lohrensäge']),
	line('regional_bus', 'Bus', 'Emmenbrücke Sprengi–Strassenkreuz–Neuenkirch', 30, ['Emmenbrücke, Sprengi', 'Emmenbrücke, Lohrensäge', 'Emmenbrücke, Strassenkreuz', 'Emmenbrücke, Innerrain', 'Emmenbrücke, Holzhof', 'Emmenbrücke, Geisselermoos', 'Neuenkirch, Post']),
	line('city_bus', 'Bus', 'Emmenbrücke Bahnhof–Emmen Center–Emmenfeld–Hasli', 15, ['Emmenbrücke, Bahnhof', 'Emmenbrücke, Hochdorferstrasse', 'Emmenbrücke, Marienkirche', 'Emmenbrücke, Schwanderhofstr.', 'Emmen, Fichtenstrasse', 'Emmen, Lindenheim', 'Emmen, Lindenfeldring', 'Emmen, Emmenfeld', 'Emmen, Unterspitalhof', 'Emmen, Allmendli', 'Emmen, Flugzeugwerke', 'Emmen, Hasli']),
	line('city_bus', 'Bus', 'Emmenbrücke Gersag–Rüeggisingen–Benziwil–Rothenburg', 15, ['Emmenbrücke Gersag, Bahnhof', 'Emmenbrücke, Zentrum Gersag', 'Emmenbrücke, Sportplatz', 'Emmen, Schwimmbad Mooshüsli', 'Emmen, Rüeggisingen', 'Emmen, Abendweg', 'Emmen, Kasernenstrasse', 'Emmenbrücke, Waldstrasse', 'Emmenbrücke, Benziwil Ost', 'Emmenbrücke, Benziwil West', 'Emmenbrücke, Bösfeld', 'Rothenburg, Bahnhof']),
	// Ebikon
	line('city_bus', 'Bus', 'Ebikon Bahnhof–Höfli–Ottigenbühl', 30, ['Ebikon, Bahnhof', 'Ebikon, MParc', 'Ebikon, Höfli', 'Ebikon, Hartenfels', 'Ebikon, Ottigenbühl']),
	line('city_bus', 'Bus', 'Luzern Maihof–Ebikon Schlössli–Ebikon Bahnhof', 15, ['Luzern, Maihof', 'Ebikon, Hünenberg', 'Ebikon, Schweizerheim', 'Ebikon, Mühlegg', 'Ebikon, Schlössli', 'Ebikon, Bühl', 'Ebikon, Gerbe', 'Ebikon, Sagenschulhaus', 'Ebikon, Zentralschulhaus', 'Ebikon, Hofmatt', 'Ebikon, Bahnhof'])
];

/**
 * Representative regional buses (PostAuto/VBL): municipality main stops linked to their rail station or
 * regional centre. Line names are descriptive, not official line numbers.
 */
export const REGIONAL_BUS: LineDef[] = [
	line('regional_bus', 'Bus', 'Sursee–Geuensee–Büron–Triengen', 30, ['Sursee, Bahnhof', 'Geuensee, Sternen', 'Büron, Dorf', 'Triengen, Dorf']),
	line('regional_bus', 'Bus', 'Sursee–Schenkon–Beromünster–Reinach', 30, ['Sursee, Bahnhof', 'Schenkon, Zentrum', 'Beromünster, Flecken', 'Rickenbach LU, Dorf', 'Menziken, Bahnhof']),
	line('regional_bus', 'Bus', 'Sursee–Mauensee–Ettiswil–Willisau', 30, ['Sursee, Bahnhof', 'Mauensee, Dorf', 'Ettiswil, Post', 'Willisau, Bahnhof']),
	line('regional_bus', 'Bus', 'Sursee–Buttisholz–Ruswil–Wolhusen', 30, ['Sursee, Bahnhof', 'Buttisholz, Dorf', 'Ruswil, Rottalcenter', 'Wolhusen, Bahnhof']),
	line('regional_bus', 'Bus', 'Sursee–Grosswangen', 60, ['Sursee, Bahnhof', 'Grosswangen, Post']),
	line('regional_bus', 'Bus', 'Sursee–Eich–Sempach', 30, ['Sursee, Bahnhof', 'Eich, Dorf', 'Sempach Stadt, Post', 'Sempach Station']),
	line('regional_bus', 'Bus', 'Sempach Station–Hildisrieden–Beromünster', 60, ['Sempach Station', 'Sempach Stadt, Post', 'Hildisrieden, Post', 'Neudorf, Post', 'Beromünster, Flecken']),
	line('regional_bus', 'Bus', 'Luzern–Neuenkirch–Sempach', 30, ['Emmenbrücke, Bahnhof', 'Rothenburg, Flecken', 'Neuenkirch, Post', 'Sempach Station']),
	line('regional_bus', 'Bus', 'Hochdorf–Hohenrain–Kleinwangen', 60, ['Hochdorf, Bahnhof', 'Hohenrain, Post', 'Kleinwangen, Post']),
	line('regional_bus', 'Bus', 'Hochdorf–Römerswil–Beromünster', 60, ['Hochdorf, Bahnhof', 'Römerswil LU, Dorf', 'Beromünster, Flecken']),
	line('regional_bus', 'Bus', 'Hitzkirch–Aesch–Schongau', 60, ['Hitzkirch, Bahnhof', 'Aesch LU, Vorderdorf', 'Schongau, Erlebnispark']),
	line('regional_bus', 'Bus', 'Eschenbach–Rain–Hildisrieden', 60, ['Eschenbach', 'Rain, Dorf', 'Hildisrieden, Post']),
	line('regional_bus', 'Bus', 'Eschenbach–Inwil–Perlen–Buchrain', 60, ['Eschenbach', 'Inwil, Dorf', 'Perlen, Post', 'Buchrain']),
	line('regional_bus', 'Bus', 'Rotkreuz–Meierskappel–Küssnacht', 60, ['Rotkreuz', 'Meierskappel, Dorfplatz', 'Küssnacht am Rigi, Bahnhof']),
	line('regional_bus', 'Bus', 'Küssnacht–Greppen–Weggis–Vitznau', 30, ['Küssnacht am Rigi, Bahnhof', 'Greppen, Oberhaus', 'Weggis, Dorfplatz', 'Vitznau, Station']),
	line('regional_bus', 'Bus', 'Wolhusen–Doppleschwand–Romoos', 60, ['Wolhusen, Bahnhof', 'Doppleschwand, Post', 'Romoos, Post']),
	line('regional_bus', 'Bus', 'Malters–Schwarzenberg', 60, ['Malters, Bahnhof', 'Schwarzenberg LU, Rössli']),
	line('regional_bus', 'Bus', 'Schüpfheim–Flühli–Sörenberg', 60, ['Schüpfheim, Bahnhof', 'Flühli LU, Post', 'Sörenberg, Post']),
	line('regional_bus', 'Bus', 'Escholzmatt–Marbach', 60, ['Escholzmatt, Bahnhof', 'Marbach LU, Post']),
	line('regional_bus', 'Bus', 'Willisau–Hergiswil–Luthern', 60, ['Willisau, Bahnhof', 'Hergiswil LU, Post', 'Luthern Dorf, Post']),
	line('regional_bus', 'Bus', 'Zell–Ufhusen', 60, ['Zell LU, Bahnhof', 'Ufhusen, Käserei Dorf']),
	line('regional_bus', 'Bus', 'Zell–Fischbach–Grossdietwil–Altbüron', 60, ['Zell LU, Bahnhof', 'Fischbach LU, alte Post', 'Grossdietwil, Post', 'Altbüron, Post']),
	line('regional_bus', 'Bus', 'Willisau–Alberswil–Schötz–Nebikon', 30, ['Willisau, Bahnhof', 'Alberswil, Dorf', 'Schötz, Post', 'Nebikon, Bahnhof']),
	line('regional_bus', 'Bus', 'Nebikon–Altishofen–Dagmersellen', 60, ['Nebikon, Bahnhof', 'Altishofen, Unterdorf', 'Dagmersellen, Dorf']),
	line('regional_bus', 'Bus', 'Wauwil–Egolzwil–Schötz', 60, ['Wauwil, Zentrum', 'Egolzwil, Gemeindehaus', 'Schötz, Post']),
	line('regional_bus', 'Bus', 'Reiden–Pfaffnau–Roggliswil–St. Urban', 60, ['Reiden, Bahnhof', 'Pfaffnau, Post', 'Roggliswil, Post', 'St. Urban, Bahnhof']),
	line('regional_bus', 'Bus', 'Zofingen–Wikon–Reiden', 60, ['Brittnau-Wikon', 'Wikon, Kreuzung', 'Reiden, Bahnhof']),
	line('regional_bus', 'Bus', 'Sursee–Knutwil', 60, ['Sursee, Bahnhof', 'Knutwil, Dorf', 'St. Erhard-Knutwil']),
	line('regional_bus', 'Bus', 'Sursee–Schlierbach–Triengen', 60, ['Sursee, Bahnhof', 'Geuensee, Sternen', 'Schlierbach, Oberdorf', 'Triengen, Dorf']),
	line('regional_bus', 'Bus', 'Luzern–Meggen–Udligenswil', 30, ['Meggen', 'Udligenswil, alte Post'])
];

export const LINES: LineDef[] = [...RAIL, ...CITY_BUS, ...URBAN_BUS, ...REGIONAL_BUS];

/**
 * Buses also call at real bus stops (DIDOK names with a comma, "Place, Stop") within this distance of the
 * straight segment between two anchors, kept at least this far apart.
 */
export const BUS_CORRIDOR = { corridorM: 250, minSpacingM: 300 };

/**
 * Generated feeders: a municipality (zone) without a served stop within `servedWithinM` of its settlement
 * point gets a bus from its main stop (the bus stop nearest its settlement point, within `maxStopFromPointM`)
 * to the nearest rail station, every 30 min (≥ `largePopulation` residents) or 60 min.
 */
export const FEEDER = {
	servedWithinM: 700,
	maxStopFromPointM: 3000,
	largePopulation: 3000,
	headwayMinLarge: 30,
	headwayMinSmall: 60
};

/** Bus stops within this distance of a rail station get a transfers.txt row (walking time, at least the change time). */
export const TRANSFER = { withinM: 500, walkMPerMin: 75, detour: 1.3, minSec: 120 };

/** Service span (seconds after midnight: first and last departure from a line's first stop) and calendar. */
export const SERVICE = { firstSec: 5 * 3600, lastSec: 24 * 3600, start: '20260101', end: '20261231' };

/** Timed connections at hubs (timing.ts): the change takes at least minSec, to stops within withinM of the terminus. */
export const TIMED_CHANGE = { minSec: 240, withinM: 500 };
