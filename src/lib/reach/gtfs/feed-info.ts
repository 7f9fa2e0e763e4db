/** feed_info.txt (optional): who published the feed, its version and declared validity, for provenance. */
import type { CsvHeader, CsvRow, RowSink } from './csv.ts';

export interface FeedInfo {
	publisher?: string;
	version?: string;
	/** YYYYMMDD as declared (the calendar decides the real validity). */
	start?: string;
	end?: string;
}

export class FeedInfoSink implements RowSink {
	readonly info: FeedInfo = {};
	private cols: Array<[keyof FeedInfo, number]> = [];
	header(h: CsvHeader): void {
		this.cols = [
			['publisher', h.col('feed_publisher_name')],
			['version', h.col('feed_version')],
			['start', h.col('feed_start_date')],
			['end', h.col('feed_end_date')]
		];
	}
	row(r: CsvRow): void {
		if (r.line !== 2) return; // one row by the spec; take the first
		for (const [key, c] of this.cols) {
			const v = r.text(c).trim();
			if (v) this.info[key] = v;
		}
	}
}
