/**
 * trips.txt: only the trips whose service runs on the day are interned (a national feed lists ~1.85 M
 * trips for the whole year; a day runs a fraction of them). Per trip: route index and headsign index.
 */
import { warnNotUtf8, type CsvHeader, type CsvRow, type RowSink } from './csv.ts';
import { I32Col } from './columns.ts';
import type { WarningSink } from './errors.ts';
import { IdTable } from './ids.ts';

export class TripsSink implements RowSink {
	/** Active trips, by trip_id bytes. */
	readonly ids = new IdTable();
	readonly route = new I32Col(1024);
	/** Index into `headsigns`. */
	readonly headsign = new I32Col(1024);
	readonly headsigns = new IdTable();
	/** All rows of trips.txt. */
	total = 0;
	private cRoute = 0;
	private cService = 0;
	private cId = 0;
	private cHead = -1;
	constructor(
		private readonly services: IdTable,
		private readonly active: Uint8Array,
		private readonly routes: IdTable,
		private readonly warn: WarningSink
	) {}
	header(h: CsvHeader): void {
		this.cRoute = h.required('route_id');
		this.cService = h.required('service_id');
		this.cId = h.required('trip_id');
		this.cHead = h.col('trip_headsign');
	}
	row(r: CsvRow): void {
		this.total++;
		const s = this.services.findField(r, this.cService);
		if (s < 0 || !this.active[s]) return;
		const route = this.routes.findField(r, this.cRoute);
		if (route < 0) {
			this.warn.add('unknown_route', { de: 'Fahrt verweist auf unbekannte Linie', en: 'Trip references an unknown route' }, r.text(this.cId));
			return;
		}
		const before = this.ids.size;
		this.ids.addField(r, this.cId);
		if (this.ids.size === before) {
			this.warn.add('duplicate_trip', { de: 'Doppelte trip_id: erste Zeile gilt', en: 'Duplicate trip_id: the first row is used' }, r.text(this.cId));
			return;
		}
		this.route.push(route);
		this.headsign.push(this.headsigns.addField(r, this.cHead));
	}
	done(r: CsvRow): void {
		warnNotUtf8(this.warn, 'trips.txt', r);
	}
}
