import { describe, expect, it } from 'vitest';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { rows } from '../../src/lib/data/db/connector.ts';
import { tableFromColumns } from '../../src/lib/data/arrow.ts';
import { replaceTable, restoreTable } from '../../src/lib/data/replace.ts';
import { tableToIPC } from 'apache-arrow';
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

describe('restoreTable (a table kept by an earlier visit)', () => {
	it('matches columns by name across schema changes, and leaves the table as it was when the kept rows do not read', async () => {
		const db = await openNodeDb();
		await replaceTable(db, 'travel_times', tt(['DEMO']));
		// Kept by an older version: a column since dropped ('legacy'), one since added missing ('wait_p80'), in two parts, one as IPC bytes.
		const old = (dest: string) =>
			tableFromColumns([
				{ name: 'legacy', type: 'text', values: ['x'] },
				{ name: 'origin_zone', type: 'integer', values: [1001] },
				{ name: 'destination_id', type: 'text', values: [dest] },
				{ name: 'mode', type: 'text', values: ['car'] },
				{ name: 'minutes_p50', type: 'number', values: [7] },
				{ name: 'source', type: 'text', values: ['kept'] }
			]);
		await restoreTable(db, 'travel_times', [old('K1'), tableToIPC(old('K2'), 'stream')]);
		expect(await rows(db, 'SELECT destination_id, mode, minutes_p50, wait_p80 FROM travel_times ORDER BY 1')).toEqual([
			{ destination_id: 'K1', mode: 'car', minutes_p50: 7, wait_p80: null },
			{ destination_id: 'K2', mode: 'car', minutes_p50: 7, wait_p80: null }
		]);
		// Rows the schema now refuses (text where a number is due) or bytes that are not Arrow: nothing changes, nothing is left behind.
		const bad = tableFromColumns([{ name: 'destination_id', type: 'text', values: ['BAD'] }, { name: 'minutes_p50', type: 'text', values: ['schnell'] }]);
		await expect(restoreTable(db, 'travel_times', [old('K3'), bad])).rejects.toThrow();
		await expect(restoreTable(db, 'travel_times', [new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])])).rejects.toThrow();
		expect((await rows(db, 'SELECT destination_id FROM travel_times ORDER BY 1')).map((r) => r.destination_id)).toEqual(['K1', 'K2']);
		expect((await rows(db, "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE '\\_\\_restore%' ESCAPE '\\'"))[0].n).toBe(0);
		// The connection still takes Arrow afterwards (no half-read stream left in DuckDB's decoder).
		await replaceTable(db, 'travel_times', tt(['AFTER']));
		expect((await rows(db, 'SELECT destination_id FROM travel_times')).map((r) => r.destination_id)).toEqual(['AFTER']);
		await db.close();
	});
});
