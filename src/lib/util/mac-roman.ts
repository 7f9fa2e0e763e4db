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
const MAC_LETTERS = [0x88, 0x89, 0x8a, 0x8d, 0x8e, 0x8f, 0x90, 0x99, 0x9a, 0x9d, 0x9e, 0x9f];
/** Per byte: 1 Mac Roman evidence, 2 Windows-1252 evidence (0xC0–0xFF), 0 neither. */
const EVIDENCE = new Uint8Array(256);
for (const b of MAC_LETTERS) EVIDENCE[b] = 1;
EVIDENCE.fill(2, 0xc0);
const LETTER = new Uint8Array(256);
LETTER.fill(1, 0x41, 0x5b);
LETTER.fill(1, 0x61, 0x7b);

/**
 * Bytes beyond ASCII next to an ASCII letter, as evidence for Mac Roman (MAC_LETTERS) or Windows-1252
 * (0xC0–0xFF: its accented letters; in Mac Roman symbols and capitals). Counted chunk by chunk (`prev`:
 * the byte before the chunk). A Windows-1252 file whose only such letters are Š, š or Ž
 * (a Croatian name) counts as Mac Roman: the import then says so and asks to check the preview.
 */
export function countSingleByteEvidence(bytes: Uint8Array, prev: number, tally: { mac: number; windows: number }): void {
	for (let i = 0; i < bytes.length; i++) {
		const e = EVIDENCE[bytes[i]];
		if (e === 0) continue;
		if (!LETTER[i > 0 ? bytes[i - 1] : prev] && !(i + 1 < bytes.length && LETTER[bytes[i + 1]])) continue;
		if (e === 1) tally.mac++;
		else tally.windows++;
	}
}

/** The evidence settles the question: one side has many and the other a tenth of that at most. */
export const evidenceSettled = (t: { mac: number; windows: number }): boolean => Math.max(t.mac, t.windows) >= 1000 && 10 * Math.min(t.mac, t.windows) <= Math.max(t.mac, t.windows);
