#!/usr/bin/env node
/**
 * Static server for build/: correct MIME types (application/wasm), range requests, SPA fallback, and
 * the app's Content-Security-Policy (csp.config.js) as an HTTP header too: `frame-ancestors 'none'` only
 * works there. Sends the build's brotli or gzip copy of a file (scripts/precompress.mjs) when the browser
 * accepts it: DuckDB's WebAssembly goes as 6–8 MB instead of 34 MB (`--identity`: never, the bench's peer).
 * Binds to loopback only. A bad request (a malformed %-escape, a path outside build/, an unreadable file)
 * gets its 4xx/5xx answer; nothing a client sends can stop the server.
 * `--isolated` adds COOP/COEP (a cross-origin-isolated page, SharedArrayBuffer), where `?engine=coi` starts
 * duckdb-wasm's multi-threaded bundle (data/db/browser.ts); measured against the default by bench/coi-browser.mjs.
 * Usage: node scripts/serve.mjs [--port 4173] [--dir build] [--isolated] [--identity]
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { cspHeader } from '../csp.config.js';

const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const root = path.resolve(opt('--dir', 'build'));
const port = Number(opt('--port', process.env.PORT ?? 4173));
const host = opt('--host', '127.0.0.1');

const types = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.geojson': 'application/geo+json',
	'.csv': 'text/csv; charset=utf-8',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.zip': 'application/zip',
	'.pbf': 'application/octet-stream',
	'.txt': 'text/plain; charset=utf-8'
};

export const CSP = cspHeader();

/** Headers every answer carries. */
const SECURITY_HEADERS = {
	'Content-Security-Policy': CSP,
	'X-Content-Type-Options': 'nosniff',
	'X-Frame-Options': 'DENY',
	'Referrer-Policy': 'no-referrer',
	...(args.includes('--isolated') ? { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' } : {})
};

/** The file for a URL path, or a status code: 400 (malformed), 404 (outside build/ or missing). */
function resolveFile(urlPath) {
	let clean;
	try {
		clean = decodeURIComponent(urlPath.split('?')[0].split('#')[0]);
	} catch {
		return 400; // a malformed %-escape
	}
	if (clean.includes('\0')) return 400;
	let p = path.join(root, path.normalize(clean).replace(/^(\.\.[/\\])+/, ''));
	if (p !== root && !p.startsWith(root + path.sep)) return 404;
	if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, 'index.html');
	if (fs.existsSync(p)) return p;
	if (fs.existsSync(p + '.html')) return p + '.html';
	return path.join(root, '200.html');
}

/** Precompressed copies, in the order preferred. */
const ENCODINGS = [
	['br', '.br'],
	['gzip', '.gz']
];
const identityOnly = args.includes('--identity');

/** Whether an Accept-Encoding header accepts `coding` (listed, or by `*`, with a q-value above 0). */
function accepts(header, coding) {
	let star = false;
	for (const part of String(header ?? '').toLowerCase().split(',')) {
		const [name, ...params] = part.trim().split(';');
		const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)).find(Boolean);
		const ok = !q || Number(q[1]) > 0;
		if (name.trim() === coding) return ok;
		if (name.trim() === '*') star = ok;
	}
	return star;
}

/**
 * The precompressed copy of `file` to send whole for this request, if any: one at least as new as the file
 * (a range request is answered from the file itself before this is asked).
 */
function encodedCopy(req, file, stat) {
	if (identityOnly) return null;
	for (const [coding, ext] of ENCODINGS) {
		if (!accepts(req.headers['accept-encoding'], coding)) continue;
		const copy = fs.statSync(file + ext, { throwIfNoEntry: false });
		if (copy?.isFile() && copy.mtimeMs >= stat.mtimeMs) return { coding, path: file + ext, size: copy.size };
	}
	return null;
}

/** What a person who edited the address by hand reads (German first, as the app). */
const FAIL_TEXT = {
	400: 'Ungültige Adresse: sie enthält eine fehlerhafte %-Kodierung oder ein Nullzeichen. Zur Startseite: /\nBad address: it holds a malformed %-escape or a NUL character. Start page: /\n',
	404: 'Nicht gefunden. Zur Startseite: /\nNot found. Start page: /\n',
	500: 'Serverfehler. / Server error.\n'
};

function fail(res, status) {
	if (res.headersSent) return res.destroy();
	res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }).end(FAIL_TEXT[status] ?? FAIL_TEXT[500]);
}

function serve(req, res) {
	const file = resolveFile(req.url ?? '/');
	if (typeof file === 'number') return fail(res, file);
	if (!fs.existsSync(file)) return fail(res, 404);
	const stat = fs.statSync(file);
	const size = stat.size;
	const headers = {
		...SECURITY_HEADERS,
		'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
		'Accept-Ranges': 'bytes',
		'Cache-Control': file.includes(`${path.sep}_app${path.sep}immutable${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
		// Caches keep the brotli, gzip and plain answers apart.
		...(fs.existsSync(file + '.gz') || fs.existsSync(file + '.br') ? { Vary: 'Accept-Encoding' } : {})
	};
	const send = (status, extra, from = file, range) => {
		res.writeHead(status, { ...headers, ...extra });
		if (req.method === 'HEAD') return res.end();
		const stream = fs.createReadStream(from, range);
		stream.on('error', () => res.destroy());
		stream.pipe(res);
	};
	const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
	if (range && (range[1] || range[2])) {
		const start = range[1] ? Number(range[1]) : Math.max(0, size - Number(range[2]));
		const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
		if (!(start <= end) || start < 0) {
			res.writeHead(416, { ...SECURITY_HEADERS, 'Content-Range': `bytes */${size}` }).end();
			return;
		}
		return send(206, { 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 }, file, { start, end });
	}
	const copy = encodedCopy(req, file, stat);
	if (copy) return send(200, { 'Content-Encoding': copy.coding, 'Content-Length': copy.size }, copy.path);
	send(200, { 'Content-Length': size });
}

const server = http.createServer((req, res) => {
	try {
		serve(req, res);
	} catch {
		fail(res, 500);
	}
});
server.on('clientError', (_e, socket) => socket.destroy());

server.listen(port, host, () => {
	console.log(`Standortwahl is served at http://${host === '127.0.0.1' ? 'localhost' : host}:${port}/  (Ctrl+C to stop)`);
});
