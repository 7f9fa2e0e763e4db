/**
 * Sum rows: lists kept in Excel often end (or each block ends) with a row «Total», «Summe» or «Gesamt»
 * that adds up the numbers above. Read as data it is one more person, office or customer group — with
 * the whole list's FTE or count — so it is skipped, and a warning names it.
 *
 * A row is a sum row only when both hold, so a real record is never dropped:
 *  - its first non-empty cell is a sum label («Total», «Summe IV», «Zwischentotal:», «Total général», «Σ»);
 *  - it is not a whole record: a required value is empty, it has no location input at all (point tables),
 *    or the label stands where a number belongs.
 * Each of the last three is a row-level error on the reference path, and a reason for the fast path
 * (import/fast/) to leave the file to it, so only the reference path ever skips a row.
 */
import type { ColumnDef } from '../schema.ts';
import type { RawCell } from './types.ts';

/** A sum label, possibly followed by what it sums («Total IV», «Summe (570 Personen)», «Total:»). */
const SUM_LABEL =
	/^(?:σ|∑|(?:gesamt|grand|zwischen|sub|sous)?[\s-]?(?:total|totale|totaal|summe|sum|somme)|gesamt|insgesamt|totaux)(?![\p{L}\d])/iu;

/** Whether a cell's text is a sum label. */
export function isSumLabel(cell: RawCell): boolean {
	return typeof cell === 'string' && cell.length <= 80 && SUM_LABEL.test(cell.trim());
}

const empty = (v: RawCell | undefined) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** The columns a sum row is judged by: the mapped schema columns with their cell index. */
export interface SumRowColumns {
	/** Required columns (index into the row). */
	required: readonly number[];
	/** Number columns (a label in one is no record). */
	numbers: readonly number[];
	/** Location inputs of a point table (all empty: no record); empty for other tables. */
	location: readonly number[];
}

export function sumRowColumns(cols: readonly ColumnDef[], idx: Record<string, number>, locationInputs: readonly string[]): SumRowColumns {
	const at = (c: ColumnDef) => idx[c.name] ?? -1;
	const mapped = cols.filter((c) => at(c) >= 0);
	return {
		required: mapped.filter((c) => c.required).map(at),
		numbers: mapped.filter((c) => c.type === 'number' || c.type === 'integer').map(at),
		location: locationInputs.map((name) => idx[name] ?? -1).filter((j) => j >= 0)
	};
}

/** The label's cell index if `row` is a sum row (see above), else -1. */
export function sumRowLabel(row: readonly RawCell[], cols: SumRowColumns): number {
	const j = row.findIndex((v) => !empty(v));
	if (j < 0 || !isSumLabel(row[j])) return -1;
	const incomplete =
		cols.required.some((k) => k !== j && empty(row[k])) ||
		cols.numbers.includes(j) ||
		(cols.location.length > 0 && cols.location.every((k) => empty(row[k])));
	return incomplete ? j : -1;
}
