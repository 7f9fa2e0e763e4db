/** Errors and warnings of the GTFS reader, with German and English text for the UI. */

/** A bilingual user-facing message. */
export interface Msg {
	de: string;
	en: string;
}

/** Where in the feed a problem was found (1-based row = line number in the file, header is row 1). */
export interface GtfsLocation {
	file?: string;
	row?: number;
	column?: string;
}

/** A broken feed: the message names file, row and column where known. */
export class GtfsError extends Error {
	readonly code: string;
	readonly location: GtfsLocation;
	readonly msg: Msg;
	/** Machine-readable details for the UI (e.g. the suggested service day of `outside_validity`). */
	readonly data?: Record<string, unknown>;
	constructor(code: string, msg: Msg, location: GtfsLocation = {}, data?: Record<string, unknown>, cause?: unknown) {
		super(`${msg.en}${formatLocation(location)}`, cause === undefined ? undefined : { cause });
		this.name = 'GtfsError';
		this.code = code;
		this.msg = msg;
		this.location = location;
		if (data) this.data = data;
	}
}

/** A tolerated defect; `count` aggregates repeats of the same code so a feed with 110 missing parents yields one entry. */
export interface GtfsWarning {
	code: string;
	msg: Msg;
	count: number;
	/** First few examples (ids or rows). */
	examples: string[];
}

/** Collects warnings grouped by code. */
export class WarningSink {
	private byCode = new Map<string, GtfsWarning>();
	add(code: string, msg: Msg, example: string): void {
		const w = this.byCode.get(code);
		if (w) {
			w.count++;
			if (w.examples.length < 5) w.examples.push(example);
		} else this.byCode.set(code, { code, msg, count: 1, examples: [example] });
	}
	list(): GtfsWarning[] {
		return [...this.byCode.values()];
	}
}

function formatLocation(l: GtfsLocation): string {
	const parts: string[] = [];
	if (l.file) parts.push(l.file);
	if (l.row !== undefined) parts.push(`row ${l.row}`);
	if (l.column) parts.push(`column ${l.column}`);
	return parts.length ? ` (${parts.join(', ')})` : '';
}
