import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import { importHandlers, type WorkerImportResponse } from '../../src/lib/data/import/worker-handlers.ts';
import { CancelledError, client, serve, type Endpoint } from '../../src/lib/util/rpc.ts';
import type { ImportHandlers } from '../../src/lib/data/import/worker-handlers.ts';

function connect() {
	const ch = new MessageChannel();
	serve(ch.port1 as unknown as Endpoint, importHandlers(loadGeoRefs()));
	const call = client<ImportHandlers>(ch.port2 as unknown as Endpoint);
	return { call, close: () => (ch.port1.close(), ch.port2.close()) };
}
const staff = new Uint8Array(readFileSync(path.resolve(__dirname, '../fixtures/import/good/staff.csv')));

describe('import worker handlers over RPC', () => {
	it('returns Arrow IPC, preview and stats for a good file', async () => {
		const { call, close } = connect();
		const seen: number[] = [];
		const r = await call.importFile({ table: 'staff', fileName: 'staff.csv', bytes: staff }, { onProgress: (f) => seen.push(f) });
		close();
		expect(r.issues).toEqual([]);
		expect(r.stats).toMatchObject({ rows: 3, errors: 0 });
		const t = tableFromIPC(r.ipc!);
		expect(t.numRows).toBe(3);
		expect(t.getChild('person_id')!.toArray()).toEqual(['P1', 'P2', 'P3']);
		expect(Number(t.getChild('zone_id')!.get(1))).toBe(1059);
		expect(r.preview[1]).toMatchObject({ person_id: 'P2', fte: 0.8 });
		expect(seen.at(-1)).toBe(1);
	});
	it('reports bad files as issues and honours cancel', async () => {
		const { call, close } = connect();
		const bad = await call.importFile({ table: 'staff', fileName: 'x.csv', bytes: new Uint8Array(0) });
		expect(bad.ipc).toBeNull();
		expect(bad.issues.map((i) => i.code)).toEqual(['empty_file']);
		const big = new TextEncoder().encode('person_id,unit,fte,office_id,lon,lat\n' + Array.from({ length: 200_000 }, (_, i) => `P${i},AK,1,X,8.31,47.05`).join('\n'));
		const ac = new AbortController();
		const p = call.importFile({ table: 'staff', fileName: 'big.csv', bytes: big }, { signal: ac.signal, onProgress: (f) => f > 0.1 && ac.abort() });
		const r = await p.catch((e) => e);
		close();
		// importFile turns the abort into a 'cancelled' issue; the RPC layer may also report CancelledError.
		expect(r instanceof CancelledError || (r as WorkerImportResponse).cancelled).toBe(true);
	});
});
