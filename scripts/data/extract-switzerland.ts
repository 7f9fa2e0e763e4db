/**
 * Writes data/switzerland_2026.geojson: the national outline of Switzerland, for the importer's
 * "is this point in Switzerland?" check. Source: the `country` object of swiss-maps 2026
 * (../shared/data/ch-combined_2026.topo.json), which holds four polygons: Switzerland (with the
 * German enclave Büsingen and the Italian enclave Campione as holes), the two enclaves themselves and
 * Liechtenstein. Only the first is Switzerland: it is the one that contains Bern. Coordinates are
 * rounded to 1e-5° (~1 m), far below the generalisation of the source.
 * Run: npx tsx scripts/data/extract-switzerland.ts [path/to/ch-combined_2026.topo.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { feature } from 'topojson-client';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, Polygon } from 'geojson';

const src = process.argv[2] ?? path.resolve('../shared/data/ch-combined_2026.topo.json');
const topo = JSON.parse(readFileSync(src, 'utf8'));
const fc = feature(topo, topo.objects.country) as unknown as FeatureCollection<Polygon>;
const BERN: [number, number] = [7.4474, 46.948];
const ch = fc.features.find((f) => booleanPointInPolygon(BERN, f));
if (!ch) throw new Error('no polygon contains Bern');
const round = (x: number) => Math.round(x * 1e5) / 1e5;
const out: Feature<Polygon> = {
	type: 'Feature',
	properties: { name: 'Schweiz / Suisse / Svizzera / Svizra', source: 'swiss-maps 2026 country (generalised)' },
	geometry: { type: 'Polygon', coordinates: ch.geometry.coordinates.map((ring) => ring.map(([x, y]) => [round(x), round(y)])) }
};
const file = path.resolve('data/switzerland_2026.geojson');
writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [out] }) + '\n');
console.log(`${file}: ${out.geometry.coordinates.map((r) => r.length).join(' + ')} vertices (outer ring + holes)`);
