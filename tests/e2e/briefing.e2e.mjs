import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assert } from './harness.mjs';
import { germanProblems, pptxSlides, describe } from './text-check.mjs';

const READY = 'section[data-briefing-ready="true"]';
const slideNo = (t) => t.page.locator('section.deck').getAttribute('data-slide').then(Number);

export const tests = [
	{
		name: 'briefing: full-screen slides paged by keyboard, every slide looked at, Esc ends',
		async run(t) {
			await t.goto('/briefing?date=2026-11-23');
			await t.ready();
			await t.page.waitForSelector(READY, { timeout: 120_000 });
			const total = Number(await t.page.locator(READY).getAttribute('data-slides'));
			assert(total === 8, `expected 8 slides, got ${total}`);
			const kinds = await t.page.locator('article.slide').evaluateAll((xs) => xs.map((x) => x.dataset.kind));
			assert(kinds.join() === 'title,recommendation,figure,ranking,robustness,costs,whatif,open', `slides: ${kinds}`);
			const titleNote = await t.page.locator('article[data-kind="title"] .note').innerText();
			assert(/^Synthetisch \(Zufallsgenerator, Startwert \d+\): Mitarbeitende, Kundschaft, Kennzahlen der Standortkandidaten und Kennzahlen der heutigen Standorte\./.test(titleNote), `title note: ${titleNote}`);
			// Large type: the deck's base size is at least 24 px on this 1400 × 1000 view.
			const size = await t.page.locator('section.deck').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
			assert(size >= 24, `briefing type only ${size}px`);
			for (let i = 0; i < total; i++) {
				assert((await slideNo(t)) === i, `on slide ${await slideNo(t)}, expected ${i}`);
				// Only the current slide is visible and reachable; the others are inert.
				assert((await t.page.locator('article.slide.current').count()) === 1, 'not exactly one current slide');
				await t.screenshot(`briefing-${i + 1}`);
				await t.page.keyboard.press('ArrowRight');
			}
			assert((await slideNo(t)) === total - 1, 'ArrowRight went past the last slide');
			await t.page.keyboard.press('Home');
			assert((await slideNo(t)) === 0, 'Home did not go to the first slide');
			await t.page.keyboard.press('End');
			assert((await slideNo(t)) === total - 1, 'End did not go to the last slide');
			await t.page.keyboard.press('ArrowLeft');
			assert((await slideNo(t)) === total - 2, 'ArrowLeft did not go back');
			// The recommendation slide names the first-ranked site, the map slide has the map, the open points the target.
			const statement = await t.page.locator('[data-testid="brief-statement"]').textContent();
			assert(/: Rang 1 mit [\d.]+ von 100 Punkten/.test(statement ?? ''), `statement: ${statement}`);
			assert((await t.page.locator('article[data-kind="figure"] [data-figure-id="map"] svg[role="img"]').count()) === 1, 'map missing');
			const open = await t.page.locator('article[data-kind="open"]').innerText();
			assert(/Sparziel/.test(open) && /Finanzierung gekaufter Standorte/.test(open), `open points: ${open}`);
			await t.page.keyboard.press('Escape');
			await t.page.waitForURL('**/ranking', { timeout: 10_000 });
		}
	},
	{
		name: 'briefing: live what-if on two weights changes the leader without touching the scenario',
		async run(t) {
			await t.goto('/briefing?date=2026-11-23');
			await t.ready();
			await t.page.waitForSelector(READY, { timeout: 120_000 });
			const idBefore = await t.page.evaluate(() => document.querySelector('article[data-kind="title"]')?.textContent?.match(/[0-9a-f]{16}/)?.[0]);
			await t.page.keyboard.press('End');
			await t.page.keyboard.press('ArrowLeft');
			const first0 = await t.page.locator('[data-testid="whatif-first"]').getAttribute('data-site');
			// All weight off the NPV: a site that is better on commutes and customers comes first.
			await t.page.locator('[data-testid="whatif-npv"]').fill('0');
			await t.page.waitForFunction((f) => document.querySelector('[data-testid="whatif-first"]')?.getAttribute('data-site') !== f, first0);
			// Keys inside the slider move the slider, not the slides.
			await t.page.locator('[data-testid="whatif-customer_access"]').focus();
			await t.page.keyboard.press('ArrowRight');
			assert((await slideNo(t)) === 6, 'an arrow key in the slider paged the deck');
			await t.screenshot('briefing-whatif-changed');
			const idAfter = await t.page.evaluate(() => document.querySelector('article[data-kind="title"]')?.textContent?.match(/[0-9a-f]{16}/)?.[0]);
			assert(idBefore && idBefore === idAfter, `the what-if changed the scenario: ${idBefore} → ${idAfter}`);
		}
	},
	{
		name: 'briefing: the PowerPoint from the button and from the CLI say the same, in German without English leftovers, codes or file names',
		async run(t) {
			await t.goto('/briefing?date=2026-11-23');
			await t.ready();
			await t.page.waitForSelector(READY, { timeout: 120_000 });
			const [dl] = await Promise.all([t.page.waitForEvent('download', { timeout: 60_000 }), t.page.click('[data-testid="brief-pptx"]')]);
			assert(dl.suggestedFilename().endsWith('.pptx'), `file name ${dl.suggestedFilename()}`);
			const file = path.resolve('test-results/briefing.pptx');
			await dl.saveAs(file);
			const slides = pptxSlides(file);
			assert(slides.length === 8, `${slides.length} slides in the PowerPoint`);
			assert(slides[1].includes('Empfehlung') && slides[3].includes('Rangfolge der Standorte') && slides[7].includes('Was noch offen ist'), 'slide titles');
			const problems = germanProblems(slides.join('\n'));
			assert(problems.length === 0, `German PowerPoint:\n      ${describe(problems)}`);
			// The map and the rank-probability chart are pictures in it.
			const { unzipSync } = await import('fflate');
			const media = Object.keys(unzipSync(new Uint8Array(fs.readFileSync(file)))).filter((f) => f.startsWith('ppt/media/') && f.endsWith('.png'));
			assert(media.length >= 2, `images in the PowerPoint: ${media}`);

			const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-pptx-')), 'briefing.pptx');
			const log = execFileSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'report', '--format', 'pptx', '--out', out, '--date', '2026-11-23'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
			assert(/briefing: .*\(8 slides/.test(log), `CLI: ${log}`);
			const cli = pptxSlides(out);
			assert(JSON.stringify(cli) === JSON.stringify(slides), 'the CLI deck differs from the app deck');
		}
	}
];
