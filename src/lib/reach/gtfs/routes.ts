/** routes.txt: every route (a few thousand even nationally), interned by route_id bytes. */
import { warnNotUtf8, type CsvHeader, type CsvRow, type RowSink } from './csv.ts';
import { I32Col } from './columns.ts';
import { badValue } from './calendar.ts';
import type { WarningSink } from './errors.ts';
import { IdTable } from './ids.ts';

export class RoutesSink implements RowSink {
	readonly ids = new IdTable();
	/** route_short_name, else route_long_name. */
	readonly names: string[] = [];
	readonly types = new I32Col(256);
	private cId = 0;
	private cShort = -1;
	private cLong = -1;
	private cType = 0;
	constructor(private readonly warn: WarningSink) {}
	header(h: CsvHeader): void {
		this.cId = h.required('route_id');
		this.cShort = h.col('route_short_name');
		this.cLong = h.col('route_long_name');
		this.cType = h.required('route_type');
	}
	row(r: CsvRow): void {
		const type = r.num(this.cType);
		if (!Number.isInteger(type)) throw badValue('routes.txt', r.line, 'route_type', r.text(this.cType));
		const before = this.ids.size;
		this.ids.addField(r, this.cId);
		if (this.ids.size === before) {
			this.warn.add('duplicate_route', { de: 'Doppelte route_id: erste Zeile gilt', en: 'Duplicate route_id: the first row is used' }, r.text(this.cId));
			return;
		}
		this.names.push(r.text(this.cShort) || r.text(this.cLong));
		this.types.push(type);
	}
	done(r: CsvRow): void {
		warnNotUtf8(this.warn, 'routes.txt', r);
	}
}
