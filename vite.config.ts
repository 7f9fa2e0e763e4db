import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { defaultSnapshot } from './scripts/vite/snapshot-plugin.ts';
import { precompressBuild } from './scripts/vite/precompress-plugin.ts';

export default defineConfig({
	// precompressBuild after sveltekit(): it compresses what the adapter wrote (svelte.config.js: pages 'build').
	plugins: [defaultSnapshot(), sveltekit(), precompressBuild('build')],
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	worker: { format: 'es' },
	server: { fs: { allow: ['data'] } },
	// The wasm and worker assets are large by nature; plugin timing reports are noise in CI logs.
	build: { chunkSizeWarningLimit: 4000, rolldownOptions: { checks: { pluginTimings: false } } },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		server: { deps: { external: [/@duckdb\/duckdb-wasm/] } }
	}
});
