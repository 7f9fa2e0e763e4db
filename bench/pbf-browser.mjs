#!/usr/bin/env node
/**
 * National-size OSM PBF → cut road graph in Debian chromium, in a Web Worker, printed, not asserted:
 * the page hands the File (set by path, so chromium reads it lazily) to a worker that runs the same
 * tasks as bench/pbf-cut.ts (bench/pbf-tasks.ts). Reports time, the longest gap between animation
 * frames on the page while the worker runs, the renderer processes' peak RSS (sampled from /proc every
 * 200 ms, summed; the worker lives in the page's renderer) against the level before, and the inflate
 * speed of DecompressionStream vs fflate. A fresh browser per run.
 * Usage (tsx: it imports the TypeScript task module): npx tsx bench/pbf-browser.mjs [file=/tmp/standortwahl-pbf/national-256.osm.pbf] [--quick]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { launch, startServer } from '../scripts/headless.mjs';
import { formatCut } from './pbf-tasks.ts';
import { rendererPids, sumBytes } from './chromium-procs.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const file = args.find((a) => !a.startsWith('--')) ?? '/tmp/standortwahl-pbf/national-256.osm.pbf';
if (!fs.existsSync(file)) throw new Error(`${file} missing: run npx tsx bench/pbf-generate.ts 256 (or bench/pbf-cut.ts) first`);
const MB = (b) => (b / 1e6).toFixed(0);

// A page and the worker bundle in a temporary folder, served like the app (same server, same CSP).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-pbf-browser-'));
await build({
	configFile: false,
	logLevel: 'error',
	build: { outDir: dir, emptyOutDir: false, minify: false, lib: { entry: path.resolve('bench/pbf-browser-worker.ts'), formats: ['es'], fileName: () => 'worker.js' } }
});
fs.writeFileSync(
	path.join(dir, 'index.html'),
	`<!doctype html><meta charset="utf-8"><title>pbf bench</title><input type="file" id="f">
<script type="module">
window.runTask = (what, region, engine) => new Promise((resolve) => {
	const t0 = performance.now();
	const hb = { maxGap: 0, last: t0, run: true, long: [] };
	const tick = (now) => {
		const gap = now - hb.last;
		hb.maxGap = Math.max(hb.maxGap, gap);
		if (gap > 50) hb.long.push([Math.round(now - t0), Math.round(gap)]);
		hb.last = now;
		if (hb.run) requestAnimationFrame(tick);
	};
	requestAnimationFrame(tick);
	if (what === 'idle') return setTimeout(() => { hb.run = false; resolve({ ms: 10000, maxFrameGap: hb.maxGap, long: hb.long, result: {} }); }, 10000);
	const w = new Worker('./worker.js', { type: 'module' });
	w.onmessage = (e) => {
		if (e.data.progress !== undefined) return;
		hb.run = false;
		w.terminate();
		resolve({ ...e.data, ms: performance.now() - t0, maxFrameGap: hb.maxGap, long: hb.long });
	};
	w.postMessage({ file: document.getElementById('f').files[0], what, region, engine });
});
</script>`
);


async function runInBrowser(server, what, region, engine) {
	const ctx = await launch();
	try {
		const page = await ctx.newPage();
		await page.goto(server.base + '/index.html');
		await page.setInputFiles('#f', file);
		await page.waitForTimeout(500);
		const pids = rendererPids();
		const base = sumBytes(pids);
		let peak = base;
		const sampler = setInterval(() => (peak = Math.max(peak, sumBytes(rendererPids()))), 200);
		const out = await page.evaluate(([w, r, e]) => window.runTask(w, r, e), [what, region, engine]);
		clearInterval(sampler);
		if (out.error) throw new Error(out.error);
		return { ...out, baseRss: base, peakRss: peak };
	} finally {
		await ctx.close();
	}
}

const server = await startServer(dir);
try {
	console.log(`# ${file}: ${MB(fs.statSync(file).size)} MB; Debian chromium headless, the reader in a Web Worker on a File (blobSource); load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores, shared)`);
	for (const engine of ['native', 'fflate']) {
		const r = await runInBrowser(server, 'inflate', 'none', engine);
		const x = r.result;
		console.log(`inflate only (${engine === 'native' ? 'DecompressionStream' : 'fflate'}), first ${MB(150e6)} MB: ${x.blobs} blocks, ${x.compressedMB.toFixed(0)} → ${x.rawMB.toFixed(0)} MB in ${(x.ms / 1000).toFixed(2)} s = ${(x.rawMB / (x.ms / 1000)).toFixed(0)} MB/s out`);
	}
	const idle = await runInBrowser(server, 'idle', 'none', 'native');
	const gaps = (r) => `${r.long.filter(([, g]) => g > 100).length} gaps > 100 ms, ${r.long.filter(([, g]) => g > 50).length} > 50 ms`;
	console.log(`control: the same page with no worker for 10 s: longest frame gap ${idle.maxFrameGap.toFixed(0)} ms, ${gaps(idle)} (machine load)`);
	const spin = await runInBrowser(server, 'spin', 'none', 'native');
	console.log(`control: a worker spinning the CPU for 20 s (100 ms slices): longest frame gap ${spin.maxFrameGap.toFixed(0)} ms, ${gaps(spin)}`);
	const configs = [['lucerne-like', 'native']];
	if (!quick) configs.push(['lucerne-like', 'fflate']);
	for (const [region, engine] of configs) {
		const r = await runInBrowser(server, 'cut', region, engine);
		console.log(formatCut(r.result));
		console.log(`  total ${(r.ms / 1000).toFixed(1)} s in the worker, longest frame gap on the page ${r.maxFrameGap.toFixed(0)} ms (${gaps(r)}; worst at ${r.long.length ? (r.long.reduce((a, b) => (b[1] > a[1] ? b : a))[0] / 1000).toFixed(1) : '-'} s), renderer RSS ${MB(r.baseRss)} → peak ${MB(r.peakRss)} MB (+${MB(r.peakRss - r.baseRss)}), ${r.result.progressCalls} progress calls`);
	}
} finally {
	server.stop();
	fs.rmSync(dir, { recursive: true, force: true });
}
