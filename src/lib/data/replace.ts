/**
 * Replace a schema table's contents atomically: load into a staging table, then swap in one
 * transaction. If anything fails, the previous contents stay (nothing is lost on a failed import).
 */
import type { Table } from 'apache-arrow';
import type { Db } from './db/connector.ts';
import { createTableSql, ident, tables, type TableName } from './schema.ts';

// One connection serves the whole app, and DuckDB has one transaction per connection: replacements that
// overlap (an import committed while the travel-time matrix is being stored) must run one after the other.
const queues = new WeakMap<Db, Promise<unknown>>();

export function replaceTable(db: Db, name: TableName, data: Table): Promise<void> {
	const run = (queues.get(db) ?? Promise.resolve()).catch(() => {}).then(() => replaceNow(db, name, data));
	queues.set(db, run);
	return run;
}

async function replaceNow(db: Db, name: TableName, data: Table): Promise<void> {
	const def = tables[name];
	const staging = `__staging_${name}`;
	await db.exec(createTableSql(def, staging));
	try {
		await db.insertArrow(data, staging, 'append');
		const cols = def.columns.map((c) => ident(c.name)).join(', ');
		await db.exec('BEGIN TRANSACTION');
		try {
			await db.exec(createTableSql(def));
			await db.exec(`INSERT INTO ${ident(name)} (${cols}) SELECT ${cols} FROM ${ident(staging)}`);
			await db.exec('COMMIT');
		} catch (e) {
			await db.exec('ROLLBACK');
			throw e;
		}
	} finally {
		await db.exec(`DROP TABLE IF EXISTS ${ident(staging)}`);
	}
}
