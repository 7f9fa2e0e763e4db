import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	worker: { format: 'es' },
	server: { fs: { allow: ['data'] } },
	build: { chunkSizeWarningLimit: 4000 },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		server: { deps: { external: [/@duckdb\/duckdb-wasm/] } }
	}
});
