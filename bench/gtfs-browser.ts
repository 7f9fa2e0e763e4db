/**
 * The national cut in Debian chromium, in a Web Worker (printed, not asserted): a bare page
 * (bench/gtfs-browser/) gets the national-size zip through a file input (by path: chromium reads the
 * File lazily from disk, as for a user's upload), posts it to a worker running the same readGtfs as the
 * app (bundled with esbuild), and measures the main thread's longest gap between animation frames while
 * the worker reads. Also: wall time, the renderer processes' peak RSS (the worker lives in the renderer;
 * sampled from /proc every 250 ms), crash or not. Targets (issue 10): ≤ 180 s, no crash, frame gap < 200 ms.
 *
 * Usage: npx tsx bench/gtfs-browser.ts [zip=/tmp/gtfs-national.zip] [date=2021-06-15] [bufferKm=25]
 * GTFS_BENCH_PARTS=read,inflate,quiet adds runs that only read the File, only inflate stop_times.txt,
 * or cut without progress messages (to see which part costs main-thread frames).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { launch, startServer } from '../scripts/headless.mjs';
import { zugPoints } from './gtfs-points.ts';
import { rendererPids, sumBytes } from './chromium-procs.mjs';

const zip = path.resolve(process.argv[2] ?? '/tmp/gtfs-national.zip');
const date = process.argv[3] ?? '2021-06-15';
const bufferKm = Number(process.argv[4] ?? 25);
const MB = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;
const here = path.dirname(fileURLToPath(import.meta.url));

const site = fs.mkdtempSync(path.join(os.tmpdir(), 'gtfs-browser-bench-'));
for (const f of ['index.html', 'page.js']) fs.copyFileSync(path.join(here, 'gtfs-browser', f), path.join(site, f));
await build({ entryPoints: [path.join(here, 'gtfs-browser', 'worker.ts')], bundle: true, format: 'iife', target: 'es2022', outfile: path.join(site, 'worker.js'), logLevel: 'error' });
const { zones, sites } = zugPoints(date);


console.log(`# ${zip}: ${MB(fs.statSync(zip).size)}; region ${bufferKm} km around ${zones.length + sites.length} points; day ${date}; Debian chromium headless, Web Worker`);
const server = await startServer(site);
type Result = { type: string; ms: number; maxGap: number; frames: number; gaps: Array<[number, number]>; message?: string; counts?: Record<string, number> };

/** One upload of the zip to a fresh page: the worker cuts it (or, as a control, spins the CPU for `spinMs`). */
async function run(mode: 'cut' | 'control' | 'read' | 'inflate' | 'quiet', spinMs = 0): Promise<{ res: Result | null; wall: number; crashed: boolean; idleGap: number; baseRss: number; peakRss: number; hwm: number; pids: number }> {
	const ctx = await launch();
	try {
		const page = await ctx.newPage();
		let crashed = false;
		page.on('crash', () => (crashed = true));
		await page.goto(server.base + '/index.html');
		await page.evaluate((job) => ((window as unknown as { __job: unknown }).__job = job), { mode, spinMs, date, points: [...zones, ...sites], bufferKm });
		const idleGap = (await page.evaluate(() => (window as unknown as { __idleGap(ms: number): Promise<number> }).__idleGap(5000))) as number;
		const pids = rendererPids();
		const rss = () => sumBytes(pids);
		const baseRss = rss();
		let peakRss = baseRss;
		let sampling = true;
		const sampler = (async () => {
			while (sampling) {
				peakRss = Math.max(peakRss, rss());
				await new Promise((r) => setTimeout(r, 250));
			}
		})();
		const t0 = Date.now();
		await page.setInputFiles('#f', zip);
		await page
			.waitForFunction(() => (window as unknown as { __result?: unknown }).__result, undefined, { timeout: 900_000, polling: 500 })
			.catch((e) => {
				if (!crashed) throw e;
			});
		const wall = (Date.now() - t0) / 1000;
		sampling = false;
		await sampler;
		const hwm = sumBytes(pids, 'VmHWM');
		const res = crashed ? null : ((await page.evaluate(() => (window as unknown as { __result: unknown }).__result)) as Result);
		return { res, wall, crashed, idleGap, baseRss, peakRss, hwm, pids: pids.length };
	} finally {
		await ctx.close();
	}
}

const worstGaps = (r: Result) => JSON.stringify(r.gaps.slice().sort((a, b) => b[1] - a[1]).slice(0, 5));
try {
	const cut = await run('cut');
	if (cut.crashed || !cut.res) console.log(`CRASHED after ${cut.wall.toFixed(0)} s; renderer RSS peak ${MB(cut.peakRss)}`);
	else {
		const res = cut.res;
		if (res.type !== 'done') console.log(`error after ${(res.ms / 1000).toFixed(1)} s: ${res.message}`);
		else {
			const c = res.counts!;
			console.log(`worker cut: ${(res.ms / 1000).toFixed(1)} s (upload to result ${cut.wall.toFixed(1)} s)`);
			console.log(`  trips ${c.trips.toLocaleString('en')} → active ${c.tripsActive.toLocaleString('en')} → kept ${c.tripsKept.toLocaleString('en')}; stop_times ${c.stopTimes.toLocaleString('en')} → kept ${c.stopTimesKept.toLocaleString('en')}`);
		}
		console.log(`main thread: longest frame gap ${res.maxGap.toFixed(0)} ms over ${res.frames} frames (idle page before the upload, 5 s: ${cut.idleGap.toFixed(0)} ms); worst gaps [ms after upload, ms]: ${worstGaps(res)}`);
		console.log(`renderer RSS ${MB(cut.baseRss)} before → peak ${MB(cut.peakRss)} sampled, VmHWM ${MB(cut.hwm)} (${cut.pids} renderer process${cut.pids > 1 ? 'es' : ''})`);
		// Control: the same page with a worker that only burns CPU for as long: the machine's own frame-gap noise.
		const ctl = await run('control', res.ms);
		if (ctl.res) console.log(`control (worker spinning the CPU ${(ctl.res.ms / 1000).toFixed(0)} s, no reading): longest frame gap ${ctl.res.maxGap.toFixed(0)} ms over ${ctl.res.frames} frames; worst gaps: ${worstGaps(ctl.res)}`);
		for (const part of (process.env.GTFS_BENCH_PARTS ?? '').split(',').filter(Boolean) as Array<'read' | 'inflate' | 'quiet'>) {
			const p = await run(part);
			if (p.res) console.log(`part "${part}": ${(p.res.ms / 1000).toFixed(1)} s, longest frame gap ${p.res.maxGap.toFixed(0)} ms over ${p.res.frames} frames; worst gaps: ${worstGaps(p.res)}; renderer RSS peak ${MB(p.peakRss)}`);
		}
		console.log(`targets: ≤ 180 s → ${res.ms / 1000 <= 180 ? 'met' : 'MISSED'}; no crash → met; frame gap < 200 ms → ${res.maxGap < 200 ? 'met' : 'MISSED'}`);
	}
} finally {
	server.stop();
	fs.rmSync(site, { recursive: true, force: true });
}
