/**
 * The default scenario's database, prepared at build time (scripts/snapshot.ts: the same loader,
 * pipeline and engines as the app, run in Node) so a start does not parse the demo CSVs, load networks
 * and compute the matrix and raster figures: every table of the default (the demo tables as the CSV
 * loader types them, `meta`, `travel_times`, `site_guteklasse`, `site_catchment`) as Arrow IPC, and what
 * the networks were. Used only while the data is the shipped default (checked by a hash of the demo
 * files); anything the user changes is loaded and computed live as before.
 *
 * Layout: 8 bytes "SWSNAP1\0", uint32 manifest length, manifest JSON, then the IPC streams back to back.
 */
import type { Db } from '../data/db/connector.ts';
import { DEMO_TABLE_FILES, META_DDL } from '../data/demo.ts';
import { inTransaction, queued } from '../data/replace.ts';
import { createTableSql, tables, type TableName } from '../data/schema.ts';
import { CATCHMENT_DDL, CATCHMENT_TABLE, GK_DDL, GK_TABLE } from '../model/reach.ts';
import type { LoadedNetwork } from '../reach/worker-handlers.ts';
import type { CriteriaResult } from '../model/index.ts';
import { sha256Hex } from '../util/sha256.ts';

/** The layout's version: a snapshot of another (an older build's file) is not used. */
export const SNAPSHOT_FORMAT = 'standortwahl-snapshot/2';

const MAGIC = [0x53, 0x57, 0x53, 0x4e, 0x41, 0x50, 0x31, 0x00]; // "SWSNAP1\0"

export interface SnapshotManifest {
	format: typeof SNAPSHOT_FORMAT;
	/** SHA-256 of the demo files (in DEFAULT_SCENARIO_FILES order) the snapshot was made from. */
	demoHash: string;
	createdAt: string;
	networks: { pt?: LoadedNetwork; car?: LoadedNetwork };
	/**
	 * The criteria of the default parameters on this data, as computeCriteria returns them (plain JSON):
	 * shown while DuckDB starts, then confirmed by the live computation (the same figures, kept on screen).
	 */
	criteria?: CriteriaResult;
	tables: Record<string, { offset: number; length: number; rows: number }>;
}

export interface Snapshot {
	manifest: SnapshotManifest;
	/** Arrow IPC stream per table. */
	tables: Record<string, Uint8Array>;
}

export function encodeSnapshot(manifest: Omit<SnapshotManifest, 'tables'>, tables: Record<string, { ipc: Uint8Array; rows: number }>): Uint8Array {
	const entries: SnapshotManifest['tables'] = {};
	let offset = 0;
	for (const [name, t] of Object.entries(tables)) {
		entries[name] = { offset, length: t.ipc.length, rows: t.rows };
		offset += t.ipc.length;
	}
	const head = new TextEncoder().encode(JSON.stringify({ ...manifest, tables: entries }));
	const out = new Uint8Array(12 + head.length + offset);
	out.set(MAGIC, 0);
	new DataView(out.buffer).setUint32(8, head.length, true);
	out.set(head, 12);
	let p = 12 + head.length;
	for (const t of Object.values(tables)) {
		out.set(t.ipc, p);
		p += t.ipc.length;
	}
	return out;
}

/** Decode a snapshot; null when the bytes are not one (an old or missing file: the app computes live). */
export function decodeSnapshot(bytes: Uint8Array): Snapshot | null {
	if (bytes.length < 12 || MAGIC.some((b, i) => bytes[i] !== b)) return null;
	const len = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
	let manifest: SnapshotManifest;
	try {
		manifest = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len)));
	} catch {
		return null;
	}
	if (manifest.format !== SNAPSHOT_FORMAT) return null;
	const base = 12 + len;
	const tables: Record<string, Uint8Array> = {};
	for (const [name, t] of Object.entries(manifest.tables)) {
		if (base + t.offset + t.length > bytes.length) return null;
		tables[name] = bytes.subarray(base + t.offset, base + t.offset + t.length);
	}
	return { manifest, tables };
}

/** Each table a snapshot carries, with the statement that creates it empty: the definitions the live loaders and writers use. */
const SNAPSHOT_DDL: Record<string, string> = {
	...Object.fromEntries(DEMO_TABLE_FILES.map(([t]) => [t, createTableSql(tables[t])])),
	meta: META_DDL,
	travel_times: createTableSql(tables.travel_times),
	[GK_TABLE]: GK_DDL,
	[CATCHMENT_TABLE]: CATCHMENT_DDL
};

/** The tables a snapshot carries: every table of the default scenario. */
export const SNAPSHOT_TABLES = Object.keys(SNAPSHOT_DDL) as readonly (TableName | 'meta' | typeof GK_TABLE | typeof CATCHMENT_TABLE)[];

/**
 * Put a snapshot's tables into the database, replacing what is there, in one transaction: the tables
 * created by their own definitions, the rows appended from the IPC bytes as they are (no decoding on this
 * thread). Refuses (false, nothing changed) a snapshot that lacks one of the tables; throws (rolled back)
 * if one does not read. The caller has checked that it was made from the same demo files.
 */
export async function applySnapshot(db: Db, snap: Snapshot): Promise<boolean> {
	if (SNAPSHOT_TABLES.some((t) => !snap.tables[t])) return false;
	await queued(db, () =>
		inTransaction(db, async () => {
			await db.exec(SNAPSHOT_TABLES.map((t) => SNAPSHOT_DDL[t]).join(';\n'));
			for (const t of SNAPSHOT_TABLES) await db.insertArrow(snap.tables[t], t, 'append');
		})
	);
	return true;
}

/** SHA-256 (hex) of texts in order, as the snapshot's demoHash. */
export async function textsHash(texts: readonly string[]): Promise<string> {
	const enc = new TextEncoder();
	return sha256Hex(texts.map((t) => enc.encode(t + '\u0000')));
}
