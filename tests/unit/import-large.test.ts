/**
 * Large inputs, scaled down for CI (issue 6 item 2): a Parquet file with several row groups is read
 * group by group with rising progress and can be cancelled between groups. The 1 M-row figures are
 * in bench/RESULTS.md (bench/import.ts), not asserted here.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import { importFile } from '../../src/lib/data/import/index.ts';

const N = 100_000;
let bytes: Uint8Array;
let dir: string;
let groups: number;

beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'import-large-'));
	const file = path.join(dir, 'customers.parquet');
	const inst = await DuckDBInstance.create(':memory:');
	const con = await inst.connect();
	// Deterministic rows: group by i % 3, count 1 + i % 7, a point in Lucerne moved by i.
	await con.run(`COPY (SELECT 'C' || i AS customer_id, ['insured','employer','jobseeker'][1 + i % 3] AS "group", 1 + i % 7 AS count,
		(i % 10) / 2.0 AS visits_per_year, 8.30 + (i % 1000) / 100000.0 AS lon, 47.05 + (i % 500) / 100000.0 AS lat
		FROM range(${N}) t(i)) TO '${file}' (FORMAT parquet, ROW_GROUP_SIZE 20480)`);
	groups = Number((await con.runAndReadAll(`SELECT count(DISTINCT row_group_id) AS g FROM parquet_metadata('${file}')`)).getRowObjects()[0].g);
	bytes = new Uint8Array(readFileSync(file));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('large Parquet, row group by row group', () => {
	it(`reads ${N} rows with progress per row group`, async () => {
		expect(groups).toBeGreaterThanOrEqual(4);
		const seen: number[] = [];
		const r = await importFile('customers', { fileName: 'customers.parquet', bytes }, { refs: loadGeoRefs(), onProgress: (f) => seen.push(f) });
		expect(r.issues).toEqual([]);
		expect(r.result?.stats.rows).toBe(N);
		expect(r.result?.arrow.numRows).toBe(N);
		// Row 12345: i % 3 = 0 -> insured, count 1 + 12345 % 7 = 5, visits (12345 % 10)/2 = 2.5.
		const t = r.result!.arrow;
		expect([t.getChild('customer_id')!.get(12345), t.getChild('group')!.get(12345), Number(t.getChild('count')!.get(12345)), t.getChild('visits_per_year')!.get(12345)]).toEqual(['C12345', 'insured', 5, 2.5]);
		// Reading is 80 % of importFile's progress: one report per row group below 0.8, rising.
		const reading = seen.filter((f) => f > 0 && f < 0.8);
		expect(reading.length).toBeGreaterThanOrEqual(groups - 1);
		expect(seen.every((f, i) => i === 0 || f >= seen[i - 1])).toBe(true);
		expect(seen.at(-1)).toBe(1);
	}, 60_000);
	it('cancels between row groups', async () => {
		const ac = new AbortController();
		const r = await importFile('customers', { fileName: 'customers.parquet', bytes }, { signal: ac.signal, onProgress: (f) => f > 0.2 && ac.abort() });
		expect(r.cancelled).toBe(true);
		expect(r.result).toBeNull();
		expect(r.issues.map((i) => i.code)).toEqual(['cancelled']);
	}, 60_000);
});
