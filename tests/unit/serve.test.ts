/**
 * scripts/serve.mjs (issue 13 items 5 and 6): the CSP goes out as a header with frame-ancestors 'none';
 * a malformed %-escape, a NUL, a path outside the root, a bad range or a broken request line is answered
 * and never stops the server. The build's compressed copies (scripts/precompress.mjs) go out to browsers
 * that accept them, never for a range or a stale copy.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../scripts/precompress.mjs';

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
const APP_JS = Array.from({ length: 400 }, (_, i) => `export const v${i} = ${i * 7};`).join('\n');

/** A GET with request headers: status, response headers and the body as sent (not decoded). */
function fetchRaw(p: string, headers: Record<string, string> = {}, to = port, method = 'GET'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
	return new Promise((resolve, reject) => {
		const req = http.request({ host: '127.0.0.1', port: to, path: p, method, headers }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c) => chunks.push(c));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
		});
		req.on('error', reject);
		req.end();
	});
}

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
	writeFileSync(path.join(dir, 'app.js'), APP_JS);
	writeFileSync(path.join(dir, 'tiny.js'), 'x=1');
	writeFileSync(path.join(dir, 'photo.png'), Buffer.alloc(4096, 7));
	await precompress(dir);
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

	it('sends the build\'s brotli or gzip copy to a browser that accepts it, the file itself otherwise', async () => {
		// precompress.mjs: copies of compressible files from 1 KB on; none of a tiny file or a PNG.
		expect(existsSync(path.join(dir, 'app.js.br')) && existsSync(path.join(dir, 'app.js.gz'))).toBe(true);
		expect(existsSync(path.join(dir, 'tiny.js.gz')) || existsSync(path.join(dir, 'photo.png.gz'))).toBe(false);
		const chrome = await fetchRaw('/app.js', { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
		expect(chrome.headers['content-encoding']).toBe('br');
		expect(chrome.headers.vary).toBe('Accept-Encoding');
		expect(chrome.headers['content-type']).toMatch(/javascript/);
		expect(Number(chrome.headers['content-length'])).toBe(chrome.body.length);
		expect(chrome.body.length).toBeLessThan(APP_JS.length / 3);
		expect(zlib.brotliDecompressSync(chrome.body).toString()).toBe(APP_JS);
		const gz = await fetchRaw('/app.js', { 'Accept-Encoding': 'gzip, br;q=0' });
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(zlib.gunzipSync(gz.body).toString()).toBe(APP_JS);
		expect((await fetchRaw('/app.js', { 'Accept-Encoding': '*' })).headers['content-encoding']).toBe('br');
		for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0', 'deflate']) {
			const plain = await fetchRaw('/app.js', accept ? { 'Accept-Encoding': accept } : {});
			expect(plain.headers['content-encoding'], accept).toBeUndefined();
			expect(plain.body.toString(), accept).toBe(APP_JS);
		}
		// A range is of the file's own bytes.
		const part = await fetchRaw('/app.js', { 'Accept-Encoding': 'gzip, br', Range: 'bytes=0-9' });
		expect(part.status).toBe(206);
		expect(part.headers['content-encoding']).toBeUndefined();
		expect(part.body.toString()).toBe(APP_JS.slice(0, 10));
		const head = await fetchRaw('/app.js', { 'Accept-Encoding': 'gzip' }, port, 'HEAD');
		expect(head.headers['content-encoding']).toBe('gzip');
		expect(head.body.length).toBe(0);
		expect((await fetchRaw('/photo.png', { 'Accept-Encoding': 'gzip, br' })).headers['content-encoding']).toBeUndefined();
		// --identity (the bench's uncompressed peer) never sends a copy.
		const identity = await serve('--identity');
		try {
			expect((await fetchRaw('/app.js', { 'Accept-Encoding': 'gzip, br' }, identity.port)).headers['content-encoding']).toBeUndefined();
		} finally {
			identity.proc.kill();
		}
		// A copy older than its file (the file replaced after the build) is not sent.
		const later = new Date(Date.now() + 60_000);
		utimesSync(path.join(dir, 'app.js'), later, later);
		const stale = await fetchRaw('/app.js', { 'Accept-Encoding': 'gzip, br' });
		expect(stale.headers['content-encoding']).toBeUndefined();
		expect(stale.body.toString()).toBe(APP_JS);
	});
});
