/**
 * Which text encoding a spreadsheet export uses. Excel and friends write UTF-8 with or without a BOM,
 * Windows-1252 ("ANSI"), UTF-16 ("Unicode text", with a BOM, tab-separated), Mac Roman (Excel for Mac's
 * plain "CSV"), DOS Latin 1 (code page 850, "CSV (MS-DOS)") and now and then a UTF-8 BOM in front of a
 * Windows-1252 body (a BOM added by one program, the text written by another). Decided from the byte-order
 * mark, the byte pattern of UTF-16, a strict UTF-8 pass over the file, and for text that is not UTF-8, by
 * which code page reads its umlauts and accents most plausibly (util/code-page-guess.ts).
 */
import { concatBytes, type ByteSource } from '../../util/bytes.ts';
import { windows1252Decoder, type TextDecoderLike } from '../../util/windows-1252.ts';
import { Utf16ToUtf8 } from '../../util/utf16.ts';
import { CP850_CHARS, MAC_ROMAN_CHARS, tableDecoder } from '../../util/code-pages.ts';
import { CodePageEvidence, type CodePage } from '../../util/code-page-guess.ts';
import { ImportCancelled } from './issues.ts';

export type TextEncoding = 'utf-8' | CodePage | 'utf-16le' | 'utf-16be';

/** The encoding as people name it (Excel's "ANSI" is Windows-1252 on a Swiss or German Windows). */
export const ENCODING_LABEL: Record<TextEncoding, string> = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252 (ANSI)', macintosh: 'Mac Roman', ibm850: 'DOS Latin 1 (CP 850)', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE' };

export interface EncodingGuess {
	encoding: TextEncoding;
	/** Bytes of a byte-order mark at the start, skipped before decoding. */
	bom: number;
	/** A UTF-8 BOM in front of text that is not UTF-8 (read in its code page without the BOM). */
	mismatchedBom?: boolean;
}

const startsWith = (b: Uint8Array, ...m: number[]) => m.every((x, i) => b[i] === x);

/** UTF-16 without a BOM: most ASCII characters have a zero high byte, on odd (LE) or even (BE) positions. */
export function utf16Pattern(head: Uint8Array): TextEncoding | null {
	const n = head.length & ~1;
	if (n < 8) return null;
	let zeroOdd = 0;
	let zeroEven = 0;
	for (let i = 0; i < n; i += 2) {
		if (head[i] === 0) zeroEven++;
		if (head[i + 1] === 0) zeroOdd++;
	}
	const pairs = n / 2;
	if (zeroOdd > 0.4 * pairs && zeroEven < 0.05 * pairs) return 'utf-16le';
	if (zeroEven > 0.4 * pairs && zeroOdd < 0.05 * pairs) return 'utf-16be';
	return null;
}

/** Strict UTF-8 over [from, size): streamed, stops at the first invalid byte; never holds more than one chunk. */
async function isUtf8(src: ByteSource, from: number, chunkBytes: number, signal?: AbortSignal, upTo = Infinity): Promise<boolean> {
	const dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
	const end = Math.min(src.size, upTo);
	try {
		for (let at = from; at < end; at += chunkBytes) {
			if (signal?.aborted) throw new ImportCancelled();
			dec.decode(await src.read(at, Math.min(end, at + chunkBytes)), { stream: true });
		}
		if (end === src.size) dec.decode();
		return true;
	} catch (e) {
		if (e instanceof ImportCancelled) throw e;
		return false;
	}
}

/**
 * Text that is not UTF-8: the code page whose reading of it is the most plausible (util/code-page-guess.ts).
 * Chunk by chunk from the start until the evidence settles it, else to the end: the fast path's open and
 * the reference path's read the same chunks and agree.
 */
async function singleByteEncoding(src: ByteSource, from: number, chunkBytes: number, signal?: AbortSignal): Promise<CodePage> {
	const evidence = new CodePageEvidence();
	for (let at = from; at < src.size; at += chunkBytes) {
		if (signal?.aborted) throw new ImportCancelled();
		evidence.push(await src.read(at, Math.min(src.size, at + chunkBytes)));
		if (evidence.settled()) return evidence.best();
	}
	evidence.end();
	return evidence.best();
}

/**
 * Guess the encoding of a text file (see the module comment). `upTo` limits the strict UTF-8 pass to the
 * first bytes: for the fast path, whose own readers (DuckDB, the byte scan) refuse invalid UTF-8 anyway.
 */
export async function sniffEncoding(src: ByteSource, chunkBytes: number, signal?: AbortSignal, upTo = Infinity): Promise<EncodingGuess> {
	const head = await src.read(0, Math.min(src.size, 4096));
	if (startsWith(head, 0xff, 0xfe)) return { encoding: 'utf-16le', bom: 2 };
	if (startsWith(head, 0xfe, 0xff)) return { encoding: 'utf-16be', bom: 2 };
	if (startsWith(head, 0xef, 0xbb, 0xbf)) {
		if (await isUtf8(src, 3, chunkBytes, signal, upTo)) return { encoding: 'utf-8', bom: 3 };
		return { encoding: await singleByteEncoding(src, 3, chunkBytes, signal), bom: 3, mismatchedBom: true };
	}
	const u16 = utf16Pattern(head);
	if (u16) return { encoding: u16, bom: 0 };
	return { encoding: (await isUtf8(src, 0, chunkBytes, signal, upTo)) ? 'utf-8' : await singleByteEncoding(src, 0, chunkBytes, signal), bom: 0 };
}

/** Length of the byte-order mark of `encoding` at the start of `head` (0 if there is none). */
export function bomLength(encoding: TextEncoding, head: Uint8Array): number {
	if (encoding === 'utf-16le') return startsWith(head, 0xff, 0xfe) ? 2 : 0;
	if (encoding === 'utf-16be') return startsWith(head, 0xfe, 0xff) ? 2 : 0;
	return startsWith(head, 0xef, 0xbb, 0xbf) ? 3 : 0;
}

/** A streaming decoder for `encoding` that leaves BOM handling to the caller (it skips `bom` bytes). */
export function decoderFor(encoding: TextEncoding): TextDecoderLike {
	if (encoding === 'windows-1252') return windows1252Decoder();
	if (encoding === 'macintosh') return tableDecoder(MAC_ROMAN_CHARS);
	return encoding === 'ibm850' ? tableDecoder(CP850_CHARS) : new TextDecoder(encoding, { ignoreBOM: true });
}

/**
 * The text of bytes [from, end) of `src` as UTF-8, chunk by chunk: the text the reader's own decoder
 * (decoderFor) gives, for readers that take UTF-8 only (the fast path's byte scan and DuckDB). UTF-16 goes
 * straight to UTF-8 bytes (util/utf16.ts), not through a string.
 */
export async function utf8Copy(
	src: ByteSource,
	encoding: TextEncoding,
	from: number,
	opts: { signal?: AbortSignal; chunkBytes?: number; onProgress?: (fraction: number) => void } = {}
): Promise<Uint8Array> {
	const { signal, chunkBytes = 4 << 20 } = opts;
	const parts: Uint8Array[] = [];
	const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be' ? new Utf16ToUtf8(encoding === 'utf-16le') : null;
	const dec = decoderFor(encoding);
	const enc = new TextEncoder();
	for (let at = from; at < src.size; at += chunkBytes) {
		if (signal?.aborted) throw new ImportCancelled();
		const end = Math.min(src.size, at + chunkBytes);
		const bytes = await src.read(at, end);
		parts.push(utf16 ? utf16.push(bytes, end === src.size) : enc.encode(dec.decode(bytes, { stream: true })));
		opts.onProgress?.(end / src.size);
	}
	if (!utf16) parts.push(enc.encode(dec.decode()));
	else if (from >= src.size) parts.push(utf16.push(new Uint8Array(0), true));
	return concatBytes(parts);
}
