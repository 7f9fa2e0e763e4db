/**
 * transfers.txt: per-stop change times (from = to) and footpaths between kept stops. Rows bound to
 * trips or routes are ignored with a warning; rows naming a stop missing from stops.txt are warned
 * about; rows with a stop that exists but was cut away are skipped silently (counted).
 */
import type { CsvHeader, CsvRow, RowSink } from './csv.ts';
import { badValue } from './calendar.ts';
import type { WarningSink } from './errors.ts';
import type { IdTable } from './ids.ts';

/** What a transfer row does to the timetable (implemented by the footpath builder in pack.ts). */
export interface TransferTarget {
	/** A usable transfer between kept stops a and b (indices of the kept stops). */
	transfer(a: number, b: number, type: string, minSec: number, row: number): void;
}

export class TransfersSink implements RowSink {
	rows = 0;
	kept = 0;
	private c = { from: 0, to: 0, type: 0, min: -1, fromTrip: -1, toTrip: -1, fromRoute: -1, toRoute: -1 };
	/** @param keptStop stop index (all of stops.txt) → kept stop index or -1 */
	constructor(
		private readonly stops: IdTable,
		private readonly keptStop: Int32Array,
		private readonly target: TransferTarget,
		private readonly warn: WarningSink
	) {}
	header(h: CsvHeader): void {
		this.c = {
			from: h.required('from_stop_id'),
			to: h.required('to_stop_id'),
			type: h.required('transfer_type'),
			min: h.col('min_transfer_time'),
			fromTrip: h.col('from_trip_id'),
			toTrip: h.col('to_trip_id'),
			fromRoute: h.col('from_route_id'),
			toRoute: h.col('to_route_id')
		};
	}
	row(r: CsvRow): void {
		const c = this.c;
		this.rows++;
		if (!r.isEmpty(c.fromTrip) || !r.isEmpty(c.toTrip) || !r.isEmpty(c.fromRoute) || !r.isEmpty(c.toRoute)) {
			this.warn.add('transfer_scoped', { de: 'Umstieg an Fahrt/Linie gebunden: ignoriert', en: 'Trip- or route-specific transfer ignored' }, `row ${r.line}`);
			return;
		}
		const a = this.stops.findField(r, c.from);
		const b = this.stops.findField(r, c.to);
		if (a < 0 || b < 0) {
			this.warn.add('transfer_unknown_stop', { de: 'Umstieg verweist auf unbekannten Halt', en: 'Transfer references an unknown stop' }, `row ${r.line}`);
			return;
		}
		const type = r.text(c.type).trim() || '0';
		if (!/^[0-5]$/.test(type)) throw badValue('transfers.txt', r.line, 'transfer_type', type);
		let min = NaN;
		if (type !== '3' && type !== '5') {
			const minRaw = r.text(c.min).trim();
			if (minRaw !== '') min = Number(minRaw);
			if (minRaw !== '' && !(min >= 0)) throw badValue('transfers.txt', r.line, 'min_transfer_time', minRaw);
		}
		const ka = this.keptStop[a], kb = this.keptStop[b];
		if (ka < 0 || kb < 0) return; // cut away with the region
		this.kept++;
		this.target.transfer(ka, kb, type, min, r.line);
	}
}
