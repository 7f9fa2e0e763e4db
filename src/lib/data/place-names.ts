/**
 * Municipalities by name, for files that give a place only as text ("Kriens", "Hasle LU", "Stadt Luzern",
 * "6010 Kriens"): customer counts per municipality, a staff list with the home town. Names are matched as
 * headers are (case, accents, punctuation aside), first against the 2026 municipalities of the region
 * (official name, the name without its canton suffix when that is unique, name + canton), then against
 * the main locality of each postcode (a village that is part of a municipality). A name that fits two
 * municipalities is refused with both; an unknown one with the nearest names.
 */
import { editDistance } from './address/distance.ts';
import type { GeoRefs } from './geocode.ts';
import { normaliseHeader } from './schema.ts';

export type NameMatch = { bfs: number; name: string } | { ambiguous: string[] } | { unknown: string[] };

interface Entry {
	bfs: number;
	/** The official name, for messages. */
	name: string;
}

interface PlaceNames {
	/** Key -> the entry, or the names it could mean (ambiguous). */
	byKey: Map<string, Entry | string[]>;
}

const cache = new WeakMap<GeoRefs, PlaceNames>();

/** A name as a lookup key: normalised, without a leading postcode or a "Stadt"/"Gemeinde" before it. */
function key(name: string): string {
	return normaliseHeader(name.replace(/^\s*(?:ch-)?\d{4}\s+/i, '')).replace(/^(?:stadt|gemeinde|commune|comune|ville)_(?:de_|di_)?/, '');
}

function add(m: Map<string, Entry | string[]>, k: string, e: Entry): void {
	if (!k) return;
	const prev = m.get(k);
	if (prev === undefined) m.set(k, e);
	else if (Array.isArray(prev)) {
		if (!prev.includes(e.name)) prev.push(e.name);
	} else if (prev.bfs !== e.bfs) m.set(k, [prev.name, e.name]);
}

function build(refs: GeoRefs): PlaceNames {
	const municipalities = new Map<string, Entry | string[]>();
	for (const [bfs, m] of refs.municipalities?.byBfs ?? []) {
		const e = { bfs, name: m.name };
		const base = m.name.replace(/\s*\([A-Z]{2}\)\s*$/, '');
		add(municipalities, key(m.name), e);
		add(municipalities, key(`${base} ${m.canton}`), e);
		if (base !== m.name) add(municipalities, key(base), e);
	}
	// Localities fill in where no municipality has the name (a village of a merged municipality).
	const byKey = new Map(municipalities);
	const localities = new Map<string, Entry | string[]>();
	for (const p of refs.plz?.byPlz.values() ?? []) {
		const m = refs.municipalities?.byBfs.get(p.zone_id);
		if (!m) continue;
		const e = { bfs: p.zone_id, name: `${p.name} (${m.name})` };
		add(localities, key(p.name), e);
		add(localities, key(p.name.replace(/\s+[A-Z]{2}$/, '')), e);
	}
	for (const [k, e] of localities) if (!byKey.has(k)) byKey.set(k, e);
	return { byKey };
}

/** The municipality a name means, or why it cannot be said (with the names it could mean, or the nearest). */
export function municipalityByName(refs: GeoRefs, name: string): NameMatch {
	let names = cache.get(refs);
	if (!names) cache.set(refs, (names = build(refs)));
	const k = key(name);
	const hit = names.byKey.get(k);
	if (hit && !Array.isArray(hit)) return { bfs: hit.bfs, name: hit.name };
	if (hit) return { ambiguous: hit };
	const bound = Math.max(1, Math.min(3, Math.floor(k.length / 4)));
	const near: { name: string; d: number }[] = [];
	for (const [other, e] of names.byKey) {
		if (Array.isArray(e)) continue;
		const d = editDistance(k, other, bound);
		if (d <= bound && !near.some((x) => x.name === e.name)) near.push({ name: e.name, d });
	}
	near.sort((a, b) => a.d - b.d || a.name.localeCompare(b.name));
	return { unknown: near.slice(0, 3).map((x) => x.name) };
}
