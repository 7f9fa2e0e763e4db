/** Small argument helpers shared by the CLI commands (files starting with _ are not commands). */

/** Value of `--name value`, or undefined. */
export function option(args: string[], name: string): string | undefined {
	const i = args.indexOf(name);
	return i >= 0 && i + 1 < args.length ? args[i + 1] : undefined;
}

/** Whether a bare flag is present. */
export function flag(args: string[], name: string): boolean {
	return args.includes(name);
}

/** First argument that is neither an option nor an option's value (`withValue` lists options taking one). */
export function positional(args: string[], withValue: string[]): string | undefined {
	for (let i = 0; i < args.length; i++) {
		if (withValue.includes(args[i])) i++;
		else if (!args[i].startsWith('--')) return args[i];
	}
	return undefined;
}

/** `--lang de|en`, German by default like the app. */
export function lang(args: string[]): 'de' | 'en' {
	return option(args, '--lang') === 'en' ? 'en' : 'de';
}

export type Engine = 'wasm' | 'native';

/** `--engine native|wasm`: native DuckDB (@duckdb/node-api) or duckdb-wasm (the browser's engine, default). */
export function engine(args: string[]): Engine {
	const e = option(args, '--engine') ?? 'wasm';
	if (e !== 'wasm' && e !== 'native') throw new UsageError({ de: `--engine ist native oder wasm, nicht ${e}`, en: `--engine must be native or wasm, not ${e}` });
	return e;
}

export const ENGINE_HELP = '--engine native|wasm: native DuckDB (multi-threaded, no wasm memory limit) or duckdb-wasm (default; the browser\'s engine). Same SQL, same results.';

/** Bad usage of a command (exit code 2, message without a stack trace), in German and English. */
export class UsageError extends Error {
	readonly msg: { de: string; en: string };
	constructor(msg: { de: string; en: string }) {
		super(msg.en);
		this.msg = msg;
		this.name = 'UsageError';
	}
}
