/**
 * Address matching against a loaded directory. Order, per row:
 *  1. parse the input (one column "Bahnhofstr. 12a, 6003 Luzern" or street / number / postcode /
 *     locality columns); a PO box alone is not a building (miss, the caller falls back to the postcode);
 *  2. scope: the streets of the postcode; else of the locality's postcodes; the row's municipality
 *     (given, or the postcode's) is the second scope, used when the first has no such street;
 *  3. street: same key (normalise.ts; "exact" when the label is the same text, else "normalised"),
 *     then fuzzy (bounded edit distance on the key, unique best within fuzzyLimit);
 *  4. house number: the same number, then a variant (a range's parts "12-14" → 12, the base number
 *     "12a" → 12), else the street itself (quality "street", at its middle entrance) with the nearest
 *     numbers as candidates; no number given → the street, said so.
 * Misses carry the nearest street names so the planner can fix the input.
 */
import { commonPrefix, editDistance, fuzzyLimit } from './distance.ts';
import { FLAG_NOT_REAL, FLAG_OFFICIAL, type AddressDirectory } from './directory.ts';
import { localityKey, normNumber, numberBase, numberVariants, parseAddress, parsePlzLocality, streetKey } from './normalise.ts';
import { MAX_VALUE_CHARS } from '../import/types.ts';

export interface AddressQuery {
	/** Street and number in one, possibly with postcode and locality ("Bahnhofstr. 12, 6003 Luzern"). */
	address?: string | null;
	street?: string | null;
	number?: string | null;
	plz?: number | null;
	/** Locality, or postcode and locality in one ("6005 Luzern"). */
	locality?: string | null;
	/** BFS municipality number, when known (narrows the second scope). */
	bfs?: number | null;
}

export type MatchMethod = 'exact' | 'normalised' | 'fuzzy';

export type AddressNote =
	| { code: 'postcode_differs'; given: number; used: number }
	| { code: 'fuzzy_street'; given: string; used: string }
	| { code: 'number_variant'; given: string; used: string }
	| { code: 'no_number' }
	| { code: 'number_not_found'; given: string; nearest: string[] }
	| { code: 'po_box_ignored' }
	| { code: 'not_real' };

export interface AddressHit {
	/** "address": an entrance; "street": the street's middle entrance (number missing or not found). */
	quality: 'address' | 'street';
	method: MatchMethod;
	lon: number;
	lat: number;
	/** BFS number of the municipality (null when the directory has none). */
	bfs: number | null;
	egaid: number | null;
	street: number;
	entrance: number;
	/** The directory's address: "Bahnhofstrasse 9, 6003 Luzern" (street level: without number). */
	label: string;
	notes: AddressNote[];
}

export type MissReason = 'po_box' | 'no_street' | 'street_not_found' | 'ambiguous_street' | 'postcode_not_in_directory' | 'no_postcode';

export interface AddressMiss {
	reason: MissReason;
	/** Nearest street names in scope ("Bahnhofstrasse, Bahnhofplatz"), best first. */
	candidates: string[];
}

/** What the input said, after parsing (the caller's fallback uses plz). */
export interface ParsedQuery {
	street: string | null;
	number: string | null;
	plz: number | null;
	locality: string | null;
	poBox: boolean;
}

export type AddressResult = { hit: AddressHit; miss: null; parsed: ParsedQuery } | { hit: null; miss: AddressMiss; parsed: ParsedQuery };

const CANDIDATES = 3;
const blank = (s: string | null | undefined): s is null | undefined => s === null || s === undefined || s.trim() === '';

/** Lookup structures over a directory, built once after loading (≈ 1 s for a national directory). */
export class AddressIndex {
	readonly keys: string[];
	private readonly byKey = new Map<string, number[]>();
	private readonly byPlz = new Map<number, number[]>();
	private readonly byBfs = new Map<number, number[]>();
	private readonly plzBfs = new Map<number, number[]>();
	private readonly localityPlz = new Map<string, number[]>();
	private readonly normNumbers: string[];
	private readonly bases: Int32Array;
	/** The parts of a directory number that is a range ("28-30" → 28, 30), else null. */
	private readonly rangeParts: (string[] | null)[];
	private readonly mid: Int32Array;

	constructor(readonly dir: AddressDirectory) {
		const S = dir.streetLabel.length;
		this.keys = new Array<string>(S);
		const keyOf = new Map<string, string>();
		const add = <K>(m: Map<K, number[]>, k: K, v: number) => {
			const a = m.get(k);
			if (a) {
				if (a[a.length - 1] !== v) a.push(v);
			} else m.set(k, [v]);
		};
		for (let s = 0; s < S; s++) {
			const label = dir.streetLabel[s];
			let k = keyOf.get(label);
			if (k === undefined) keyOf.set(label, (k = streetKey(label)));
			this.keys[s] = k;
			add(this.byKey, k, s);
			const plz = dir.streetPlz[s];
			const bfs = dir.streetBfs[s];
			add(this.byPlz, plz, s);
			if (bfs) {
				add(this.byBfs, bfs, s);
				const pb = this.plzBfs.get(plz);
				if (!pb) this.plzBfs.set(plz, [bfs]);
				else if (!pb.includes(bfs)) pb.push(bfs);
			}
			const lk = localityKey(dir.localities[dir.streetLocality[s]]);
			const lp = this.localityPlz.get(lk);
			if (!lp) this.localityPlz.set(lk, [plz]);
			else if (!lp.includes(plz)) lp.push(plz);
		}
		this.normNumbers = dir.numbers.map(normNumber);
		this.bases = Int32Array.from(dir.numbers, numberBase);
		this.rangeParts = dir.numbers.map((x) => {
			const v = numberVariants(x);
			return v.length > 1 ? v.slice(1) : null;
		});
		this.mid = new Int32Array(S).fill(-1);
	}

	/** Whether the directory has streets for this postcode (false: outside the cut region, or unknown). */
	hasPlz(plz: number): boolean {
		return this.byPlz.has(plz);
	}

	/** "Bahnhofstrasse 9, 6003 Luzern" for an entrance, "Bahnhofstrasse, 6003 Luzern" for a street. */
	label(street: number, entrance = -1): string {
		const d = this.dir;
		const num = entrance >= 0 ? d.numbers[d.entNumber[entrance]] : '';
		const loc = d.localities[d.streetLocality[street]];
		return `${d.streetLabel[street]}${num ? ' ' + num : ''}, ${d.streetPlz[street]}${loc ? ' ' + loc : ''}`;
	}

	/** The street's middle entrance: the one nearest the mean of its entrances (cached). */
	middle(street: number): number {
		const cached = this.mid[street];
		if (cached >= 0) return cached;
		const d = this.dir;
		const a = d.streetFirst[street];
		const b = d.streetFirst[street + 1];
		let lon = 0;
		let lat = 0;
		for (let i = a; i < b; i++) {
			lon += d.entLon[i];
			lat += d.entLat[i];
		}
		lon /= b - a;
		lat /= b - a;
		let best = a;
		let bestD = Infinity;
		for (let i = a; i < b; i++) {
			const dd = (d.entLon[i] - lon) ** 2 + (d.entLat[i] - lat) ** 2;
			if (dd < bestD) [best, bestD] = [i, dd];
		}
		this.mid[street] = best;
		return best;
	}

	/** Match one address (see the module comment for the order). */
	match(q: AddressQuery): AddressResult {
		const parsed = parseQuery(q);
		const miss = (reason: MissReason, candidates: string[] = []): AddressResult => ({ hit: null, miss: { reason, candidates }, parsed });
		if (!parsed.street) return miss(parsed.poBox ? 'po_box' : 'no_street');

		// ---- scope: first the postcode (or the locality's postcodes), then the municipalities
		const notes: AddressNote[] = [];
		if (parsed.poBox) notes.push({ code: 'po_box_ignored' });
		let first: number[] = [];
		if (parsed.plz !== null && this.byPlz.has(parsed.plz)) first = [parsed.plz];
		else if (parsed.locality) first = this.localityPlz.get(localityKey(parsed.locality)) ?? [];
		const bfsList: number[] = [];
		if (q.bfs) bfsList.push(q.bfs);
		for (const p of first) for (const b of this.plzBfs.get(p) ?? []) if (!bfsList.includes(b)) bfsList.push(b);
		if (first.length === 0 && bfsList.length === 0) return miss(parsed.plz !== null ? 'postcode_not_in_directory' : 'no_postcode');
		const inFirst = (s: number) => first.includes(this.dir.streetPlz[s]);
		const inSecond = (s: number) => bfsList.includes(this.dir.streetBfs[s]);

		// ---- street: same key, then fuzzy
		const key = streetKey(parsed.street);
		let method: MatchMethod = 'normalised';
		const sameKey = this.byKey.get(key) ?? [];
		let streets = sameKey.filter(inFirst);
		if (!streets.length) streets = sameKey.filter(inSecond);
		if (!streets.length) {
			// Fuzzy: the postcode's streets first, the municipality's only when nothing there is close.
			const limit = fuzzyLimit(key.length);
			const bound = limit + 2;
			const scored: { s: number; d: number; p: number }[] = [];
			let best: { s: number; d: number; p: number } | undefined;
			for (const scope of this.scopes(first, bfsList)) {
				for (const s of scope) {
					const k = this.keys[s];
					scored.push({ s, d: editDistance(key, k, bound), p: commonPrefix(key, k) });
				}
				scored.sort((x, y) => x.d - y.d || y.p - x.p || x.s - y.s);
				best = scored[0];
				if (best && best.d <= limit) break;
			}
			const names = distinctLabels(scored.map((x) => this.dir.streetLabel[x.s]), CANDIDATES);
			if (!best || best.d > limit) return miss('street_not_found', names);
			const bestKeys = new Set(scored.filter((x) => x.d === best!.d).map((x) => this.keys[x.s]));
			if (bestKeys.size > 1) return miss('ambiguous_street', names);
			const k = this.keys[best.s];
			streets = scored.filter((x) => this.keys[x.s] === k).map((x) => x.s);
			if (streets.some(inFirst)) streets = streets.filter(inFirst);
			method = 'fuzzy';
			notes.push({ code: 'fuzzy_street', given: parsed.street, used: this.dir.streetLabel[best.s] });
		} else if (streets.some((s) => sameText(this.dir.streetLabel[s], parsed.street!))) {
			streets = streets.filter((s) => sameText(this.dir.streetLabel[s], parsed.street!)).concat(streets.filter((s) => !sameText(this.dir.streetLabel[s], parsed.street!)));
			method = 'exact';
		}
		const usedPlz = this.dir.streetPlz[streets[0]];
		if (parsed.plz !== null && parsed.plz !== usedPlz) notes.push({ code: 'postcode_differs', given: parsed.plz, used: usedPlz });

		// ---- house number
		if (parsed.number === null) {
			const s = this.biggest(streets);
			return this.streetHit(s, method, [...notes, { code: 'no_number' }], parsed);
		}
		const variants = numberVariants(parsed.number);
		for (let v = 0; v < variants.length; v++) {
			const e = this.findNumber(streets, (i) => this.normNumbers[this.dir.entNumber[i]] === variants[v]);
			if (e >= 0) {
				const exactNumber = v === 0 && this.dir.numbers[this.dir.entNumber[e]] === parsed.number.trim();
				if (v > 0) notes.push({ code: 'number_variant', given: parsed.number, used: this.dir.numbers[this.dir.entNumber[e]] });
				return this.entranceHit(e, method === 'exact' && !exactNumber ? 'normalised' : method, notes, parsed);
			}
		}
		// A range in the directory that holds the number ("30" in "28-30").
		const inRange = this.findNumber(streets, (i) => this.rangeParts[this.dir.entNumber[i]]?.includes(variants[0]) ?? false);
		if (inRange >= 0) {
			notes.push({ code: 'number_variant', given: parsed.number, used: this.dir.numbers[this.dir.entNumber[inRange]] });
			return this.entranceHit(inRange, method === 'exact' ? 'normalised' : method, notes, parsed);
		}
		// The base number ("12a" when only 12 or 12b exist; "12.1" → 12): the plain one first.
		const base = numberBase(parsed.number);
		if (base >= 0) {
			const plain = String(base);
			let e = this.findNumber(streets, (i) => this.normNumbers[this.dir.entNumber[i]] === plain);
			if (e < 0) e = this.findNumber(streets, (i) => this.bases[this.dir.entNumber[i]] === base);
			if (e >= 0) {
				notes.push({ code: 'number_variant', given: parsed.number, used: this.dir.numbers[this.dir.entNumber[e]] });
				return this.entranceHit(e, method === 'exact' ? 'normalised' : method, notes, parsed);
			}
		}
		const s = this.biggest(streets);
		notes.push({ code: 'number_not_found', given: parsed.number, nearest: this.nearestNumbers(s, base) });
		return this.streetHit(s, method, notes, parsed);
	}

	/** The streets of the postcodes in `plz`, then those of the municipalities in `bfs` not already listed. */
	private scopes(plz: number[], bfs: number[]): number[][] {
		const seen = new Set<number>();
		const a: number[] = [];
		for (const p of plz) for (const s of this.byPlz.get(p) ?? []) if (!seen.has(s)) (seen.add(s), a.push(s));
		const b: number[] = [];
		for (const m of bfs) for (const s of this.byBfs.get(m) ?? []) if (!seen.has(s)) (seen.add(s), b.push(s));
		return [a, b];
	}

	/** The best entrance of `streets` (in order) satisfying `ok`: real and official ones first. */
	private findNumber(streets: number[], ok: (i: number) => boolean): number {
		let fallback = -1;
		for (const s of streets) {
			for (let i = this.dir.streetFirst[s]; i < this.dir.streetFirst[s + 1]; i++) {
				if (!ok(i)) continue;
				const f = this.dir.entFlags[i];
				if (!(f & FLAG_NOT_REAL) && f & FLAG_OFFICIAL) return i;
				if (fallback < 0 || (this.dir.entFlags[fallback] & FLAG_NOT_REAL && !(f & FLAG_NOT_REAL))) fallback = i;
			}
		}
		return fallback;
	}

	/** Of several streets with the same name, the one with most entrances. */
	private biggest(streets: number[]): number {
		const f = this.dir.streetFirst;
		return streets.reduce((a, b) => (f[b + 1] - f[b] > f[a + 1] - f[a] ? b : a));
	}

	/** Up to 3 house numbers of the street nearest to `base`, in ascending order. */
	private nearestNumbers(street: number, base: number): string[] {
		const d = this.dir;
		const seen = new Set<string>();
		const all: { n: string; b: number }[] = [];
		for (let i = d.streetFirst[street]; i < d.streetFirst[street + 1]; i++) {
			const n = d.numbers[d.entNumber[i]];
			if (!n || seen.has(n)) continue;
			seen.add(n);
			all.push({ n, b: this.bases[d.entNumber[i]] });
		}
		const dist = (x: { b: number }) => (base < 0 || x.b < 0 ? 0 : Math.abs(x.b - base));
		const near = all.map((x, k) => ({ ...x, k })).sort((x, y) => dist(x) - dist(y) || x.k - y.k).slice(0, CANDIDATES);
		return near.sort((x, y) => x.k - y.k).map((x) => x.n);
	}

	private entranceHit(e: number, method: MatchMethod, notes: AddressNote[], parsed: ParsedQuery): AddressResult {
		const d = this.dir;
		const s = streetOf(d, e);
		if (d.entFlags[e] & FLAG_NOT_REAL) notes.push({ code: 'not_real' });
		return {
			hit: {
				quality: 'address',
				method,
				lon: d.entLon[e],
				lat: d.entLat[e],
				bfs: d.streetBfs[s] || null,
				egaid: Number.isFinite(d.entEgaid[e]) ? d.entEgaid[e] : null,
				street: s,
				entrance: e,
				label: this.label(s, e),
				notes
			},
			miss: null,
			parsed
		};
	}

	private streetHit(s: number, method: MatchMethod, notes: AddressNote[], parsed: ParsedQuery): AddressResult {
		const d = this.dir;
		const e = this.middle(s);
		return {
			hit: { quality: 'street', method, lon: d.entLon[e], lat: d.entLat[e], bfs: d.streetBfs[s] || null, egaid: null, street: s, entrance: -1, label: this.label(s), notes },
			miss: null,
			parsed
		};
	}
}

/** The street an entrance belongs to (binary search in the CSR offsets). */
function streetOf(d: AddressDirectory, e: number): number {
	let lo = 0;
	let hi = d.streetLabel.length - 1;
	while (lo < hi) {
		const m = (lo + hi + 1) >> 1;
		if (d.streetFirst[m] <= e) lo = m;
		else hi = m - 1;
	}
	return lo;
}

function sameText(a: string, b: string): boolean {
	return a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase();
}

function distinctLabels(labels: string[], n: number): string[] {
	const out: string[] = [];
	for (const l of labels) {
		if (!out.includes(l)) out.push(l);
		if (out.length === n) break;
	}
	return out;
}

/** Combine the query's columns into street, number, postcode and locality. */
export function parseQuery(q: AddressQuery): ParsedQuery {
	const ownNumber = !blank(q.number);
	let text = !blank(q.address) ? q.address! : !blank(q.street) ? q.street! : '';
	// Text longer than any address is none (and the parser's patterns would take long over it).
	if (text.length > MAX_VALUE_CHARS) text = '';
	const p = parseAddress(text, { splitNumber: !ownNumber });
	let plz = q.plz ?? p.plz;
	let locality = p.locality;
	if (!blank(q.locality) && q.locality!.length <= MAX_VALUE_CHARS) {
		const pl = parsePlzLocality(q.locality!);
		plz ??= pl.plz;
		locality = pl.locality ?? locality;
	}
	return { street: p.street, number: ownNumber ? q.number!.trim() : p.number, plz, locality, poBox: p.poBox };
}
