/**
 * The address directory in memory: compact typed columns, not one object per entrance, so a region of
 * half a million entrances costs ~20 MB and the whole thing can be posted to a worker or kept in
 * IndexedDB (structured clone) as it is.
 *
 * Streets are (postcode, locality, municipality, label) tuples; entrances are grouped by street (CSR:
 * the entrances of street s are [streetFirst[s], streetFirst[s+1])) and sorted by house number
 * within it, so candidates ("Bahnhofstrasse 9, 19, 29") come out in order.
 */
import { numberBase } from './normalise.ts';
import { Grow } from '../../util/grow.ts';

/** Bilingual message, German first (the app's default language). */
export interface AddrMsg {
	de: string;
	en: string;
}

export type AddressErrorCode = 'not_directory' | 'missing_columns' | 'no_rows' | 'bad_coordinates' | 'no_csv_in_zip' | 'empty';

/** A file that cannot be read as an address directory; `msg` has German and English. */
export class AddressDirectoryError extends Error {
	constructor(
		readonly code: AddressErrorCode,
		readonly msg: AddrMsg
	) {
		super(msg.en);
		this.name = 'AddressDirectoryError';
	}
}

/** Entrance flags. */
export const FLAG_OFFICIAL = 1;
/** Status other than "real" (planned, …): used only when nothing real matches. */
export const FLAG_NOT_REAL = 2;

export interface AddressDirectoryMeta {
	sourceName: string;
	sourceBytes: number;
	/** The CSV inside the zip, or null for a plain CSV. */
	entry: string | null;
	encoding: 'utf-8' | 'windows-1252';
	delimiter: string;
	/** Field → header name the reader used. */
	columns: Record<string, string>;
	rowsRead: number;
	rowsKept: number;
	/** Rows outside the study region (not kept). */
	rowsOutside: number;
	/** Rows without usable coordinates or street (not kept); the first one as an example. */
	rowsBad: number;
	badExample: { line: number; why: string } | null;
	/** The study region the directory was cut to (null = not cut). */
	region: { key: string; bufferKm: number; bbox: [number, number, number, number]; points: number } | null;
	/** ISO time of the read and how long it took (reading, decompressing, parsing and cutting). */
	createdAt: string;
	readMs: number;
}

export interface AddressDirectory {
	version: 1;
	meta: AddressDirectoryMeta;
	/** Locality labels (the name part of ZIP_LABEL). */
	localities: string[];
	/** Distinct house numbers as published ("" = entrance without number). */
	numbers: string[];
	streetLabel: string[];
	streetPlz: Uint16Array;
	streetLocality: Uint32Array;
	/** BFS municipality number, 0 when the directory has none. */
	streetBfs: Uint16Array;
	/** CSR offsets, length streets + 1. */
	streetFirst: Uint32Array;
	entNumber: Uint32Array;
	entLon: Float64Array;
	entLat: Float64Array;
	/** EGAID (federal address id), NaN when absent. */
	entEgaid: Float64Array;
	entFlags: Uint8Array;
}

/** Number of streets / entrances. */
export const streetCount = (d: AddressDirectory) => d.streetLabel.length;
export const entranceCount = (d: AddressDirectory) => d.entLon.length;

/** Collects entrances row by row, then sorts them into the compact directory. */
export class DirectoryBuilder {
	private readonly localities: string[] = [];
	private readonly localityId = new Map<string, number>();
	private readonly numbers: string[] = [''];
	private readonly numberId = new Map<string, number>([['', 0]]);
	private readonly streetLabel: string[] = [];
	private readonly streetPlz: number[] = [];
	private readonly streetLocality: number[] = [];
	private readonly streetBfs: number[] = [];
	private readonly streetId = new Map<string, number>();
	private readonly street = new Grow(new Uint32Array(1024), (n) => new Uint32Array(n));
	private readonly number = new Grow(new Uint32Array(1024), (n) => new Uint32Array(n));
	private readonly lon = new Grow(new Float64Array(1024), (n) => new Float64Array(n));
	private readonly lat = new Grow(new Float64Array(1024), (n) => new Float64Array(n));
	private readonly egaid = new Grow(new Float64Array(1024), (n) => new Float64Array(n));
	private readonly flags = new Grow(new Uint8Array(1024), (n) => new Uint8Array(n));

	get size(): number {
		return this.lon.n;
	}

	add(label: string, plz: number, locality: string, bfs: number, number: string, lon: number, lat: number, egaid: number, flags: number): void {
		let loc = this.localityId.get(locality);
		if (loc === undefined) {
			loc = this.localities.length;
			this.localities.push(locality);
			this.localityId.set(locality, loc);
		}
		const key = plz + '\u0001' + loc + '\u0001' + bfs + '\u0001' + label;
		let s = this.streetId.get(key);
		if (s === undefined) {
			s = this.streetLabel.length;
			this.streetLabel.push(label);
			this.streetPlz.push(plz);
			this.streetLocality.push(loc);
			this.streetBfs.push(bfs);
			this.streetId.set(key, s);
		}
		let num = this.numberId.get(number);
		if (num === undefined) {
			num = this.numbers.length;
			this.numbers.push(number);
			this.numberId.set(number, num);
		}
		this.street.push(s);
		this.number.push(num);
		this.lon.push(lon);
		this.lat.push(lat);
		this.egaid.push(egaid);
		this.flags.push(flags);
	}

	/** The compact directory: entrances grouped by street (counting sort), by house number within it. */
	finish(meta: AddressDirectoryMeta): AddressDirectory {
		const n = this.size;
		const S = this.streetLabel.length;
		const first = new Uint32Array(S + 1);
		for (let i = 0; i < n; i++) first[this.street.get(i) + 1]++;
		for (let s = 0; s < S; s++) first[s + 1] += first[s];
		const at = first.slice(0, S);
		const order = new Uint32Array(n);
		for (let i = 0; i < n; i++) order[at[this.street.get(i)]++] = i;
		// Within a street: by numeric part, then by the text ("12" < "12a" < "12b" < "12.1").
		const base = this.numbers.map((x) => numberBase(x));
		for (let s = 0; s < S; s++) {
			const a = first[s];
			const b = first[s + 1];
			if (b - a < 2) continue;
			const part = Array.from(order.subarray(a, b));
			part.sort((x, y) => {
				const nx = this.number.get(x);
				const ny = this.number.get(y);
				return base[nx] - base[ny] || (this.numbers[nx] < this.numbers[ny] ? -1 : this.numbers[nx] > this.numbers[ny] ? 1 : 0) || x - y;
			});
			order.set(part, a);
		}
		const entNumber = new Uint32Array(n);
		const entLon = new Float64Array(n);
		const entLat = new Float64Array(n);
		const entEgaid = new Float64Array(n);
		const entFlags = new Uint8Array(n);
		for (let k = 0; k < n; k++) {
			const i = order[k];
			entNumber[k] = this.number.get(i);
			entLon[k] = this.lon.get(i);
			entLat[k] = this.lat.get(i);
			entEgaid[k] = this.egaid.get(i);
			entFlags[k] = this.flags.get(i);
		}
		return {
			version: 1,
			meta: { ...meta, rowsKept: n },
			localities: this.localities,
			numbers: this.numbers,
			streetLabel: this.streetLabel,
			streetPlz: Uint16Array.from(this.streetPlz),
			streetLocality: Uint32Array.from(this.streetLocality),
			streetBfs: Uint16Array.from(this.streetBfs),
			streetFirst: first,
			entNumber,
			entLon,
			entLat,
			entEgaid,
			entFlags
		};
	}
}

/** Whether a value (e.g. read back from IndexedDB) has the directory's shape. */
export function isAddressDirectory(x: unknown): x is AddressDirectory {
	const d = x as AddressDirectory;
	return (
		!!d &&
		d.version === 1 &&
		Array.isArray(d.streetLabel) &&
		d.streetFirst instanceof Uint32Array &&
		d.streetFirst.length === d.streetLabel.length + 1 &&
		d.entLon instanceof Float64Array &&
		d.entLat instanceof Float64Array &&
		d.entNumber instanceof Uint32Array &&
		d.entLon.length === d.streetFirst[d.streetLabel.length]
	);
}
