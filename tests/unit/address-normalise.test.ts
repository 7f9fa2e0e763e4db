import { describe, expect, it } from 'vitest';
import { normNumber, numberBase, numberVariants, parseAddress, parsePlzLocality, splitStreetNumber, streetKey } from '../../src/lib/data/address/normalise.ts';
import { editDistance, fuzzyLimit } from '../../src/lib/data/address/distance.ts';

const same = (...xs: string[]) => {
	const keys = xs.map(streetKey);
	expect(new Set(keys).size, `${xs.join(' | ')} → ${keys.join(' | ')}`).toBe(1);
};

describe('street keys', () => {
	it('Strasse / Str. / str / straße / -Str. / spacing / case', () => {
		same('Bahnhofstrasse', 'Bahnhofstr.', 'Bahnhofstr', 'Bahnhofstraße', 'Bahnhof-Strasse', 'Bahnhof-Str.', 'Bahnhof Strasse', 'BAHNHOFSTRASSE', '  bahnhofstr . ');
		same('General-Guisan-Strasse', 'General Guisan-Str.', 'Gen. Guisan-Strasse', 'General Guisanstrasse');
	});
	it('German, French and Italian street types and prefixes', () => {
		same('Bahnhofplatz', 'Bahnhofpl.', 'Bahnhof-Platz');
		same('Feldweg', 'Feldwg.', 'Feld-Weg');
		same('Route de Berne', 'Rte de Berne', 'Rte. de Berne', 'route de berne');
		same('Avenue de la Gare', 'Av. de la Gare', 'Ave de la Gare');
		same('Chemin des Vignes', 'Ch. des Vignes', 'Chem. des Vignes');
		same('Boulevard de Grancy', 'Bd de Grancy', 'Boul. de Grancy');
		same('Place de la Gare', 'Pl. de la Gare');
		same('Piazza Collegiata', 'P.za Collegiata'.replace('P.za', 'Pza'), 'Pza. Collegiata');
		same('St. Karliquai', 'Sankt Karliquai', 'St.-Karli-Quai', 'St Karliquai');
		same('Obere Gütschstrasse', 'Ob. Gütschstr.', 'Oberer Gütschstrasse');
		same("Rue de l'Église", 'Rue de l’Eglise', 'rue de l eglise');
	});
	it('umlauts, ß, accents and ligatures', () => {
		same('Mühlenplatz', 'Muehlenplatz', 'MÜHLENPLATZ', 'Mühlenpl.');
		same('Schlössli-Weg', 'Schloessliweg');
		same('Grossmatte', 'Großmatte');
		same('Rue du Crêt', 'Rue du Cret');
		same('Sœurs', 'Soeurs');
		expect(streetKey('Muhlenplatz')).not.toBe(streetKey('Mühlenplatz')); // ü without e: left to the fuzzy step
	});
	it('keeps different streets apart', () => {
		expect(streetKey('Bahnhofstrasse')).not.toBe(streetKey('Bahnhofplatz'));
		expect(streetKey('Route de Berne')).not.toBe(streetKey('Rue de Berne'));
	});
});

describe('house numbers', () => {
	it('suffixes, sub-numbers and ranges', () => {
		expect(normNumber('12 A')).toBe('12a');
		expect(normNumber('12a')).toBe('12a');
		expect(normNumber(' 12 bis ')).toBe('12bis');
		expect(normNumber('12.1')).toBe('12.1');
		expect(numberVariants('12-14')).toEqual(['12-14', '12', '14']);
		expect(numberVariants('12 / 14')).toEqual(['12/14', '12', '14']);
		expect(numberVariants('12a')).toEqual(['12a']);
		expect(numberBase('12a')).toBe(12);
		expect(numberBase('31.1')).toBe(31);
		expect(numberBase('A')).toBe(-1);
	});
});

describe('address text', () => {
	it('street and number in one column, in either order', () => {
		expect(splitStreetNumber('Bahnhofstrasse 12a')).toEqual({ street: 'Bahnhofstrasse', number: '12a' });
		expect(splitStreetNumber('Bahnhofstrasse 12 A')).toEqual({ street: 'Bahnhofstrasse', number: '12 A' });
		expect(splitStreetNumber('Bahnhofstr.12')).toEqual({ street: 'Bahnhofstr.', number: '12' });
		expect(splitStreetNumber('Hirschmattstrasse 31.1')).toEqual({ street: 'Hirschmattstrasse', number: '31.1' });
		expect(splitStreetNumber('Zentralstrasse 28-30')).toEqual({ street: 'Zentralstrasse', number: '28-30' });
		expect(splitStreetNumber('12 rue du Lac')).toEqual({ street: 'rue du Lac', number: '12' });
		expect(splitStreetNumber('12bis, Route de Berne')).toEqual({ street: 'Route de Berne', number: '12bis' });
		expect(splitStreetNumber('Pilatusstrasse')).toEqual({ street: 'Pilatusstrasse', number: null });
	});
	it('postcode and locality in the text or in one column', () => {
		expect(parseAddress('Bahnhofstr. 12, 6003 Luzern')).toEqual({ street: 'Bahnhofstr.', number: '12', plz: 6003, locality: 'Luzern', poBox: false });
		expect(parseAddress('Bahnhofstrasse 12 6003 Luzern')).toMatchObject({ street: 'Bahnhofstrasse', number: '12', plz: 6003, locality: 'Luzern' });
		expect(parseAddress('Av. de la Gare 3, CH-1003 Lausanne')).toMatchObject({ street: 'Av. de la Gare', number: '3', plz: 1003 });
		// A four-digit house number is not a postcode.
		expect(parseAddress('Industriestrasse 1234')).toMatchObject({ street: 'Industriestrasse', number: '1234', plz: null });
		expect(parsePlzLocality('6005 Luzern')).toEqual({ plz: 6005, locality: 'Luzern' });
		expect(parsePlzLocality('CH-6005')).toEqual({ plz: 6005, locality: null });
		expect(parsePlzLocality('Luzern')).toEqual({ plz: null, locality: 'Luzern' });
	});
	it('PO boxes in German, French, Italian and English', () => {
		for (const t of ['Postfach', 'Postfach 123', 'Case postale 45', 'Casella postale 7', 'P.O. Box 9', 'CP 12', 'PF 3']) {
			expect(parseAddress(t), t).toMatchObject({ poBox: true, street: null });
		}
		expect(parseAddress('Bahnhofstrasse 3, Postfach, 6002 Luzern')).toMatchObject({ street: 'Bahnhofstrasse', number: '3', plz: 6002, poBox: true });
		expect(parseAddress('Postfachweg 3')).toMatchObject({ street: 'Postfachweg', poBox: false });
	});
	it('split number off only without a number column', () => {
		expect(parseAddress('Route 66', { splitNumber: false })).toMatchObject({ street: 'Route 66', number: null });
	});
});

describe('edit distance', () => {
	it('counts insertions, deletions, substitutions and neighbour swaps; stops past the bound', () => {
		expect(editDistance('bahnhofstr', 'bahnhofstr')).toBe(0);
		expect(editDistance('bahnhfstr', 'bahnhofstr')).toBe(1);
		expect(editDistance('bahnhofstr', 'bahnohfstr')).toBe(1);
		expect(editDistance('muhlenpl', 'muehlenpl')).toBe(1);
		expect(editDistance('kitten', 'sitting')).toBe(3);
		expect(editDistance('abcdefgh', 'zzzzzzzz', 2)).toBe(3);
		expect(fuzzyLimit(3)).toBe(0);
		expect(fuzzyLimit(10)).toBe(2);
	});
});
