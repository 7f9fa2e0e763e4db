/**
 * Web Worker entry of the importer: read + validate + type off the main thread (see import/worker-handlers.ts).
 * The data page streams (src/lib/ui/import-client.ts):
 *   const call = client(new Worker(new URL('../data/import-worker.ts', import.meta.url), { type: 'module' }));
 *   await call('setRefs', { plzCsv, centroidsCsv, municipalitiesGeojson });
 *   const o = await call<StreamOpenResponse>('open', { table, fileName: file.name, file, mapping });  // File handle, not bytes
 *   for (;;) { const r = await call<StreamNextResponse>('next', { session: o.session }, { signal, onProgress });
 *              if (r.done) break; await stageAppend(db, table, tableFromIPC(r.ipc)); }          // batches as Arrow IPC
 *   if (!r.stats.errors) await stageCommit(db, table);                                           // one transaction
 * `importFile` (whole file as bytes, one Arrow IPC result) stays for small files and tests.
 * Address directory: `loadAddresses` (file handle + study region points), `restoreAddresses` on start,
 * `forgetAddresses` (see src/lib/ui/address-client.ts).
 */
import { serve, type Endpoint } from '../util/rpc.ts';
import { importHandlers } from './import/worker-handlers.ts';
import { del, get, put } from '../ui/persist.ts';

// The cut address directory is kept in IndexedDB by the worker itself: it never crosses to the page.
serve(self as unknown as Endpoint, importHandlers({}, { store: { get, put, del } }));
