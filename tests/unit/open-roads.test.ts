/**
 * Opening a road network as the app and the CLI do (reach/open-roads.ts): an OSM PBF cut to the study
 * region gives the same car times as the same roads from GeoJSON; its network file reopens to the same
 * times; a PBF outside the region, or a file that is no road network, is refused with a German and an
 * English message.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { bytesSource } from '../../src/lib/util/bytes.ts';
import { openRoads } from '../../src/lib/reach/open-roads.ts';
import { regionAround } from '../../src/lib/reach/region.ts';
import { computeMatrix } from '../../src/lib/reach/matrix.ts';
import { RoadError } from '../../src/lib/reach/road/index.ts';
import { parseCsvRecords } from '../../src/lib/util/csv.ts';
import { lucerneApproxPbf } from '../fixtures/road/lucerne-pbf.ts';

const zones = parseCsvRecords(readFileSync('data/demo/zones.csv', 'utf8')).map((z) => ({ zone_id: Number(z.zone_id), lon: Number(z.lon), lat: Number(z.lat), population: Number(z.population), area_km2: Number(z.area_km2) }));
const sites = parseCsvRecords(readFileSync('data/demo/sites.csv', 'utf8')).map((s) => ({ id: s.site_id, lon: Number(s.lon), lat: Number(s.lat), zone_id: Number(s.zone_id) }));
const region = regionAround(zones, 25);
const opts = { region, label: 'osm:test', createdBy: 'test' };

async function carRows(net: Awaited<ReturnType<typeof openRoads>>['network']) {
	return (await computeMatrix({ car: net }, zones, sites, { modes: ['car'] })).map((r) => `${r.origin_zone}|${r.destination_id}|${r.minutes_p50}`);
}

describe('openRoads', () => {
	it('a PBF cut to the region equals the same roads as GeoJSON, and its network file reopens identically', async () => {
		const pbf = await openRoads(bytesSource(lucerneApproxPbf(), 'lucerne.osm.pbf'), opts);
		expect(pbf.format).toBe('pbf');
		expect(pbf.provenance?.region?.bufferKm).toBe(25);
		expect(pbf.provenance?.sourceName).toBe('lucerne.osm.pbf');
		const geo = await openRoads(bytesSource(readFileSync('data/networks/lucerne_approx_roads.geojson'), 'roads.geojson'), opts);
		expect(geo.format).toBe('geojson');
		const a = await carRows(pbf.network);
		expect(a.length).toBeGreaterThan(1000);
		expect(a).toEqual(await carRows(geo.network));
		const again = await openRoads(bytesSource(pbf.netfile!, 'lucerne.swnet'), opts);
		expect(again.format).toBe('swnet');
		expect(again.provenance?.checksum).toBe(pbf.provenance?.checksum);
		expect(await carRows(again.network)).toEqual(a);
		// A second reach worker works on a structured-clone copy (worker networks()/adoptNetworks()): cut and reopened graphs survive it.
		for (const net of [pbf.network, again.network, geo.network]) expect(await carRows(structuredClone(net))).toEqual(a);
	});

	it('refuses a PBF without roads in the study region (Monaco) and files that are no road network', async () => {
		const monaco = await openRoads(bytesSource(readFileSync('data/networks/monaco.osm.pbf'), 'monaco.osm.pbf'), opts).catch((e) => e);
		expect(monaco).toBeInstanceOf(RoadError);
		expect(monaco.code).toBe('no_roads');
		expect(monaco.msg.de).toMatch(/Untersuchungsgebiet/);
		const zip = await openRoads(bytesSource(readFileSync('data/networks/gtfs_ch_zug.zip'), 'feed.zip'), opts).catch((e) => e);
		expect(zip.code).toBe('not_pbf');
		const badJson = await openRoads(bytesSource(new TextEncoder().encode('{ not json'), 'x.geojson'), opts).catch((e) => e);
		expect(badJson.code).toBe('not_pbf');
	});
});
