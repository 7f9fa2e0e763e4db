import { describe, expect, it } from 'vitest';
import { int64Vector, tableFromColumns } from '../../src/lib/data/arrow.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { rows } from '../../src/lib/data/db/connector.ts';

describe('arrow columns without builders', () => {
	it('round-trips every schema type with nulls and umlauts through DuckDB', async () => {
		const t = tableFromColumns([
			{ name: 's', type: 'text', values: ['Zürich', null, 'Émmen', ''] },
			{ name: 'i', type: 'integer', values: [1, 2, null, 9007199254740991] },
			{ name: 'f', type: 'number', values: [1.5, null, -2.25, NaN] },
			{ name: 'b', type: 'boolean', values: [true, false, null, true] },
			{ name: 'd', type: 'date', values: ['2025-07-01', null, '1999-12-31', '2026-01-01'] }
		]);
		expect(t.numRows).toBe(4);
		const db = await openNodeDb();
		await db.insertArrow(t, 'x', 'create');
		const r = await rows(db, 'SELECT * FROM x');
		expect(r).toEqual([
			{ s: 'Zürich', i: 1, f: 1.5, b: true, d: '2025-07-01' },
			{ s: null, i: 2, f: null, b: false, d: null },
			{ s: 'Émmen', i: null, f: -2.25, b: null, d: '1999-12-31' },
			{ s: '', i: 9007199254740991, f: null, b: true, d: '2026-01-01' }
		]);
		const types = await rows<{ column_type: string }>(db, 'SELECT column_type FROM (DESCRIBE x)');
		expect(types.map((x) => x.column_type)).toEqual(['VARCHAR', 'BIGINT', 'DOUBLE', 'BOOLEAN', 'DATE']);
		await db.close();
	});
	it('writes int64 as two 32-bit halves: negative, beyond 2^32 and the safe-integer limits', () => {
		const vals = [0, 1, -1, 2 ** 31, -(2 ** 31), 2 ** 32, -(2 ** 32) - 5, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 123456789012, -98765432101, 3.7, -3.7, null];
		const v = int64Vector(vals);
		expect(Array.from({ length: vals.length }, (_, i) => v.get(i))).toEqual(vals.map((x) => (x === null ? null : BigInt(Math.trunc(x)))));
	});
});
