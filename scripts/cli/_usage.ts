/**
 * What each command accepts, checked before it runs: an unknown option, an option without its value, a
 * value that is not a number where one is needed, a second file name are bad usage (exit 2, with the
 * command's --help hint), never silently ignored. The commands read their options themselves; this table
 * only guards the door.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { positional, UsageError } from './_args.ts';

export { UsageError };

interface Spec {
	/** Options that take a value. */
	values: string[];
	/** Options without a value. */
	flags?: string[];
	/** How many plain arguments (file or folder names) the command takes. */
	positionals?: number;
}

const NET = ['--gtfs', '--date', '--pbf', '--roads', '--region-km'];
const RASTER = ['--cell', '--statpop'];
const ADDR = ['--addresses', '--region-km'];

export const USAGE: Record<string, Spec> = {
	catchment: { values: ['--data', '--modes', '--working-age-share', '--lang', ...NET, ...RASTER], flags: ['--json'] },
	geocode: { values: ['--lang', '--out', ...ADDR], flags: ['--no-cut'], positionals: 1 },
	guteklassen: { values: ['--crs', '--data', '--out', '--rail-nodes', '--stations', '--tram-group', '--lang', ...NET] },
	import: { values: ['--lang', '--out', '--engine', '--sheet', '--header-row', ...ADDR], flags: ['--no-cut'], positionals: 1 },
	isochrones: { values: ['--crs', '--data', '--minutes', '--mode', '--out', '--site', '--lang', ...NET, ...RASTER] },
	matrix: { values: ['--data', '--modes', '--out', '--engine', '--lang', ...NET] },
	network: { values: ['--data', '--out', '--lang', ...NET] },
	report: { values: ['--date', '--format', '--out', '--png', '--scenario', '--lang'], flags: ['--build'] },
	route: { values: ['--arrive', '--data', '--from', '--to', '--mode', '--lang', ...NET] },
	scale: { values: ['--customers', '--customers-file', '--memory-limit', '--parquet-dir', '--staff', '--threads', '--times', '--engine', ...NET] },
	schema: { values: ['--lang'], flags: ['--markdown'] },
	score: {
		values: ['--scenario', '--lang', '--samples', '--seed', '--engine', '--geojson', '--crs', ...NET, ...RASTER],
		flags: ['--json', '--compute-times', '--estimate-times', '--no-raster'],
		positionals: 1
	},
	'travel-times': { values: ['--mode', '--format', '--source', '--out', '--lang'], positionals: 1 },
	validate: { values: ['--table', '--lang', '--sheet', '--header-row', ...ADDR], flags: ['--no-cut'], positionals: 1 }
};

/** Options that are numbers wherever a command takes them (one list: per command they drifted apart). */
const NUMBERS = new Set(['--region-km', '--header-row', '--cell', '--samples', '--seed', '--customers', '--staff', '--threads', '--working-age-share']);

const ENUMS: Record<string, string[]> = { '--lang': ['de', 'en'], '--engine': ['wasm', 'native'], '--crs': ['wgs84', 'lv95'] };

/** Options that take a comma-separated list of these words (`--modes car` or `--modes pt,car`). */
const LISTS: Record<string, string[]> = { '--modes': ['pt', 'car'] };

/** The command's file or folder argument: the first that is neither an option nor the value of one (per USAGE). */
export function fileArgument(command: string, args: string[]): string | undefined {
	return positional(args, USAGE[command]?.values ?? []);
}

/** A number as people write one on a command line: decimal (no 0x10, no Infinity). */
const DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Throw a UsageError for anything the command does not accept (commands missing from USAGE are not checked). */
export function checkUsage(command: string, args: string[]): void {
	const spec = USAGE[command];
	if (!spec) return;
	const flags = new Set(['--help', '-h', ...(spec.flags ?? [])]);
	const values = new Set(spec.values);
	let plain = 0;
	for (let i = 0; i < args.length; i++) {
		const a = args[i];
		if (flags.has(a)) continue;
		if (values.has(a)) {
			const v = args[i + 1];
			if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError({ de: `${a} braucht einen Wert`, en: `${a} needs a value` });
			// An output folder that is not there: said before the work, not after it.
			if (a === '--out' && !existsSync(dirname(v))) throw new UsageError({ de: `--out: den Ordner ${dirname(v)} gibt es nicht`, en: `--out: the folder ${dirname(v)} does not exist` });
			if (NUMBERS.has(a) && !DECIMAL.test(v.trim())) throw new UsageError({ de: `${a} ist eine Zahl, nicht «${v}»`, en: `${a} must be a number, not "${v}"` });
			if (ENUMS[a] && !ENUMS[a].includes(v)) throw new UsageError({ de: `${a} ist ${ENUMS[a].join(' oder ')}, nicht «${v}»`, en: `${a} must be ${ENUMS[a].join(' or ')}, not "${v}"` });
			const stray = LISTS[a] ? v.split(',').find((w) => !LISTS[a].includes(w)) : undefined;
			if (stray !== undefined) throw new UsageError({ de: `${a} ist eine Liste aus ${LISTS[a].join(', ')}, nicht «${stray}»`, en: `${a} takes a list of ${LISTS[a].join(', ')}, not "${stray}"` });
			i++;
			continue;
		}
		if (a.startsWith('-') && a.length > 1) throw new UsageError({ de: `unbekannte Option ${a}`, en: `unknown option ${a}` });
		if (++plain > (spec.positionals ?? 0)) throw new UsageError(
				spec.positionals
					? { de: `nur ${spec.positionals === 1 ? 'eine Datei oder ein Ordner' : 'ein Argument'}, nicht auch «${a}»`, en: `one ${spec.positionals === 1 ? 'file or folder' : 'argument'} only, not also "${a}"` }
					: { de: `unerwartetes Argument «${a}»`, en: `unexpected argument "${a}"` }
			);
	}
}
