/**
 * Every CLI command, every kind of input (issue 13 item 9): exit 0 on success, 1 for bad input, 2 for bad
 * usage, never a stack trace; output flushed before exit, so a pipe gets all of it (`score --json` was cut
 * at 64 KiB) and a reader that stops early (`| head -c 100`) ends it quietly. Runs the real `tsx scripts/cli.ts`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkUsage, fileArgument, USAGE, UsageError } from '../../scripts/cli/_usage.ts';

const TSX = path.resolve('node_modules/.bin/tsx');

interface Run {
	code: number | null;
	out: string;
	err: string;
}

/** Run the CLI; `pipe` is a shell command its stdout goes into (then `out` is that command's output). */
function cli(args: string[], pipe?: string): Promise<Run> {
	return new Promise((resolve) => {
		const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
		const cmd = pipe ? `set -o pipefail; '${TSX}' scripts/cli.ts ${quoted} | ${pipe}` : `'${TSX}' scripts/cli.ts ${quoted}`;
		const p = spawn('bash', ['-c', cmd], { stdio: ['ignore', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		p.stdout.on('data', (d) => (out += d));
		p.stderr.on('data', (d) => (err += d));
		p.on('close', (code) => resolve({ code, out, err }));
	});
}

/** Run many CLI calls, a few at a time (each starts tsx and often DuckDB). */
async function all<T>(items: T[], f: (x: T) => Promise<void>, width = 3): Promise<void> {
	const queue = items.slice();
	await Promise.all(Array.from({ length: width }, async () => {
		for (let x = queue.shift(); x !== undefined; x = queue.shift()) await f(x);
	}));
}

const STACK = /\n\s+at |node:internal|\.ts:\d+:\d+/;
const COMMANDS = Object.keys(USAGE).sort();

describe('CLI usage table', () => {
	it('covers every command', async () => {
		const { readdirSync } = await import('node:fs');
		const files = readdirSync('scripts/cli').filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => f.slice(0, -3)).sort();
		expect(COMMANDS).toEqual(files);
	});
	it('accepts every option a command reads itself (an option added to a command but not to the table is refused)', async () => {
		const { readFileSync } = await import('node:fs');
		for (const c of COMMANDS) {
			const src = readFileSync(`scripts/cli/${c}.ts`, 'utf8');
			const read = [...src.matchAll(/\b(option|flag)\(args, '(--[a-z0-9-]+)'/g)].map((m) => m[2]);
			const known = new Set([...USAGE[c].values, ...(USAGE[c].flags ?? []), '--help']);
			expect(read.filter((o) => !known.has(o)), c).toEqual([]);
		}
	});
	it('refuses unknown options, missing values, non-numbers and extra arguments', () => {
		for (const c of COMMANDS) {
			expect(() => checkUsage(c, ['--no-such-option'])).toThrow(UsageError);
			expect(() => checkUsage(c, ['--help'])).not.toThrow();
			if (USAGE[c].values.includes('--lang')) expect(() => checkUsage(c, ['--lang'])).toThrow(/needs a value/);
			expect(() => checkUsage(c, ['a', 'b', 'c'])).toThrow(UsageError);
		}
		expect(() => checkUsage('score', ['data/demo', '--samples', 'many'])).toThrow(/must be a number/);
		expect(() => checkUsage('score', ['data/demo', '--crs', 'ch1903'])).toThrow(/wgs84 or lv95/);
		expect(() => checkUsage('validate', ['x.csv', '--header-row', '3', '--sheet', 'Büros'])).not.toThrow();
		// The file argument is found with the same table: an option's value is never taken for it.
		expect(fileArgument('score', ['--region-km', '5', 'data/demo'])).toBe('data/demo');
		expect(fileArgument('validate', ['--sheet', 'Büros', '--addresses', 'a.zip', 'x.xlsx'])).toBe('x.xlsx');
	});
});

describe('CLI output and the terminal', () => {
	it('control characters from a file (escape sequences in a header, a CSI in a cell) are printed as escapes, not obeyed', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-esc-'));
		const file = path.join(dir, 'staff.csv');
		writeFileSync(file, 'person_id,unit,fte,office_id,plz,"\u001b[2J\u001b]0;pwned\u0007\rX"\nP1,AK,1\u009b31m,O1,6003,x\n');
		const r = await cli(['validate', file, '--table', 'staff']);
		expect(r.code).toBe(1);
		expect(r.out + r.err).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
		expect(r.out).toContain('\\u001b[2J\\u001b]0;pwned\\u0007\\u000dX');
		expect(r.out).toContain('1\\u009b31m');
	});
});

describe('CLI exit codes and messages', () => {
	it('every command: --help exits 0, an unknown option 2, a missing input file 1; never a stack trace', async () => {
		const missing = '/nonexistent/standortwahl-input';
		/** The argument that makes each command read a file that does not exist. */
		const badInput: Record<string, string[]> = {
			catchment: ['--data', missing],
			geocode: [missing + '.csv'],
			guteklassen: ['--data', missing],
			import: [missing],
			isochrones: ['--site', 'S1-EICHHOF', '--data', missing],
			matrix: ['--data', missing],
			network: ['--gtfs', missing + '.zip', '--out', '/tmp/standortwahl-never-written.swnet'],
			report: ['--scenario', missing + '.json'],
			route: ['--from', '1031', '--to', 'S1-EICHHOF', '--data', missing],
			scale: ['--customers-file', missing + '.csv', '--customers', '1000'],
			schema: [],
			score: [missing],
			'travel-times': [missing + '.csv', '--mode', 'pt'],
			validate: [missing]
		};
		const cases = COMMANDS.flatMap((c) => [
			{ c, args: [c, '--help'], code: 0 },
			{ c, args: [c, '--no-such-option'], code: 2 },
			...(badInput[c].length ? [{ c, args: [c, ...badInput[c]], code: 1 }] : [])
		]);
		const seen: [string, number | null, boolean][] = [];
		await all(cases, async (k) => {
			const r = await cli(k.args);
			seen.push([k.args.join(' '), r.code, STACK.test(r.err + r.out)]);
		});
		seen.sort();
		expect(seen).toEqual(cases.map((k) => [k.args.join(' '), k.code, false] as [string, number, boolean]).sort());
	}, 300_000);

	it('bad input files: one message naming the file, exit 1', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-bad-'));
		writeFileSync(path.join(dir, 'staff.csv'), 'person_id,unit\nP1,"open\n');
		writeFileSync(path.join(dir, 'garbage.csv'), Buffer.from([0, 1, 2, 255, 254, 0, 9, 10]));
		const r1 = await cli(['validate', dir]);
		expect([r1.code, STACK.test(r1.err + r1.out)]).toEqual([1, false]);
		expect(r1.out).toMatch(/staff\.csv.*2.*unit|unterminated|nie geschlossen/s);
		const r2 = await cli(['travel-times', path.join(dir, 'garbage.csv'), '--mode', 'pt']);
		expect([r2.code, STACK.test(r2.err + r2.out)]).toEqual([1, false]);
		const r3 = await cli(['import', dir, '--out', path.join(dir, 'x.duckdb')]);
		expect([r3.code, STACK.test(r3.err + r3.out)]).toEqual([1, false]);
		// A file that is not a scenario is refused before anything is routed.
		writeFileSync(path.join(dir, 'scenario.json'), '{"name":"x"}');
		const r4 = await cli(['score', 'data/demo', '--compute-times', '--scenario', path.join(dir, 'scenario.json')]);
		expect([r4.code, STACK.test(r4.err + r4.out), r4.err.includes('scenario.json'), r4.err.includes('Reisezeiten berechnet')]).toEqual([1, false, true, false]);
		// A file named after no table (an HR export as it comes): nothing loaded is an error, with how to name it.
		writeFileSync(path.join(dir, 'Mitarbeitende.csv'), 'Personalnummer;Einheit\nP1;IV\n');
		const r5 = await cli(['import', path.join(dir, 'Mitarbeitende.csv')]);
		expect([r5.code, STACK.test(r5.err + r5.out), /Keine Datei passt zu einer Tabelle.*staff\.csv/s.test(r5.out)]).toEqual([1, false, true]);
	}, 120_000);
});

describe('CLI usage errors in the user\'s language', () => {
	it('German by default, English with --lang en; the same checks', () => {
		const msg = (args: string[]) => {
			try {
				checkUsage('score', args);
			} catch (e) {
				return (e as UsageError).msg;
			}
			return null;
		};
		expect(msg(['--bogus'])).toEqual({ de: 'unbekannte Option --bogus', en: 'unknown option --bogus' });
		expect(msg(['data/demo', '--samples', 'many'])?.de).toBe('--samples ist eine Zahl, nicht «many»');
		expect(msg(['data/demo', '--crs', 'ch1903'])?.de).toBe('--crs ist wgs84 oder lv95, nicht «ch1903»');
		expect(msg(['a', 'b'])?.de).toBe('nur eine Datei oder ein Ordner, nicht auch «b»');
		// A list option: every word known (matrix and catchment computed 0 rows for --modes bus).
		for (const c of COMMANDS)
			if (USAGE[c].values.includes('--modes')) {
				expect(() => checkUsage(c, ['--modes', 'car'])).not.toThrow();
				expect(() => checkUsage(c, ['--modes', 'pt,car'])).not.toThrow();
				for (const bad of ['bus', 'pt,,car', 'pt,bus']) expect(() => checkUsage(c, ['--modes', bad]), `${c} --modes ${bad}`).toThrow(UsageError);
			}
		// A number option is a number in every command that takes it (score had no check for --region-km).
		for (const c of COMMANDS)
			if (USAGE[c].values.includes('--region-km')) {
				for (const bad of ['x', '0x10', 'Infinity', '']) expect(() => checkUsage(c, ['--region-km', bad]), `${c} --region-km ${bad}`).toThrow(UsageError);
				for (const ok of ['25', '2.5', '1e1']) expect(() => checkUsage(c, ['--region-km', ok])).not.toThrow();
			}
		// An output file in a folder that is not there: bad usage before the work starts.
		for (const c of COMMANDS)
			if (USAGE[c].values.includes('--out')) {
				expect(() => checkUsage(c, ['--out', '/nonexistent-folder/x.csv']), c).toThrow(UsageError);
				expect(() => checkUsage(c, ['--out', 'x.csv'])).not.toThrow();
			}
	});
	it('a folder given where a file is read is named as such (no «EISDIR» without a path)', async () => {
		const r = await cli(['network', '--gtfs', 'data', '--out', '/tmp/never-written.swnet']);
		expect([r.code, r.err.trim()]).toEqual([1, 'Fehler: data: ist ein Ordner, keine Datei']);
	}, 60_000);
});

describe('CLI dates', () => {
	it('report --date takes real calendar dates only, as the report page does (2026-02-30 is bad usage, before any browser starts)', async () => {
		const r = await cli(['report', '--date', '2026-02-30']);
		expect([r.code, STACK.test(r.err), r.err.includes('2026-02-30')]).toEqual([2, false, true]);
	}, 60_000);
});

describe('CLI output through a pipe', () => {
	it('score --compute-times --json: complete, valid JSON through a pipe; quiet when the reader stops after 100 bytes', async () => {
		const full = await cli(['score', 'data/demo', '--compute-times', '--json'], 'cat');
		expect(full.code).toBe(0);
		expect(full.out.length).toBeGreaterThan(64 * 1024);
		const j = JSON.parse(full.out);
		expect(j.score.ranking.length).toBeGreaterThan(1);
		const head = await cli(['score', 'data/demo', '--compute-times', '--json'], 'head -c 100');
		expect(head.out.length).toBe(100);
		expect(STACK.test(head.err)).toBe(false);
		expect(head.err).not.toMatch(/EPIPE/);
		expect(full.err).not.toMatch(/travel_times ist leer/);
	}, 180_000);

	it('score --json without travel times: stdout stays JSON, stderr says the ranking rests on space and money and names --compute-times', async () => {
		const r = await cli(['score', 'data/demo', '--json'], 'cat');
		expect(r.code).toBe(0);
		expect(JSON.parse(r.out).travelTimeRows).toBe(0);
		expect(r.err).toMatch(/travel_times ist leer.*nur nach Fläche und Kosten.*--compute-times/);
	}, 120_000);

	it('every command with large output survives `| head -c 100`', async () => {
		const dir = mkdtempSync(path.join(os.tmpdir(), 'cli-pipe-'));
		// A travel-time matrix from r5r (thousands of rows to stdout) and a file with thousands of messages.
		const tt = ['from_id,to_id,travel_time_p50'];
		for (const z of [1001, 1002, 1004, 1005, 1007, 1008, 1009, 1010, 1021, 1022]) for (let s = 0; s < 300; s++) tt.push(`${z},S${s},${10 + (s % 50)}`);
		writeFileSync(path.join(dir, 'r5r.csv'), tt.join('\n') + '\n');
		const bad = ['person_id,unit,fte,office_id,lon,lat'];
		for (let i = 0; i < 5000; i++) bad.push(`P${i},AK,viel,X,8.3,47.05`);
		writeFileSync(path.join(dir, 'staff.csv'), bad.join('\n') + '\n');
		const cases: [string[], number][] = [
			[['travel-times', path.join(dir, 'r5r.csv'), '--mode', 'pt'], 0],
			[['validate', path.join(dir, 'staff.csv')], 1],
			[['schema'], 0],
			[['score', 'data/demo'], 0],
			[['catchment', '--json'], 0],
			// a file written to the pipe itself: the reader stopping early is not an error either
			[['matrix', '--out', '/dev/stdout'], 0]
		];
		await all(cases, async ([args, code]) => {
			const r = await cli(args, 'head -c 100');
			expect([args[0], r.out.length, STACK.test(r.err), /EPIPE/.test(r.err)]).toEqual([args[0], 100, false, false]);
			// pipefail: the command's own code (0, or 1 for the invalid file), not a crash
			expect([args[0], r.code]).toEqual([args[0], code]);
		});
	}, 300_000);
});
