/**
 * Builds the Lucerne default scenario in memory: real zones, real office locations and candidate
 * sites with synthetic attributes, synthetic staff and customers. Deterministic for a given seed.
 */
import path from 'node:path';
import { createRng, type Rng } from '../../src/lib/data/prng.ts';
import { lv95ToWgs84, wgs84ToLv95 } from '../../src/lib/data/coords.ts';
import { cellAt } from '../../src/lib/reach/raster.ts';
import type { Region } from '../../src/lib/reach/raster-region.ts';
import { regionFromFiles } from '../cli/_region.ts';
import { tables, type TableName } from '../../src/lib/data/schema.ts';
import { DEMO_META_FILE, DEMO_TABLE_FILES } from '../../src/lib/data/demo.ts';
import {
	AGGLOMERATION_LUZERN,
	CUSTOMERS,
	BORDER_FACTOR,
	DECAY_KM,
	FTE_LEVELS,
	FTE_WEIGHTS,
	GENERATED_AT,
	MODES,
	MODE_SHARES,
	OFFICES,
	SITES,
	URBAN_DENSITY,
	ZONE_BORDER_KM,
	type ProxyStop
} from './assumptions.ts';
import { coord, readCsv, toCsv, type Cell } from './csv.ts';
import { distanceKm, distanceToAreaKm, inLake, inside, loadGeo, round6, zoneOf, type Geo, type LonLat } from './geo.ts';

export interface Zone {
	zone_id: number;
	name: string;
	canton: string;
	lon: number;
	lat: number;
	population: number;
	area_km2: number;
}

export interface DemoOptions {
	seed: number;
	/** Folder with the real input data (default: the repository's data/). */
	dataDir: string;
}

export interface DemoResult {
	/** File name → file text (CSV and meta.json). */
	files: Record<string, string>;
	/** Figures for the console and the tests. */
	summary: {
		zones: number;
		luZones: number;
		staff: number;
		sites: number;
		offices: number;
		customerRows: number;
		shareAgglomeration: number;
		fteTotal: number;
	};
}

/** Mixed into the seed for the home-point stream ('home'). */
const HOME_STREAM = 0x686f6d65;

const columnsOf = (t: TableName) => tables[t].columns.map((c) => c.name);

/**
 * Settlement point of each municipality: the mean of its swisstopo locality points (PLZ register), which
 * sit in the villages and towns, unlike the area centroid (Kriens' lies on the Pilatus slopes). Travel
 * times are computed from this point. Municipalities without a locality keep the area centroid.
 */
function settlementPoints(dataDir: string): Map<number, LonLat> {
	const sums = new Map<number, [number, number, number]>();
	for (const r of readCsv(path.join(dataDir, 'plz_ortschaften_lu_region_2022.csv'))) {
		const bfs = Number(r.bfs);
		const s = sums.get(bfs) ?? [0, 0, 0];
		sums.set(bfs, [s[0] + Number(r.lon), s[1] + Number(r.lat), s[2] + 1]);
	}
	return new Map([...sums].map(([bfs, [x, y, n]]) => [bfs, [x / n, y / n] as LonLat]));
}

/** LU municipalities plus neighbours with known population within ZONE_BORDER_KM of the LU border. */
export function selectZones(dataDir: string, geo: Geo): Zone[] {
	const rows = readCsv(path.join(dataDir, 'municipalities_lu_region_2026_centroids.csv'));
	const settlement = settlementPoints(dataDir);
	const zones: Zone[] = [];
	for (const r of rows) {
		const lonlat: LonLat = [Number(r.centroid_lon), Number(r.centroid_lat)];
		const known = r.pop_2025 !== '';
		const keep = r.canton === 'LU' || (known && distanceToAreaKm(lonlat, geo.canton) <= ZONE_BORDER_KM);
		if (!keep) continue;
		if (!known) throw new Error(`LU municipality ${r.bfs} ${r.name} has no population`);
		const point = settlement.get(Number(r.bfs)) ?? lonlat;
		zones.push({
			zone_id: Number(r.bfs),
			name: r.name,
			canton: r.canton,
			lon: round6(point[0]),
			lat: round6(point[1]),
			population: Number(r.pop_2025),
			area_km2: Number(r.area_km2_approx)
		});
	}
	return zones.sort((a, b) => a.zone_id - b.zone_id);
}

function loadStops(dataDir: string): Map<number, { name: string; bfs: number; lonlat: LonLat }> {
	const m = new Map<number, { name: string; bfs: number; lonlat: LonLat }>();
	for (const r of readCsv(path.join(dataDir, 'stops_didok_lu_region_2016.csv')))
		m.set(Number(r.uic), { name: r.name, bfs: Number(r.bfs), lonlat: [Number(r.lon), Number(r.lat)] });
	return m;
}

type Stops = ReturnType<typeof loadStops>;

function proxyStop(stops: Stops, p: ProxyStop) {
	const s = stops.get(p.uic);
	if (!s || s.name !== p.name) throw new Error(`proxy stop ${p.uic} ${p.name} not found in the DIDOK list`);
	return s;
}

/**
 * Zone of a proxy stop: the municipality DIDOK gives for the stop when it is a zone (exact), else
 * the polygon containing it. The generalised polygons misplace stops on rivers at borders
 * (Seetalplatz lies in Emmen but falls into the Luzern polygon).
 */
function zoneForStop(stop: { bfs: number; lonlat: LonLat }, geo: Geo, zones: Zone[], what: string): Zone {
	const byDidok = zones.find((x) => x.zone_id === stop.bfs);
	if (byDidok) return byDidok;
	const id = zoneOf(stop.lonlat, geo, zones.map((z) => z.zone_id));
	const z = zones.find((x) => x.zone_id === id);
	if (!z) throw new Error(`${what}: no zone contains ${stop.lonlat}`);
	return z;
}

/** Uniform point inside a municipality polygon and not in a lake; exact after rounding to 6 decimals. */
export function samplePointInZone(rng: Rng, zoneId: number, geo: Geo): LonLat {
	const area = geo.municipalities.get(zoneId);
	if (!area) throw new Error(`no polygon for zone ${zoneId}`);
	const [w, s, e, n] = area.bbox;
	for (let i = 0; i < 10_000; i++) {
		const p: LonLat = [round6(rng.uniform(w, e)), round6(rng.uniform(s, n))];
		if (inside(p, area) && !inLake(p, geo)) return p;
	}
	throw new Error(`could not sample a point in zone ${zoneId}`);
}

/** Populated raster cells of one zone and their residents (the weights of the home draw). */
export interface ZoneCells {
	cells: number[];
	residents: number[];
}

/**
 * The populated cells of every zone on the app's population raster (reach/population.ts: STATPOP totals
 * spread over 250 m cells by settlement proxies). A cell belongs to the zone the raster gives it.
 */
export function populatedCells(region: Region): Map<number, ZoneCells> {
	const { zone, residents } = region.population;
	const out = new Map<number, ZoneCells>();
	for (let k = 0; k < zone.length; k++) {
		if (zone[k] < 0 || !(residents[k] > 0)) continue;
		let z = out.get(zone[k]);
		if (!z) out.set(zone[k], (z = { cells: [], residents: [] }));
		z.cells.push(k);
		z.residents.push(residents[k]);
	}
	return out;
}

/** Uniform point in raster cell `k`, inside the zone's polygon and not in a lake (after rounding to 6 decimals), or null. */
function samplePointInCell(rng: Rng, region: Region, k: number, zoneId: number, geo: Geo, tries = 50): LonLat | null {
	const r = region.cells.raster;
	const area = geo.municipalities.get(zoneId);
	if (!area) throw new Error(`no polygon for zone ${zoneId}`);
	const i = k % r.width, j = Math.floor(k / r.width);
	for (let t = 0; t < tries; t++) {
		const { lon, lat } = lv95ToWgs84(r.x0 + (i + rng.next()) * r.cellM, r.y0 + (j + rng.next()) * r.cellM);
		const p: LonLat = [round6(lon), round6(lat)];
		// The written (rounded) point must still lie in cell k, so the app finds it in the same cell.
		const back = wgs84ToLv95(p[0], p[1]);
		if (cellAt(r, back.e, back.n) === k && inside(p, area) && !inLake(p, geo)) return p;
	}
	return null;
}

/**
 * A home in zone `zoneId` where people live: a populated raster cell of the zone drawn by its residents,
 * then a uniform point in that cell, inside the municipality polygon and not in a lake (a cell on the
 * border or a shore is drawn again if the point falls outside). A zone without a populated cell of its own
 * (none in the default region) falls back to a uniform point in its polygon.
 */
export function sampleHome(rng: Rng, zoneId: number, geo: Geo, region: Region, cells: Map<number, ZoneCells>): LonLat {
	const z = cells.get(zoneId);
	if (!z) return samplePointInZone(rng, zoneId, geo);
	for (let t = 0; t < 1000; t++) {
		const p = samplePointInCell(rng, region, z.cells[rng.weightedIndex(z.residents)], zoneId, geo);
		if (p) return p;
	}
	throw new Error(`could not sample a home in zone ${zoneId}`);
}

/** Relative chance that a person working at `office` lives in zone `z`. */
export function homeWeight(z: Zone, office: LonLat): number {
	const border = z.canton === 'LU' ? 1 : BORDER_FACTOR;
	return z.population * Math.exp(-distanceKm([z.lon, z.lat], office) / DECAY_KM) * border;
}

const density = (z: Zone) => (z.area_km2 > 0 ? z.population / z.area_km2 : 0);

/** Main mode from the home–office distance and whether the home zone is urban. */
function drawMode(rng: Rng, km: number, home: Zone): (typeof MODES)[number] {
	const urban = AGGLOMERATION_LUZERN.includes(home.zone_id) || density(home) >= URBAN_DENSITY;
	const shares = km <= 1.5 ? MODE_SHARES.veryNear : km <= 5 ? MODE_SHARES.near : urban ? MODE_SHARES.urban : MODE_SHARES.rural;
	return rng.weightedChoice(MODES, shares);
}

/** Generate every file of the default scenario. */
export function generateDemo(opts: DemoOptions): DemoResult {
	const rng = createRng(opts.seed);
	const geo = loadGeo(opts.dataDir);
	const zones = selectZones(opts.dataDir, geo);
	const stops = loadStops(opts.dataDir);
	// The app's population raster over these zones (the CLI and the reach worker build the same one).
	const region = regionFromFiles(opts.dataDir, zones);
	const cells = populatedCells(region);
	// Home points draw from their own stream, so the zone, FTE and mode draws do not depend on how many
	// tries a point takes.
	const homeRng = createRng((opts.seed ^ HOME_STREAM) >>> 0);

	const offices = OFFICES.map((o) => {
		const stop = proxyStop(stops, o.proxy);
		return { spec: o, lonlat: stop.lonlat, zone: zoneForStop(stop, geo, zones, o.office_id) };
	});
	const officeRows: Record<string, Cell>[] = offices.map(({ spec: o, lonlat, zone }) => ({
		office_id: o.office_id,
		name: o.name,
		address: o.address,
		unit: o.unit,
		area_m2: o.area_m2,
		workplaces: o.workplaces,
		rent_chf_year: o.area_m2 * o.rent_chf_m2,
		lease_end: o.lease_end,
		notice_months: o.notice_months,
		keep: o.keep,
		lon: coord(lonlat[0]),
		lat: coord(lonlat[1]),
		zone_id: zone.zone_id
	}));

	const siteRows: Record<string, Cell>[] = SITES.map((s) => {
		const stop = proxyStop(stops, s.proxy);
		const p = stop.lonlat;
		const zone = zoneForStop(stop, geo, zones, s.site_id);
		return {
			site_id: s.site_id,
			name: s.name,
			municipality: zone.name,
			capacity_workplaces: s.capacity_workplaces,
			area_m2: s.area_m2,
			cost_chf_m2_year: s.cost_chf_m2_year,
			one_off_chf: s.one_off_chf,
			land_chf: s.land_chf ?? null,
			building_chf: s.building_chf ?? null,
			available_from: s.available_from,
			tenure: s.tenure,
			note: s.note,
			lon: coord(p[0]),
			lat: coord(p[1]),
			zone_id: zone.zone_id
		};
	});

	// Staff: per office, home zones drawn by population × distance decay × border factor, the home in a
	// populated cell of that zone drawn by its residents.
	const staffRows: Record<string, Cell>[] = [];
	let inAgglo = 0;
	let fteTotal = 0;
	for (const { spec: o, lonlat: officeAt } of offices) {
		const weights = zones.map((z) => homeWeight(z, officeAt));
		for (let i = 0; i < o.staff; i++) {
			const home = zones[rng.weightedIndex(weights)];
			const p = sampleHome(homeRng, home.zone_id, geo, region, cells);
			const fte = rng.weightedChoice(FTE_LEVELS, FTE_WEIGHTS);
			const mode = drawMode(rng, distanceKm(p, officeAt), home);
			if (AGGLOMERATION_LUZERN.includes(home.zone_id)) inAgglo++;
			fteTotal += fte;
			staffRows.push({
				person_id: 'S' + String(staffRows.length + 1).padStart(4, '0'),
				unit: o.unit,
				fte: fte.toFixed(1),
				office_id: o.office_id,
				mode,
				lon: coord(p[0]),
				lat: coord(p[1]),
				zone_id: home.zone_id
			});
		}
	}

	// Customers: one row per LU municipality and group, located at the municipality centroid.
	const c = CUSTOMERS;
	const customerRows: Record<string, Cell>[] = [];
	for (const z of zones.filter((x) => x.canton === 'LU')) {
		const d = density(z);
		const rate = d >= c.densityUrban ? c.jobseekerRate.urban : d >= c.densityMixed ? c.jobseekerRate.mixed : c.jobseekerRate.rural;
		const groups: [string, number, number][] = [
			['employer', rng.poisson(z.population * c.employerPerResident), c.employerVisits],
			['insured', rng.poisson(z.population * c.insuredPerResident), c.insuredVisits],
			['jobseeker', rng.binomial(Math.round(z.population * c.workingAgeShare), rate), c.jobseekerVisits]
		];
		for (const [group, count, visits] of groups)
			customerRows.push({ customer_id: `${z.zone_id}-${group}`, group, count, visits_per_year: visits, lon: coord(z.lon), lat: coord(z.lat), zone_id: z.zone_id });
	}

	const zoneRows: Record<string, Cell>[] = zones.map((z) => ({ ...z, lon: coord(z.lon), lat: coord(z.lat) }));
	const byTable: Record<string, Record<string, Cell>[]> = { zones: zoneRows, offices: officeRows, sites: siteRows, staff: staffRows, customers: customerRows };

	const files: Record<string, string> = {};
	for (const [t, file] of DEMO_TABLE_FILES) files[file] = toCsv(columnsOf(t), byTable[t]);
	files[DEMO_META_FILE] = toCsv(['key', 'value'], demoMeta(opts.seed).map(([key, value]) => ({ key, value })));

	return {
		files,
		summary: {
			zones: zones.length,
			luZones: zones.filter((z) => z.canton === 'LU').length,
			staff: staffRows.length,
			sites: siteRows.length,
			offices: officeRows.length,
			customerRows: customerRows.length,
			shareAgglomeration: inAgglo / staffRows.length,
			fteTotal: Math.round(fteTotal * 10) / 10
		}
	};
}

/** Provenance rows (key, value) written next to the CSVs and loaded into the `meta` table. */
function demoMeta(seed: number): [string, string][] {
	return [
		['scenario', 'WAS Luzern'],
		['synthetic', 'true'],
		['seed', String(seed)],
		['generated_at', GENERATED_AT],
		['generator', 'scripts/generate-demo.ts'],
		['documentation', 'data/SOURCES.md'],
		['synthetic_parts_de', 'Synthetisch: Mitarbeitende (Wohnorte, Pensen, Verkehrsmittel), Kundschaft, Flächen/Mieten/Mietverträge der Büros, Attribute der Standortkandidaten. Real: Gemeinden, Bevölkerung, Lage der Büros und Standorte (über Haltestellen angenähert).'],
		['synthetic_parts_en', 'Synthetic: staff (homes, FTE, modes), customers, office areas/rents/leases, candidate-site attributes. Real: municipalities, population, office and site locations (approximated by stops).'],
		['source', 'Geodata: BFS GEOSTAT / swisstopo (via swiss-maps 4.7.0)'],
		['source', 'Population: BFS STATPOP 2025'],
		['source', 'Proxy coordinates: BAV/SBB DIDOK stop list 2016'],
		['source', 'Office streets and site facts: public reports (data/SOURCES.md)']
	];
}
