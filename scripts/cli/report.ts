/**
 * `npm run cli -- report [--out report.pdf] [--scenario file.json] [--lang de|en] [--date YYYY-MM-DD] [--png page1.png] [--build]`
 * Renders the app's report page (the same print view the browser prints) to an A4 PDF in headless
 * chromium, for the embedded Lucerne default data and the given scenario (weights and parameters).
 * Builds the app first when build/ is missing (or with --build).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseScenario, scenarioToParam } from '../../src/lib/model/index.ts';
import { flag, option, lang as langOf } from './_args.ts';
import { launch, startServer } from '../headless.mjs';

export const summary = 'render the committee report (print view) to PDF in headless chromium';

const READY = 'article[data-report-ready="true"]';

export async function run(args: string[]): Promise<number> {
	if (flag(args, '--help')) {
		console.log('Usage: npm run cli -- report [--out report.pdf] [--scenario scenario.json] [--lang de|en] [--date YYYY-MM-DD] [--png first-page.png] [--build]');
		console.log('Renders /report of the built app (embedded Lucerne default data) to an A4 PDF. The scenario file is one saved from the app.');
		return 0;
	}
	const out = path.resolve(option(args, '--out') ?? 'standortwahl-bericht.pdf');
	const date = option(args, '--date');
	if (date && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
		console.error(`--date must be YYYY-MM-DD, got "${date}"`);
		return 2;
	}
	const query = new URLSearchParams({ lang: langOf(args) });
	if (date) query.set('date', date);
	const file = option(args, '--scenario');
	if (file) {
		try {
			const s = parseScenario(readFileSync(file, 'utf8'));
			query.set('s', scenarioToParam({ name: s.name, params: s.params, weights: s.weights }));
		} catch (e) {
			console.error(`${file}: not a scenario file (${e instanceof Error ? e.message : String(e)})`);
			return 1; // bad input, not bad usage
		}
	}
	if (flag(args, '--build') || !existsSync('build/index.html')) {
		console.error('› building the app (vite build) …');
		const b = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
		if (b.status !== 0) return 1;
	}

	const server = await startServer('build');
	const ctx = await launch();
	try {
		const page = await ctx.newPage();
		const errors: string[] = [];
		page.on('pageerror', (e: Error) => errors.push(String(e)));
		page.on('request', (r: { url(): string }) => {
			if (!r.url().startsWith(server.base) && !/^(data|blob):/.test(r.url())) errors.push(`request to another origin: ${r.url()}`);
		});
		await page.goto(`${server.base}/report?${query}`, { waitUntil: 'domcontentloaded' });
		await page.waitForSelector(`${READY}, [role="alert"]`, { timeout: 180_000 });
		const alert = await page.locator('[role="alert"]').allInnerTexts();
		if (alert.length) throw new Error(alert.join('; '));
		if (errors.length) throw new Error(errors.join('; '));
		const id = await page.locator(READY).getAttribute('data-scenario-id');
		const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
		writeFileSync(out, pdf);
		const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
		console.log(`report: ${out} (${pages} pages, ${(pdf.length / 1024).toFixed(0)} kB), scenario ${id}`);
		const png = option(args, '--png');
		if (png) {
			await page.emulateMedia({ media: 'print' });
			await page.locator('article.report .sheet').first().screenshot({ path: png });
			console.log(`first page as PNG: ${png}`);
		}
		return 0;
	} catch (e) {
		console.error(`report failed: ${e instanceof Error ? e.message : String(e)}`);
		return 1;
	} finally {
		await ctx.close();
		server.stop();
	}
}
