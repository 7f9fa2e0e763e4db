/**
 * Reads the official directory of building addresses (swisstopo "Amtliches Verzeichnis der
 * Gebäudeadressen", CSV, in a zip as published or unpacked) from a random-access ByteSource, streamed:
 * the zip entry is inflated chunk by chunk (util/zip.ts, with its zip-bomb limits), each chunk decoded
 * and split into lines, and every line is cut to the study region before anything is kept. Only the
 * kept entrances reach the compact columns of directory.ts.
 *
 * Header-driven and tolerant: the columns are found by name (official names first, then the GWR's and
 * common ones, see FIELDS), the delimiter is sniffed, the encoding is UTF-8 (BOM or not) or
 * Windows-1252. LV95 coordinates (LV03 is recognised and shifted).
 *
 * Speed: one pass, no per-row objects; lines without quotes (all of the official file) are split by
 * index and only the needed fields become strings; rows outside the region's LV95 box are dropped
 * before their coordinates are projected.
 */
import { lv95ToWgs84, wgs84ToLv95 } from '../coords.ts';
import { detectDelimiter } from '../import/csv-stream.ts';
import { normaliseHeader } from '../schema.ts';
import { inRegion, regionKey, type StudyRegion } from '../../reach/region.ts';
import type { ByteSource } from '../../util/bytes.ts';
import { CancelledError } from '../../util/rpc.ts';
import { readEntry, readZipDirectory, ZipError, type ZipEntry } from '../../util/zip.ts';
import { windows1252Decoder, type TextDecoderLike } from '../../util/windows-1252.ts';
import { AddressDirectoryError, DirectoryBuilder, FLAG_NOT_REAL, FLAG_OFFICIAL, type AddressDirectory, type AddressDirectoryMeta } from './directory.ts';

/** Fields the reader uses and the header names that feed them (normalised: lower case, '_'), best first. */
export const FIELDS = {
	street: ['stn_label', 'str_label', 'strname', 'street', 'street_name', 'strasse', 'strassenname', 'lokalisationsname'],
	number: ['adr_number', 'deinr', 'hausnummer', 'house_number', 'housenumber', 'number', 'nummer'],
	zipLabel: ['zip_label', 'plz_ort', 'plz_label', 'plz_name'],
	plz: ['zip', 'plz', 'plz4', 'dplz4', 'zip_code', 'postcode', 'npa'],
	locality: ['zip_name', 'ortschaft', 'dplzname', 'ort', 'locality', 'plzname'],
	bfs: ['com_fosnr', 'gdenr', 'ggdenr', 'bfs', 'bfs_nr', 'com_bfs'],
	e: ['adr_easting', 'dkode', 'gkode', 'easting', 'e', 'east', 'e_lv95', 'koord_e'],
	n: ['adr_northing', 'dkodn', 'gkodn', 'northing', 'n', 'north', 'n_lv95', 'koord_n'],
	egaid: ['adr_egaid', 'egaid'],
	status: ['adr_status', 'status'],
	official: ['adr_official', 'official', 'doffadr']
} as const;
type Field = keyof typeof FIELDS;

/** The header of the official CSV as published (see README.md), for messages and fixtures. */
export const OFFICIAL_HEADER = [
	'ADR_EGAID', 'STR_ESID', 'BDG_EGID', 'ADR_EDID', 'STN_LABEL', 'ADR_NUMBER', 'BDG_CATEGORY', 'BDG_NAME', 'ZIP_LABEL',
	'COM_FOSNR', 'COM_NAME', 'COM_CANTON', 'ADR_STATUS', 'ADR_OFFICIAL', 'ADR_MODIFIED', 'ADR_EASTING', 'ADR_NORTHING'
] as const;

export interface ReadAddressOptions {
	/** Keep only entrances inside this region (see reach/region.ts); null/undefined keeps all. */
	region?: StudyRegion | null;
	signal?: AbortSignal;
	/** Share of the input read (0..1), rows read and rows kept so far. */
	onProgress?: (fraction: number, rowsRead: number, rowsKept: number) => void;
	/** Read size (default 4 MiB). */
	chunkBytes?: number;
	/** File name for messages and provenance (default: the source's name). */
	name?: string;
}

/** Map the header to the fields; throws with the missing ones named. */
export function mapHeader(header: string[]): Record<Field, number> {
	const norm = header.map((h) => normaliseHeader(h.replace(/^\uFEFF/, '')));
	const idx = {} as Record<Field, number>;
	const used = new Set<number>();
	for (const f of Object.keys(FIELDS) as Field[]) {
		idx[f] = -1;
		for (const alias of FIELDS[f]) {
			const j = norm.findIndex((h, k) => h === alias && !used.has(k));
			if (j >= 0) {
				idx[f] = j;
				used.add(j);
				break;
			}
		}
	}
	const missing: [string, string][] = [];
	if (idx.street < 0) missing.push(['STN_LABEL (Strasse)', 'STN_LABEL (street)']);
	if (idx.number < 0) missing.push(['ADR_NUMBER (Hausnummer)', 'ADR_NUMBER (house number)']);
	if (idx.zipLabel < 0 && idx.plz < 0) missing.push(['ZIP_LABEL (PLZ und Ort)', 'ZIP_LABEL (postcode and locality)']);
	if (idx.e < 0) missing.push(['ADR_EASTING (LV95 E)', 'ADR_EASTING (LV95 E)']);
	if (idx.n < 0) missing.push(['ADR_NORTHING (LV95 N)', 'ADR_NORTHING (LV95 N)']);
	if (missing.length) {
		const found = header.slice(0, 30).join(', ');
		throw new AddressDirectoryError('missing_columns', {
			de: `Keine Adressverzeichnis-Datei: Spalten fehlen: ${missing.map((m) => m[0]).join('; ')}. Gefundene Spalten: ${found}. Erwartet wird das amtliche Verzeichnis der Gebäudeadressen (swisstopo, CSV).`,
			en: `Not an address directory: columns missing: ${missing.map((m) => m[1]).join('; ')}. Columns found: ${found}. Expected the official directory of building addresses (swisstopo, CSV).`
		});
	}
	return idx;
}

/** The CSV entry of a zip: the largest .csv (or .txt), preferring names that say "adress"/"adr". */
function pickEntry(entries: ZipEntry[]): ZipEntry | null {
	const files = entries.filter((e) => !e.name.endsWith('/') && !e.name.startsWith('__MACOSX') && /\.(csv|txt)$/i.test(e.name));
	if (!files.length) return null;
	const score = (e: ZipEntry) => (/adress|adr|gebaeude|address/i.test(e.name) ? 1e15 : 0) + e.uncompressedSize;
	return files.reduce((a, b) => (score(b) > score(a) ? b : a));
}

/** The text of the source as decoded chunks, with the share read so far. */
async function openText(
	src: ByteSource,
	chunkBytes: number,
	signal: AbortSignal | undefined
): Promise<{ entry: string | null; chunks: AsyncGenerator<Uint8Array>; fraction: () => number }> {
	if (src.size === 0) throw new AddressDirectoryError('empty', { de: 'Die Datei ist leer.', en: 'The file is empty.' });
	const head = await src.read(0, Math.min(src.size, 4096));
	if (head[0] === 0x50 && head[1] === 0x4b) {
		const entries = await readZipDirectory(src);
		const e = pickEntry(entries);
		if (!e)
			throw new AddressDirectoryError('no_csv_in_zip', {
				de: `Das ZIP-Archiv enthält keine CSV-Datei (Inhalt: ${entries.map((x) => x.name).slice(0, 10).join(', ') || 'leer'}).`,
				en: `The zip archive holds no CSV file (contents: ${entries.map((x) => x.name).slice(0, 10).join(', ') || 'empty'}).`
			});
		let done = 0;
		const total = Math.max(1, e.uncompressedSize);
		async function* gen() {
			for await (const c of readEntry(src, e!, { signal, chunkBytes, maxBytes: 8 * 2 ** 30 })) {
				done += c.length;
				yield c;
			}
		}
		return { entry: e.name, chunks: gen(), fraction: () => Math.min(1, done / total) };
	}
	// Not a zip: it must at least look like text (no NUL bytes in the first 4 KB).
	if (head.includes(0))
		throw new AddressDirectoryError('not_directory', {
			de: 'Die Datei ist weder ein ZIP-Archiv noch eine CSV-Datei.',
			en: 'The file is neither a zip archive nor a CSV file.'
		});
	let at = 0;
	async function* gen() {
		for (; at < src.size; ) {
			const end = Math.min(src.size, at + chunkBytes);
			const c = await src.read(at, end);
			at = end;
			yield c;
		}
	}
	return { entry: null, chunks: gen(), fraction: () => (src.size ? at / src.size : 1) };
}

/** Split one line into fields (RFC 4180 quotes: "" inside quotes, delimiters inside quotes). */
function splitQuoted(line: string, d: string): string[] {
	const out: string[] = [];
	let p = 0;
	for (;;) {
		if (line.charCodeAt(p) === 34) {
			let v = '';
			let q = p + 1;
			for (;;) {
				const j = line.indexOf('"', q);
				if (j < 0) {
					v += line.slice(q);
					q = line.length;
					break;
				}
				if (line.charCodeAt(j + 1) === 34) {
					v += line.slice(q, j + 1);
					q = j + 2;
					continue;
				}
				v += line.slice(q, j);
				q = j + 1;
				break;
			}
			out.push(v);
			const k = line.indexOf(d, q);
			if (k < 0) return out;
			p = k + d.length;
		} else {
			const k = line.indexOf(d, p);
			if (k < 0) {
				out.push(line.slice(p));
				return out;
			}
			out.push(line.slice(p, k));
			p = k + d.length;
		}
	}
}

/** Count of '"' in a string (odd = a quoted field continues on the next line). */
function quotes(s: string): number {
	let n = 0;
	for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
	return n;
}

const LV95 = { e0: 2_480_000, e1: 2_840_000, n0: 1_070_000, n1: 1_300_000 };

function parseCoord(s: string): number {
	let v = Number(s);
	if (Number.isNaN(v) && s) v = Number(s.trim().replace(/['’\s]/g, '').replace(',', '.'));
	return s.trim() === '' ? NaN : v;
}

const TRUE = new Set(['true', '1', 'ja', 'yes', 'oui', 'si', 'wahr', 't', 'y', 'j']);
const REAL = new Set(['real', 'existing', 'bestehend', 'existant', 'esistente', '']);

/**
 * Read and cut an address directory. Throws AddressDirectoryError (not a directory, columns missing,
 * no usable row), ZipError (a broken or hostile zip) or CancelledError.
 */
export async function readAddressDirectory(src: ByteSource, opts: ReadAddressOptions = {}): Promise<AddressDirectory> {
	const t0 = Date.now();
	const chunkBytes = opts.chunkBytes ?? 4 << 20;
	const region = opts.region ?? null;
	const { entry, chunks, fraction } = await openText(src, chunkBytes, opts.signal);

	// The region's box in LV95 (a little larger: the box of a lon/lat box is not axis-parallel in LV95),
	// so most rows outside are rejected before projecting them.
	let box: { e0: number; e1: number; n0: number; n1: number } | null = null;
	if (region) {
		const [w, s, e, n] = region.bbox;
		const corners = [wgs84ToLv95(w, s), wgs84ToLv95(w, n), wgs84ToLv95(e, s), wgs84ToLv95(e, n)];
		box = {
			e0: Math.min(...corners.map((c) => c.e)) - 2000,
			e1: Math.max(...corners.map((c) => c.e)) + 2000,
			n0: Math.min(...corners.map((c) => c.n)) - 2000,
			n1: Math.max(...corners.map((c) => c.n)) + 2000
		};
	}

	const builder = new DirectoryBuilder();
	let encoding: 'utf-8' | 'windows-1252' = 'utf-8';
	let decoder: TextDecoderLike | null = null;
	let delimiter = ';';
	let idx: Record<Field, number> | null = null;
	let header: string[] = [];
	let carry = '';
	let line = 0;
	let rowsRead = 0;
	let rowsOutside = 0;
	let rowsBad = 0;
	let badExample: AddressDirectoryMeta['badExample'] = null;
	const bad = (why: string) => {
		rowsBad++;
		badExample ??= { line, why };
	};
	const cells: string[] = new Array(64);
	let lastYield = Date.now();

	/** One data line, already split into `cells` (or with `fields` from the quoted splitter). */
	const row = (f: string[]) => {
		const ix = idx!;
		rowsRead++;
		let e = parseCoord(f[ix.e] ?? '');
		let n = parseCoord(f[ix.n] ?? '');
		if (!Number.isFinite(e) || !Number.isFinite(n)) return bad(`coordinates «${f[ix.e] ?? ''}» / «${f[ix.n] ?? ''}»`);
		// LV03 (600 000 / 200 000) → LV95 by the false-origin shift.
		if (e < 1_000_000 && n < 1_000_000) {
			e += 2_000_000;
			n += 1_000_000;
		}
		if (e < LV95.e0 || e > LV95.e1 || n < LV95.n0 || n > LV95.n1) return bad(`coordinates ${e} / ${n} outside Switzerland`);
		if (box && (e < box.e0 || e > box.e1 || n < box.n0 || n > box.n1)) {
			rowsOutside++;
			return;
		}
		const ll = lv95ToWgs84(e, n);
		if (region && !inRegion(region, ll.lon, ll.lat)) {
			rowsOutside++;
			return;
		}
		const label = (f[ix.street] ?? '').trim();
		if (!label) return bad('no street');
		let plz = NaN;
		let locality = '';
		if (ix.zipLabel >= 0) {
			const z = (f[ix.zipLabel] ?? '').trim();
			plz = Number(z.slice(0, 4));
			locality = z.slice(4).trim();
		}
		if (!(plz >= 1000 && plz <= 9999) && ix.plz >= 0) plz = Number((f[ix.plz] ?? '').trim());
		if (!locality && ix.locality >= 0) locality = (f[ix.locality] ?? '').trim();
		if (!(plz >= 1000 && plz <= 9999)) return bad(`postcode «${ix.zipLabel >= 0 ? f[ix.zipLabel] : f[ix.plz]}»`);
		const bfs = ix.bfs >= 0 ? Number(f[ix.bfs]) : 0;
		const egaid = ix.egaid >= 0 && f[ix.egaid] ? Number(f[ix.egaid]) : NaN;
		let flags = 0;
		if (ix.official < 0 || TRUE.has((f[ix.official] ?? '').trim().toLowerCase())) flags |= FLAG_OFFICIAL;
		if (ix.status >= 0 && !REAL.has((f[ix.status] ?? '').trim().toLowerCase())) flags |= FLAG_NOT_REAL;
		builder.add(label, plz, locality, Number.isInteger(bfs) && bfs > 0 && bfs < 65536 ? bfs : 0, (f[ix.number] ?? '').trim(), ll.lon, ll.lat, egaid, flags);
	};

	/** Split the text into lines (a quoted field may span lines), the last incomplete one carried. */
	const lines = (text: string, final: boolean) => {
		const buf = carry ? carry + text : text;
		let p = 0;
		const len = buf.length;
		const d = delimiter;
		while (p < len) {
			let end = buf.indexOf('\n', p);
			if (end < 0) {
				if (!final) break;
				end = len;
			}
			let l = buf.slice(p, end);
			let next = end + 1;
			if (l.includes('"')) {
				// A quoted field with a line break: extend to the line that closes it.
				while (quotes(l) % 2 === 1) {
					const e2 = buf.indexOf('\n', next);
					if (e2 < 0) {
						if (!final) {
							carry = buf.slice(p);
							return;
						}
						l = buf.slice(p);
						next = len + 1;
						break;
					}
					l = buf.slice(p, e2);
					next = e2 + 1;
				}
			}
			p = next;
			line++;
			if (l.charCodeAt(l.length - 1) === 13) l = l.slice(0, -1);
			if (!l.trim()) continue;
			if (!idx) {
				header = splitQuoted(l.replace(/^\uFEFF/, ''), d).map((h) => h.trim());
				idx = mapHeader(header);
				continue;
			}
			if (l.includes('"')) row(splitQuoted(l, d));
			else {
				// Fast path: split by index into the reused array.
				let k = 0;
				let q = 0;
				for (;;) {
					const j = l.indexOf(d, q);
					if (j < 0) {
						cells[k++] = l.slice(q);
						break;
					}
					cells[k++] = l.slice(q, j);
					q = j + d.length;
					if (k === cells.length) break;
				}
				for (let m = k; m < header.length; m++) cells[m] = '';
				row(cells);
			}
		}
		carry = p < len ? buf.slice(p) : '';
	};

	try {
		for await (const bytes of chunks) {
			if (opts.signal?.aborted) throw new CancelledError();
			if (!decoder) {
				// Encoding from the first chunk: strict UTF-8 (a BOM is dropped), else Windows-1252.
				try {
					new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 1 << 20), { stream: true });
				} catch {
					encoding = 'windows-1252';
				}
				decoder = encoding === 'utf-8' ? new TextDecoder() : windows1252Decoder();
				const text = decoder.decode(bytes, { stream: true });
				delimiter = detectDelimiter(text.replace(/^\uFEFF/, ''));
				lines(text, false);
			} else lines(decoder.decode(bytes, { stream: true }), false);
			// Let a cancel message and progress through every ~50 ms, not per chunk: an inflated zip entry
			// arrives in ~16 KB pieces, and a timer per piece (≥ 1 ms, 4 ms in browsers) would cost more
			// than the parsing.
			opts.onProgress?.(fraction(), rowsRead, builder.size);
			const now = Date.now();
			if (now - lastYield > 50) {
				await new Promise<void>((r) => setTimeout(r, 0));
				lastYield = Date.now();
			}
		}
		if (decoder) lines(decoder.decode(), true);
	} catch (e) {
		if (opts.signal?.aborted) throw new CancelledError();
		if (e instanceof ZipError && e.code === 'not_zip')
			throw new AddressDirectoryError('not_directory', { de: 'Die Datei ist weder ein ZIP-Archiv noch eine CSV-Datei.', en: 'The file is neither a zip archive nor a CSV file.' });
		throw e;
	}
	if (!idx) throw new AddressDirectoryError('empty', { de: 'Die Datei ist leer.', en: 'The file is empty.' });
	const ix = idx as Record<Field, number>;
	if (builder.size === 0 && rowsBad > 0 && rowsBad === rowsRead) {
		const ex = badExample as AddressDirectoryMeta['badExample'];
		throw new AddressDirectoryError('bad_coordinates', {
			de: `Keine brauchbare Zeile: alle ${rowsRead} Zeilen sind fehlerhaft (z. B. Zeile ${ex?.line}: ${ex?.why}). Erwartet werden LV95-Koordinaten (E 2'480'000–2'840'000, N 1'070'000–1'300'000).`,
			en: `No usable row: all ${rowsRead} rows are broken (e.g. line ${ex?.line}: ${ex?.why}). Expected LV95 coordinates (E 2,480,000–2,840,000, N 1,070,000–1,300,000).`
		});
	}
	if (rowsRead === 0)
		throw new AddressDirectoryError('no_rows', { de: 'Das Adressverzeichnis enthält keine Datenzeilen.', en: 'The address directory has no data rows.' });
	opts.onProgress?.(1, rowsRead, builder.size);
	const columns: Record<string, string> = {};
	for (const f of Object.keys(FIELDS) as Field[]) if (ix[f] >= 0) columns[f] = header[ix[f]];
	return builder.finish({
		sourceName: opts.name ?? src.name ?? 'addresses',
		sourceBytes: src.size,
		entry,
		encoding,
		delimiter,
		columns,
		rowsRead,
		rowsKept: builder.size,
		rowsOutside,
		rowsBad,
		badExample,
		region: region ? { key: regionKey(region), bufferKm: region.bufferKm, bbox: region.bbox, points: region.points } : null,
		createdAt: new Date().toISOString(),
		readMs: Date.now() - t0
	});
}
