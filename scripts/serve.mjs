#!/usr/bin/env node
/**
 * Static server for build/: correct MIME types (application/wasm), range requests, SPA fallback,
 * and the same Content-Security-Policy as the app's meta tag, as an HTTP header too.
 * Binds to loopback only. Usage: node scripts/serve.mjs [--port 4173] [--dir build]
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

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

export const CSP =
	"default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; worker-src 'self' blob:; connect-src 'self' blob: data:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

function resolveFile(urlPath) {
	const clean = decodeURIComponent(urlPath.split('?')[0]);
	let p = path.join(root, path.normalize(clean).replace(/^(\.\.[/\\])+/, ''));
	if (!p.startsWith(root)) return null;
	if (fs.existsSync(p) && fs.statSync(p).isDirectory()) p = path.join(p, 'index.html');
	if (fs.existsSync(p)) return p;
	if (fs.existsSync(p + '.html')) return p + '.html';
	return path.join(root, '200.html');
}

const server = http.createServer((req, res) => {
	const file = resolveFile(req.url ?? '/');
	if (!file || !fs.existsSync(file)) {
		res.writeHead(404).end('not found');
		return;
	}
	const size = fs.statSync(file).size;
	const headers = {
		'Content-Type': types[path.extname(file)] ?? 'application/octet-stream',
		'Accept-Ranges': 'bytes',
		'Content-Security-Policy': CSP,
		'Cache-Control': file.includes('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache'
	};
	const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
	if (range) {
		const start = range[1] ? Number(range[1]) : size - Number(range[2]);
		const end = range[1] && range[2] ? Math.min(Number(range[2]), size - 1) : size - 1;
		if (start > end || start < 0) {
			res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
			return;
		}
		res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1 });
		if (req.method === 'HEAD') return res.end();
		fs.createReadStream(file, { start, end }).pipe(res);
		return;
	}
	res.writeHead(200, { ...headers, 'Content-Length': size });
	if (req.method === 'HEAD') return res.end();
	fs.createReadStream(file).pipe(res);
});

server.listen(port, host, () => {
	console.log(`Standortwahl is served at http://${host === '127.0.0.1' ? 'localhost' : host}:${port}/  (Ctrl+C to stop)`);
});
