/**
 * stops.txt: every stop is read (≈100 k nationally, small next to stop_times) because which ones are
 * kept is known only after stop_times.txt; ids are interned by their bytes for the stop_times lookups.
 */
import type { CsvHeader, CsvRow, RowSink } from './csv.ts';
import { F64Col } from './columns.ts';
import { badValue } from './calendar.ts';
import type { WarningSink } from './errors.ts';
import { IdTable } from './ids.ts';

export class StopsSink implements RowSink {
	readonly ids = new IdTable();
	readonly names: string[] = [];
	readonly lon = new F64Col(1024);
	readonly lat = new F64Col(1024);
	/** parent_station as written ('' if none). */
	readonly parentIds: string[] = [];
	private cId = 0;
	private cName = -1;
	private cLat = -1;
	private cLon = -1;
	private cParent = -1;
	constructor(private readonly warn: WarningSink) {}
	header(h: CsvHeader): void {
		this.cId = h.required('stop_id');
		this.cName = h.col('stop_name');
		this.cLat = h.col('stop_lat');
		this.cLon = h.col('stop_lon');
		this.cParent = h.col('parent_station');
	}
	row(r: CsvRow): void {
		const before = this.ids.size;
		this.ids.addField(r, this.cId);
		if (this.ids.size === before) {
			this.warn.add('duplicate_stop', { de: 'Doppelte stop_id', en: 'Duplicate stop_id' }, r.text(this.cId));
			return;
		}
		this.lat.push(this.coord(r, this.cLat, 'stop_lat'));
		this.lon.push(this.coord(r, this.cLon, 'stop_lon'));
		this.names.push(r.text(this.cName));
		this.parentIds.push(r.text(this.cParent).trim());
	}
	private coord(r: CsvRow, c: number, name: string): number {
		if (r.isEmpty(c)) return NaN;
		const v = Number(r.text(c));
		if (!Number.isFinite(v)) throw badValue('stops.txt', r.line, name, r.text(c));
		return v;
	}

	/** Parent index per stop (-1 when none or missing from stops.txt, which is warned about). */
	parents(): Int32Array {
		const n = this.ids.size;
		const out = new Int32Array(n).fill(-1);
		for (let s = 0; s < n; s++) {
			const p = this.parentIds[s];
			if (!p) continue;
			const pi = this.ids.findString(p);
			if (pi < 0) this.warn.add('missing_parent', { de: 'parent_station fehlt in stops.txt', en: 'parent_station not found in stops.txt' }, `${this.ids.key(s)} → ${p}`);
			else out[s] = pi;
		}
		return out;
	}
}
