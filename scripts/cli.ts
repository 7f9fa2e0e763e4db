/**
 * Standortwahl CLI: `npm run cli -- <command> [options]`.
 * Each command lives in scripts/cli/<command>.ts and exports `summary` (one line) and
 * `run(args: string[]): Promise<number>` (the exit code). Same core as the app.
 *
 * For every command and every input: exit 0 on success, 1 for bad input (a missing, unreadable or invalid
 * file: the message names it), 2 for bad usage (unknown option, missing value: see scripts/cli/_usage.ts);
 * never a stack trace (STANDORTWAHL_DEBUG=1 shows one). Output is flushed before the process exits, so a
 * pipe (`… --json | jq`) gets all of it, and a reader that stops early (`| head`) ends the command quietly.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { checkUsage, UsageError } from './cli/_usage.ts';
import { guardTerminal } from './cli/_terminal.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli');

interface Command {
	summary: string;
	run(args: string[]): Promise<number>;
}

/** Wait until everything written to `s` has left the process (pipes are asynchronous on Linux). */
function flushed(s: NodeJS.WriteStream): Promise<void> {
	if (s.destroyed || s.writableEnded) return Promise.resolve();
	return new Promise((resolve) => s.write('', () => resolve()));
}

/** Exit with `code` once stdout and stderr are written out. */
async function exit(code: number): Promise<never> {
	await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
	process.exit(code);
}

// A reader that closed the pipe early (`| head -c 100`) is not an error of ours: the rest of the output is
// dropped (the stream is closed) and the command still ends with its own code, so `validate bad.csv | head`
// is 1 under pipefail, not a success. Writes after that fail quietly here instead of crashing.
for (const s of [process.stdout, process.stderr]) s.on('error', () => {});
for (const s of [process.stdout, process.stderr]) guardTerminal(s);

const [cmd, ...rest] = process.argv.slice(2);
const lang = rest[rest.indexOf('--lang') + 1] === 'en' ? 'en' : 'de';

/** One line for the user: what went wrong and, where known, which file. No stack trace. */
function report(e: unknown): number {
	if (process.env.STANDORTWAHL_DEBUG) console.error(e);
	if (e instanceof UsageError) {
		console.error(`${lang === 'de' ? 'Aufruf falsch' : 'Bad usage'}: ${e.msg[lang]}. ${lang === 'de' ? 'Hilfe' : 'Help'}: npm run cli -- ${cmd} --help`);
		return 2;
	}
	// Refusals of the readers (GtfsError, ZipError, NetFileError, ImportFileError …) carry a bilingual message.
	const msg = (e as { msg?: { de: string; en: string } }).msg;
	if (msg && typeof msg.de === 'string') {
		const loc = (e as { location?: { file?: string; row?: number; column?: string } }).location;
		console.error(`${lang === 'de' ? 'Fehler' : 'Error'}: ${msg[lang]}${loc ? where(loc) : ''}`);
		return 1;
	}
	const err = e as NodeJS.ErrnoException;
	// Output written to a pipe whose reader stopped (`--out /dev/stdout | head`): the reader has what it wanted.
	if (err?.code === 'EPIPE') return 0;
	if (err?.code && err.path) {
		const what: Record<string, [string, string]> = {
			ENOENT: ['Datei oder Ordner nicht gefunden', 'file or folder not found'],
			EACCES: ['keine Leseberechtigung', 'permission denied'],
			EISDIR: ['ist ein Ordner, keine Datei', 'is a folder, not a file'],
			ENOTDIR: ['ist kein Ordner', 'is not a folder']
		};
		const w = what[err.code];
		console.error(`${lang === 'de' ? 'Fehler' : 'Error'}: ${err.path}: ${w ? w[lang === 'de' ? 0 : 1] : err.code}`);
		return 1;
	}
	const m = e instanceof Error ? e.message : String(e);
	console.error(`${lang === 'de' ? 'Fehler' : 'Error'}: ${m.split('\n')[0]}${process.env.STANDORTWAHL_DEBUG ? '' : ' (STANDORTWAHL_DEBUG=1 zeigt Details / shows details)'}`);
	return 1;
}

function where(l: { file?: string; row?: number; column?: string }): string {
	const p = [l.file, l.row !== undefined ? `${lang === 'de' ? 'Zeile' : 'row'} ${l.row}` : '', l.column ? `${lang === 'de' ? 'Spalte' : 'column'} ${l.column}` : ''].filter(Boolean);
	return p.length ? ` (${p.join(', ')})` : '';
}

process.on('unhandledRejection', (e) => void exit(report(e)));
process.on('uncaughtException', (e) => void exit(report(e)));

async function load(name: string): Promise<Command | null> {
	if (!/^[a-z][a-z0-9-]*$/.test(name)) return null;
	try {
		return (await import(path.join(dir, `${name}.ts`))) as Command;
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String(e).includes(`${name}.ts`)) return null;
		throw e;
	}
}

async function help(to: (s: string) => void = console.log): Promise<void> {
	const names = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => f.slice(0, -3)).sort();
	to('Usage: npm run cli -- <command> [options]\n\nCommands:');
	for (const n of names) to(`  ${n.padEnd(12)} ${(await load(n))?.summary ?? ''}`);
	to('\nRun `npm run cli -- <command> --help` for the options of one command.');
}

if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
	await help();
	await exit(cmd ? 0 : 2);
}
const c = await load(cmd);
if (!c) {
	console.error(`Unknown command: ${cmd}`);
	await help(console.error);
	await exit(2);
}
let code: number;
try {
	checkUsage(cmd, rest);
	code = await c!.run(rest);
} catch (e) {
	code = report(e);
}
await exit(code);
