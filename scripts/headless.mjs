/**
 * The app in headless chromium, shared by the browser tests, the browser benchmarks and the CLI's
 * report command: serve build/ on a free loopback port (scripts/serve.mjs, same CSP as production)
 * and launch Debian's chromium through playwright-core with a throwaway profile.
 */
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const SERVE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'serve.mjs');

export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

async function freePort() {
	return new Promise((resolve) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
			s.close(() => resolve(port));
		});
	});
}

/**
 * Serve `dir` (default build/) on a free loopback port; resolves with its base URL and a stop function.
 * `isolated`: COOP/COEP; `identity`: never the compressed copies (serve.mjs flags of the same names).
 */
export async function startServer(dir = 'build', { isolated = false, identity = false } = {}) {
	const port = await freePort();
	const flags = [...(isolated ? ['--isolated'] : []), ...(identity ? ['--identity'] : [])];
	const proc = spawn(process.execPath, [SERVE, '--port', String(port), '--dir', dir, ...flags], { stdio: ['ignore', 'pipe', 'inherit'] });
	await new Promise((resolve, reject) => {
		proc.stdout.on('data', (d) => String(d).includes('served at') && resolve(undefined));
		proc.on('exit', (c) => reject(new Error(`server exited ${c}`)));
	});
	return { base: `http://127.0.0.1:${port}`, stop: () => proc.kill() };
}

/** Launch chromium (CHROMIUM env or /usr/bin/chromium) with a throwaway profile. */
export async function launch(options = {}) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standortwahl-chromium-'));
	const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
	if (!fs.existsSync(executablePath)) throw new Error(`chromium not found at ${executablePath} (install Debian's chromium, or set CHROMIUM)`);
	return chromium.launchPersistentContext(dir, {
		executablePath,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1400, height: 1000 },
		acceptDownloads: true,
		...options
	});
}
