import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { schemaMarkdown, tables, createTableSql } from '../../src/lib/data/schema.ts';

describe('schema documentation', () => {
	it('docs/SCHEMA.md is generated from schema.ts and current (npm run -s cli -- schema > docs/SCHEMA.md)', () => {
		expect(readFileSync('docs/SCHEMA.md', 'utf8').trim()).toBe(schemaMarkdown('en').trim());
	});
	it('every table has unique column names and a DDL statement', () => {
		for (const t of Object.values(tables)) {
			const names = t.columns.map((c) => c.name);
			expect(new Set(names).size).toBe(names.length);
			if (t.key) expect(names).toContain(t.key);
			expect(createTableSql(t)).toMatch(new RegExp(`^CREATE OR REPLACE TABLE "${t.name}"`));
		}
	});
});
