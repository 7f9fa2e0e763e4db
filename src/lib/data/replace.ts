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

/**
 * Run `f` after every earlier replacement step on `db` (failures of earlier steps do not block it). Also
 * for statements of an import that must not land inside another step's transaction (import/fast/run.ts).
 */
export function queued<T>(db: Db, f: () => Promise<T>): Promise<T> {
	const run = (queues.get(db) ?? Promise.resolve()).catch(() => {}).then(f);
	queues.set(db, run);
	return run;
}

/** In one transaction: recreate `name` and fill it from `staging` (rolled back on any error). */
async function swapIn(db: Db, name: TableName, staging: string): Promise<void> {
	const def = tables[name];
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
}

export function replaceTable(db: Db, name: TableName, data: Table): Promise<void> {
	return queued(db, async () => {
		const staging = `__staging_${name}`;
		await db.exec(createTableSql(tables[name], staging));
		try {
			await db.insertArrow(data, staging, 'append');
			await swapIn(db, name, staging);
		} finally {
			await db.exec(`DROP TABLE IF EXISTS ${ident(staging)}`);
		}
	});
}

/**
 * Append rows (an Arrow table, or IPC bytes as kept) to a schema table matching columns by name: tables
 * kept by an earlier version (IndexedDB) may lack a column added since (e.g. geocode_quality), which then
 * stays NULL.
 */
export function appendByName(db: Db, name: TableName, data: Table | Uint8Array): Promise<void> {
	return queued(db, async () => {
		const tmp = `__restore_${name}`;
		await db.insertArrow(data, tmp, 'create');
		try {
			await db.exec(`INSERT INTO ${ident(name)} BY NAME SELECT * FROM ${ident(tmp)}`);
		} finally {
			await db.exec(`DROP TABLE IF EXISTS ${ident(tmp)}`);
		}
	});
}

// ---- Streaming imports: rows arrive in batches into a staging table that lives until the user
// commits (one transaction swaps it in) or gives up (dropped). Every step goes through the same
// queue as replaceTable, so a batch never lands inside another replacement's transaction.

/** The staging table of an import into `name`. */
export const importStaging = (name: TableName) => `__import_${name}`;

/** Create an empty staging table for `name` (replacing a left-over one). */
export function stageBegin(db: Db, name: TableName): Promise<void> {
	return queued(db, async () => {
		await db.exec(`DROP TABLE IF EXISTS ${ident(importStaging(name))}`);
		await db.exec(createTableSql(tables[name], importStaging(name)));
	});
}

/** Append one validated batch (exactly the schema's columns) to the staging table. */
export function stageAppend(db: Db, name: TableName, batch: Table): Promise<void> {
	return queued(db, () => db.insertArrow(batch, importStaging(name), 'append'));
}

/**
 * Replace `name` with the staged rows in one transaction; returns the row count. The staging table has
 * exactly the schema's columns (createTableSql), so it is renamed into place: no copy of a million rows.
 */
export function stageCommit(db: Db, name: TableName): Promise<number> {
	return queued(db, async () => {
		const staging = importStaging(name);
		try {
			await db.exec('BEGIN TRANSACTION');
			try {
				await db.exec(`DROP TABLE IF EXISTS ${ident(name)}`);
				await db.exec(`ALTER TABLE ${ident(staging)} RENAME TO ${ident(name)}`);
				await db.exec('COMMIT');
			} catch (e) {
				await db.exec('ROLLBACK');
				throw e;
			}
			const t = await db.arrow(`SELECT count(*)::INTEGER AS n FROM ${ident(name)}`);
			return Number(t.getChild('n')!.get(0));
		} finally {
			await db.exec(`DROP TABLE IF EXISTS ${ident(staging)}`);
		}
	});
}

/** Forget the staged rows (cancel, errors, a new file); the real table was never touched. */
export function stageDrop(db: Db, name: TableName): Promise<void> {
	return queued(db, () => db.exec(`DROP TABLE IF EXISTS ${ident(importStaging(name))}`));
}
