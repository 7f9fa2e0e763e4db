/**
 * The network file: a cut PT timetable or road graph as one binary file with its provenance, so a
 * national feed is cut once (CLI or app) and the result is shared, cached (IndexedDB) and reopened
 * without re-importing. The same bytes are the cache entry and the `.swnet` download.
 *
 * Layout (little-endian):
 *   8 bytes  magic "SWNET1\n\0"
 *   4 bytes  header length H (uint32)
 *   H bytes  header, UTF-8 JSON: { kind, provenance, arrays: [{name, type, offset, length}], strings }
 *   padding to a multiple of 8, then the typed arrays back to back (each 8-byte aligned)
 * `provenance.checksum` is the SHA-256 (hex) of everything after the header with the checksum field
 * itself left empty, so a changed or truncated file is refused on open.
 */
import { sha256Hex } from '../util/sha256.ts';

export type NetKind = 'pt' | 'car';

/** Where a cut network came from: shown on the reachability page, in the report and stored in the scenario. */
export interface NetProvenance {
	kind: NetKind;
	/** Original file name (e.g. gtfs_fp2026_2026-11-20.zip, switzerland-latest.osm.pbf). */
	sourceName: string;
	sourceBytes: number;
	/** feed_info.txt: publisher, version, validity (PT). */
	feed?: { publisher?: string; version?: string; start?: string; end?: string };
	/** Service day of the timetable, YYYY-MM-DD (PT). */
	serviceDate?: string;
	/** OSM replication timestamp or file header time (car). */
	osmTimestamp?: string;
	/** The study region it was cut to (see region.ts). */
	region: { key: string; bufferKm: number; bbox: [number, number, number, number]; points: number } | null;
	/** What was read and what was kept, e.g. { trips: 1_850_000, tripsKept: 21_000, stops: … }. */
	counts: Record<string, number>;
	/** ISO time the cut was made, and by which program version. */
	createdAt: string;
	createdBy: string;
	/** SHA-256 of the network payload (hex). */
	checksum: string;
	/** Anything else worth showing (warnings summary etc.). */
	notes?: string[];
	/** What the reader tolerated or left out while cutting (PT: GtfsWarning), shown with the network when the file is opened again. */
	warnings?: NetWarning[];
}

/** A reader's warning as a network file keeps it: kind, bilingual message, how often, a few examples. */
export interface NetWarning {
	code: string;
	msg: { de: string; en: string };
	count: number;
	examples: string[];
}

/** The warnings of a network file's provenance that have the shape of one (a file from elsewhere may hold anything). */
export function provenanceWarnings(p: NetProvenance): NetWarning[] {
	const list: unknown = p.warnings;
	if (!Array.isArray(list)) return [];
	const text = (v: unknown) => typeof v === 'string';
	return list.filter(
		(w): w is NetWarning =>
			typeof w === 'object' && w !== null && text(w.code) && typeof w.msg === 'object' && w.msg !== null && text(w.msg.de) && text(w.msg.en) && Number.isFinite(w.count) && Array.isArray(w.examples) && w.examples.every(text)
	);
}

export type ArrayType = 'i32' | 'u32' | 'f32' | 'f64' | 'u8' | 'i8' | 'u16';
type Typed = Int32Array | Uint32Array | Float32Array | Float64Array | Uint8Array | Int8Array | Uint16Array;

const CTORS = {
	i32: Int32Array,
	u32: Uint32Array,
	f32: Float32Array,
	f64: Float64Array,
	u8: Uint8Array,
	i8: Int8Array,
	u16: Uint16Array
} as const;

function typeOf(a: Typed): ArrayType {
	for (const [k, C] of Object.entries(CTORS)) if (a instanceof C) return k as ArrayType;
	throw new Error('netfile: unsupported array type');
}

/** What a network contributes: named typed arrays, named string lists and small JSON extras. */
export interface NetPayload {
	arrays: Record<string, Typed>;
	strings: Record<string, string[]>;
	extra?: Record<string, unknown>;
}

export interface NetFile extends NetPayload {
	provenance: NetProvenance;
}

const MAGIC = new Uint8Array([0x53, 0x57, 0x4e, 0x45, 0x54, 0x31, 0x0a, 0x00]); // "SWNET1\n\0"

/** Thrown for bytes that are not a valid network file; `msg` has German and English. */
export class NetFileError extends Error {
	constructor(readonly msg: { de: string; en: string }) {
		super(msg.en);
		this.name = 'NetFileError';
	}
}

/** Whether bytes start like a network file (to pick the reader for an upload). */
export function isNetFile(head: Uint8Array): boolean {
	return head.length >= 8 && MAGIC.every((b, i) => head[i] === b);
}

const pad8 = (n: number) => (8 - (n % 8)) % 8;

function layout(payload: NetPayload, provenance: NetProvenance): { header: Uint8Array; blobs: Uint8Array[] } {
	const arrays: Array<{ name: string; type: ArrayType; offset: number; length: number }> = [];
	const blobs: Uint8Array[] = [];
	let offset = 0;
	for (const [name, a] of Object.entries(payload.arrays)) {
		const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
		arrays.push({ name, type: typeOf(a), offset, length: a.length });
		blobs.push(bytes);
		const p = pad8(bytes.length);
		if (p) blobs.push(new Uint8Array(p));
		offset += bytes.length + p;
	}
	const json = JSON.stringify({ kind: provenance.kind, provenance, arrays, strings: payload.strings, extra: payload.extra ?? {} });
	return { header: new TextEncoder().encode(json), blobs };
}

/** Encode a network with its provenance; fills `provenance.checksum`. */
export async function encodeNetFile(payload: NetPayload, provenance: Omit<NetProvenance, 'checksum'>): Promise<{ bytes: Uint8Array; provenance: NetProvenance }> {
	const unsigned: NetProvenance = { ...provenance, checksum: '' };
	const first = layout(payload, unsigned);
	const checksum = await sha256Hex([first.header, ...first.blobs]);
	const prov: NetProvenance = { ...provenance, checksum };
	const { header, blobs } = layout(payload, prov);
	const hp = pad8(12 + header.length);
	let total = 12 + header.length + hp;
	for (const b of blobs) total += b.length;
	const out = new Uint8Array(total);
	out.set(MAGIC, 0);
	new DataView(out.buffer).setUint32(8, header.length, true);
	out.set(header, 12);
	let o = 12 + header.length + hp;
	for (const b of blobs) {
		out.set(b, o);
		o += b.length;
	}
	return { bytes: out, provenance: prov };
}

/** Decode and verify a network file. Arrays are copies (aligned, independent of `bytes`). */
export async function decodeNetFile(bytes: Uint8Array, expect?: NetKind): Promise<NetFile> {
	const bad = (de: string, en: string) => new NetFileError({ de: `Keine gültige Netzdatei: ${de}`, en: `Not a valid network file: ${en}` });
	if (!isNetFile(bytes)) throw bad('Kennung fehlt', 'missing signature');
	const hLen = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
	if (12 + hLen > bytes.length) throw bad('Kopf abgeschnitten', 'truncated header');
	let head: { kind: NetKind; provenance: NetProvenance; arrays: Array<{ name: string; type: ArrayType; offset: number; length: number }>; strings: Record<string, string[]>; extra: Record<string, unknown> };
	try {
		head = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + hLen)));
	} catch {
		throw bad('Kopf unlesbar', 'unreadable header');
	}
	if (expect && head.kind !== expect)
		throw new NetFileError({
			de: `Die Netzdatei enthält ein ${head.kind === 'pt' ? 'ÖV' : 'Strassen'}-Netz, erwartet war ein ${expect === 'pt' ? 'ÖV' : 'Strassen'}-Netz`,
			en: `The network file holds a ${head.kind === 'pt' ? 'PT' : 'road'} network, a ${expect === 'pt' ? 'PT' : 'road'} network was expected`
		});
	const base = 12 + hLen + pad8(12 + hLen);
	const arrays: Record<string, Typed> = {};
	const blobs: Uint8Array[] = [];
	for (const a of head.arrays) {
		const C = CTORS[a.type];
		if (!C) throw bad(`Typ ${a.type}`, `type ${a.type}`);
		const start = base + a.offset;
		const len = a.length * C.BYTES_PER_ELEMENT;
		if (start + len > bytes.length) throw bad('Daten abgeschnitten', 'truncated data');
		const copy = bytes.slice(start, start + len);
		arrays[a.name] = new C(copy.buffer, 0, a.length);
		blobs.push(copy);
		const p = pad8(len);
		if (p) blobs.push(new Uint8Array(p));
	}
	let end = base;
	for (const a of head.arrays) end = Math.max(end, base + a.offset + a.length * CTORS[a.type].BYTES_PER_ELEMENT);
	if (bytes.length !== end + pad8(end - base)) throw bad('Länge stimmt nicht', 'length does not match');
	const expected = head.provenance.checksum;
	const unsigned = layout({ arrays, strings: head.strings, extra: head.extra }, { ...head.provenance, checksum: '' });
	const actual = await sha256Hex([unsigned.header, ...blobs]);
	if (actual !== expected) throw bad('Prüfsumme stimmt nicht (verändert oder beschädigt)', 'checksum does not match (changed or damaged)');
	return { provenance: head.provenance, arrays, strings: head.strings, extra: head.extra };
}
