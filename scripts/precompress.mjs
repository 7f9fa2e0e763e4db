#!/usr/bin/env node
/**
 * Write gzip (.gz) and brotli (.br) copies beside every compressible file of a static build, so a server
 * sends DuckDB's 34 MB WebAssembly as ~7 MB (gzip) or ~6 MB (brotli) without compressing on each
 * request: scripts/serve.mjs picks the copy the browser accepts; nginx (gzip_static, brotli_static) and
 * most static hosts do the same. Run by every `vite build` (scripts/vite/precompress-plugin.ts).
 * Levels: gzip 6 and brotli 5, a few seconds for the whole build on 2 cores (brotli's maximum, 11, takes
 * minutes on the wasm and saves ~10 % more). Usage: node scripts/precompress.mjs [dir=build]
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

/** Extensions worth compressing (text, WebAssembly, Arrow IPC, network files); images, zips and PBF are compressed already. */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.geojson', '.csv', '.svg', '.txt', '.wasm', '.bin', '.swnet', '.map']);
/** Below this a compressed copy saves less than a request's headers. */
export const MIN_BYTES = 1024;

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** @param {string} dir @returns {AsyncGenerator<string>} */
async function* walk(dir) {
	for (const e of await fs.readdir(dir, { withFileTypes: true })) {
		const p = path.join(dir, e.name);
		if (e.isDirectory()) yield* walk(p);
		else if (e.isFile()) yield p;
	}
}

/**
 * Compress every eligible file under `dir`; returns the files and bytes before and after.
 * @param {string} dir
 */
export async function precompress(dir) {
	/** @type {string[]} */
	const files = [];
	for await (const f of walk(dir)) if (COMPRESSIBLE.has(path.extname(f).toLowerCase())) files.push(f);
	let before = 0;
	let gz = 0;
	let br = 0;
	let count = 0;
	// zlib's async calls run on libuv's thread pool: all files at once use every core.
	await Promise.all(
		files.map(async (f) => {
			const data = await fs.readFile(f);
			if (data.length < MIN_BYTES) return;
			const [g, b] = await Promise.all([
				gzip(data, { level: 6 }),
				brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } })
			]);
			// A copy no smaller than the file is not worth sending.
			if (g.length < data.length) await fs.writeFile(f + '.gz', g);
			if (b.length < data.length) await fs.writeFile(f + '.br', b);
			before += data.length;
			gz += Math.min(g.length, data.length);
			br += Math.min(b.length, data.length);
			count++;
		})
	);
	return { files: count, before, gz, br };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const dir = path.resolve(process.argv[2] ?? 'build');
	const t0 = Date.now();
	const r = await precompress(dir);
	const mb = (/** @type {number} */ n) => (n / 1e6).toFixed(1);
	console.log(`precompressed ${r.files} files in ${dir}: ${mb(r.before)} MB → gzip ${mb(r.gz)} MB, brotli ${mb(r.br)} MB (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
