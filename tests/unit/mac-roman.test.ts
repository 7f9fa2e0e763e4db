/**
 * Mac Roman (Excel for Mac's plain "CSV") told apart from Windows-1252 and decoded by the standard's table
 * (util/mac-roman.ts, import/encoding.ts sniffEncoding).
 */
import { describe, expect, it } from 'vitest';
import { MAC_ROMAN_CHARS, macRomanDecoder } from '../../src/lib/util/mac-roman.ts';
import { sniffEncoding } from '../../src/lib/data/import/encoding.ts';
import { bytesSource } from '../../src/lib/util/bytes.ts';
import { WINDOWS_1252_CHARS } from '../../src/lib/util/windows-1252.ts';

const encodeWith = (chars: readonly string[]) => {
	const byte = new Map(chars.map((c, b) => [c, b]));
	return (s: string) => Uint8Array.from(s, (c) => byte.get(c) ?? 63);
};
const mac = encodeWith(MAC_ROMAN_CHARS);
const ansi = encodeWith(WINDOWS_1252_CHARS);
const sniff = async (b: Uint8Array, chunk = 4 << 20) => (await sniffEncoding(bytesSource(b), chunk)).encoding;

describe('Mac Roman', () => {
	it('decodes by the WHATWG index: umlauts, accents, the euro at 0xDB, the no-break space at 0xCA', () => {
		const text = 'Zürich Bäckerei Höfe Sécurité à la fête Ärger Öl Übung Straße € ‰';
		expect(macRomanDecoder().decode(mac(text))).toBe(text);
		expect([0x8a, 0x9a, 0x9f, 0x8e, 0xa7, 0xdb, 0xca].map((b) => MAC_ROMAN_CHARS[b])).toEqual(['ä', 'ö', 'ü', 'é', 'ß', '€', '\u00a0']);
		expect(new Set(MAC_ROMAN_CHARS).size).toBe(256);
	});

	it('is told from Windows-1252 by where the umlauts lie, over the whole file and across chunk ends', async () => {
		const text = 'id;name\n1;Zürich-Süd\n2;Bäckerei Höfe\n3;Sécurité\n';
		expect(await sniff(mac(text))).toBe('macintosh');
		expect(await sniff(ansi(text))).toBe('windows-1252');
		// Typographic apostrophes and dashes are Windows-1252's (in Mac Roman they would be í and ñ): not evidence.
		expect(await sniff(ansi('id;name\n1;Rue de l’Eglise – Nord\n2;«Campus»\n'))).toBe('windows-1252');
		// The umlauts far down a long ASCII file, and cut by every chunk size.
		const long = 'id;name\n' + 'x;plain ascii\n'.repeat(5000) + '9;Zürich\n';
		for (const chunk of [1, 2, 3, 7, 4096]) {
			expect(await sniff(mac(long), chunk)).toBe('macintosh');
			expect(await sniff(ansi(long), chunk)).toBe('windows-1252');
		}
		// A UTF-8 BOM over a Mac Roman body (a BOM added by one program).
		const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...mac(text)]);
		expect(await sniffEncoding(bytesSource(bom), 4096)).toEqual({ encoding: 'macintosh', bom: 3, mismatchedBom: true });
	});
});
