/**
 * Accessibility: axe-core on every page once its content is there, zero serious or critical
 * violations. axe is injected as a script string through the test driver (no CDN, nothing added to the
 * app or its Content-Security-Policy).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { assert } from './harness.mjs';

const AXE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Each page and what shows it is complete. */
const PAGES = [
	['/', '[data-testid="details-panel"]'],
	['/ranking', '[data-testid="ranking"][data-travel-rows]:not([data-travel-rows="0"]) tbody tr'],
	['/compare', '[data-testid="compare-share"] svg[role="img"]'],
	['/sites/S1-EICHHOF', '[data-figure="tornado"] svg[role="img"]'],
	['/report', 'article[data-report-ready="true"]'],
	['/briefing', 'section[data-briefing-ready="true"]'],
	['/reach', 'main[data-phase="ready"] h1'],
	['/data', 'main[data-phase="ready"] h1'],
	['/no-such-page', '[data-testid="error-page"]']
];

async function axe(page) {
	await page.evaluate(AXE);
	return page.evaluate(async () => {
		// @ts-expect-error injected
		const r = await window.axe.run(document, { resultTypes: ['violations'] });
		return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
	});
}

export const tests = PAGES.map(([url, ready]) => ({
	name: `accessibility: ${url} has no serious axe-core violations`,
	async run(t) {
		await t.goto(url);
		await t.ready();
		await t.page.waitForSelector(ready, { timeout: 180_000 });
		const found = await axe(t.page);
		const serious = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
		const other = found.filter((v) => !serious.includes(v));
		if (other.length) console.log(`      ${url}: minor/moderate: ${other.map((v) => `${v.id} (${v.impact})`).join(', ')}`);
		assert(serious.length === 0, `${url}: ${serious.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.join(' | ')}`).join('\n      ')}`);
	}
}));
