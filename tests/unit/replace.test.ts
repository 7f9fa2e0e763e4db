import { describe, expect, it } from 'vitest';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { rows } from '../../src/lib/data/db/connector.ts';
import { tableFromColumns } from '../../src/lib/data/arrow.ts';
import { replaceTable } from '../../src/lib/data/replace.ts';
import { tables } from '../../src/lib/data/schema.ts';

const tt = (dest: string[]) =>
	tableFromColumns(
		tables.travel_times.columns.map((c) => ({
			name: c.name,
			type: c.type,
			values: dest.map((d, i) => ({ origin_zone: 1000 + i, destination_id: d, mode: 'pt', minutes_p50: 10 + i, minutes_p80: 12 + i, changes: 1, source: 'test' })[c.name as 'mode'] ?? null)
		}))
	);

describe('replaceTable', () => {
	it('replaces contents, and keeps the previous contents when the new data is broken', async () => {
		const db = await openNodeDb();
		await replaceTable(db, 'travel_times', tt(['A', 'B']));
		expect((await rows(db, 'SELECT destination_id FROM travel_times ORDER BY 1')).map((r) => r.destination_id)).toEqual(['A', 'B']);
		// Wrong shape: a table with one unrelated column cannot go into travel_times.
		const broken = tableFromColumns([{ name: 'nonsense', type: 'text', values: ['x'] }]);
		await expect(replaceTable(db, 'travel_times', broken)).rejects.toThrow();
		expect((await rows(db, 'SELECT count(*) AS n FROM travel_times'))[0].n).toBe(2);
		expect((await rows(db, "SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE '__staging%'"))[0].n).toBe(0);
		await replaceTable(db, 'travel_times', tt(['C']));
		expect((await rows(db, 'SELECT destination_id, minutes_p50 FROM travel_times'))).toEqual([{ destination_id: 'C', minutes_p50: 10 }]);
		await db.close();
	});
});

describe('replaceTable concurrency', () => {
	it('serialises overlapping replacements on one connection (one transaction at a time)', async () => {
		const db = await openNodeDb();
		await Promise.all([replaceTable(db, 'travel_times', tt(['A', 'B'])), replaceTable(db, 'travel_times', tt(['C'])), replaceTable(db, 'travel_times', tt(['D', 'E', 'F']))]);
		// The last call wins, and nothing failed with "transaction within a transaction".
		expect((await rows(db, 'SELECT destination_id FROM travel_times ORDER BY 1')).map((r) => r.destination_id)).toEqual(['D', 'E', 'F']);
		await db.close();
	});
});
