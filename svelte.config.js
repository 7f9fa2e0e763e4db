import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

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
		alias: { $data: 'data' }
	}
};

export default config;
