/**
 * Native DuckDB for Node (CLI, benchmarks, scale runs) over @duckdb/node-api: the same `Db`
 * interface and the same SQL as the browser's duckdb-wasm (node.ts), but multi-threaded, without
 * the wasm 4 GB heap limit, and with Parquet/CSV read and written straight from disk.
 *
 * Results are turned into Arrow tables of the types duckdb-wasm produces for the same query
 * (BIGINT → Int64, INTEGER → Int32, DOUBLE → Float64, DECIMAL(p,s) and HUGEINT → Decimal128,
 * DATE → DateDay, TIMESTAMP → Timestamp[µs], VARCHAR/UUID/ENUM → Utf8, BOOLEAN → Bool, LIST → List,
 * STRUCT → Struct, a bare NULL → Int32), so `rows()` and every caller see identical values on both
 * engines. Types duckdb-wasm would also not hand back as plain values (INTERVAL, TIME, MAP, UNION,
 * BIT, …) come back as their DuckDB text. Built from raw buffers (no apache-arrow Builders).
 *
 * DuckDB's own Arrow IPC (to_arrow_ipc) is not built into @duckdb/node-api 1.5.5 (it comes with an
 * extension that would be downloaded at runtime); this module stays offline and converts DuckDB vectors directly.
 */
import {
	Binary,
	Bool,
	DateDay,
	Decimal,
	Field,
	Float32,
	Float64,
	Int16,
	Int32,
	Int64,
	Int8,
	List,
	Struct,
	Table,
	tableFromIPC,
	TimestampMicrosecond,
	Uint16,
	Uint32,
	Uint64,
	Uint8,
	Utf8,
	makeData,
	makeVector,
	Type,
	type Data,
	type DataType
} from 'apache-arrow';
import {
	DuckDBDataChunk,
	DuckDBDateValue,
	DuckDBDecimalValue,
	DuckDBInstance,
	DuckDBTimestampValue,
	DuckDBTypeId,
	DuckDBListValue,
	DuckDBStructValue,
	DuckDBBlobValue,
	type DuckDBConnection,
	type DuckDBType,
	type DuckDBValue
} from '@duckdb/node-api';
import { CONNECT_SQL, type Db } from './connector.ts';

export interface NativeDbOptions {
	/** Database file; default in memory. */
	path?: string;
	/** Worker threads (DuckDB default: all cores). */
	threads?: number;
	/** DuckDB memory_limit, e.g. '8GB' (DuckDB default: 80 % of RAM). */
	memoryLimit?: string;
}

/** Open a native DuckDB (in memory unless `path` is given) behind the `Db` interface. */
export async function openNativeDb(opts: NativeDbOptions = {}): Promise<NativeDb> {
	const config: Record<string, string> = {};
	if (opts.threads) config.threads = String(opts.threads);
	if (opts.memoryLimit) config.memory_limit = opts.memoryLimit;
	const instance = await DuckDBInstance.create(opts.path ?? ':memory:', config);
	const conn = await instance.connect();
	for (const s of CONNECT_SQL) await conn.run(s);
	return new NativeDb(instance, conn);
}

/**
 * One connection; calls are serialised (a DuckDB connection runs one statement at a time, and the
 * model issues queries with Promise.all).
 */
export class NativeDb implements Db {
	private queue: Promise<unknown> = Promise.resolve();
	private staging = 0;

	constructor(
		readonly instance: DuckDBInstance,
		readonly connection: DuckDBConnection
	) {}

	private serial<T>(f: () => Promise<T>): Promise<T> {
		const run = this.queue.catch(() => {}).then(f);
		this.queue = run;
		return run;
	}

	arrow(sql: string): Promise<Table> {
		return this.serial(async () => {
			const res = await this.connection.run(sql);
			const names = res.columnNames();
			const types = res.columnTypes();
			const chunks = await res.fetchAllChunks();
			const columns: Record<string, ReturnType<typeof makeVector>> = {};
			names.forEach((name, c) => {
				const values: (DuckDBValue | null)[] = [];
				for (const ch of chunks) {
					const v = ch.getColumnVector(c);
					for (let i = 0; i < ch.rowCount; i++) values.push(v.getItem(i));
				}
				columns[uniqueName(columns, name)] = makeVector(toArrowData(types[c], values));
			});
			return new Table(columns);
		});
	}

	exec(sql: string): Promise<void> {
		return this.serial(async () => {
			await this.connection.run(sql);
		});
	}

	/**
	 * Same semantics as duckdb-wasm's insertArrowFromIPCStream: `create` makes the table from the
	 * Arrow schema; `append` inserts by column position into the existing table (with DuckDB's casts).
	 */
	insertArrow(data: Table | Uint8Array, name: string, mode: 'create' | 'append'): Promise<void> {
		const table = data instanceof Uint8Array ? tableFromIPC(data) : data;
		return this.serial(async () => {
			const q = (s: string) => '"' + s.replaceAll('"', '""') + '"';
			const cols = table.schema.fields.map((f) => `${q(f.name)} ${duckTypeOf(f.type)}`).join(', ');
			const target = mode === 'create' ? name : `__arrow_insert_${++this.staging}`;
			if (mode === 'create') await this.connection.run(`DROP TABLE IF EXISTS ${q(name)}`);
			await this.connection.run(`CREATE TABLE ${q(target)} (${cols})`);
			try {
				await appendArrow(this.connection, target, table);
				if (mode === 'append') await this.connection.run(`INSERT INTO ${q(name)} SELECT * FROM ${q(target)}`);
			} finally {
				if (mode === 'append') await this.connection.run(`DROP TABLE IF EXISTS ${q(target)}`);
			}
		});
	}

	close(): Promise<void> {
		return this.serial(async () => {
			this.connection.closeSync();
			this.instance.closeSync();
		});
	}
}

function uniqueName(have: Record<string, unknown>, name: string): string {
	let n = name;
	for (let k = 1; n in have; k++) n = `${name}_${k}`;
	return n;
}

// ---------------------------------------------------------------- DuckDB → Arrow

const encoder = new TextEncoder();

function validity(values: readonly unknown[]): { nullBitmap: Uint8Array | null; nullCount: number } {
	const bitmap = new Uint8Array(Math.ceil(values.length / 8));
	let nullCount = 0;
	for (let i = 0; i < values.length; i++) {
		if (values[i] === null || values[i] === undefined) nullCount++;
		else bitmap[i >> 3] |= 1 << (i & 7);
	}
	return { nullBitmap: nullCount ? bitmap : null, nullCount };
}

function bytesData(type: Utf8 | Binary, bytes: (Uint8Array | null)[]): Data {
	const { nullBitmap, nullCount } = validity(bytes);
	const valueOffsets = new Int32Array(bytes.length + 1);
	let total = 0;
	for (let i = 0; i < bytes.length; i++) {
		total += bytes[i]?.length ?? 0;
		valueOffsets[i + 1] = total;
	}
	const data = new Uint8Array(total);
	for (let i = 0; i < bytes.length; i++) if (bytes[i]) data.set(bytes[i]!, valueOffsets[i]);
	return makeData({ type, length: bytes.length, nullCount, nullBitmap, valueOffsets, data } as never);
}

function utf8Data(values: readonly (DuckDBValue | null)[], str: (v: DuckDBValue) => string = String): Data {
	return bytesData(new Utf8(), values.map((v) => (v === null || v === undefined ? null : encoder.encode(str(v)))));
}

type NumArray = Int8Array | Int16Array | Int32Array | Uint8Array | Uint16Array | Uint32Array | Float32Array | Float64Array;
function numData<T extends DataType>(type: T, Arr: { new (n: number): NumArray }, values: readonly (DuckDBValue | null)[]): Data<T> {
	const { nullBitmap, nullCount } = validity(values);
	const data = new Arr(values.length);
	for (let i = 0; i < values.length; i++) if (values[i] !== null) data[i] = values[i] as number;
	return makeData({ type, length: values.length, nullCount, nullBitmap, data } as never) as unknown as Data<T>;
}

function bigData<T extends DataType>(type: T, Arr: BigInt64ArrayConstructor | BigUint64ArrayConstructor, values: readonly (bigint | null)[]): Data<T> {
	const { nullBitmap, nullCount } = validity(values);
	const data = new Arr(values.length);
	for (let i = 0; i < values.length; i++) if (values[i] !== null) data[i] = values[i]!;
	return makeData({ type, length: values.length, nullCount, nullBitmap, data } as never) as unknown as Data<T>;
}

const MASK32 = 0xffffffffn;
/** 128-bit two's complement little-endian words, as Arrow stores Decimal128. */
function decimalData(precision: number, scale: number, values: readonly (bigint | null)[]): Data {
	const { nullBitmap, nullCount } = validity(values);
	const data = new Uint32Array(values.length * 4);
	for (let i = 0; i < values.length; i++) {
		let v = values[i];
		if (v === null) continue;
		v = BigInt.asUintN(128, v);
		for (let w = 0; w < 4; w++) data[4 * i + w] = Number((v >> BigInt(32 * w)) & MASK32);
	}
	return makeData({ type: new Decimal(scale, precision, 128), length: values.length, nullCount, nullBitmap, data } as never);
}

/** Arrow data for one result column; `values` as @duckdb/node-api reads them. */
export function toArrowData(type: DuckDBType, values: readonly (DuckDBValue | null)[]): Data {
	switch (type.typeId) {
		case DuckDBTypeId.BOOLEAN: {
			const { nullBitmap, nullCount } = validity(values);
			const data = new Uint8Array(Math.ceil(values.length / 8));
			for (let i = 0; i < values.length; i++) if (values[i] === true) data[i >> 3] |= 1 << (i & 7);
			return makeData({ type: new Bool(), length: values.length, nullCount, nullBitmap, data });
		}
		case DuckDBTypeId.TINYINT:
			return numData(new Int8(), Int8Array, values);
		case DuckDBTypeId.SMALLINT:
			return numData(new Int16(), Int16Array, values);
		case DuckDBTypeId.INTEGER:
			return numData(new Int32(), Int32Array, values);
		case DuckDBTypeId.UTINYINT:
			return numData(new Uint8(), Uint8Array, values);
		case DuckDBTypeId.USMALLINT:
			return numData(new Uint16(), Uint16Array, values);
		case DuckDBTypeId.UINTEGER:
			return numData(new Uint32(), Uint32Array, values);
		case DuckDBTypeId.FLOAT:
			return numData(new Float32(), Float32Array, values);
		case DuckDBTypeId.DOUBLE:
			return numData(new Float64(), Float64Array, values);
		case DuckDBTypeId.BIGINT:
			return bigData(new Int64(), BigInt64Array, values as (bigint | null)[]);
		case DuckDBTypeId.UBIGINT:
			return bigData(new Uint64(), BigUint64Array, values as (bigint | null)[]);
		case DuckDBTypeId.HUGEINT:
		case DuckDBTypeId.UHUGEINT:
			// duckdb-wasm hands HUGEINT (e.g. sum of BIGINT) out as DECIMAL(38,0).
			return decimalData(38, 0, values as (bigint | null)[]);
		case DuckDBTypeId.DECIMAL: {
			const t = type as unknown as { width: number; scale: number };
			return decimalData(t.width, t.scale, values.map((v) => (v === null ? null : (v as DuckDBDecimalValue).value)));
		}
		case DuckDBTypeId.DATE:
			return numData(new DateDay(), Int32Array, values.map((v) => (v === null ? null : (v as DuckDBDateValue).days)) as never);
		case DuckDBTypeId.TIMESTAMP:
		case DuckDBTypeId.TIMESTAMP_TZ:
			return bigData(new TimestampMicrosecond(), BigInt64Array, values.map((v) => (v === null ? null : (v as DuckDBTimestampValue).micros)));
		case DuckDBTypeId.VARCHAR:
			return utf8Data(values);
		case DuckDBTypeId.BLOB:
			return bytesData(new Binary(), values.map((v) => (v === null ? null : (v as DuckDBBlobValue).bytes)));
		case DuckDBTypeId.SQLNULL:
			return numData(new Int32(), Int32Array, values);
		case DuckDBTypeId.LIST: {
			const child = (type as unknown as { valueType: DuckDBType }).valueType;
			const { nullBitmap, nullCount } = validity(values);
			const valueOffsets = new Int32Array(values.length + 1);
			const items: (DuckDBValue | null)[] = [];
			for (let i = 0; i < values.length; i++) {
				if (values[i] !== null) items.push(...(values[i] as DuckDBListValue).items);
				valueOffsets[i + 1] = items.length;
			}
			const childData = toArrowData(child, items);
			return makeData({ type: new List(new Field('l', childData.type, true)), length: values.length, nullCount, nullBitmap, valueOffsets, child: childData });
		}
		case DuckDBTypeId.STRUCT: {
			const t = type as unknown as { entryNames: readonly string[]; entryTypes: readonly DuckDBType[] };
			const { nullBitmap, nullCount } = validity(values);
			const children = t.entryNames.map((n, k) =>
				toArrowData(
					t.entryTypes[k],
					values.map((v) => (v === null ? null : ((v as DuckDBStructValue).entries[n] ?? null)))
				)
			);
			const fields = t.entryNames.map((n, k) => new Field(n, children[k].type, true));
			return makeData({ type: new Struct(fields), length: values.length, nullCount, nullBitmap, children });
		}
		default:
			// UUID, ENUM, INTERVAL, TIME, MAP, UNION, ARRAY, BIT, …: their DuckDB text.
			return utf8Data(values, (v) => String(v));
	}
}

// ---------------------------------------------------------------- Arrow → DuckDB

/** DuckDB column type for an Arrow type (the types our importer and the app produce, and more). */
export function duckTypeOf(t: DataType): string {
	switch (t.typeId) {
		case Type.Utf8:
		case Type.LargeUtf8:
			return 'VARCHAR';
		case Type.Bool:
			return 'BOOLEAN';
		case Type.Float:
			return (t as Float32).precision === 2 ? 'DOUBLE' : 'FLOAT';
		case Type.Decimal: {
			const d = t as Decimal;
			return `DECIMAL(${Math.min(38, d.precision)}, ${d.scale})`;
		}
		case Type.Date:
			return 'DATE';
		case Type.Timestamp:
			return 'TIMESTAMP';
		case Type.Null:
			return 'INTEGER';
		case Type.Binary:
		case Type.LargeBinary:
			return 'BLOB';
		case Type.Dictionary:
			return duckTypeOf((t as unknown as { dictionary: DataType }).dictionary);
		case Type.Int: {
			const i = t as unknown as { isSigned: boolean; bitWidth: number };
			return (i.isSigned ? ['TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT'] : ['UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT'])[Math.log2(i.bitWidth / 8)];
		}
	}
	throw new Error(`native DuckDB insertArrow: unsupported Arrow type ${String(t)}`);
}

const MS_PER_DAY = 86_400_000;

/** Cell values of one Arrow column as @duckdb/node-api values (null for nulls). */
function duckValues(table: Table, c: number): (DuckDBValue | null)[] {
	const field = table.schema.fields[c];
	const vec = table.getChildAt(c)!;
	const out: (DuckDBValue | null)[] = new Array(table.numRows);
	const t = field.type;
	let k = 0;
	for (const data of vec.data) {
		const dv = makeVector(data as Data);
		for (let i = 0; i < data.length; i++, k++) {
			if (!data.getValid(i)) {
				out[k] = null;
				continue;
			}
			switch (t.typeId) {
				case Type.Date:
					// DateDay stores days; DateMillisecond milliseconds.
					out[k] = new DuckDBDateValue((t as DateDay).unit === 0 ? (data.values as Int32Array)[i] : Math.floor(Number((data.values as BigInt64Array)[i]) / MS_PER_DAY));
					break;
				case Type.Decimal: {
					const d = t as Decimal;
					const w = (data.values as Uint32Array).subarray(4 * i, 4 * i + 4);
					let v = 0n;
					for (let j = 3; j >= 0; j--) v = (v << 32n) | BigInt(w[j]);
					out[k] = new DuckDBDecimalValue(BigInt.asIntN(128, v), Math.min(38, d.precision), d.scale);
					break;
				}
				case Type.Timestamp: {
					const unit = (t as TimestampMicrosecond).unit; // 0 s, 1 ms, 2 µs, 3 ns
					const raw = BigInt((data.values as BigInt64Array)[i]);
					out[k] = new DuckDBTimestampValue(unit === 0 ? raw * 1_000_000n : unit === 1 ? raw * 1000n : unit === 2 ? raw : raw / 1000n);
					break;
				}
				case Type.Binary:
				case Type.LargeBinary:
					out[k] = new DuckDBBlobValue(dv.get(i) as Uint8Array);
					break;
				case Type.Int: {
					const v = dv.get(i) as number | bigint;
					out[k] = (t as { bitWidth: number }).bitWidth === 64 ? BigInt(v) : Number(v);
					break;
				}
				default:
					out[k] = dv.get(i) as DuckDBValue;
			}
		}
	}
	return out;
}

/** Append all rows of `table` to the existing native table `name` (same column order and types). */
async function appendArrow(conn: DuckDBConnection, name: string, table: Table): Promise<void> {
	if (table.numRows === 0) return;
	const appender = await conn.createAppender(name);
	try {
		const types = Array.from({ length: appender.columnCount }, (_, c) => appender.columnType(c));
		const columns = table.schema.fields.map((_, c) => duckValues(table, c));
		const size = 2048;
		for (let at = 0; at < table.numRows; at += size) {
			const n = Math.min(size, table.numRows - at);
			const chunk = DuckDBDataChunk.create(types, n);
			for (let c = 0; c < columns.length; c++) chunk.setColumnValues(c, columns[c].slice(at, at + n));
			appender.appendDataChunk(chunk);
		}
		appender.flushSync();
	} finally {
		appender.closeSync();
	}
}
