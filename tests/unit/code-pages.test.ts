/**
 * The single-byte code pages Excel writes (Windows-1252, Mac Roman, code page 850): decoded by their
 * tables (util/code-pages.ts) and told apart by how plausibly each reads a text's umlauts and accents
 * (util/code-page-guess.ts, import/encoding.ts sniffEncoding).
 */
import { describe, expect, it } from 'vitest';
import { CP850_CHARS, MAC_ROMAN_CHARS, tableDecoder } from '../../src/lib/util/code-pages.ts';
import { CodePageEvidence, CODE_PAGES, type CodePage } from '../../src/lib/util/code-page-guess.ts';
import { sniffEncoding } from '../../src/lib/data/import/encoding.ts';
import { bytesSource } from '../../src/lib/util/bytes.ts';
import { WINDOWS_1252_CHARS } from '../../src/lib/util/windows-1252.ts';

const encodeWith = (chars: readonly string[]) => {
	const byte = new Map(chars.map((c, b) => [c, b]));
	// A character the code page lacks becomes «?», as Excel writes it.
	return (s: string) => Uint8Array.from(s, (c) => byte.get(c) ?? 63);
};
const ENCODE: Record<CodePage, (s: string) => Uint8Array> = {
	'windows-1252': encodeWith(WINDOWS_1252_CHARS),
	macintosh: encodeWith(MAC_ROMAN_CHARS),
	ibm850: encodeWith(CP850_CHARS)
};
const sniff = async (b: Uint8Array, chunk = 4 << 20) => (await sniffEncoding(bytesSource(b), chunk)).encoding;

/** Texts as they come in staff, site and customer lists: names, places, remarks, in the languages of Switzerland and of its residents. */
const CORPUS: Record<string, string> = {
	'German places': 'id;name\n1;Zürich\n2;Küssnacht\n3;Schüpfheim\n4;Römerswil\n5;Hünenberg\n6;Bürglen\n7;Göschenen\n8;Schötz\n9;Hämikon\n10;Büron\n',
	'German names': 'id;name;ort\n1;Müller Hans;Luzern\n2;Bächler Anna;Kriens\n3;Hänni Jörg;Emmen\n4;Rüegg Käthi;Horw\n5;Fässler Ueli;Ebikon\n6;Lüthi Peter;Malters\n',
	'German remarks': 'id;bemerkung\n1;Büro im 3. Stock, Zugang über Hof\n2;Mietvertrag läuft bis 2028, Verlängerung möglich\n3;Parkplätze für Besucher knapp\n4;Grösse 450 m², Küche vorhanden\n',
	'French places': 'id;name\n1;Genève\n2;Neuchâtel\n3;Delémont\n4;Bâle\n5;Chêne-Bougeries\n6;Saint-Légier-La Chiésaz\n7;Bière\n8;Château-d’Œx\n9;Gruyères\n10;Vétroz\n',
	'French names': 'id;name\n1;Thévenaz Hélène\n2;Bérard François\n3;Crétin Loïc\n4;Frésard Noémie\n5;Maître Gaëlle\n6;Rossé Jérôme\n7;Lefèvre Cécile\n',
	'French remarks': 'id;remarque\n1;Bâtiment près de la gare, accès handicapés\n2;Loyer élevé, échéance du bail en été\n3;Le siège déménage à l’Eichhof\n',
	'Italian remarks': 'id;nota\n1;Città vecchia, più vicino alla stazione\n2;Ufficio al primo piano, è già arredato\n3;Perché no? Così è\n',
	'names from abroad': 'id;name\n1;Gonçalves João\n2;Conceição Maria\n3;Peña Muñoz\n4;Ibáñez Sofía\n5;Müller Hans\n6;Dubois Léa\n7;Jørgensen Ole\n',
	'capitals': 'ID;NAME\n1;ÄRZTEHAUS\n2;ÜBERBAUUNG SÜD\n3;ÖKOHOF\n4;MÜLLER\n',
	'guillemets': 'id;name\n1;«Campus» Kriens\n2;«Eichhof» West\n',
	'sharp s': 'id;adr\n1;Hauptstraße 5\n2;Große Gasse 3\n3;Weißensteinstraße 12\n',
	'one name': 'id;name\n1;Meier;André\n',
	abbreviations: 'id;einheit\n1;Bü\n2;Bü-LAND\n',
	'one place': 'id;ort\n1;Zürich\n'
};

/** Windows-1252 texts whose only characters beyond ASCII are its typographic quotes and dashes (in the other code pages: letters). */
const WINDOWS_PUNCTUATION: Record<string, string> = {
	apostrophes: 'id;name\n1;D’Amico Luca\n2;Dell’Acqua Sara\n3;D’Alessandro Marco\n4;Sant’Antonio\n',
	'double quotes': 'id;name\n1;Projekt “Campus”\n2;Haus “Seeblick”\n3;Gebäude “Alpha”\n',
	'German quotes and a dash': 'id;bemerkung\n1;„Neubau“ geplant\n2;Zentrum – gut erreichbar\n3;l’Eglise – Nord\n'
};

describe('code pages', () => {
	it('decode by their tables: Mac Roman by the WHATWG index, code page 850 by Unicode’s CP850.TXT', () => {
		const text = 'Zürich Bäckerei Höfe Sécurité à la fête Ärger Öl Übung Straße';
		for (const chars of [MAC_ROMAN_CHARS, CP850_CHARS]) expect(tableDecoder(chars).decode(encodeWith(chars)(text))).toBe(text);
		expect([0x8a, 0x9a, 0x9f, 0x8e, 0xa7, 0xdb, 0xca].map((b) => MAC_ROMAN_CHARS[b])).toEqual(['ä', 'ö', 'ü', 'é', 'ß', '€', '\u00a0']);
		expect([0x81, 0x84, 0x94, 0x82, 0x8a, 0x85, 0x8e, 0x99, 0x9a, 0xe1, 0xb0, 0xf0, 0xff].map((b) => CP850_CHARS[b])).toEqual(['ü', 'ä', 'ö', 'é', 'è', 'à', 'Ä', 'Ö', 'Ü', 'ß', '░', '\u00ad', '\u00a0']);
		for (const chars of [MAC_ROMAN_CHARS, CP850_CHARS]) {
			expect(new Set(chars).size).toBe(256);
			expect(chars.slice(0, 128).join('')).toBe(String.fromCharCode(...Array.from({ length: 128 }, (_, b) => b)));
		}
	});

	it('are told apart on texts in each code page, whole and cut into chunks of every size', async () => {
		for (const [name, text] of Object.entries(CORPUS))
			for (const cp of CODE_PAGES) {
				const bytes = ENCODE[cp](text);
				expect([name, cp, await sniff(bytes)]).toEqual([name, cp, cp]);
				for (const chunk of [1, 2, 3, 7]) expect([name, cp, chunk, await sniff(bytes, chunk)]).toEqual([name, cp, chunk, cp]);
			}
	});

	it('count typographic quotes, apostrophes and dashes as Windows-1252’s, not as the letters the other code pages read', async () => {
		for (const [name, text] of Object.entries(WINDOWS_PUNCTUATION)) expect([name, await sniff(ENCODE['windows-1252'](text))]).toEqual([name, 'windows-1252']);
	});

	it('score a letter only where its case fits its neighbours', () => {
		const scores = (s: string) => {
			const e = new CodePageEvidence();
			e.push(ENCODE['windows-1252'](s));
			e.end();
			return e.scores;
		};
		// «Höfe» in Mac Roman is «Hšfe» read as Windows-1252 and «HÜfe» read as code page 850: upper case inside a lower-case word.
		const hoefe = ENCODE.macintosh('Höfe');
		const e = new CodePageEvidence();
		e.push(hoefe);
		e.end();
		expect(e.scores[CODE_PAGES.indexOf('ibm850')]).toBe(0);
		expect(e.best()).toBe('macintosh');
		// Lower case at a word's start counts half («über»); upper case there counts whole («Über»).
		expect(scores(' über')[0] * 2).toBe(scores(' Über')[0]);
		// A byte with no ASCII letter beside it is no evidence.
		expect(scores(' ü ')).toEqual([0, 0, 0]);
	});

	it('stop reading once the evidence settles, and read to the end while it does not', async () => {
		const german = ENCODE.ibm850('id;name\n' + '1;Müller Zürich\n'.repeat(2000));
		const chunks: number[] = [];
		const src = bytesSource(german);
		const counting = { size: src.size, read: (a: number, b: number) => (chunks.push(a), src.read(a, b)) };
		expect((await sniffEncoding(counting, 1024)).encoding).toBe('ibm850');
		// The UTF-8 pass stops at the first «ü»; the evidence is settled long before the end.
		expect(chunks.length).toBeLessThan(german.length / 1024 / 2);
		// The umlauts far down a long ASCII file are found, in every code page.
		const long = 'id;name\n' + 'x;plain ascii\n'.repeat(5000) + '9;Zürich\n';
		for (const cp of CODE_PAGES) expect(await sniff(ENCODE[cp](long), 4096)).toBe(cp);
	});

	it('read a UTF-8 BOM over a body in another code page as that code page', async () => {
		for (const cp of CODE_PAGES) {
			const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...ENCODE[cp](CORPUS['German names'])]);
			expect(await sniffEncoding(bytesSource(bom), 4096)).toEqual({ encoding: cp, bom: 3, mismatchedBom: true });
		}
	});
});
