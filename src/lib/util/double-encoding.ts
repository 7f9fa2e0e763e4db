/**
 * UTF-8 read in a single-byte code page and saved again ("mojibake"): opened as ANSI (Windows-1252) in
 * Excel, «Zürich» becomes «ZÃ¼rich», «Genève» «GenÃ¨ve», «’» «â€™»; opened in Excel for Mac, which reads a
 * CSV as Mac Roman, «Z√ºrich», «Gen√®ve», «‚Äô». Each is a lead character (the code page's reading of the
 * UTF-8 lead bytes C2, C3 for U+0080–U+00FF, or of E2 80 for U+2000–U+203F) followed by its reading of a
 * continuation byte (0x80–0xBF); in German, French or Italian text such pairs hardly occur otherwise.
 */
import { WINDOWS_1252_CHARS } from './windows-1252.ts';
import { MAC_ROMAN_CHARS } from './code-pages.ts';

/** The code pages whose misreadings are recognised, most common first. */
const THROUGH = { 'windows-1252': WINDOWS_1252_CHARS, macintosh: MAC_ROMAN_CHARS } as const;
export type DoubleEncodedThrough = keyof typeof THROUGH;

const inClass = (s: string) => s.replace(/[\\\]^-]/g, '\\$&');
const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const PATTERNS = Object.entries(THROUGH).map(([name, chars]) => {
	const continuation = inClass(chars.slice(0x80, 0xc0).join(''));
	const re = new RegExp(`[${inClass(chars[0xc2] + chars[0xc3])}][${continuation}]|${literal(chars[0xe2] + chars[0x80])}[${continuation}]`);
	return [name as DoubleEncodedThrough, re] as const;
});

/** The code page a value looks misread through, or null. */
export function doubleEncodedThrough(s: string): DoubleEncodedThrough | null {
	for (const [name, re] of PATTERNS) if (re.test(s)) return name;
	return null;
}

const BYTE_OF = Object.fromEntries(Object.entries(THROUGH).map(([name, chars]) => [name, new Map(chars.map((c, b) => [c, b]))])) as Record<DoubleEncodedThrough, Map<string, number>>;

/** The text a value misread through `through` stood for («ZÃ¼rich» → «Zürich»), or null when it does not undo. */
export function undoDoubleEncoding(s: string, through: DoubleEncodedThrough): string | null {
	const byteOf = BYTE_OF[through];
	const bytes = new Uint8Array(s.length);
	for (let i = 0; i < s.length; i++) {
		const b = byteOf.get(s[i]);
		if (b === undefined) return null;
		bytes[i] = b;
	}
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return null;
	}
}
