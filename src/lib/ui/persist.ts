/**
 * Keeps the user's imported tables (as Arrow IPC bytes) and scenarios in IndexedDB, so they survive a
 * page reload. Nothing is sent anywhere; "clear all data" deletes the whole store.
 */
const DB_NAME = 'standortwahl';
const STORE = 'kv';

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const req = indexedDB.open(DB_NAME, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error);
	});
}

async function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
	const db = await open();
	try {
		return await new Promise<T>((resolve, reject) => {
			const t = db.transaction(STORE, mode);
			const req = fn(t.objectStore(STORE));
			t.oncomplete = () => resolve(req.result);
			t.onerror = () => reject(t.error);
			t.onabort = () => reject(t.error);
		});
	} finally {
		db.close();
	}
}

/** Store a value (structured-clonable: Uint8Array, plain objects) under a key. */
export function put(key: string, value: unknown): Promise<IDBValidKey> {
	return tx('readwrite', (s) => s.put(value, key));
}

/** Read a value, or undefined. */
export function get<T>(key: string): Promise<T | undefined> {
	return tx('readonly', (s) => s.get(key) as IDBRequest<T | undefined>);
}

/** All keys starting with a prefix. */
export async function keys(prefix: string): Promise<string[]> {
	const all = await tx('readonly', (s) => s.getAllKeys());
	return all.map(String).filter((k) => k.startsWith(prefix));
}

/** Delete one key. */
export function del(key: string): Promise<undefined> {
	return tx('readwrite', (s) => s.delete(key));
}

/** Delete everything this app stored. */
export function clearAll(): Promise<undefined> {
	return tx('readwrite', (s) => s.clear());
}
