/**
 * Which single-byte code page a text that is not UTF-8 is written in: Windows-1252 (Excel's plain "CSV"
 * on Windows), Mac Roman (Excel for Mac's) or DOS Latin 1, code page 850 (Excel's "CSV (MS-DOS)"). All
 * three read without an error, so the text itself must tell: each byte beyond ASCII that stands next to an
 * ASCII letter is read in each code page, and each reading scores by how plausible its character is there:
 *  - a letter scores by how common it is in Swiss German, French and Italian text (ä ö ü é Ä Ö Ü most),
 *    if its case fits its neighbours: lower case before a lower-case letter or at a word's end (half at a
 *    word's start: «über»), upper case at a word's start or next to capitals («MÜLLER»). «HÜfe» (Mac
 *    Roman's «Höfe» read as code page 850) and «BŠckerei» (its «Bäckerei» read as Windows-1252) score nothing;
 *  - typographic punctuation scores where it stands in text: an opening quote before a word, a closing one
 *    after it, an apostrophe inside («D’Amico»), so Windows-1252's “ ” ’ do not count as code page 850's
 *    ô ö Æ or Mac Roman's ì î í;
 *  - anything else (symbols, box drawing, control characters) scores nothing.
 * The code page with the highest score wins; on a tie, the more common one (Windows-1252, then Mac Roman).
 * Known weak spot: a Windows-1252 file whose only letters beyond ASCII are Š, š, Ž or ž (Croatian or
 * Slovene names) may read as Mac Roman (ä, ö, é, û); the import says which code page it read and asks to
 * check the preview.
 */
import { WINDOWS_1252_CHARS } from './windows-1252.ts';
import { CP850_CHARS, MAC_ROMAN_CHARS } from './code-pages.ts';

/** The code pages told apart, in order of preference on a tie. */
export const CODE_PAGES = ['windows-1252', 'macintosh', 'ibm850'] as const;
export type CodePage = (typeof CODE_PAGES)[number];
const CHARS: Record<CodePage, readonly string[]> = { 'windows-1252': WINDOWS_1252_CHARS, macintosh: MAC_ROMAN_CHARS, ibm850: CP850_CHARS };

// A neighbour byte's class.
const OTHER = 0;
const LOWER = 1;
const UPPER = 2;
const CLASS = new Uint8Array(256);
CLASS.fill(UPPER, 0x41, 0x5b);
CLASS.fill(LOWER, 0x61, 0x7b);

const COMMON = 'äöüéÄÖÜ';
const USUAL = 'àèçâêôîûëïùìòßÉÀÈÇÂÊÔÎÛŠšŽž';
const OPENING = '“„«‘';
const CLOSING = '”»’';
const DASHES = '–—…';

/** How plausible character `c` is with a neighbour of class `before` and `after` (at least one a letter). */
function plausibility(c: string, before: number, after: number): number {
	if (OPENING.includes(c) && before === OTHER) return 4;
	if (CLOSING.includes(c) && after === OTHER) return 4;
	if (c === '’' && before !== OTHER && after !== OTHER) return 4;
	if (DASHES.includes(c)) return 1;
	if (!/^\p{L}$/u.test(c)) return 0;
	const weight = COMMON.includes(c) ? 4 : USUAL.includes(c) ? 2 : 1;
	const lower = c !== c.toUpperCase();
	const upper = c !== c.toLowerCase();
	if (before === OTHER) return upper ? weight : lower && after === LOWER ? weight >> 1 : 0; // a word's start (lower case: «über», «école»)
	if (after === OTHER) return lower || (upper && before === UPPER) ? weight : 0; // a word's end («Bü», «café»)
	return (lower && after === LOWER) || (upper && before === UPPER && after === UPPER) ? weight : 0; // inside a word
}

/** Scores per code page, per byte 0x80–0xFF and neighbour classes: index ((b - 0x80) * 3 + before) * 3 + after. */
const SCORES = CODE_PAGES.map((cp) => {
	const s = new Uint8Array(128 * 9);
	for (let b = 0; b < 128; b++)
		for (let before = 0; before < 3; before++)
			for (let after = 0; after < 3; after++) if (before !== OTHER || after !== OTHER) s[(b * 3 + before) * 3 + after] = plausibility(CHARS[cp][0x80 + b], before, after);
	return s;
});

/** The evidence, fed chunk by chunk (a byte at a chunk's end waits for the next chunk's first byte). */
export class CodePageEvidence {
	/** Score per code page (CODE_PAGES order). */
	readonly scores = [0, 0, 0];
	private last = OTHER;
	private pending = -1;
	private pendingBefore = OTHER;

	push(bytes: Uint8Array): void {
		const n = bytes.length;
		if (n === 0) return;
		if (this.pending >= 0) this.add(this.pending, this.pendingBefore, CLASS[bytes[0]]);
		this.pending = -1;
		for (let i = 0; i < n; i++) {
			const b = bytes[i];
			if (b < 0x80) continue;
			const before = i > 0 ? CLASS[bytes[i - 1]] : this.last;
			if (i + 1 === n) {
				this.pending = b;
				this.pendingBefore = before;
			} else this.add(b, before, CLASS[bytes[i + 1]]);
		}
		this.last = CLASS[bytes[n - 1]];
	}

	/** The end of the text: a byte held back at the last chunk's end is scored. */
	end(): void {
		if (this.pending >= 0) this.add(this.pending, this.pendingBefore, OTHER);
		this.pending = -1;
	}

	private add(b: number, before: number, after: number): void {
		if (before === OTHER && after === OTHER) return;
		const k = ((b - 0x80) * 3 + before) * 3 + after;
		for (let p = 0; p < 3; p++) this.scores[p] += SCORES[p][k];
	}

	/** The evidence settles the question: the leader has 1'000 points and the runner-up a third of that at most. */
	settled(): boolean {
		const [a, b] = [...this.scores].sort((x, y) => y - x);
		return a >= 1000 && 3 * b <= a;
	}

	/** The most plausible code page so far. */
	best(): CodePage {
		let best = 0;
		for (let p = 1; p < 3; p++) if (this.scores[p] > this.scores[best]) best = p;
		return CODE_PAGES[best];
	}
}
