import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAddressDirectory } from '../../src/lib/data/address/read.ts';
import { AddressIndex, type AddressQuery } from '../../src/lib/data/address/match.ts';
import { hitText, missText, queryText } from '../../src/lib/data/address/messages.ts';
import { fileSource } from '../../src/lib/util/node-bytes.ts';

let idx: AddressIndex;
beforeAll(async () => {
	idx = new AddressIndex(await readAddressDirectory(fileSource(path.resolve(__dirname, '../fixtures/address/adressen_lu.zip'))));
});
const m = (q: AddressQuery) => idx.match(q);
/** quality/method → directory label, or MISS reason: candidates. */
const short = (q: AddressQuery) => {
	const r = m(q);
	return r.hit ? `${r.hit.quality}/${r.hit.method} ${r.hit.label}` : `miss ${r.miss.reason}: ${r.miss.candidates.join(', ')}`;
};

describe('exact, normalised and fuzzy matches', () => {
	it('exact: the same street text and number', () => {
		expect(short({ street: 'Bahnhofstrasse', number: '9', plz: 6003 })).toBe('address/exact Bahnhofstrasse 9, 6003 Luzern');
		const r = m({ address: 'Bahnhofstrasse 9', plz: 6003 });
		expect(r.hit).toMatchObject({ bfs: 1061, entrance: expect.any(Number) });
		expect(r.hit!.egaid).toBeGreaterThan(100_000_000);
		expect(r.hit!.notes).toEqual([]);
	});
	it('normalised: abbreviations, umlauts, case, punctuation, number suffixes', () => {
		expect(short({ address: 'Bahnhofstr. 9', plz: 6003 })).toBe('address/normalised Bahnhofstrasse 9, 6003 Luzern');
		expect(short({ address: 'BAHNHOF-STR 9', plz: 6003 })).toBe('address/normalised Bahnhofstrasse 9, 6003 Luzern');
		expect(short({ street: 'Pilatusstr.', number: '12 A', plz: 6003 })).toBe('address/normalised Pilatusstrasse 12a, 6003 Luzern');
		expect(short({ address: 'Hirschmattstr. 31.1', plz: 6003 })).toBe('address/normalised Hirschmattstrasse 31.1, 6003 Luzern');
		expect(short({ address: 'Muehlenplatz 3', plz: 6004 })).toBe('address/normalised Mühlenplatz 3, 6004 Luzern');
		expect(short({ address: 'Mühlenpl. 3', plz: 6004 })).toBe('address/normalised Mühlenplatz 3, 6004 Luzern');
		expect(short({ address: 'Sankt-Karli-Quai 8', plz: 6004 })).toBe('address/normalised St. Karliquai 8, 6004 Luzern');
		expect(short({ address: 'Gen. Guisan-Str. 6', plz: 6003 })).toBe('address/normalised General-Guisan-Strasse 6, 6003 Luzern');
		expect(short({ address: 'Ob. Gütschstr. 5', plz: 6003 })).toBe('address/normalised Obere Gütschstrasse 5, 6003 Luzern');
		// French and Italian (outside Lucerne, in the uncut fixture)
		expect(short({ address: 'Rte de Berne 12', plz: 1700 })).toBe('address/normalised Route de Berne 12, 1700 Fribourg');
		expect(short({ address: '12 bis, route de Berne', plz: 1700 })).toBe('address/normalised Route de Berne 12bis, 1700 Fribourg');
		expect(short({ address: 'Av. de la Gare 3, 1003 Lausanne' })).toBe('address/normalised Avenue de la Gare 3, 1003 Lausanne');
		expect(short({ address: 'Pl. de la Gare 4', plz: 1003 })).toBe('address/normalised Place de la Gare 4, 1003 Lausanne');
		expect(short({ address: 'Ch. des Vignes 5', locality: '1800 Vevey' })).toBe('address/normalised Chemin des Vignes 5, 1800 Vevey');
		// Case and spacing alone still count as exact.
		expect(short({ address: '12, rue du Lac', plz: 1800 })).toBe('address/exact Rue du Lac 12, 1800 Vevey');
		expect(short({ address: 'Pza. Collegiata 1', plz: 6500 })).toBe('address/normalised Piazza Collegiata 1, 6500 Bellinzona');
	});
	it('fuzzy: a typo in the street within the postcode', () => {
		expect(short({ address: 'Bahnhfstrasse 9', plz: 6003 })).toBe('address/fuzzy Bahnhofstrasse 9, 6003 Luzern');
		expect(short({ address: 'Muhlenplatz 3', plz: 6004 })).toBe('address/fuzzy Mühlenplatz 3, 6004 Luzern');
		expect(short({ address: 'Hirschmatstrasse 15', plz: 6003 })).toBe('address/fuzzy Hirschmattstrasse 15, 6003 Luzern');
		const r = m({ address: 'Bahnhfstrasse 9', plz: 6003 });
		expect(hitText(queryText({ address: 'Bahnhfstrasse 9', plz: 6003 }), r.hit!)!.msg.de).toBe(
			'«Bahnhfstrasse 9», 6003: Strasse ungefähr zugeordnet: «Bahnhfstrasse» → «Bahnhofstrasse» → Bahnhofstrasse 9, 6003 Luzern.'
		);
	});
	it('street and number in one column or two; postcode and locality in one or two; locality alone', () => {
		expect(short({ address: 'Bahnhofstrasse 9, 6003 Luzern' })).toBe('address/exact Bahnhofstrasse 9, 6003 Luzern');
		expect(short({ street: 'Bahnhofstrasse 9', locality: '6003 Luzern' })).toBe('address/exact Bahnhofstrasse 9, 6003 Luzern');
		expect(short({ street: 'Bahnhofstrasse', number: '9', plz: 6003, locality: 'Luzern' })).toBe('address/exact Bahnhofstrasse 9, 6003 Luzern');
		expect(short({ address: 'Bahnhofstrasse 9', locality: 'Sursee' })).toBe('address/exact Bahnhofstrasse 9, 6210 Sursee');
		expect(short({ address: 'Bahnhofstrasse 9', bfs: 1059 })).toBe('address/exact Bahnhofstrasse 9, 6010 Kriens');
	});
});

describe('house numbers', () => {
	it('variants: a range, a suffix the directory lacks, a number inside a directory range', () => {
		const range = m({ address: 'Pilatusstrasse 14-16', plz: 6003 });
		expect(range.hit).toMatchObject({ quality: 'address', label: 'Pilatusstrasse 14, 6003 Luzern' });
		expect(range.hit!.notes).toEqual([{ code: 'number_variant', given: '14-16', used: '14' }]);
		expect(short({ address: 'Pilatusstrasse 12c', plz: 6003 })).toBe('address/normalised Pilatusstrasse 12, 6003 Luzern');
		expect(short({ address: 'Bahnhofstrasse 9a', plz: 6003 })).toBe('address/normalised Bahnhofstrasse 9, 6003 Luzern');
		expect(short({ address: 'Zentralstrasse 30', plz: 6003 })).toBe('address/normalised Zentralstrasse 28-30, 6003 Luzern');
	});
	it('number not found: the street, with the nearest numbers named', () => {
		const q = { address: 'Bahnhofstr 99', plz: 6003 };
		const r = m(q);
		expect(r.hit).toMatchObject({ quality: 'street', label: 'Bahnhofstrasse, 6003 Luzern', entrance: -1 });
		expect(r.hit!.notes).toEqual([{ code: 'number_not_found', given: '99', nearest: ['9', '19', '29'] }]);
		expect(hitText(queryText(q), r.hit!)!.msg.en).toBe("«Bahnhofstr 99», 6003: house number 99 not found; nearest: Bahnhofstrasse 9, 19, 29; placed at the street's middle entrance.");
	});
	it('no number: the street, at its middle entrance, said so', () => {
		const r = m({ address: 'Bahnhofstrasse', plz: 6003 });
		expect(r.hit).toMatchObject({ quality: 'street', method: 'exact' });
		expect(r.hit!.notes).toEqual([{ code: 'no_number' }]);
		// The middle entrance: 5 of 1, 3, 5, 7, 9, 19, 29 laid out along the street.
		const e = idx.middle(r.hit!.street);
		expect(idx.dir.numbers[idx.dir.entNumber[e]]).toBe('7');
		expect([r.hit!.lon, r.hit!.lat]).toEqual([idx.dir.entLon[e], idx.dir.entLat[e]]);
	});
	it('prefers real entrances, says when only a planned one matches', () => {
		const r = m({ address: 'Töpferstrasse 7', plz: 6004 });
		expect(r.hit!.notes).toContainEqual({ code: 'not_real' });
		expect(m({ address: 'Töpferstrasse 5', plz: 6004 }).hit!.notes).toEqual([]);
	});
});

describe('misses and scope', () => {
	it('street not found: the nearest street names of the postcode', () => {
		const r = m({ address: 'Pilatusgasse 3', plz: 6003 });
		expect(r.miss?.reason).toBe('street_not_found');
		expect(r.miss!.candidates[0]).toBe('Pilatusstrasse');
		expect(r.miss!.candidates.length).toBe(3);
		expect(missText(queryText({ address: 'Pilatusgasse 3', plz: 6003 }), r.miss!, r.parsed).en).toMatch(/^«Pilatusgasse 3», 6003: street not found; nearest: Pilatusstrasse, /);
	});
	it('a wrong postcode of the same municipality is corrected, and said so', () => {
		const r = m({ address: 'Bahnhofstrasse 9', plz: 6004 });
		expect(r.hit).toMatchObject({ quality: 'address', label: 'Bahnhofstrasse 9, 6003 Luzern' });
		expect(r.hit!.notes).toEqual([{ code: 'postcode_differs', given: 6004, used: 6003 }]);
	});
	it('PO boxes are not buildings; a PO box next to a street is ignored', () => {
		expect(m({ address: 'Postfach 123', plz: 6002 }).miss?.reason).toBe('po_box');
		expect(m({ address: 'Case postale 45', plz: 1003 }).miss?.reason).toBe('po_box');
		const r = m({ address: 'Bahnhofstrasse 9, Postfach', plz: 6003 });
		expect(r.hit?.label).toBe('Bahnhofstrasse 9, 6003 Luzern');
		expect(r.hit!.notes).toContainEqual({ code: 'po_box_ignored' });
	});
	it('a postcode outside the directory, no postcode at all, no street', () => {
		expect(m({ address: 'Bahnhofstrasse 9', plz: 8001 }).miss?.reason).toBe('postcode_not_in_directory');
		expect(m({ address: 'Bahnhofstrasse 9' }).miss?.reason).toBe('no_postcode');
		expect(m({ address: '', plz: 6003 }).miss?.reason).toBe('no_street');
		expect(m({ address: '6003 Luzern' }).miss?.reason).toBe('no_street');
	});
	it('the same street in a postcode shared by two municipalities (6005 Luzern / St. Niklausen in Horw)', () => {
		expect(short({ address: 'Dorfweg 2', plz: 6005 })).toBe('address/exact Dorfweg 2, 6005 Luzern');
		const r = m({ address: 'Sankt Niklausen Weg 5', plz: 6005 });
		expect(r.hit).toMatchObject({ label: 'Sankt-Niklausen-Weg 5, 6005 St. Niklausen LU', bfs: 1058 });
	});
});
