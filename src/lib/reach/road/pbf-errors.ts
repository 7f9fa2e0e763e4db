/**
 * Refusals of the OSM PBF reader: every way a file can be unusable ends in one of these, with a German
 * and an English message (never a stack trace). `message` is the English text.
 */

/** A bilingual message (German first: the app's default language). */
export interface RoadMsg {
	de: string;
	en: string;
}

export type RoadErrorCode =
	/** Not an OSM PBF at all (ZIP, CSV, XML, gzip, empty, …). */
	| 'not_pbf'
	/** The file ends inside a block. */
	| 'truncated'
	/** A block cannot be decoded (bad protobuf, bad zlib data, wrong declared size). */
	| 'corrupt'
	/** lzma/bzip2/lz4/zstd blocks or a required feature the reader does not implement. */
	| 'unsupported'
	/** A block header or block beyond the format's limits (64 KiB / 32 MiB). */
	| 'too_large'
	/** The file holds no car road in the study region. */
	| 'no_roads';

/** Any refusal of the road reader; `msg` has both languages, `code` says which kind. */
export class RoadError extends Error {
	constructor(
		readonly code: RoadErrorCode,
		readonly msg: RoadMsg
	) {
		super(msg.en);
		this.name = 'RoadError';
	}
}

/** The file cannot be read as an OSM PBF (every code except `no_roads`). */
export class NotPbfError extends RoadError {
	constructor(code: Exclude<RoadErrorCode, 'no_roads'>, msg: RoadMsg) {
		super(code, msg);
		this.name = 'NotPbfError';
	}
}

/** The format's limits (OSM PBF spec: BlobHeader < 64 KiB, Blob and its uncompressed data ≤ 32 MiB). */
export const MAX_HEADER_BYTES = 64 * 1024;
export const MAX_BLOB_BYTES = 32 * 1024 * 1024;

export function fmtBytes(n: number): string {
	if (n >= 2 ** 30) return `${(n / 2 ** 30).toFixed(1)} GiB`;
	if (n >= 2 ** 20) return `${(n / 2 ** 20).toFixed(1)} MiB`;
	if (n >= 1024) return `${(n / 1024).toFixed(0)} KiB`;
	return `${n} B`;
}

const at = (pos: number) => ({ de: `bei Byte ${pos.toLocaleString('de-CH')}`, en: `at byte ${pos}` });

/** Not a PBF; `why` is the bilingual reason (see {@link sniffFormat}). */
export function notPbf(why: RoadMsg): NotPbfError {
	return new NotPbfError('not_pbf', { de: `Keine OSM-PBF-Datei: ${why.de}`, en: `not an OSM PBF: ${why.en}` });
}

export function truncated(pos: number, need: number, size: number): NotPbfError {
	return new NotPbfError('truncated', {
		de: `Keine vollständige OSM-PBF-Datei: ein Block von ${fmtBytes(need)} ${at(pos).de} reicht über das Dateiende (${fmtBytes(size)}) hinaus; die Datei ist abgeschnitten (Download unvollständig?)`,
		en: `not an OSM PBF: a block of ${fmtBytes(need)} ${at(pos).en} runs past the end of the file (${fmtBytes(size)}); the file is truncated (incomplete download?)`
	});
}

export function corrupt(pos: number, why: string): NotPbfError {
	return new NotPbfError('corrupt', {
		de: `Keine lesbare OSM-PBF-Datei: der Block ${at(pos).de} ist beschädigt (${why})`,
		en: `not an OSM PBF: the block ${at(pos).en} is damaged (${why})`
	});
}

const COMPRESSION_HINT = {
	de: 'bitte mit zlib neu schreiben, z. B. osmium cat ein.osm.pbf -o aus.osm.pbf',
	en: 'rewrite it with zlib, e.g. osmium cat in.osm.pbf -o out.osm.pbf'
};

export function unsupportedCompression(kind: string, pos: number): NotPbfError {
	return new NotPbfError('unsupported', {
		de: `OSM-PBF nicht unterstützt: ${kind}-komprimierte Blöcke (${at(pos).de}) werden nicht gelesen; ${COMPRESSION_HINT.de}`,
		en: `OSM PBF not supported: ${kind}-compressed blocks (${at(pos).en}) cannot be read; ${COMPRESSION_HINT.en}`
	});
}

export function unsupportedFeature(feature: string): NotPbfError {
	const history = feature === 'HistoricalInformation';
	return new NotPbfError('unsupported', {
		de: `OSM-PBF nicht unterstützt: die Datei verlangt die Eigenschaft «${feature}»${history ? ' (eine History-Datei mit allen Versionen; bitte einen aktuellen Auszug verwenden)' : ', die dieser Leser nicht kennt'}`,
		en: `OSM PBF not supported: the file requires the feature "${feature}"${history ? ' (a history file with all versions; use a current extract)' : ', which this reader does not implement'}`
	});
}

export function headerTooLarge(len: number, pos: number): NotPbfError {
	return new NotPbfError('too_large', {
		de: `OSM-PBF abgelehnt: Blockkopf von ${fmtBytes(len)} ${at(pos).de} (das Format erlaubt höchstens 64 KiB; beschädigt?)`,
		en: `OSM PBF refused: block header of ${fmtBytes(len)} ${at(pos).en} (the format allows at most 64 KiB; corrupt?)`
	});
}

export function blobTooLarge(len: number, pos: number): NotPbfError {
	return new NotPbfError('too_large', {
		de: `OSM-PBF abgelehnt: Block von ${fmtBytes(len)} ${at(pos).de} angegeben (das Format erlaubt höchstens 32 MiB; beschädigt oder manipuliert)`,
		en: `OSM PBF refused: a block of ${fmtBytes(len)} declared ${at(pos).en} (the format allows at most 32 MiB; corrupt or tampered)`
	});
}

export function inflatesTooLarge(pos: number): NotPbfError {
	return new NotPbfError('too_large', {
		de: `OSM-PBF abgelehnt: der Block ${at(pos).de} entpackt sich auf mehr als 32 MiB (Grenze des Formats): abgebrochen (beschädigt oder Dekompressionsbombe)`,
		en: `OSM PBF refused: the block ${at(pos).en} inflates to more than 32 MiB (the format's limit): stopped (corrupt or a decompression bomb)`
	});
}

/** What a file that is not an OSM PBF most likely is, from its first bytes. */
export function sniffFormat(head: Uint8Array): RoadMsg {
	if (head.length === 0) return { de: 'leere Datei', en: 'empty file' };
	const s = (i: number) => head[i];
	if (s(0) === 0x50 && s(1) === 0x4b) return { de: 'es ist ein ZIP-Archiv (z. B. ein GTFS-Fahrplan)', en: 'it is a ZIP archive (e.g. a GTFS feed)' };
	if (s(0) === 0x1f && s(1) === 0x8b) return { de: 'die Datei ist gzip-komprimiert (zuerst entpacken)', en: 'the file is gzip-compressed (unpack it first)' };
	if (s(0) === 0x42 && s(1) === 0x5a && s(2) === 0x68) return { de: 'die Datei ist bzip2-komprimiert (.bz2; zuerst entpacken)', en: 'the file is bzip2-compressed (.bz2; unpack it first)' };
	const text = new TextDecoder('utf-8', { fatal: false }).decode(head.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
	if (text.startsWith('SWNET')) return { de: 'es ist eine Netzdatei (.swnet), keine OSM-Datei', en: 'it is a network file (.swnet), not an OSM file' };
	if (/^<\?xml|^<osm/.test(text))
		return {
			de: 'es ist OSM-XML, nicht PBF (umwandeln mit osmium cat datei.osm -o datei.osm.pbf)',
			en: 'it is OSM XML, not PBF (convert with osmium cat file.osm -o file.osm.pbf)'
		};
	let printable = 0;
	const n = Math.min(head.length, 512);
	for (let i = 0; i < n; i++) {
		const b = head[i];
		if (b === 9 || b === 10 || b === 13 || (b >= 32 && b !== 127)) printable++;
	}
	if (printable === n) return { de: 'es ist eine Textdatei (CSV?)', en: 'it is a text file (CSV?)' };
	return { de: 'unbekanntes Format (der erste Block ist kein «OSMHeader»)', en: 'unknown format (the first block is not "OSMHeader")' };
}
