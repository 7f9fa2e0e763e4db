/**
 * stops.txt: every stop is read (≈100 k nationally, small next to stop_times) because which ones are
 * kept is known only after stop_times.txt; ids are interned by their bytes for the stop_times lookups.
 */
import { warnNotUtf8, type CsvHeader, type CsvRow, type RowSink } from './csv.ts';
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
		let lat = this.coord(r, this.cLat, 'stop_lat', 90);
		let lon = this.coord(r, this.cLon, 'stop_lon', 180);
		if (lat === 0 && lon === 0) {
			// 0/0 (in the Gulf of Guinea) is what an export writes for "unknown": no position, said so.
			this.warn.add('stop_at_zero', { de: 'Halte bei 0/0 (Koordinaten fehlen im Export): als ohne Koordinaten gelesen', en: 'Stops at 0/0 (coordinates missing in the export): read as without coordinates' }, r.text(this.cId));
			lat = lon = NaN;
		} else if (Number.isNaN(lat) || Number.isNaN(lon))
			this.warn.add('stop_without_position', { de: 'Halte ohne Koordinaten: zu Fuss nicht erreichbar, in keiner Güteklasse', en: 'Stops without coordinates: not reachable on foot, in no Güteklasse' }, r.text(this.cId));
		this.lat.push(lat);
		this.lon.push(lon);
		this.names.push(r.text(this.cName));
		this.parentIds.push(r.text(this.cParent).trim());
	}
	done(r: CsvRow): void {
		warnNotUtf8(this.warn, 'stops.txt', r);
	}
	/** A coordinate in degrees (NaN when empty); beyond ±`limit` it is no WGS84 degree (LV95 metres, a lost point). */
	private coord(r: CsvRow, c: number, name: string, limit: number): number {
		const t = r.text(c).trim();
		if (t === '') return NaN;
		const v = Number(t);
		if (!Number.isFinite(v) || Math.abs(v) > limit) throw badValue('stops.txt', r.line, name, r.text(c));
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
