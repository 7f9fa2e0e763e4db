import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES } from './csp.config.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		// Runes everywhere in our code; libraries decide for themselves.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		// A fully static build: the whole app, its data and its wasm are served from one origin.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
		alias: { $data: 'data' },
		// The policy lives in csp.config.js (the server sends it as a header too); see there for why.
		csp: {
			mode: 'hash',
			directives: /** @type {import('@sveltejs/kit').CspDirectives} */ (CSP_DIRECTIVES)
		}
	}
};

export default config;
