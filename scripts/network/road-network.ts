/**
 * The approximate Lucerne road network as GeoJSON LineStrings {highway, oneway, maxspeed, ref, name}:
 * motorways between junctions, main roads between towns, a local mesh between settlement points and a
 * connector from every municipality centroid. Shared vertices have identical (rounded) coordinates, so the
 * car engine joins them into one graph.
 */
import { bbox, booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, FeatureCollection, LineString } from 'geojson';
import { CONNECTOR, DETOUR, JUNCTIONS, LAKE, LINK, MAIN_ROADS, MESH, MOTORWAYS, POSTED_KMH, URBAN } from './roads.ts';
import { distM, inputs, round6, stopIndex } from './inputs.ts';

export interface RoadProps {
	highway: string;
	oneway: 'no';
	/** km/h; for non-motorways the posted speed ÷ detour (see roads.ts). */
	maxspeed: number;
	ref: string;
	name: string;
	/** Set on parts inside a built-up area (URBAN): the OSM tag of an implicit urban speed limit. */
	'maxspeed:type'?: string;
}
export type RoadFeature = Feature<LineString, RoadProps>;
type Pt = [number, number];

const key = (p: Pt) => `${p[0]},${p[1]}`;
const pt = (lon: number, lat: number): Pt => [round6(lon), round6(lat)];

/** Build the road FeatureCollection; `problems` lists main-road segments that cross a lake (should be empty). */
export function buildRoadNetwork(): { roads: FeatureCollection<LineString, RoadProps>; problems: string[] } {
	const { zones, centroids, stops, lakes } = inputs();
	const stop = stopIndex(stops);
	const features: RoadFeature[] = [];
	const problems: string[] = [];
	const edges = new Set<string>();
	const lakeBoxes = lakes.features.map((l) => ({ l, box: bbox(l) }));
	// Metres of a straight segment over water, sampled every LAKE.sampleM (lake outlines are generalised).
	const waterM = (a: Pt, b: Pt) => {
		const near = lakeBoxes.filter(({ box }) => Math.max(a[0], b[0]) >= box[0] && Math.min(a[0], b[0]) <= box[2] && Math.max(a[1], b[1]) >= box[1] && Math.min(a[1], b[1]) <= box[3]);
		if (near.length === 0) return 0;
		const len = distM(a[0], a[1], b[0], b[1]);
		const n = Math.max(1, Math.ceil(len / LAKE.sampleM));
		let wet = 0;
		for (let i = 0; i < n; i++) {
			const t = (i + 0.5) / n;
			const q = point([a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])]);
			if (near.some(({ l }) => booleanPointInPolygon(q, l))) wet++;
		}
		return (wet * len) / n;
	};
	const crossesLake = (a: Pt, b: Pt) => waterM(a, b) > LAKE.toleranceM;
	const effective = (highway: string) => Math.round(POSTED_KMH[highway] / DETOUR[highway]);
	const add = (a: Pt, b: Pt, props: RoadProps) => {
		const ka = key(a);
		const kb = key(b);
		if (ka === kb) return;
		const k = ka < kb ? `${ka}|${kb}` : `${kb}|${ka}`;
		if (edges.has(k)) return;
		edges.add(k);
		features.push({ type: 'Feature', properties: props, geometry: { type: 'LineString', coordinates: [a, b] } });
	};

	const zoneByName = new Map(zones.map((z) => [z.name, z]));
	const junction = new Map(JUNCTIONS.map((jn) => [jn.id, jn]));
	const place = (token: string): Pt => {
		if (token.startsWith('J:')) {
			const jn = junction.get(token.slice(2));
			if (!jn) throw new Error(`unknown junction ${token}`);
			return pt(jn.lon, jn.lat);
		}
		if (token.startsWith('@')) {
			const s = stop(token.slice(1));
			return pt(s.lon, s.lat);
		}
		const z = zoneByName.get(token);
		if (!z) throw new Error(`unknown zone (municipality) in road data: "${token}"`);
		return pt(z.lon, z.lat);
	};

	// 1. Motorways at their posted speed.
	for (const m of MOTORWAYS) {
		if (m.kmh.length !== m.points.length - 1) throw new Error(`${m.name}: one speed per segment expected`);
		const pts = m.points.map((id) => place(`J:${id}`));
		for (let i = 1; i < pts.length; i++) add(pts[i - 1], pts[i], { highway: 'motorway', oneway: 'no', maxspeed: m.kmh[i - 1], ref: m.ref, name: m.name });
	}
	// 2. Main roads through the towns they connect.
	const localVertices = new Map<string, Pt>();
	for (const z of zones) localVertices.set(key(pt(z.lon, z.lat)), pt(z.lon, z.lat));
	for (const r of MAIN_ROADS) {
		const pts = r.via.map(place);
		for (let i = 1; i < pts.length; i++) {
			if (waterM(pts[i - 1], pts[i]) > LAKE.mainRoadToleranceM) problems.push(`${r.name}: ${r.via[i - 1]} → ${r.via[i]} crosses ${Math.round(waterM(pts[i - 1], pts[i]))} m of lake`);
			add(pts[i - 1], pts[i], { highway: r.highway, oneway: 'no', maxspeed: effective(r.highway), ref: r.ref, name: r.name });
		}
		for (const p of pts) localVertices.set(key(p), p);
	}
	const nearestLocal = (from: Pt, exclude = new Set<string>()) => {
		let best: Pt | null = null;
		let bestD = Infinity;
		for (const [k, p] of localVertices) {
			if (exclude.has(k)) continue;
			const d = distM(from[0], from[1], p[0], p[1]);
			if (d < bestD && !crossesLake(from, p)) [best, bestD] = [p, d];
		}
		return best;
	};
	// 3. Motorway links: every junction to the nearest town or main-road vertex.
	for (const jn of JUNCTIONS) {
		const p = pt(jn.lon, jn.lat);
		const to = nearestLocal(p);
		if (to) add(p, to, { highway: LINK.highway, oneway: 'no', maxspeed: Math.round(LINK.postedKmh / DETOUR[LINK.highway]), ref: '', name: jn.name });
	}
	// 4. Local mesh between neighbouring settlement points.
	for (const a of zones) {
		const pa = pt(a.lon, a.lat);
		const near = zones
			.filter((b) => b !== a)
			.map((b) => ({ b, d: distM(a.lon, a.lat, b.lon, b.lat) }))
			.filter((x) => x.d <= MESH.maxKm * 1000)
			.sort((x, y) => x.d - y.d || x.b.zone_id - y.b.zone_id)
			.slice(0, MESH.k);
		for (const { b } of near) {
			const pb = pt(b.lon, b.lat);
			if (!crossesLake(pa, pb)) add(pa, pb, { highway: MESH.highway, oneway: 'no', maxspeed: effective(MESH.highway), ref: '', name: `${a.name}–${b.name}` });
		}
	}
	// 5. Every municipality centroid to the nearest local vertex.
	for (const c of centroids) {
		const p = pt(c.lon, c.lat);
		const to = nearestLocal(p);
		if (to && distM(p[0], p[1], to[0], to[1]) >= CONNECTOR.minM) add(p, to, { highway: CONNECTOR.highway, oneway: 'no', maxspeed: effective(CONNECTOR.highway), ref: '', name: `Zufahrt ${c.name}` });
	}
	// 6. Join any island (a zone cut off by lakes) to the nearest vertex of the largest component.
	joinComponents(features, add, effective(MESH.highway));
	// 7. Urban speed regime inside built-up areas.
	return { roads: { type: 'FeatureCollection', features: splitUrban(features, zones) }, problems };
}

interface Disc {
	lon: number;
	lat: number;
	r: number;
}

/** Built-up discs of the zones (URBAN). */
export function builtUpDiscs(zones: { lon: number; lat: number; population: number }[]): Disc[] {
	return zones
		.filter((z) => z.population >= URBAN.minPopulation)
		.map((z) => ({ lon: z.lon, lat: z.lat, r: Math.max(URBAN.minRadiusM, Math.sqrt((z.population / URBAN.residentsPerKm2 / Math.PI) * 1e6)) }));
}

/** Parameter intervals (0..1) of segment a→b inside the union of the discs. */
function insideIntervals(a: Pt, b: Pt, discs: Disc[]): [number, number][] {
	const k = 111320 * Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
	const [dx, dy] = [(b[0] - a[0]) * k, (b[1] - a[1]) * 110540];
	const len2 = dx * dx + dy * dy;
	const iv: [number, number][] = [];
	for (const c of discs) {
		const [fx, fy] = [(a[0] - c.lon) * k, (a[1] - c.lat) * 110540];
		// |f + t d|² = r²
		const B = 2 * (fx * dx + fy * dy);
		const C = fx * fx + fy * fy - c.r * c.r;
		const disc = B * B - 4 * len2 * C;
		if (len2 === 0 || disc <= 0) continue;
		const q = Math.sqrt(disc);
		const t0 = Math.max(0, (-B - q) / (2 * len2));
		const t1 = Math.min(1, (-B + q) / (2 * len2));
		if (t1 > t0) iv.push([t0, t1]);
	}
	iv.sort((x, y) => x[0] - y[0]);
	const merged: [number, number][] = [];
	for (const x of iv) {
		const last = merged[merged.length - 1];
		if (last && x[0] <= last[1]) last[1] = Math.max(last[1], x[1]);
		else merged.push([...x]);
	}
	return merged;
}

/** Split every non-motorway feature at the built-up boundaries; parts inside get the urban speed and tag. */
function splitUrban(features: RoadFeature[], zones: { lon: number; lat: number; population: number }[]): RoadFeature[] {
	const discs = builtUpDiscs(zones);
	const urbanKmh = (highway: string) => Math.round((URBAN.postedKmh[highway] * URBAN.drivenShare) / DETOUR[highway]);
	const out: RoadFeature[] = [];
	for (const f of features) {
		const [a, b] = f.geometry.coordinates as Pt[];
		const hw = f.properties.highway;
		if (!(hw in URBAN.postedKmh)) {
			out.push(f);
			continue;
		}
		const at = (t: number): Pt => (t <= 0 ? a : t >= 1 ? b : pt(a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])));
		let t = 0;
		const piece = (t0: number, t1: number, urban: boolean) => {
			const [p, q] = [at(t0), at(t1)];
			if (key(p) === key(q)) return;
			const props: RoadProps = urban ? { ...f.properties, maxspeed: Math.min(f.properties.maxspeed, urbanKmh(hw)), 'maxspeed:type': URBAN.tag } : f.properties;
			out.push({ type: 'Feature', properties: props, geometry: { type: 'LineString', coordinates: [p, q] } });
		};
		for (const [t0, t1] of insideIntervals(a, b, discs)) {
			piece(t, t0, false);
			piece(t0, t1, true);
			t = t1;
		}
		piece(t, 1, false);
	}
	return out;
}

function joinComponents(features: RoadFeature[], add: (a: Pt, b: Pt, p: RoadProps) => void, speed: number) {
	for (;;) {
		const parent = new Map<string, string>();
		const find = (k: string): string => {
			let r = k;
			while (parent.get(r) !== r) r = parent.get(r)!;
			parent.set(k, r);
			return r;
		};
		const pts = new Map<string, Pt>();
		for (const f of features)
			for (const c of f.geometry.coordinates) {
				const p = c as Pt;
				pts.set(key(p), p);
				if (!parent.has(key(p))) parent.set(key(p), key(p));
			}
		for (const f of features) parent.set(find(key(f.geometry.coordinates[0] as Pt)), find(key(f.geometry.coordinates[1] as Pt)));
		const comps = new Map<string, string[]>();
		for (const k of pts.keys()) comps.set(find(k), [...(comps.get(find(k)) ?? []), k]);
		if (comps.size <= 1) return;
		const [main, island] = [...comps.values()].sort((a, b) => b.length - a.length || a[0].localeCompare(b[0]));
		let best: [Pt, Pt, number] | null = null;
		for (const a of island)
			for (const b of main) {
				const [pa, pb] = [pts.get(a)!, pts.get(b)!];
				const d = distM(pa[0], pa[1], pb[0], pb[1]);
				if (!best || d < best[2]) best = [pa, pb, d];
			}
		add(best![0], best![1], { highway: 'tertiary', oneway: 'no', maxspeed: speed, ref: '', name: 'Verbindung (Inselanschluss)' });
	}
}
