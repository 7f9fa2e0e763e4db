/**
 * Standortwahl CLI: `npm run cli -- <command> [options]`.
 * Each command lives in scripts/cli/<command>.ts and exports `summary` (one line) and
 * `run(args: string[]): Promise<number>` (the exit code). Same core as the app.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli');

interface Command {
	summary: string;
	run(args: string[]): Promise<number>;
}

async function load(name: string): Promise<Command | null> {
	if (!/^[a-z][a-z0-9-]*$/.test(name)) return null;
	try {
		return (await import(path.join(dir, `${name}.ts`))) as Command;
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String(e).includes(`${name}.ts`)) return null;
		throw e;
	}
}

async function help(): Promise<void> {
	const names = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => f.slice(0, -3)).sort();
	console.log('Usage: npm run cli -- <command> [options]\n\nCommands:');
	for (const n of names) console.log(`  ${n.padEnd(10)} ${(await load(n))?.summary ?? ''}`);
	console.log('\nRun `npm run cli -- <command> --help` for the options of one command.');
}

const [cmd, ...rest] = process.argv.slice(2);
if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
	await help();
	process.exit(0);
}
const c = await load(cmd);
if (!c) {
	console.error(`Unknown command: ${cmd}`);
	await help();
	process.exit(2);
}
try {
	process.exit(await c.run(rest));
} catch (e) {
	if ((e as Error)?.name === 'UsageError') {
		console.error((e as Error).message);
		process.exit(2);
	}
	// Refusals of the readers (GtfsError, ZipError, NetFileError …) carry a bilingual message: print it, no stack trace.
	const msg = (e as { msg?: { de: string; en: string } }).msg;
	if (!msg) throw e;
	const { lang } = await import('./cli/_args.ts');
	console.error(lang(rest) === 'en' ? `Error: ${(e as Error).message}` : `Fehler: ${msg.de}${'location' in (e as object) ? where((e as { location: { file?: string; row?: number; column?: string } }).location) : ''}`);
	process.exit(1);
}

function where(l: { file?: string; row?: number; column?: string }): string {
	const p = [l.file, l.row !== undefined ? `Zeile ${l.row}` : '', l.column ? `Spalte ${l.column}` : ''].filter(Boolean);
	return p.length ? ` (${p.join(', ')})` : '';
}
