/**
 * The page's side of the address directory: the import worker reads and cuts the file, keeps the cut
 * columns for its imports and in IndexedDB (the file and its addresses never leave the browser);
 * the page only sends the file handle and the study region's points and gets a summary back.
 */
import { addressRegionPoints, ADDRESS_BUFFER_KM } from '../data/address/region-points.ts';
import type { AddressLoadResponse, AddressSummary } from '../data/import/worker-handlers.ts';
import { importWorker } from './import-client.ts';
import { startApp } from './app.svelte.ts';

export type { AddressSummary };

/** Read `file`, cut it to the scenario's study region (buffer in km) and use it for imports from now on. */
export async function loadAddressDirectory(
	file: File,
	o: { bufferKm?: number; signal: AbortSignal; onProgress?: (fraction: number, rowsRead: number, rowsKept: number) => void }
): Promise<AddressLoadResponse> {
	const [call, db] = await Promise.all([importWorker(), startApp()]);
	const points = await addressRegionPoints(db);
	return call.loadAddresses(
		{ file, name: file.name, points, bufferKm: o.bufferKm ?? ADDRESS_BUFFER_KM },
		{
			signal: o.signal,
			onProgress: (f, note) => {
				const [read, kept] = String(note ?? '0 0').split(' ').map(Number);
				o.onProgress?.(f, read, kept);
			}
		}
	);
}

/** The directory in use (restored from IndexedDB on the worker's start), or null. */
export async function addressDirectoryStatus(): Promise<AddressSummary | null> {
	const call = await importWorker();
	return call.addressStatus(undefined);
}

/** Stop using the directory and delete the kept copy. */
export async function forgetAddressDirectory(): Promise<void> {
	const call = await importWorker();
	await call.forgetAddresses(undefined);
}
