import { describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { ipcStream, rows } from '../../src/lib/data/db/connector.ts';
import { createTableSql, tables } from '../../src/lib/data/schema.ts';

describe('node duckdb connector', () => {
	it('creates schema tables and round-trips arrow', async () => {
		const db = await openNodeDb();
		for (const t of Object.values(tables)) await db.exec(createTableSql(t));
		const cols = await rows<{ column_name: string; data_type: string }>(db, `SELECT column_name, data_type FROM information_schema.columns WHERE table_name='staff' ORDER BY ordinal_position`);
		expect(cols.map((c) => c.column_name)).toContain('office_id');
		await db.insertArrow(tableFromArrays({ a: Float64Array.from([1, 2, 3]), b: ['x', 'y', 'z'] }), 't', 'create');
		const r = await rows<{ s: number; n: number }>(db, 'SELECT sum(a) AS s, count(*) AS n FROM t');
		expect(r[0]).toEqual({ s: 6, n: 3 });
		await db.close();
	});
});

describe('inserting Arrow IPC bytes', () => {
	it('takes the stream and the file format, with or without the end marker, and leaves no half stream behind', async () => {
		const db = await openNodeDb();
		const t = tableFromArrays({ a: Float64Array.from([1, 2, 3]), b: ['x', 'y', 'z'] });
		const stream = tableToIPC(t, 'stream');
		// DuckDB's own result bytes are the file format, whose body is the stream: a view of it, no copy.
		const engine = await db.ipc!("SELECT * FROM (VALUES (1.0, 'x'), (2.0, 'y'), (3.0, 'z')) v(a, b)");
		expect(ipcStream(engine)!.byteOffset).toBe(engine.byteOffset + 8);
		expect(ipcStream(stream)).toBe(stream);
		// apache-arrow's file writer keeps the schema in the footer only: no stream to hand over, decoded instead.
		const file = tableToIPC(t, 'file');
		expect(ipcStream(file)).toBeNull();
		const cut = stream.slice(0, stream.length - 8); // a stream whose writer left out the end marker
		expect(ipcStream(cut)).toEqual(stream);
		for (const [k, bytes] of [['stream', stream], ['engine', engine], ['file', file], ['cut', cut]] as const) {
			await db.insertArrow(bytes.slice(), k, 'create');
			expect([k, await rows(db, `SELECT sum(a)::INTEGER AS s, string_agg(b, '' ORDER BY a) AS b FROM "${k}"`)]).toEqual([k, [{ s: 6, b: 'xyz' }]]);
		}
		await db.insertArrow(cut.slice(), 'cut', 'append');
		await db.insertArrow(t, 'after', 'create');
		expect(await rows(db, `SELECT (SELECT count(*) FROM cut)::INTEGER AS cut, (SELECT count(*) FROM after)::INTEGER AS after`)).toEqual([{ cut: 6, after: 3 }]);
		await db.close();
	});
});

describe('rows() value conversion', () => {
	it('scales DECIMAL values and converts BIGINT and DATE', async () => {
		const db = await openNodeDb();
		const [r] = await rows(db, "SELECT 0.5 AS a, 12.34 AS b, -3.125 AS c, 42::BIGINT AS i, DATE '2025-07-01' AS d");
		expect(r).toEqual({ a: 0.5, b: 12.34, c: -3.125, i: 42, d: '2025-07-01' });
		await db.close();
	});
});

describe('scenario parameters in DuckDB', () => {
	it('computeCriteria leaves the parameters it used in scenario_params', async () => {
		const { writeScenarioParams, withDefaults } = await import('../../src/lib/model/index.ts');
		const db = await openNodeDb();
		await writeScenarioParams(db, withDefaults({ discountRate: 0.025 }));
		const r = await rows<{ value: string }>(db, "SELECT value FROM scenario_params WHERE key = 'discountRate'");
		expect(JSON.parse(r[0].value)).toBe(0.025);
		await db.close();
	});
});
