/**
 * A small browser-test harness on playwright-core + Debian chromium (a test tool's own browser
 * download is impossible here). Serves build/ on loopback, runs each test in a fresh page, records
 * every request and fails any test that contacted another origin.
 */
import fs from 'node:fs';
import path from 'node:path';
import { startServer, launch } from '../../scripts/headless.mjs';

export { startServer, launch };

export const SCREEN_DIR = path.resolve('test-results/screens');

export class AssertionError extends Error {}

/** Minimal assertion helper with readable messages. */
export function assert(cond, message) {
	if (!cond) throw new AssertionError(message);
}

/**
 * Run test modules: each exports `tests = [{ name, run: async (t) => {} }]`.
 * `t` has page, base, goto(path), screenshot(name), requests (all URLs seen), consoleErrors.
 */
export async function runAll(files) {
	fs.mkdirSync(SCREEN_DIR, { recursive: true });
	const server = await startServer();
	let ctx = null;
	let passed = 0;
	let failed = 0;
	try {
		for (const file of files) {
			// A fresh browser profile per file: stored data (IndexedDB, language) never leaks between files.
			await ctx?.close();
			ctx = await launch();
			const mod = await import(path.resolve(file));
			for (const test of mod.tests) {
				const page = await ctx.newPage();
				const requests = [];
				const consoleErrors = [];
				const pageErrors = [];
				page.on('request', (r) => requests.push(r.url()));
				page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
				page.on('pageerror', (e) => (pageErrors.push(String(e)), consoleErrors.push(String(e))));
				const t = {
					page,
					base: server.base,
					requests,
					consoleErrors,
					goto: (p) => page.goto(server.base + p, { waitUntil: 'domcontentloaded' }),
					screenshot: (name) => page.screenshot({ path: path.join(SCREEN_DIR, `${name}.png`), fullPage: true }),
					/** Wait until the app has started DuckDB and loaded the default scenario. */
					ready: () => page.waitForSelector('main[data-phase="ready"]', { timeout: 60_000 })
				};
				const started = Date.now();
				try {
					await test.run(t);
					const foreign = requests.filter((u) => !u.startsWith(server.base) && !u.startsWith('data:') && !u.startsWith('blob:'));
					assert(foreign.length === 0, `requests left the app's origin: ${foreign.slice(0, 5).join(', ')}`);
					assert(pageErrors.length === 0, `uncaught errors in the page: ${pageErrors.slice(0, 3).join(' | ')}`);
					passed++;
					console.log(`  ✓ ${path.basename(file)} › ${test.name} (${Date.now() - started} ms)`);
				} catch (e) {
					failed++;
					console.log(`  ✗ ${path.basename(file)} › ${test.name}\n      ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n      ')}`);
					if (consoleErrors.length) console.log(`      console errors: ${consoleErrors.slice(0, 5).join(' | ')}`);
					await page.screenshot({ path: path.join(SCREEN_DIR, `FAILED-${test.name.replace(/\W+/g, '_')}.png`) }).catch(() => {});
				} finally {
					await page.close();
				}
			}
		}
	} finally {
		await ctx?.close();
		server.stop();
	}
	console.log(`\n${passed} passed, ${failed} failed`);
	return failed === 0;
}
