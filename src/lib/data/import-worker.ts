/**
 * Web Worker entry of the importer: parse + validate off the main thread (see import/worker-handlers.ts).
 * Page side:
 *   const call = client(new Worker(new URL('$lib/data/import-worker.ts', import.meta.url), { type: 'module' }));
 *   await call('setRefs', { plzCsv, centroidsCsv, municipalitiesGeojson });
 *   const r = await call<WorkerImportResponse>('importFile', { table, fileName, bytes }, { onProgress, signal, transfer: [bytes.buffer] });
 *   if (r.ipc && !r.stats!.errors) await commitImport(db, table, tableFromIPC(r.ipc));
 */
import { serve, type Endpoint } from '../util/rpc.ts';
import { importHandlers } from './import/worker-handlers.ts';

serve(self as unknown as Endpoint, importHandlers());
