#!/usr/bin/env node
// Runs every tests/e2e/*.e2e.mjs against the built app (npm run build first). Optional filter arg.
import fs from 'node:fs';
import path from 'node:path';
import { runAll } from './harness.mjs';

const dir = path.dirname(new URL(import.meta.url).pathname);
const filter = process.argv[2] ?? '';
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.e2e.mjs') && f.includes(filter)).sort().map((f) => path.join(dir, f));
if (!fs.existsSync('build/index.html')) {
	console.error('build/ is missing: run `npx vite build` first (npm test does).');
	process.exit(1);
}
const ok = await runAll(files);
process.exit(ok ? 0 : 1);
