/**
 * Vite plugin: before the app is built or served, write the default scenario's snapshot
 * (scripts/snapshot.ts) to data/derived/default-snapshot.bin and the default network files beside it,
 * where src/lib/ui/assets.ts picks them up. Run in a child process (the pipeline loads duckdb-wasm and
 * the networks; Vite's own process stays lean), once per Vite process even though SvelteKit builds
 * client and server. Not under Vitest. If it fails the app still works: it computes the default's travel
 * times live and builds the networks from their inputs, as before.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import type { Plugin } from 'vite';

export const SNAPSHOT_FILE = 'data/derived/default-snapshot.bin';

// Per process, not per module instance: the config is bundled and loaded again for SvelteKit's second build.
const shared = globalThis as { __standortwahlSnapshot?: Promise<void> };

export function defaultSnapshot(): Plugin {
	return {
		name: 'standortwahl-default-snapshot',
		apply: () => !process.env.VITEST,
		buildStart() {
			shared.__standortwahlSnapshot ??= new Promise<void>((resolve) => {
				const root = process.cwd();
				const t0 = Date.now();
				execFile(path.join(root, 'node_modules/.bin/tsx'), ['scripts/snapshot.ts', SNAPSHOT_FILE], { cwd: root }, (err, _out, errText) => {
					if (err) console.warn(`[snapshot] not built, the app computes the default live: ${errText || err.message}`);
					else console.log(`[snapshot] ${errText.trim()} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
					resolve();
				});
			});
			return shared.__standortwahlSnapshot;
		}
	};
}
