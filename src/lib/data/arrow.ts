/**
 * Build Arrow tables from plain JS columns without apache-arrow's Builders: those compile a
 * null-check with `new Function`, which our Content-Security-Policy (no 'unsafe-eval') forbids.
 * Direct buffers are also several times faster for large imports.
 */
import { Bool, DateDay, Dictionary, Float64, Int32, Int64, Table, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';
import type { ColumnType } from './schema.ts';

export type CellValue = string | number | boolean | null | undefined;

const encoder = new TextEncoder();
const MS_PER_DAY = 86_400_000;

function validity(values: ArrayLike<CellValue>): { bitmap: Uint8Array; nulls: number } {
	const bitmap = new Uint8Array(Math.ceil(values.length / 8));
	let nulls = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) nulls++;
		else bitmap[i >> 3] |= 1 << (i & 7);
	}
	return { bitmap, nulls };
}

/** A UTF-8 string vector; null/undefined become nulls. */
export function utf8Vector(values: ArrayLike<CellValue>): Vector<Utf8> {
	const { bitmap, nulls } = validity(values);
	const offsets = new Int32Array(values.length + 1);
	const strings: string[] = new Array(values.length);
	let chars = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (v !== null && v !== undefined) {
			const str = String(v);
			strings[i] = str;
			chars += str.length;
		}
	}
	// One buffer for all strings (encodeInto, no array per value); a UTF-16 unit takes at most 3 bytes.
	const buf = new Uint8Array(chars * 3);
	let total = 0;
	for (let i = 0; i < values.length; i++) {
		const str = strings[i];
		if (str !== undefined) total += encoder.encodeInto(str, buf.subarray(total)).written;
		offsets[i + 1] = total;
	}
	const data = buf.slice(0, total);
	return makeVector(makeData({ type: new Utf8(), length: values.length, nullCount: nulls, nullBitmap: nulls ? bitmap : null, valueOffsets: offsets, data }));
}

/** A float64 vector; null/undefined/NaN become nulls. */
export function float64Vector(values: ArrayLike<CellValue>): Vector<Float64> {
	const { bitmap, nulls } = validity(values);
	const data = new Float64Array(values.length);
	for (let i = 0; i < values.length; i++) data[i] = typeof values[i] === 'number' ? (values[i] as number) : 0;
	return makeVector(makeData({ type: new Float64(), length: values.length, nullCount: nulls, nullBitmap: nulls ? bitmap : null, data }));
}

/** An int64 vector from safe integers; null/undefined become nulls. */
export function int64Vector(values: ArrayLike<CellValue>): Vector<Int64> {
	const { bitmap, nulls } = validity(values);
	const data = new BigInt64Array(values.length);
	// Written as two 32-bit halves (little-endian, as every platform we run on): no BigInt per value,
	// which for a million rows is a million short-lived heap objects.
	const halves = new Int32Array(data.buffer);
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (typeof v !== 'number' || Number.isNaN(v)) continue;
		// Beyond 2^53 the number is no longer an exact integer: refuse it rather than store a wrapped value.
		if (!(Math.abs(v) <= Number.MAX_SAFE_INTEGER)) throw new RangeError(`not an exact integer for BIGINT: ${v}`);
		const n = Math.trunc(v);
		const hi = Math.floor(n / 4294967296);
		halves[2 * i] = (n - hi * 4294967296) | 0;
		halves[2 * i + 1] = hi | 0;
	}
	return makeVector(makeData({ type: new Int64(), length: values.length, nullCount: nulls, nullBitmap: nulls ? bitmap : null, data }));
}

/**
 * A text vector as indices into a few words (Arrow dictionary encoding): millions of rows of a handful of
 * distinct values (ids, modes, labels) without a string per row. Every index must be one of `words`.
 */
export function dictionaryVector(indices: Int32Array, words: readonly string[]): Vector<Dictionary<Utf8, Int32>> {
	const dictionary = utf8Vector(words);
	return makeVector(makeData({ type: new Dictionary(new Utf8(), new Int32()), length: indices.length, nullCount: 0, data: indices, dictionary }));
}

/** A boolean vector. */
export function boolVector(values: ArrayLike<CellValue>): Vector<Bool> {
	const { bitmap, nulls } = validity(values);
	const data = new Uint8Array(Math.ceil(values.length / 8));
	for (let i = 0; i < values.length; i++) if (values[i] === true) data[i >> 3] |= 1 << (i & 7);
	return makeVector(makeData({ type: new Bool(), length: values.length, nullCount: nulls, nullBitmap: nulls ? bitmap : null, data }));
}

/** A date vector (days since epoch) from ISO 'yyyy-mm-dd' strings. */
export function dateVector(values: ArrayLike<CellValue>): Vector<DateDay> {
	const { bitmap, nulls } = validity(values);
	const data = new Int32Array(values.length);
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (typeof v === 'string') data[i] = Math.round(Date.parse(v.slice(0, 10) + 'T00:00:00Z') / MS_PER_DAY);
	}
	return makeVector(makeData({ type: new DateDay(), length: values.length, nullCount: nulls, nullBitmap: nulls ? bitmap : null, data }));
}

/** The vector for a schema column type. */
export function vectorFor(type: ColumnType, values: ArrayLike<CellValue>): Vector {
	switch (type) {
		case 'text':
			return utf8Vector(values);
		case 'integer':
			return int64Vector(values);
		case 'number':
		case 'lon':
		case 'lat':
			return float64Vector(values);
		case 'boolean':
			return boolVector(values);
		case 'date':
			return dateVector(values);
	}
}

/** An Arrow table from named columns of schema types (all columns the same length). */
export function tableFromColumns(columns: { name: string; type: ColumnType; values: ArrayLike<CellValue> }[]): Table {
	return new Table(Object.fromEntries(columns.map((c) => [c.name, vectorFor(c.type, c.values)])));
}
