import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BFS_MERGERS, buildGeoRefs, currentBfs, distanceToZoneM, geocodePlz, municipalityCentroid, parsePlzCsv, zoneAt } from '../../src/lib/data/geocode.ts';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';

const refs = loadGeoRefs();

describe('PLZ geocoding (swisstopo locality register 2022)', () => {
	it('finds the main locality of a postcode', () => {
		// data/plz_ortschaften_lu_region_2022.csv: "Luzern,6003,0,Luzern,1061,LU,8.297014,47.050065,de"
		expect(geocodePlz(refs.plz!, 6003)).toEqual({ lon: 8.297014, lat: 47.050065, zone_id: 1061, name: 'Luzern' });
	});
	it('prefers zusatzziffer 0 when a postcode covers several localities (6038: Gisikon, not Honau)', () => {
		expect(geocodePlz(refs.plz!, 6038)?.name).toBe('Gisikon');
	});
	it('takes the lowest zusatzziffer when there is no 0 and maps merged municipalities', () => {
		const idx = parsePlzCsv('ortschaft,plz,zusatzziffer,gemeinde,bfs,canton,lon,lat,sprache\nHonau,6038,2,Honau,1057,LU,8.406206,47.13286,de\nX,6038,3,X,1,LU,8,47,de\n');
		expect(geocodePlz(idx, 6038)).toEqual({ lon: 8.406206, lat: 47.13286, zone_id: 1065, name: 'Honau' });
	});
	it('returns null for unknown postcodes and ignores the lake pseudo-postcode 9999', () => {
		expect(geocodePlz(refs.plz!, 6999)).toBeNull();
		expect(geocodePlz(refs.plz!, 9999)).toBeNull();
	});
});

describe('BFS municipality centroids and mergers', () => {
	it('gives the 2026 centroid of a municipality', () => {
		// municipalities_lu_region_2026_centroids.csv: "1065,Root,LU,8.39219,47.11536,..."
		expect(municipalityCentroid(refs.municipalities!, 1065)).toMatchObject({ lon: 8.39219, lat: 47.11536, zone_id: 1065, name: 'Root' });
	});
	it('maps Honau 1057 to Root 1065 (merged 2025) and says so', () => {
		expect(currentBfs(1057)).toBe(1065);
		expect(municipalityCentroid(refs.municipalities!, 1057)).toMatchObject({ zone_id: 1065, mergedFrom: 1057 });
	});
	it('maps every municipality of the 2022 locality register that is gone by 2026 to the one its localities now lie in', () => {
		const register = readFileSync(path.resolve(__dirname, '../../data/plz_ortschaften_lu_region_2022.csv'), 'utf8').trim().split('\n').slice(1);
		const today = new Set(refs.zones!.zones.map((z) => z.bfs));
		const gone: [string, number, number | null][] = [];
		for (const line of register) {
			const [name, plz, , , bfs, , lon, lat] = line.split(',');
			if (plz === '9999' || today.has(Number(bfs))) continue;
			gone.push([name, currentBfs(Number(bfs)), zoneAt(refs.zones!, Number(lon), Number(lat))]);
		}
		expect(gone.length).toBeGreaterThan(5);
		// Moutier left the region for the Jura (2026): no polygon, no mapping.
		for (const [name, now, at] of gone) expect([name, now]).toEqual([name, name === 'Moutier' ? 700 : at]);
		for (const now of Object.values(BFS_MERGERS)) expect(today.has(now)).toBe(true);
	});
	it('returns null for unknown numbers', () => {
		expect(municipalityCentroid(refs.municipalities!, 4242)).toBeNull();
	});
});

describe('point in polygon -> BFS zone', () => {
	it('puts locality points into their municipality', () => {
		expect(zoneAt(refs.zones!, 8.297014, 47.050065)).toBe(1061); // Luzern 6003
		expect(zoneAt(refs.zones!, 8.399282, 47.127126)).toBe(1055); // Gisikon
		expect(zoneAt(refs.zones!, 8.406206, 47.13286)).toBe(1065); // Honau's point lies in today's Root
	});
	it('returns null outside every polygon', () => {
		expect(zoneAt(refs.zones!, 9.19, 45.46)).toBeNull(); // Milan
	});
	it('builds the same references from raw text (browser path)', () => {
		const r = buildGeoRefs({ centroidsCsv: 'bfs,name,canton,centroid_lon,centroid_lat\n1061,Luzern,LU,8.3,47.05\n' });
		expect(r.plz).toBeUndefined();
		expect(municipalityCentroid(r.municipalities!, 1061)?.name).toBe('Luzern');
	});
});

describe('distance from a point to a municipality', () => {
	it('is 0 inside, the metres to the nearest boundary point outside (1 km east of the easternmost vertex: 1 km)', () => {
		const refs = loadGeoRefs();
		const zones = refs.zones!;
		const luzern = zones.zones.find((z) => z.bfs === 1061)!;
		expect(distanceToZoneM(zones, 1061, 8.3093, 47.0502)).toBe(0);
		const g = luzern.feature.geometry;
		const vertices = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);
		const east = vertices.reduce((a, b) => (b[0] > a[0] ? b : a));
		const dLon = 1000 / (111_320 * Math.cos((east[1] * Math.PI) / 180));
		expect(distanceToZoneM(zones, 1061, east[0] + dLon, east[1])).toBeCloseTo(1000, 3);
		expect(distanceToZoneM(zones, 1103, 8.3093, 47.0502)! / 1000).toBeGreaterThan(10);
		expect(distanceToZoneM(zones, 9999, 8.3093, 47.0502)).toBeNull();
	});
});
