/**
 * `npm run cli -- report [--format pdf|pptx] [--out file] [--scenario file.json] [--lang de|en] [--date YYYY-MM-DD] [--png page1.png] [--build]`
 * Renders the app in headless chromium for the embedded Lucerne default data and the given scenario
 * (weights and parameters): `pdf` (default) prints the report page (the same print view the browser
 * prints) to A4; `pptx` opens the briefing and saves its PowerPoint export (the same file the button
 * gives). Builds the app first when build/ is missing (or with --build).
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ParamError, parseScenario, scenarioToParam } from '../../src/lib/model/index.ts';
import { flag, option, lang as langOf } from './_args.ts';
import { isIsoDate } from '../../src/lib/app/url.ts';
import { launch, startServer } from '../headless.mjs';

export const summary = 'render the committee report (print view) to PDF in headless chromium';

const READY = 'article[data-report-ready="true"]';
const BRIEFING_READY = 'section[data-briefing-ready="true"]';

export async function run(args: string[]): Promise<number> {
	if (flag(args, '--help')) {
		console.log('Usage: npm run cli -- report [--format pdf|pptx] [--out file] [--scenario scenario.json] [--lang de|en] [--date YYYY-MM-DD] [--png first-page.png] [--build]');
		console.log('pdf (default): /report of the built app (embedded Lucerne default data) as an A4 PDF.');
		console.log('pptx: the briefing slides of /briefing as a PowerPoint file. The scenario file is one saved from the app.');
		return 0;
	}
	const format = option(args, '--format') ?? 'pdf';
	if (format !== 'pdf' && format !== 'pptx') {
		console.error(`--format must be pdf or pptx, got "${format}"`);
		return 2;
	}
	const out = path.resolve(option(args, '--out') ?? (format === 'pdf' ? 'standortwahl-bericht.pdf' : 'standortwahl-briefing.pptx'));
	const date = option(args, '--date');
	// The same check the report page applies to its ?date= (a real calendar date), so the PDF never says it ignored it.
	if (date && !isIsoDate(date)) {
		console.error(langOf(args) === 'de' ? `--date braucht ein Datum JJJJ-MM-TT, nicht «${date}»` : `--date must be a date YYYY-MM-DD, got "${date}"`);
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
			console.error(e instanceof ParamError ? `${file}: ${e.msg[langOf(args)]}` : `${file}: not a scenario file (${e instanceof Error ? e.message : String(e)})`);
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
		if (format === 'pptx') return await briefing(page, server.base, query, out, errors, option(args, '--png'));
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

/** The briefing's PowerPoint export, saved as the browser would download it. */
async function briefing(page: Page, base: string, query: URLSearchParams, out: string, errors: string[], png: string | undefined): Promise<number> {
	await page.goto(`${base}/briefing?${query}`, { waitUntil: 'domcontentloaded' });
	await page.waitForSelector(`${BRIEFING_READY}, [role="alert"]`, { timeout: 180_000 });
	const alert = await page.locator('[role="alert"]').allInnerTexts();
	if (alert.length) throw new Error(alert.join('; '));
	const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-testid="brief-pptx"]')]);
	await download.saveAs(out);
	if (errors.length) throw new Error(errors.join('; '));
	const id = await page.locator(BRIEFING_READY).getAttribute('data-slides');
	console.log(`briefing: ${out} (${id} slides, ${(statSync(out).size / 1024).toFixed(0)} kB), scenario ${await scenarioId(page)}`);
	if (png) {
		await page.screenshot({ path: png });
		console.log(`first slide as PNG: ${png}`);
	}
	return 0;
}

async function scenarioId(page: Page): Promise<string> {
	const title = (await page.locator('section[data-briefing-ready] article[data-kind="title"]').textContent()) ?? '';
	return /\b([0-9a-f]{16})\b/.exec(title)?.[1] ?? '?';
}
