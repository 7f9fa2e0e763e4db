/**
 * One byte-level pass over a UTF-8 or Windows-1252 CSV that answers what the fast path (fast/run.ts) must
 * know before it trusts DuckDB's reading of the file, building no string except for the location columns it
 * extracts:
 *  - how many data rows our own parser (util/csv.ts CsvRowParser) would see: empty lines skipped, quoted
 *    line breaks inside a row, CRLF/LF/CR (a row of blank fields, which it skips too, is left to it);
 *  - whether any construct could be read differently by DuckDB and by us (a quote inside an unquoted
 *    field, text after a closing quote, a row of one field, a NUL byte), or any text the validator changes
 *    (invisible format characters): then the file goes the reference way;
 *  - per number column, whether its values are plain numbers DuckDB reads exactly as numbers.ts does: only
 *    digits, one decimal separator kind, an exponent, a sign at the start or after the exponent (DuckDB
 *    also takes "1_000", "+-5" and hex, which we refuse); for a decimal comma, whether the sample rows show
 *    an unambiguous one (then "1,500" is 1.5, as numbers.ts decides) and whether an ambiguous one occurs;
 *  - per column, whether values start or end with spaces or other whitespace (the SQL then trims exactly
 *    what JavaScript's trim() would, and only where needed);
 *  - the values of the location columns (lon, lat, e, n, plz, zone_id as numbers; geocode_quality as text),
 *    so the location step can run in JavaScript while DuckDB reads the rest.
 * Only the delimiter, quotes and line ends are ASCII bytes that matter; UTF-8 never uses them inside a
 * multi-byte character, and a Windows-1252 character is one byte, so scanning bytes is exact.
 */
import type { ByteSource } from '../../../util/bytes.ts';
import { ImportCancelled } from '../issues.ts';
import { hasFormatChars } from '../../../util/invisible.ts';
import { WINDOWS_1252_CHARS, windows1252Decoder, type TextDecoderLike } from '../../../util/windows-1252.ts';
import { MAC_ROMAN_CHARS } from '../../../util/code-pages.ts';
import { MAX_VALUE_CHARS } from '../types.ts';

/** The scan's doubt for bytes that are not UTF-8 in a file opened as UTF-8 (see fast/run.ts notUtf8AfterAll). */
export const NOT_UTF8 = 'not UTF-8';

/** Leading/trailing whitespace seen in a column: none, plain spaces, or other whitespace (tab, NBSP, …). */
export const EDGE_NONE = 0;
export const EDGE_SPACE = 1;
export const EDGE_OTHER = 2;

export interface ColumnScan {
	/** Number columns: every value is blank or a plain number (see above). */
	plain: boolean;
	/** Some value has a '.' / a ','. */
	dot: boolean;
	comma: boolean;
	/** Among the first `sampleRows` data rows, a value with an unambiguous decimal comma (2,5 · 1234,5 · 0,500). */
	commaEvidence: boolean;
	/** Some value could be either ("1,500": one comma, 1-3 digits before without a leading zero, 3 after). */
	ambiguousComma: boolean;
	/** The same with a point ("1.500"): 1.5 unless the file's other columns write a decimal comma (validate.ts sample). */
	ambiguousDot: boolean;
	/** Leading/trailing whitespace class (EDGE_*). */
	edge: number;
}

export interface ScanResult {
	/** Data rows after the header row (the header at physical line `headerLine`). */
	rows: number;
	/** No construct that DuckDB and our parser might read differently. */
	safe: boolean;
	/** Why not safe. */
	reason?: string;
	/** Per file column (index in the header). */
	columns: ColumnScan[];
}

/** A column whose values the scan hands out: as numbers (NaN = empty or not plain) or as text. */
export interface Extract {
	index: number;
	kind: 'number' | 'text';
}

/** Extracted values, one per data row. */
export type Extracted = Map<number, Float64Array | (string | null)[]>;

const QUOTE = 34;
const LF = 10;
const CR = 13;

// Byte classes inside a number value.
const C_DIGIT = 1;
const C_DOT = 2;
const C_COMMA = 3;
const C_E = 4;
const C_SIGN = 5;
const C_SPACE = 6;
const C_OTHER = 7;
const CLASS = new Uint8Array(256).fill(C_OTHER);
for (let b = 48; b <= 57; b++) CLASS[b] = C_DIGIT;
CLASS[46] = C_DOT;
CLASS[44] = C_COMMA;
CLASS[101] = C_E;
CLASS[69] = C_E;
CLASS[43] = C_SIGN;
CLASS[45] = C_SIGN;
CLASS[32] = C_SPACE;
CLASS[9] = C_SPACE;

/**
 * Edge class of a field's first and last content byte: space, other whitespace, or none. Other whitespace:
 * ASCII controls; in UTF-8 a byte that can start/end a character JavaScript's trim() removes (NBSP C2 A0,
 * U+1680, U+2000–U+205F, U+3000, U+FEFF; a false alarm only makes the SQL trim); in Windows-1252 NBSP
 * (0xA0), the only such character above ASCII.
 */
function edgeTables(encoding: ScanEncoding): { first: Uint8Array; last: Uint8Array } {
	const first = new Uint8Array(256);
	const last = new Uint8Array(256);
	first[32] = last[32] = EDGE_SPACE;
	for (const b of [9, 10, 11, 12, 13]) first[b] = last[b] = EDGE_OTHER;
	if (encoding === 'windows-1252') first[0xa0] = last[0xa0] = EDGE_OTHER;
	else {
		for (const b of [0xc2, 0xe1, 0xe2, 0xe3, 0xef]) first[b] = EDGE_OTHER;
		for (let b = 0x80; b <= 0x8a; b++) last[b] = EDGE_OTHER;
		for (const b of [0xa0, 0xa8, 0xa9, 0xaf, 0x9f, 0xbf]) last[b] = EDGE_OTHER;
	}
	return { first, last };
}

/** Windows-1252 bytes that are invisible format characters (the soft hyphen, 0xAD). */
const WINDOWS_1252_FORMAT = WINDOWS_1252_CHARS.flatMap((c, b) => (hasFormatChars(c) ? [b] : []));

/**
 * Whether `buf` may hold a value util/double-encoding.ts doubleEncodedThrough() matches: a superset, by
 * bytes. Through Windows-1252 («ZÃ¼rich»): in UTF-8, Â, Ã or â (C3 82, C3 83, C3 A2) followed by a lead
 * byte of what a continuation byte reads as in Windows-1252 (C2, C5, C6, CB, E2); in Windows-1252, Â, Ã or
 * â (C2, C3, E2) followed by a byte 80–BF. Through Mac Roman («Z√ºrich»): any of its lead characters ¬, √
 * or ‚, rare in such text, as the file writes them.
 */
function mayBeDoubleEncoded(buf: Uint8Array, ansi: boolean): boolean {
	const n = buf.length;
	for (const lead of ansi ? [0xc2, 0xc3, 0xe2] : [0xc3]) {
		for (let i = buf.indexOf(lead); i >= 0 && i + 1 < n; i = buf.indexOf(lead, i + 1)) {
			const b = buf[i + 1];
			if (ansi ? b >= 0x80 && b <= 0xbf : (b === 0x82 || b === 0x83 || b === 0xa2) && i + 2 < n && UTF8_CONTINUATION_LEADS.has(buf[i + 2])) return true;
		}
	}
	return (ansi ? MAC_LEADS_ANSI : MAC_LEADS_UTF8).some((seq) => contains(buf, seq));
}
const UTF8_CONTINUATION_LEADS = new Set([0xc2, 0xc5, 0xc6, 0xcb, 0xe2]);
/** Mac Roman's readings of UTF-8's lead bytes C2, C3, E2 (¬ √ ‚), in UTF-8 and in Windows-1252 (which lacks √). */
const MAC_LEADS = [0xc2, 0xc3, 0xe2].map((b) => MAC_ROMAN_CHARS[b]);
const MAC_LEADS_UTF8 = MAC_LEADS.map((c) => new TextEncoder().encode(c));
const MAC_LEADS_ANSI = MAC_LEADS.filter((c) => WINDOWS_1252_CHARS.includes(c)).map((c) => Uint8Array.of(WINDOWS_1252_CHARS.indexOf(c)));

/** Whether `seq` occurs in `buf`. */
function contains(buf: Uint8Array, seq: Uint8Array): boolean {
	for (let i = buf.indexOf(seq[0]); i >= 0 && i + seq.length <= buf.length; i = buf.indexOf(seq[0], i + 1)) {
		let k = 1;
		while (k < seq.length && buf[i + k] === seq[k]) k++;
		if (k === seq.length) return true;
	}
	return false;
}

/** The encodings the scan reads: both keep the delimiter, quotes and line ends as single ASCII bytes. */
export type ScanEncoding = 'utf-8' | 'windows-1252';

export interface ScanOptions {
	delimiter: string;
	/** The file's encoding (default UTF-8). */
	encoding?: ScanEncoding;
	/** Physical line of the header row; rows starting on it or before are not data. */
	headerLine: number;
	/** Columns in the header. */
	width: number;
	/** Columns (by index in the header) to check as numbers. */
	numberColumns: number[];
	/** Columns whose values to hand out (the location inputs). */
	extract?: Extract[];
	/** Rows whose values decide a column's decimal separator (validate.ts SAMPLE_ROWS). */
	sampleRows: number;
	/** Bytes to skip at the start (a BOM). */
	start?: number;
	/** Bytes read and scanned at a time; by default 1 MB, doubling to 4 MB (progress early, fewer reads of a File later). */
	chunkBytes?: number;
	signal?: AbortSignal;
	/** Share of the file scanned, after each chunk. */
	onProgress?: (fraction: number) => void;
}

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_IN_QUOTED = 3;

/** Default reads: 1 MB first, doubling to 4 MB (each read of a File is a round trip to the browser process). */
const FIRST_CHUNK_BYTES = 1 << 20;
const MAX_CHUNK_BYTES = 4 << 20;

/** Longest extracted value kept (a location input longer than this is not plain anyway). */
const MAX_EXTRACT = 64;

/**
 * Whether a number's one separator could group thousands (numbers.ts decimalOf): 1-3 digits before it
 * without a leading zero, exactly 3 after («1,500», «250.000»).
 */
function couldGroup(before: number, after: number, leadingZero: boolean): boolean {
	return before >= 1 && before <= 3 && !leadingZero && after === 3;
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * A plain number from its parts, exactly as Number() reads its text: digit strings of up to 15 significant
 * digits with a power of ten up to 22 are one correctly rounded IEEE operation (Clinger's fast path);
 * anything longer goes through Number() on the text (its first `length` bytes, a decimal comma made a point).
 */
function plainNumber(neg: boolean, mant: number, sig: number, pow: number, text: Uint8Array, length: number): number {
	if (sig <= 15 && pow >= -22 && pow <= 22) {
		const v = pow < 0 ? mant / POW10[-pow] : mant * POW10[pow];
		return neg ? -v : v;
	}
	return Number(String.fromCharCode.apply(null, text.subarray(0, length) as unknown as number[]).replace(',', '.'));
}

/** One slice of the file: whole rows, cut where the scan has seen them end outside quotes. */
export interface ScanSlice {
	/** Byte range [from, to) of the file (the first slice starts at 0, with the header lines and any BOM). */
	from: number;
	to: number;
	/** Those bytes, when the scanner was asked to hand them out (`keepBytes`): the file is then read once. */
	bytes?: Uint8Array;
	/** Data rows before the slice and in it. */
	firstRow: number;
	rows: number;
	/** The last slice. */
	done: boolean;
}

/**
 * The scan in slices of whole rows, so a reader (DuckDB, fast/run.ts) can take the rows scanned so far
 * while the scan goes on. A slice grows to `sliceBytes` (doubling from `firstSliceBytes`) and ends at the
 * last row end the scan is sure of (a CR is sure once the next byte is read); `result()` is the scan of
 * everything read so far, and the scan of the whole file after the last slice.
 */
export class SliceScanner {
	private readonly sc: Scanner;
	private at: number;
	private cut = 0;
	private cutRows = 0;
	private target: number;
	private finished = false;
	/** The read of the next chunk, under way. */
	private ahead: Promise<Uint8Array> | null = null;
	/** Time spent waiting for the file and scanning it so far. */
	readonly ms = { read: 0, scan: 0 };
	/** Bytes of the next read. */
	private step: number;
	/** With `keepBytes`: the chunks read since the last cut (the first may begin before it). */
	private kept: { base: number; bytes: Uint8Array }[] = [];
	constructor(
		private readonly src: ByteSource,
		private readonly o: ScanOptions & { firstSliceBytes?: number; sliceBytes?: number; keepBytes?: boolean }
	) {
		this.sc = new Scanner(o);
		this.at = o.start ?? 0;
		this.target = o.firstSliceBytes ?? o.sliceBytes ?? Infinity;
		this.step = o.chunkBytes ?? FIRST_CHUNK_BYTES;
	}

	/** The next slice, or null after the last (`signal`/`onProgress` of this call, else the options'). */
	async next(call: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {}): Promise<ScanSlice | null> {
		if (this.finished) return null;
		const o = { ...this.o, ...call };
		const size = this.src.size;
		const read = (at: number) => {
			const p = this.src.read(at, Math.min(size, at + this.step));
			p.catch(() => {}); // awaited when its turn comes
			return p;
		};
		// The bytes before the scan's start (a BOM) belong to the first slice.
		if (o.keepBytes && this.at > 0 && this.cut === 0 && !this.kept.length) this.kept.push({ base: 0, bytes: await this.src.read(0, this.at) });
		while (this.at < size) {
			if (o.signal?.aborted) throw new ImportCancelled();
			const step = this.step;
			const end = Math.min(size, this.at + step);
			const t0 = performance.now();
			const bytes = await (this.ahead ?? read(this.at));
			if (o.keepBytes) this.kept.push({ base: this.at, bytes });
			// The next chunk is read (the browser's file I/O) while this one is scanned.
			if (o.chunkBytes === undefined) this.step = Math.min(2 * step, MAX_CHUNK_BYTES);
			this.ahead = end < size ? read(end) : null;
			const t1 = performance.now();
			this.sc.chunk(bytes, this.at, end >= size);
			this.ms.read += t1 - t0;
			this.ms.scan += performance.now() - t1;
			this.at = end;
			o.onProgress?.(end / size);
			const sc = this.sc;
			if (end < size && sc.cut - this.cut >= this.target && sc.cutRows > this.cutRows) {
				const slice: ScanSlice = { from: this.cut, to: sc.cut, firstRow: this.cutRows, rows: sc.cutRows - this.cutRows, done: false };
				if (o.keepBytes) slice.bytes = this.take(slice.from, slice.to);
				this.cut = sc.cut;
				this.cutRows = sc.cutRows;
				this.target = Math.min(this.target * 2, o.sliceBytes ?? Infinity);
				return slice;
			}
		}
		this.sc.end();
		this.finished = true;
		const last: ScanSlice = { from: this.cut, to: size, firstRow: this.cutRows, rows: this.sc.rowCount - this.cutRows, done: true };
		if (o.keepBytes) last.bytes = this.take(last.from, last.to);
		return last;
	}

	/** The kept bytes [from, to) as one buffer of their own (it may be transferred); chunks wholly before `to` are let go. */
	private take(from: number, to: number): Uint8Array {
		const out = new Uint8Array(to - from);
		for (const { base, bytes } of this.kept) {
			const a = Math.max(from, base);
			const b = Math.min(to, base + bytes.length);
			if (a < b) out.set(bytes.subarray(a - base, b - base), a - from);
		}
		this.kept = this.kept.filter((c) => c.base + c.bytes.length > to);
		return out;
	}

	/** The scan so far (of the whole file once the last slice is out). */
	result(): ScanResult {
		return this.sc.result();
	}

	/** Extracted values of the rows so far (an array per extracted column; read rows below the slice's end). */
	values(index: number): Float64Array | (string | null)[] | undefined {
		return this.sc.values(index);
	}
}

/** Scan `src` as described in the module comment, in one go. */
export async function scanCsv(src: ByteSource, o: ScanOptions): Promise<ScanResult & { extracted: Extracted }> {
	const s = new SliceScanner(src, { chunkBytes: 4 << 20, ...o });
	while (await s.next());
	const extracted: Extracted = new Map();
	const r = s.result();
	for (const x of o.extract ?? []) {
		const v = s.values(x.index)!;
		extracted.set(x.index, Array.isArray(v) ? v.slice(0, r.rows) : v);
	}
	return { ...r, extracted };
}

/** No byte above 0x7f (four at a time where the buffer is aligned). */
function isAscii(buf: Uint8Array): boolean {
	let i = 0;
	const n = buf.length;
	for (; i < n && (buf.byteOffset + i) % 4 !== 0; i++) if (buf[i] > 0x7f) return false;
	if (i === n) return true;
	const words = new Uint32Array(buf.buffer, buf.byteOffset + i, (n - i) >> 2);
	let acc = 0;
	for (let w = 0; w < words.length; w++) acc |= words[w];
	if (acc & 0x80808080) return false;
	for (i += words.length * 4; i < n; i++) if (buf[i] > 0x7f) return false;
	return true;
}

// What a byte means outside quotes (the delimiter is set per scanner).
const K_CONTENT = 0;
const K_DELIM = 1;
const K_LF = 2;
const K_CR = 3;
const K_QUOTE = 4;

/** The scan's state between chunks; `chunk` copies it into locals for the hot loop and back. */
class Scanner {
	private readonly kind = new Uint8Array(256);
	private readonly width: number;
	private readonly isNumber: Uint8Array;
	private readonly extractKind: Uint8Array; // 0 none, 1 number, 2 text
	private readonly plain: Uint8Array;
	private readonly dots: Uint8Array;
	private readonly commas: Uint8Array;
	private readonly commaEvidence: Uint8Array;
	private readonly ambiguousComma: Uint8Array;
	private readonly ambiguousDot: Uint8Array;
	private readonly edges: Uint8Array;
	private cap = 1 << 16;
	private readonly numbers: (Float64Array | null)[];
	private readonly texts: ((string | null)[] | null)[];
	private readonly value = new Uint8Array(MAX_EXTRACT);
	private readonly decoder: TextDecoderLike;
	private readonly firstEdge: Uint8Array;
	private readonly lastEdge: Uint8Array;
	private reason = '';
	// Parser state.
	private state = FIELD_START;
	private line = 1;
	private rowLine = 1;
	private rows = 0;
	private field = 0;
	private fieldLen = 0;
	private first = -1;
	private last = -1;
	private pendingCR = false;
	/** The current row has a field with text that is not whitespace (so far). */
	private rowContent = false;
	private quotedCR = false;
	/** The last row end the scan is sure of (absolute byte offset after it) and the data rows before it. */
	cut = 0;
	cutRows = 0;
	// The current field as a number.
	private nOk = true;
	private nBefore = 0;
	private nAfter = 0;
	private nZero = false;
	private nSep = 0;
	private nExp = false;
	private nLast = 0;
	private nStarted = false;
	private nEnded = false;
	private nNeg = false;
	private nMant = 0;
	private nSig = 0;
	private nExpNeg = false;
	private nExpVal = 0;
	private valueLen = 0;
	/** The current field was accounted as a whole when it was read (wholeNumber): its end has nothing left to do. */
	private accounted = false;

	constructor(private readonly o: ScanOptions) {
		const encoding = o.encoding ?? 'utf-8';
		const ansi = encoding === 'windows-1252';
		this.decoder = ansi ? windows1252Decoder() : new TextDecoder();
		this.check = ansi ? null : new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
		({ first: this.firstEdge, last: this.lastEdge } = edgeTables(encoding));
		const delim = o.delimiter.charCodeAt(0);
		if (o.delimiter.length !== 1 || delim > 127 || delim === QUOTE || delim === LF || delim === CR) this.doubt('delimiter');
		else this.kind[delim] = K_DELIM;
		this.kind[LF] = K_LF;
		this.kind[CR] = K_CR;
		this.kind[QUOTE] = K_QUOTE;
		const width = (this.width = Math.max(o.width, ...o.numberColumns.map((j) => j + 1)));
		this.isNumber = new Uint8Array(width + 1);
		for (const j of o.numberColumns) this.isNumber[j] = 1;
		this.extractKind = new Uint8Array(width + 1);
		for (const x of o.extract ?? []) this.extractKind[x.index] = x.kind === 'number' ? 1 : 2;
		this.plain = new Uint8Array(width).fill(1);
		this.dots = new Uint8Array(width);
		this.commas = new Uint8Array(width);
		this.commaEvidence = new Uint8Array(width);
		this.ambiguousComma = new Uint8Array(width);
		this.ambiguousDot = new Uint8Array(width);
		this.edges = new Uint8Array(width);
		this.numbers = Array.from({ length: width }, (_, j) => (this.extractKind[j] === 1 ? new Float64Array(this.cap) : null));
		this.texts = Array.from({ length: width }, (_, j) => (this.extractKind[j] === 2 ? [] : null));
	}

	/** A content byte of the current field (outside or inside quotes). */
	private content(b: number): void {
		if (this.first < 0) this.first = b;
		this.last = b;
		const f = this.field;
		if (this.isNumber[f] === 1 && this.nOk) this.numberByte(b);
		if (this.extractKind[f] !== 0) {
			if (this.valueLen < MAX_EXTRACT) this.value[this.valueLen] = b;
			this.valueLen++;
		}
	}

	private numberByte(b: number): void {
		const c = CLASS[b];
		if (c === C_SPACE) {
			if (this.nStarted) this.nEnded = true;
			return;
		}
		if (this.nEnded || c === C_OTHER) {
			this.nOk = false;
			return;
		}
		if (c === C_DIGIT) {
			if (this.nExp) this.nExpVal = this.nExpVal * 10 + (b - 48);
			else {
				if (this.nSep) this.nAfter++;
				else {
					if (this.nBefore === 0 && b === 48) this.nZero = true;
					this.nBefore++;
				}
				if (this.nSig > 0 || b !== 48) {
					this.nSig++;
					this.nMant = this.nMant * 10 + (b - 48);
				}
			}
		} else if (c === C_SIGN) {
			if (this.nLast === 0) this.nNeg = b === 45;
			else if (this.nLast === C_E) this.nExpNeg = b === 45;
			else this.nOk = false;
		} else if (c === C_E) {
			if (this.nExp || !this.nStarted || this.nLast === C_SIGN) this.nOk = false;
			this.nExp = true;
		} else {
			if (this.nExp || this.nSep) this.nOk = false;
			this.nSep = c;
		}
		this.nStarted = true;
		this.nLast = c;
	}

	/** content() for the bytes [from, to) of a number field, with the number state in locals (the hot loop). */
	private numberRun(buf: Uint8Array, from: number, to: number): void {
		if (this.first < 0) this.first = buf[from];
		this.last = buf[to - 1];
		const extract = this.extractKind[this.field] !== 0;
		if (!this.nStarted && this.nOk && this.plainRun(buf, from, to)) {
			if (extract) this.keep(buf, from, to);
			return;
		}
		let ok = this.nOk;
		let before = this.nBefore;
		let after = this.nAfter;
		let zero = this.nZero;
		let sep = this.nSep;
		let exp = this.nExp;
		let last = this.nLast;
		let started = this.nStarted;
		let ended = this.nEnded;
		let neg = this.nNeg;
		let mant = this.nMant;
		let sig = this.nSig;
		let expNeg = this.nExpNeg;
		let expVal = this.nExpVal;
		for (let x = from; ok && x < to; x++) {
			const b = buf[x];
			const c = CLASS[b];
			if (c === C_SPACE) {
				if (started) ended = true;
				continue;
			}
			if (ended || c === C_OTHER) {
				ok = false;
				break;
			}
			if (c === C_DIGIT) {
				if (exp) expVal = expVal * 10 + (b - 48);
				else {
					if (sep) after++;
					else {
						if (before === 0 && b === 48) zero = true;
						before++;
					}
					if (sig > 0 || b !== 48) {
						sig++;
						mant = mant * 10 + (b - 48);
					}
				}
			} else if (c === C_SIGN) {
				if (last === 0) neg = b === 45;
				else if (last === C_E) expNeg = b === 45;
				else ok = false;
			} else if (c === C_E) {
				if (exp || !started || last === C_SIGN) ok = false;
				exp = true;
			} else {
				if (exp || sep) ok = false;
				sep = c;
			}
			started = true;
			last = c;
		}
		this.nOk = ok;
		this.nBefore = before;
		this.nAfter = after;
		this.nZero = zero;
		this.nSep = sep;
		this.nExp = exp;
		this.nLast = last;
		this.nStarted = started;
		this.nEnded = ended;
		this.nNeg = neg;
		this.nMant = mant;
		this.nSig = sig;
		this.nExpNeg = expNeg;
		this.nExpVal = expVal;
		if (extract) this.keep(buf, from, to);
	}

	/** Keep the bytes [from, to) of a value to extract. */
	private keep(buf: Uint8Array, from: number, to: number): void {
		for (let x = from; x < to; x++) {
			if (this.valueLen < MAX_EXTRACT) this.value[this.valueLen] = buf[x];
			this.valueLen++;
		}
	}

	/**
	 * The common number, [-]digits[.digits] filling the whole run of a fresh field, in one tight loop;
	 * sets the number state exactly as the byte-by-byte loop of numberRun would. False (state untouched)
	 * for anything else, which numberRun then reads byte by byte.
	 */
	private plainRun(buf: Uint8Array, from: number, to: number): boolean {
		let x = from;
		const neg = buf[x] === 45;
		if (neg) x++;
		let before = 0;
		let after = 0;
		let zero = false;
		let mant = 0;
		let sig = 0;
		for (; x < to; x++) {
			const d = buf[x] - 48;
			if (d < 0 || d > 9) break;
			if (before === 0 && d === 0) zero = true;
			before++;
			if (sig > 0 || d !== 0) {
				sig++;
				mant = mant * 10 + d;
			}
		}
		let sep = 0;
		if (x < to && buf[x] === 46) {
			sep = C_DOT;
			for (x++; x < to; x++) {
				const d = buf[x] - 48;
				if (d < 0 || d > 9) break;
				after++;
				if (sig > 0 || d !== 0) {
					sig++;
					mant = mant * 10 + d;
				}
			}
		}
		if (x !== to || before + after === 0) return false;
		this.nBefore = before;
		this.nAfter = after;
		this.nZero = zero;
		this.nSep = sep;
		this.nNeg = neg;
		this.nMant = mant;
		this.nSig = sig;
		this.nStarted = true;
		this.nLast = sep && after === 0 ? C_DOT : C_DIGIT;
		return true;
	}

	/**
	 * The common case in one step: the plain number [-]digits[.digits] filling a whole unquoted field of a
	 * data row, up to its delimiter or line end. Does what plainRun, keep and endField would do for it,
	 * without the number state; false (nothing touched) for anything else.
	 */
	private wholeNumber(buf: Uint8Array, from: number, to: number): boolean {
		let x = from;
		const neg = buf[x] === 45;
		if (neg) x++;
		let digits = 0;
		let after = 0;
		let mant = 0;
		let sig = 0;
		let dot = false;
		for (; x < to; x++) {
			const d = buf[x] - 48;
			if (d < 0 || d > 9) {
				if (d !== -2 || dot) break; // one '.'
				dot = true;
				continue;
			}
			digits++;
			if (dot) after++;
			if (sig > 0 || d !== 0) {
				sig++;
				mant = mant * 10 + d;
			}
		}
		if (x !== to || digits === 0) return false;
		const f = this.field;
		this.rowContent = true; // a digit or '-' at both ends: no whitespace edge
		if (to - from > MAX_VALUE_CHARS - 2) this.plain[f] = 0;
		else if (dot) {
			this.dots[f] = 1;
			const before = digits - after;
			if (couldGroup(before, after, buf[neg ? from + 1 : from] === 48)) this.ambiguousDot[f] = 1;
		}
		if (this.extractKind[f] === 1) this.numbers[f]![this.rows] = plainNumber(neg, mant, sig, -after, buf.subarray(from, to), Math.min(to - from, MAX_EXTRACT));
		this.fieldLen = to - from;
		this.accounted = true;
		return true;
	}

	/** Whitespace at the edges of field `f` of a data row, from its first and last content byte. */
	private fieldEdges(f: number, first: number, last: number): void {
		const e = Math.max(this.firstEdge[first], this.lastEdge[last]);
		if (e > this.edges[f]) this.edges[f] = e;
		// Text that is not whitespace (sure when either end is no whitespace; " a " counts as blank here).
		if (this.firstEdge[first] === EDGE_NONE || this.lastEdge[last] === EDGE_NONE) this.rowContent = true;
	}

	/** The current field ends (at a delimiter or a line end). */
	private endField(): void {
		if (this.accounted) {
			this.accounted = false;
			return;
		}
		const f = this.field;
		if (this.rowLine > this.o.headerLine && f < this.width) {
			if (this.first >= 0) this.fieldEdges(f, this.first, this.last);
			if (this.isNumber[f] === 1) {
				// Longer than any value the validator reads as a number (types.ts MAX_VALUE_CHARS; quotes counted): not plain.
				if (!this.nOk || this.nLast === C_SIGN || (this.nExp && this.nLast === C_E) || this.fieldLen > MAX_VALUE_CHARS - 2) this.plain[f] = 0;
				else if (this.nSep) {
					const grouping = !this.nExp && couldGroup(this.nBefore, this.nAfter, this.nZero);
					if (this.nSep === C_DOT) {
						this.dots[f] = 1;
						if (grouping) this.ambiguousDot[f] = 1;
					} else {
						this.commas[f] = 1;
						if (grouping) this.ambiguousComma[f] = 1;
						else if (this.rows < this.o.sampleRows) this.commaEvidence[f] = 1;
					}
				}
			}
			const k = this.extractKind[f];
			if (k === 1) {
				let x = NaN;
				if (this.nOk && this.nStarted && (this.nBefore > 0 || this.nAfter > 0)) {
					const pow = (this.nExpNeg ? -this.nExpVal : this.nExpVal) - this.nAfter;
					x = plainNumber(this.nNeg, this.nMant, this.nSig, pow, this.value, Math.min(this.valueLen, MAX_EXTRACT));
				}
				this.numbers[f]![this.rows] = x;
			} else if (k === 2) this.texts[f]![this.rows] = this.valueLen === 0 ? null : this.decoder.decode(this.value.subarray(0, Math.min(this.valueLen, MAX_EXTRACT)));
		}
		if (this.isNumber[f] === 1) {
			this.nOk = true;
			this.nBefore = this.nAfter = this.nSep = this.nLast = this.nMant = this.nSig = this.nExpVal = 0;
			this.nZero = this.nExp = this.nStarted = this.nEnded = this.nNeg = this.nExpNeg = false;
		}
		this.valueLen = 0;
		this.first = this.last = -1;
	}

	/** The current row ends (at a line end, or the end of the file). */
	private endRow(): void {
		this.endField();
		const data = this.rowLine > this.o.headerLine;
		if (this.field === 0) {
			// One field: an empty line both parsers skip; anything else (spaces, "") is read differently.
			if (this.fieldLen > 0) this.doubt('a row of one field');
			if (data) for (const a of this.texts) if (a) a.length = this.rows;
		} else if (data) {
			// A short row: DuckDB refuses it (strict), our parser pads it. A long one: DuckDB tolerates one
			// empty field after the last (a trailing delimiter), as our parser does; more is not the fast path.
			const w = this.o.width;
			if (this.field + 1 < w || this.field > w || (this.field === w && this.fieldLen > 0)) this.doubt('a row of another width');
			// A row of blank fields (";;;;"), which our parser skips and DuckDB reads as a row.
			if (!this.rowContent) this.doubt('a row of blank fields');
			this.rows++;
			if (this.rows === this.cap) {
				this.cap *= 2;
				for (let j = 0; j < this.width; j++) {
					const a = this.numbers[j];
					if (a) {
						const bigger = new Float64Array(this.cap);
						bigger.set(a);
						this.numbers[j] = bigger;
					}
				}
			}
		}
		this.field = 0;
		this.fieldLen = 0;
		this.rowContent = false;
		this.state = FIELD_START;
	}

	private doubt(why: string): void {
		if (!this.reason) this.reason = why;
	}

	/** UTF-8: strict, over the whole file, chunk by chunk (the session may have checked only the first); none for Windows-1252. */
	private readonly check: TextDecoder | null;
	private lastAscii = true;

	/** The last two bytes of the previous chunk (a double-encoded character may straddle chunks). */
	private tail = new Uint8Array(0);

	/** Scan the bytes `buf` found at offset `base` of the file. */
	chunk(buf: Uint8Array, base: number, final = false): void {
		if (buf.indexOf(0) >= 0) this.doubt('a NUL byte');
		// Every byte the checks below look for is above 0x7f: an ASCII chunk needs only its seam checked.
		const ascii = isAscii(buf);
		// Text that may be UTF-8 read as Windows-1252 and saved again: the validator warns of it.
		const ansi = !this.check;
		const seam = new Uint8Array(this.tail.length + Math.min(2, buf.length));
		seam.set(this.tail);
		seam.set(buf.subarray(0, 2), this.tail.length);
		if (mayBeDoubleEncoded(seam, ansi) || (!ascii && mayBeDoubleEncoded(buf, ansi))) this.doubt('double-encoded text');
		this.tail = buf.slice(Math.max(0, buf.length - 2));
		// Invisible format characters are removed from text by the validator, with a warning (util/invisible.ts).
		if (!this.check) {
			// Windows-1252: a byte is a character, and a few (the soft hyphen) are such characters.
			if (!ascii && WINDOWS_1252_FORMAT.some((b) => buf.indexOf(b) >= 0)) this.doubt('invisible format characters');
		} else {
			// ASCII is UTF-8: the decoder (which builds a string) only sees chunks with other bytes, and the
			// chunk after one (it may hold the rest of a character cut at the chunk's end).
			if (!this.reason && (!ascii || !this.lastAscii))
				try {
					if (hasFormatChars(this.check.decode(buf, { stream: !final }))) this.doubt('invisible format characters');
				} catch {
					this.doubt(NOT_UTF8);
				}
			this.lastAscii = ascii;
		}
		const kind = this.kind;
		const n = buf.length;
		const headerLine = this.o.headerLine;
		for (let i = 0; i < n; i++) {
			const b = buf[i];
			if (this.pendingCR) {
				this.pendingCR = false;
				this.cut = base + (b === LF ? i + 1 : i);
				this.cutRows = this.rows;
				if (b === LF) continue;
			}
			const state = this.state;
			if (state === QUOTED) {
				if (b === QUOTE) this.state = QUOTE_IN_QUOTED;
				else {
					if (b === CR || (b === LF && !this.quotedCR)) {
						this.line++;
						if (this.rowLine <= headerLine) this.doubt('a line break inside quotes above the data');
					}
					this.quotedCR = b === CR;
					this.fieldLen++;
					this.content(b);
				}
				continue;
			}
			const k = kind[b];
			if (state === QUOTE_IN_QUOTED && k !== K_DELIM && k !== K_LF && k !== K_CR) {
				this.state = QUOTED;
				this.quotedCR = false;
				this.fieldLen++;
				if (k === K_QUOTE) this.content(b); // an escaped quote ""
				else this.doubt('text after a closing quote'); // our parser keeps looking for the real closing quote
				continue;
			}
			if (k === K_CONTENT) {
				// The rest of an unquoted field, in one tight loop up to the next delimiter, quote or line end.
				this.state = UNQUOTED;
				let j = i;
				while (j < n && kind[buf[j]] === K_CONTENT) j++;
				const f = this.field;
				// A whole field up to its delimiter or line end, in a data row (the common case): accounted at once.
				const whole = state === FIELD_START && j < n && kind[buf[j]] !== K_QUOTE && this.rowLine > headerLine && f < this.width;
				if (this.isNumber[f] === 1) {
					if (whole && this.extractKind[f] !== 2 && this.wholeNumber(buf, i, j)) {
						i = j - 1;
						continue;
					}
					this.numberRun(buf, i, j);
				} else if (this.extractKind[f] !== 0) for (let x = i; x < j; x++) this.content(buf[x]);
				else if (whole) {
					this.fieldEdges(f, b, buf[j - 1]);
					this.fieldLen = j - i;
					this.accounted = true;
					i = j - 1;
					continue;
				} else {
					if (this.first < 0) this.first = b;
					this.last = buf[j - 1];
				}
				this.fieldLen += j - i;
				i = j - 1;
			} else if (k === K_DELIM) {
				this.endField();
				this.field++;
				this.fieldLen = 0;
				this.state = FIELD_START;
			} else if (k === K_QUOTE) {
				this.fieldLen++;
				if (state === FIELD_START) {
					this.state = QUOTED;
					this.quotedCR = false;
				} else {
					this.doubt('a quote inside an unquoted field');
					this.state = UNQUOTED;
					this.content(b);
				}
			} else {
				// a line end
				this.endRow();
				this.line++;
				this.rowLine = this.line;
				this.pendingCR = b === CR;
				if (b === LF) {
					this.cut = base + i + 1;
					this.cutRows = this.rows;
				}
			}
		}
	}

	/** The end of the file: the last row may have no line end. */
	end(): void {
		if (this.state === QUOTED) this.doubt('an unterminated quote');
		if (this.field > 0 || this.fieldLen > 0 || this.state !== FIELD_START) this.endRow();
	}

	get rowCount(): number {
		return this.rows;
	}

	/** Extracted values of the rows so far (text: the live array, which may hold a row in progress past them). */
	values(j: number): Float64Array | (string | null)[] | undefined {
		const a = this.numbers[j];
		return a ? a.subarray(0, this.rows) : (this.texts[j] ?? undefined);
	}

	result(): ScanResult {
		const columns: ColumnScan[] = Array.from({ length: this.width }, (_, j) => ({
			plain: this.plain[j] === 1,
			dot: this.dots[j] === 1,
			comma: this.commas[j] === 1,
			commaEvidence: this.commaEvidence[j] === 1,
			ambiguousComma: this.ambiguousComma[j] === 1,
			ambiguousDot: this.ambiguousDot[j] === 1,
			edge: this.edges[j]
		}));
		return { rows: this.rows, safe: !this.reason, ...(this.reason ? { reason: this.reason } : {}), columns };
	}
}
