/**
 * The Content-Security-Policy, in one place for the build (svelte.config.js puts it into every page as a
 * <meta> tag, with hashes for SvelteKit's inline scripts) and the server (scripts/serve.mjs sends it as a
 * header too: `frame-ancestors` works only in a header, browsers ignore it in a <meta> tag).
 * Only the app's own origin: no CDN, tiles or fonts, so personal data cannot be sent anywhere;
 * 'wasm-unsafe-eval' lets DuckDB's WebAssembly compile; workers come from our origin or blob: URLs.
 */

/** @type {Record<string, string[]>} SvelteKit's directive format (keywords without quotes). */
export const CSP_DIRECTIVES = {
	'default-src': ['self'],
	'script-src': ['self', 'wasm-unsafe-eval'],
	'worker-src': ['self', 'blob:'],
	'connect-src': ['self', 'blob:', 'data:'],
	'img-src': ['self', 'data:', 'blob:'],
	'style-src': ['self', 'unsafe-inline'],
	'font-src': ['self'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self'],
	// No page may frame the app (clickjacking); effective from the HTTP header only.
	'frame-ancestors': ['none']
};

const KEYWORDS = new Set(['self', 'none', 'unsafe-inline', 'unsafe-eval', 'wasm-unsafe-eval', 'strict-dynamic', 'unsafe-hashes']);

/**
 * The policy as an HTTP header value. The pages' inline scripts are allowed by hash in their <meta>
 * policy; the header cannot know those hashes, so it allows inline scripts and the meta policy (both are
 * enforced, the stricter wins) narrows them down to the hashed ones.
 */
export function cspHeader() {
	return Object.entries(CSP_DIRECTIVES)
		.map(([name, values]) => {
			const v = name === 'script-src' ? [...values, 'unsafe-inline'] : values;
			return `${name} ${v.map((x) => (KEYWORDS.has(x) ? `'${x}'` : x)).join(' ')}`;
		})
		.join('; ');
}
