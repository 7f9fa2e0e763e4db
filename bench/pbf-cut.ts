/**
 * National-size OSM PBF → cut road graph in Node (the CLI's route), printed, not asserted:
 * wall and CPU time, peak RSS (each configuration in a fresh process), longest event-loop stall,
 * and the inflate speed of DecompressionStream vs fflate. Input: bench/pbf-generate.ts output
 * (generated when missing, ~3 min). Usage: npx tsx bench/pbf-cut.ts [file] [--quick]
 *   --quick: skip the whole-file (no region) and fflate runs.
 * Targets (issue 10): Switzerland-size PBF → cut road graph ≤ 120 s and ≤ 2 GB peak RSS.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { fileSource } from '../src/lib/util/node-bytes.ts';
import { generate } from './pbf-generate.ts';
import { cutTask, formatCut, inflateTask, type RegionName } from './pbf-tasks.ts';

const MB = (b: number) => (b / 1e6).toFixed(0);

async function child(file: string, what: string, region: RegionName, engine: 'native' | 'fflate'): Promise<void> {
	const baseRss = process.memoryUsage().rss;
	let stall = 0;
	let last = performance.now();
	const timer = setInterval(() => {
		const now = performance.now();
		stall = Math.max(stall, now - last);
		last = now;
	}, 10);
	const cpu0 = process.cpuUsage();
	const t0 = performance.now();
	const src = fileSource(file);
	// The CLI yields to the event loop now and then too (progress output, Ctrl-C).
	const checkpoint = () => new Promise<void>((r) => setTimeout(r, 0));
	const marks: Record<string, { peakRss: number; stall: number }> = {};
	const mark = (phase: string) => {
		// A synchronous phase (graph build) shows as one gap up to now.
		const now = performance.now();
		marks[phase] = { peakRss: process.resourceUsage().maxRSS * 1024, stall: Math.max(stall, now - last) };
		stall = 0;
		last = now;
	};
	const result = what === 'inflate' ? await inflateTask(src, engine, 150e6) : await cutTask(src, region, engine, { checkpoint, mark });
	const wall = performance.now() - t0;
	const cpu = process.cpuUsage(cpu0);
	clearInterval(timer);
	src.close();
	console.log(JSON.stringify({ result, wall, cpu: (cpu.user + cpu.system) / 1000, peakRss: process.resourceUsage().maxRSS * 1024, baseRss, marks }));
}

function run(file: string, what: string, region: RegionName, engine: string): { result: any; wall: number; cpu: number; peakRss: number; baseRss: number; marks: Record<string, { peakRss: number; stall: number }> } {
	const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
	const p = spawnSync(process.execPath, [tsx, fileURLToPath(import.meta.url), '--child', file, what, region, engine], { encoding: 'utf8', maxBuffer: 1 << 26 });
	if (p.status !== 0) throw new Error(`child failed: ${p.stderr}`);
	return JSON.parse(p.stdout.trim().split('\n').at(-1)!);
}

async function main(): Promise<void> {
	const args = process.argv.slice(2);
	if (args[0] === '--child') return child(args[1], args[2], args[3] as RegionName, args[4] as 'native' | 'fflate');
	const quick = args.includes('--quick');
	const file = args.find((a) => !a.startsWith('--')) ?? '/tmp/standortwahl-pbf/national-256.osm.pbf';
	if (!existsSync(file)) {
		console.log(`generating ${file} (bench/pbf-generate.ts, 256 copies of Monaco) …`);
		generate(256, file);
	}
	console.log(`# ${file}: ${MB(statSync(file).size)} MB; node ${process.version}; each run in a fresh process; load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores, shared)`);

	for (const engine of ['native', 'fflate']) {
		const r = run(file, 'inflate', 'none', engine);
		const x = r.result;
		console.log(
			`inflate only (${engine === 'native' ? 'DecompressionStream' : 'fflate'}), first ${MB(150e6)} MB: ${x.blobs} blocks, ${x.compressedMB.toFixed(0)} → ${x.rawMB.toFixed(0)} MB in ${(x.ms / 1000).toFixed(2)} s = ${(x.rawMB / (x.ms / 1000)).toFixed(0)} MB/s out`
		);
	}
	const configs: Array<[RegionName, string]> = [['lucerne-like', 'native']];
	if (!quick) configs.push(['lucerne-like', 'fflate'], ['none', 'native']);
	for (const [region, engine] of configs) {
		const r = run(file, 'cut', region, engine);
		console.log(formatCut(r.result));
		const m = r.marks;
		console.log(
			`  total ${(r.wall / 1000).toFixed(1)} s wall, ${(r.cpu / 1000).toFixed(1)} s CPU; peak RSS after read+cut ${MB(m.read.peakRss)} MB, after graph ${MB(m.build.peakRss)} MB, after .swnet ${MB(m.encode.peakRss)} MB (process start ${MB(r.baseRss)} MB); ` +
				`longest event-loop stall while reading ${m.read.stall.toFixed(0)} ms (graph build is one synchronous step: ${m.build.stall.toFixed(0)} ms); ${r.result.progressCalls} progress calls`
		);
	}
	console.log('targets: read + cut + graph ≤ 120 s, peak RSS ≤ 2 GB (Switzerland-size PBF, CLI)');
}

await main();
