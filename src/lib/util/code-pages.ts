/**
 * The single-byte code pages Excel writes besides Windows-1252 (util/windows-1252.ts), as tables of the
 * character of each byte, and a decoder for such a table:
 *  - Mac Roman ("macintosh"), Excel for Mac's plain "CSV" (Comma Separated Values), by the WHATWG Encoding
 *    Standard (index-macintosh: Python's mac_roman with 0xDB as «€», as Apple maps it since Mac OS 8.5);
 *  - DOS Latin 1 (IBM code page 850), Excel's "CSV (MS-DOS)" on a Western European Windows, by Unicode's
 *    CP850.TXT (as Python's cp850). The US code page 437 has the same umlauts and accents at 0x80–0xA5.
 * Read as Windows-1252 their umlauts turn into other characters without an error («Zürich» as «ZŸrich» or
 * «Z\u0081rich»): util/code-page-guess.ts tells the three apart before reading.
 */
import type { TextDecoderLike } from './windows-1252.ts';

/** The 256 characters of a code page whose lower half is ASCII. */
const table = (high: string): readonly string[] => {
	if ([...high].length !== 128) throw new Error('a code page table needs 128 characters above ASCII');
	return Array.from({ length: 256 }, (_, b) => (b < 0x80 ? String.fromCharCode(b) : high[b - 0x80]));
};

/** Mac Roman: the character of each byte. */
export const MAC_ROMAN_CHARS = table(
	'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ'
);

/** Code page 850: the character of each byte (box-drawing characters where Windows-1252 has its accents). */
export const CP850_CHARS = table(
	'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00AD±‗¾¶§÷¸°¨·¹³²■\u00A0'
);

/** A decoder for a one-byte-per-character table (nothing to carry between chunks). */
export function tableDecoder(chars: readonly string[]): TextDecoderLike {
	const codes = Uint16Array.from(chars, (c) => c.charCodeAt(0));
	return {
		decode(input) {
			if (!input) return '';
			const parts: string[] = [];
			const block = new Uint16Array(Math.min(input.length, 8192));
			for (let at = 0; at < input.length; at += block.length) {
				const n = Math.min(block.length, input.length - at);
				for (let i = 0; i < n; i++) block[i] = codes[input[at + i]];
				parts.push(String.fromCharCode(...block.subarray(0, n)));
			}
			return parts.join('');
		}
	};
}
