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
 *
 * A sum row without a label is skipped too when it is numbers only, no record, and each of its numbers is
 * the sum of its column above ({@link ColumnSums}).
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

/** The index of a row's first filled cell, -1 if none. */
export const firstFilled = (row: readonly RawCell[]) => row.findIndex((v) => !empty(v));

/** The columns a sum row is judged by: the mapped schema columns with their cell index. */
export interface SumRowColumns {
	/** Required columns (index into the row). */
	required: readonly number[];
	/** Number columns (a label in one is no record), and their definitions in the same order. */
	numbers: readonly number[];
	numberCols: readonly ColumnDef[];
	/** Location inputs of a point table (all empty: no record); empty for other tables. */
	location: readonly number[];
}

export function sumRowColumns(cols: readonly ColumnDef[], idx: Record<string, number>, locationInputs: readonly string[]): SumRowColumns {
	const at = (c: ColumnDef) => idx[c.name] ?? -1;
	const mapped = cols.filter((c) => at(c) >= 0);
	const numberCols = mapped.filter((c) => c.type === 'number' || c.type === 'integer');
	return {
		required: mapped.filter((c) => c.required).map(at),
		numbers: numberCols.map(at),
		numberCols,
		location: locationInputs.map((name) => idx[name] ?? -1).filter((j) => j >= 0)
	};
}

/** Whether `row` lacks what makes a record: a required value (other than at `label`), or any place. */
const incomplete = (row: readonly RawCell[], cols: SumRowColumns, label = -1) =>
	cols.required.some((k) => k !== label && empty(row[k])) || (cols.location.length > 0 && cols.location.every((k) => empty(row[k])));

/** The label's cell index if `row` is a sum row (see above), else -1. */
export function sumRowLabel(row: readonly RawCell[], cols: SumRowColumns): number {
	const j = firstFilled(row);
	if (j < 0 || !isSumLabel(row[j])) return -1;
	return incomplete(row, cols, j) || cols.numbers.includes(j) ? j : -1;
}

/**
 * Whether `row` may be a sum row without a label: numbers only (every filled cell a number column) and no
 * record. Whether it is one, its numbers tell ({@link ColumnSums}).
 */
export function unlabelledSumCandidate(row: readonly RawCell[], cols: SumRowColumns): boolean {
	let numbers = 0;
	for (let k = 0; k < row.length; k++) {
		if (empty(row[k])) continue;
		if (!cols.numbers.includes(k)) return false;
		numbers++;
	}
	return numbers > 0 && incomplete(row, cols);
}

/** Rounding a list's own total may carry (a sum of shown, rounded values). */
const near = (v: number, sum: number) => Math.abs(v - sum) <= Math.max(0.01, Math.abs(sum) * 1e-4);

/**
 * Running sums of the number columns (values as written, before percent or per-month scaling), since the
 * start and since the last sum row, to tell a sum row without a label: each of its numbers is the sum of
 * its column over at least two rows above, all of them or those since the last (sub)total.
 */
export class ColumnSums {
	private readonly all: number[];
	private readonly block: number[];
	private rowsAll = 0;
	private rowsBlock = 0;
	constructor(width: number) {
		this.all = new Array<number>(width).fill(0);
		this.block = new Array<number>(width).fill(0);
	}
	/** Add one record's value in column `k` (null: empty or no number). */
	add(k: number, v: number | null): void {
		if (v === null) return;
		this.all[k] += v;
		this.block[k] += v;
	}
	/** Count `n` records added. */
	count(n: number): void {
		this.rowsAll += n;
		this.rowsBlock += n;
	}
	/** A (sub)total ends the block. */
	endBlock(): void {
		this.block.fill(0);
		this.rowsBlock = 0;
	}
	/** How many rows a row of `values` (null where empty) adds up, or 0 if it is no sum; a sum ends the block. */
	sums(values: readonly (number | null)[]): number {
		const match = (sums: number[], rows: number) => rows >= 2 && values.every((v, k) => v === null || near(v, sums[k]));
		if (!values.some((v) => v !== null)) return 0;
		const n = match(this.block, this.rowsBlock) ? this.rowsBlock : match(this.all, this.rowsAll) ? this.rowsAll : 0;
		if (n) this.endBlock();
		return n;
	}
}
