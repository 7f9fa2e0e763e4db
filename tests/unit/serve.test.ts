/**
 * scripts/serve.mjs (issue 13 items 5 and 6): the CSP goes out as a header with frame-ancestors 'none';
 * a malformed %-escape, a NUL, a path outside the root, a bad range or a broken request line is answered
 * and never stops the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let proc: ChildProcess;
let port = 0;

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const s = net.createServer();
		s.listen(0, '127.0.0.1', () => {
			const p = (s.address() as net.AddressInfo).port;
			s.close(() => resolve(p));
		});
	});
}

/** One raw HTTP/1.0 exchange (the request line exactly as given): status line and headers. */
function raw(request: string, to = port): Promise<string> {
	return new Promise((resolve) => {
		const sock = net.connect(to, '127.0.0.1', () => sock.write(request));
		let data = '';
		sock.on('data', (d) => (data += d));
		sock.on('end', () => resolve(data));
		sock.on('close', () => resolve(data));
		sock.on('error', () => resolve(data)); // a reset is an answer too (the server dropped a broken request)
	});
}
const get = (p: string) => raw(`GET ${p} HTTP/1.0\r\nHost: x\r\n\r\n`);
const status = (r: string) => Number(r.split(' ')[1]);

let dir = '';

/** The server on a free port, with more options. */
async function serve(...args: string[]): Promise<{ proc: ChildProcess; port: number }> {
	const port = await freePort();
	const proc = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(port), '--dir', dir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	await new Promise<void>((resolve, reject) => {
		proc.stdout!.on('data', (d) => String(d).includes('served at') && resolve());
		proc.on('exit', (c) => reject(new Error(`server exited ${c}`)));
	});
	return { proc, port };
}

beforeAll(async () => {
	dir = mkdtempSync(path.join(os.tmpdir(), 'serve-'));
	writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>ok</title>');
	writeFileSync(path.join(dir, '200.html'), '<!doctype html><title>spa</title>');
	({ proc, port } = await serve());
});
afterAll(() => proc?.kill());

describe('static server', () => {
	it('sends the CSP as a header, with frame-ancestors none, base-uri and form-action self', async () => {
		const r = await get('/');
		expect(status(r)).toBe(200);
		const csp = /content-security-policy: (.*)/i.exec(r)![1];
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toContain("base-uri 'self'");
		expect(csp).toContain("form-action 'self'");
		expect(csp).toContain("default-src 'self'");
		expect(r).toMatch(/x-frame-options: DENY/i);
		expect(r).not.toMatch(/cross-origin-(opener|embedder)-policy/i);
	});

	it('isolates the page only with --isolated (COOP/COEP, for duckdb-wasm\'s multi-threaded build in bench/coi-browser.mjs)', async () => {
		const isolated = await serve('--isolated');
		try {
			const r = await raw('GET / HTTP/1.0\r\nHost: x\r\n\r\n', isolated.port);
			expect(r).toMatch(/cross-origin-opener-policy: same-origin/i);
			expect(r).toMatch(/cross-origin-embedder-policy: require-corp/i);
			expect(r).toMatch(/content-security-policy: .*frame-ancestors 'none'/i);
		} finally {
			isolated.proc.kill();
		}
	});

	it('answers hostile requests and keeps serving', async () => {
		expect(status(await get('/%E0%A4%A'))).toBe(400);
		// A person who edited the address by hand is told what is wrong, in German and English.
		expect(await get('/%E0%A4%A')).toMatch(/Ungültige Adresse.*%-Kodierung[\s\S]*Bad address/);
		expect(status(await get('/%'))).toBe(400);
		expect(status(await get('/a%00b'))).toBe(400);
		expect(status(await get('/../../etc/passwd'))).not.toBe(500);
		expect(await get('/../../etc/passwd')).not.toContain('root:');
		expect(status(await raw('GET / HTTP/1.0\r\nRange: bytes=999999-5\r\n\r\n'))).toBe(416);
		await raw('GARBAGE\r\n\r\n');
		await raw('GET /' + 'x'.repeat(100_000) + ' HTTP/1.0\r\n\r\n');
		expect(proc.exitCode).toBe(null);
		expect(status(await get('/sites/S%251'))).toBe(200); // an encoded % in a site id: the SPA page
		expect(status(await get('/'))).toBe(200);
	});
});
