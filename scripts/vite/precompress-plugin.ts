/**
 * Vite plugin: once SvelteKit's adapter has written the static build, write its gzip and brotli copies
 * (scripts/precompress.mjs), so every `vite build` ships them and scripts/serve.mjs can send them.
 * Runs after the adapter: SvelteKit adapts in the server build's closeBundle; this hook is ordered 'post'.
 */
import type { Plugin, ResolvedConfig } from 'vite';
import { precompress } from '../precompress.mjs';

export function precompressBuild(dir: string): Plugin {
	let config: ResolvedConfig;
	return {
		name: 'standortwahl-precompress',
		apply: 'build',
		configResolved(c) {
			config = c;
		},
		closeBundle: {
			order: 'post',
			sequential: true,
			async handler() {
				if (!config.build.ssr) return; // the client build ends first; the adapter runs at the end of the server build
				const t0 = Date.now();
				const r = await precompress(dir);
				config.logger.info(`[precompress] ${r.files} files: ${(r.before / 1e6).toFixed(1)} MB → brotli ${(r.br / 1e6).toFixed(1)} MB, gzip ${(r.gz / 1e6).toFixed(1)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
			}
		}
	};
}
