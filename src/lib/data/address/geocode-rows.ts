/**
 * One address → one point, with the same cascade and words as the importer's location step: the
 * directory (entrance or street), else the postcode's locality, else the municipality centroid. For
 * the CLI's `geocode` command and the benchmarks, which geocode plain address lists (no table checks).
 */
import { currentBfs, geocodePlz, municipalityCentroid, zoneAt, type GeoRefs } from '../geocode.ts';
import type { GeocodeQuality } from '../schema.ts';
import type { AddrMsg } from './directory.ts';
import { parseQuery, type AddressQuery } from './match.ts';
import { hitText, missText, queryText } from './messages.ts';

export interface GeocodedAddress {
	lon: number | null;
	lat: number | null;
	zone_id: number | null;
	quality: GeocodeQuality;
	/** The directory's address the row was placed at (entrance or street), else null. */
	match: string | null;
	/** Why it is not a clean entrance match (candidates, fallback), else null. */
	note: AddrMsg | null;
}

export function geocodeAddress(refs: GeoRefs, q: AddressQuery): GeocodedAddress {
	const input = queryText(q);
	let missed: AddrMsg | null = null;
	let plz = q.plz ?? null;
	if (refs.addresses) {
		const r = refs.addresses.match(q);
		if (r.hit) {
			const zone = r.hit.bfs !== null ? currentBfs(r.hit.bfs) : refs.zones ? zoneAt(refs.zones, r.hit.lon, r.hit.lat) : null;
			return { lon: r.hit.lon, lat: r.hit.lat, zone_id: zone, quality: r.hit.quality, match: r.hit.label, note: hitText(input, r.hit)?.msg ?? null };
		}
		missed = missText(input, r.miss, r.parsed);
		plz ??= r.parsed.plz;
	} else plz ??= parseQuery(q).plz;
	const join = (tail: AddrMsg): AddrMsg => (missed ? { de: `${missed.de}; ${tail.de}`, en: `${missed.en}; ${tail.en}` } : { de: `${input}: ${tail.de}`, en: `${input}: ${tail.en}` });
	const place = plz !== null && refs.plz ? geocodePlz(refs.plz, plz) : null;
	if (place)
		return {
			lon: place.lon,
			lat: place.lat,
			zone_id: (refs.zones ? zoneAt(refs.zones, place.lon, place.lat) : null) ?? place.zone_id,
			quality: 'postcode',
			match: null,
			note: join({ de: `platziert an der PLZ ${plz} (${place.name}).`, en: `placed at the postcode ${plz} (${place.name}).` })
		};
	const m = q.bfs && refs.municipalities ? municipalityCentroid(refs.municipalities, q.bfs) : null;
	if (m)
		return {
			lon: m.lon,
			lat: m.lat,
			zone_id: m.zone_id,
			quality: 'municipality',
			match: null,
			note: join({ de: `platziert am Schwerpunkt der Gemeinde ${m.name}.`, en: `placed at the centroid of the municipality ${m.name}.` })
		};
	return { lon: null, lat: null, zone_id: null, quality: 'none', match: null, note: join({ de: 'nicht platziert.', en: 'not placed.' }) };
}
