/**
 * Mac Roman ("macintosh"), the encoding of Excel for Mac's plain "CSV" (Comma Separated Values), by the
 * WHATWG Encoding Standard (index-macintosh: Python's mac_roman with 0xDB as «€», as Apple maps it since
 * Mac OS 8.5). Read as Windows-1252 its umlauts turn into other characters without an error («Zürich» as
 * «ZŸrich», «Bäckerei» as «BŠckerei»): encoding.ts tells the two apart before reading.
 */
import type { TextDecoderLike } from './windows-1252.ts';

/** Characters of bytes 0x80–0xFF. */
const HIGH = 'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

/** The character of each byte. */
export const MAC_ROMAN_CHARS: readonly string[] = Array.from({ length: 256 }, (_, b) => (b < 0x80 ? String.fromCharCode(b) : HIGH[b - 0x80]));

const CODES = Uint16Array.from(MAC_ROMAN_CHARS, (c) => c.charCodeAt(0));

/** A decoder for Mac Roman (one byte per character: nothing to carry between chunks). */
export function macRomanDecoder(): TextDecoderLike {
	return {
		decode(input) {
			if (!input) return '';
			const parts: string[] = [];
			const block = new Uint16Array(Math.min(input.length, 8192));
			for (let at = 0; at < input.length; at += block.length) {
				const n = Math.min(block.length, input.length - at);
				for (let i = 0; i < n; i++) block[i] = CODES[input[at + i]];
				parts.push(String.fromCharCode(...block.subarray(0, n)));
			}
			return parts.join('');
		}
	};
}

/**
 * Mac Roman's lower-case accents and umlauts of German, French and Italian (à â ä ç é è ê ô ö ù û ü): in
 * Windows-1252 these bytes are ˆ ‰ Š Ž š ž Ÿ ™ or undefined, seldom next to a letter. Not 0x91–0x97 (ë í ì
 * î ï ñ ó in Mac Roman): Windows-1252's ‘ ’ “ ” • – —, as in «l’Église».
 */
const MAC_LETTERS = new Set([0x88, 0x89, 0x8a, 0x8d, 0x8e, 0x8f, 0x90, 0x99, 0x9a, 0x9d, 0x9e, 0x9f]);

/**
 * Bytes beyond ASCII next to an ASCII letter, as evidence for Mac Roman (MAC_LETTERS) or Windows-1252
 * (0xC0–0xFF: its accented letters; in Mac Roman symbols and capitals). Counted over a whole file, chunk
 * by chunk (`prev`: the byte before the chunk). A Windows-1252 file whose only such letters are Š, š or Ž
 * (a Croatian name) counts as Mac Roman: the import then says so and asks to check the preview.
 */
export function countSingleByteEvidence(bytes: Uint8Array, prev: number, tally: { mac: number; windows: number }): void {
	const letter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);
	for (let i = 0; i < bytes.length; i++) {
		const b = bytes[i];
		if (b < 0x80) continue;
		const before = i > 0 ? bytes[i - 1] : prev;
		if (!letter(before) && !(i + 1 < bytes.length && letter(bytes[i + 1]))) continue;
		if (MAC_LETTERS.has(b)) tally.mac++;
		else if (b >= 0xc0) tally.windows++;
	}
}
