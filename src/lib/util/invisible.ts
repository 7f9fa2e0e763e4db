/**
 * Invisible format characters (Unicode category Cf): the bidirectional controls (U+202A–U+202E,
 * U+2066–U+2069, LRM, RLM, ALM), zero-width space and joiners, word joiner, a BOM inside text, the soft
 * hyphen, tag characters. None is seen, yet each changes what a reader sees or what a program compares:
 * a right-to-left override makes "Kriens" in a cell or a link read as another name, a zero-width space
 * makes "K01" and "K0\u200B1" two ids that look the same ("Trojan Source", CVE-2021-42574). Text from files is
 * stored without them (import/validate.ts, with a warning); text from links, files and data shown inside a
 * message has them made visible (`showFormatChars`), so nothing on screen reads other than it is stored.
 */
const FORMAT = /\p{Cf}/u;
const FORMAT_ALL = /\p{Cf}/gu;

export const hasFormatChars = (s: string): boolean => FORMAT.test(s);

export const withoutFormatChars = (s: string): string => s.replace(FORMAT_ALL, '');

/** A character as its code point, e.g. "⟨U+202E⟩". */
const codePoint = (c: string) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;

/** Each invisible format character as its code point, e.g. "⟨U+202E⟩". */
export const showFormatChars = (s: string): string => s.replace(FORMAT_ALL, codePoint);

/**
 * Characters that print nothing or move the text, in text from links and scenario files: control characters
 * (C0, DEL, C1), the invisible format characters above, and lone surrogates.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Cs}]/u;
const HIDDEN_ALL = /[\p{Cc}\p{Cf}\p{Cs}]/gu;

export const hasHiddenChars = (s: string): boolean => HIDDEN.test(s);

export const withoutHiddenChars = (s: string): string => s.replace(HIDDEN_ALL, '');

/** Each hidden character as its code point. */
export const showHiddenChars = (s: string): string => s.replace(HIDDEN_ALL, codePoint);
