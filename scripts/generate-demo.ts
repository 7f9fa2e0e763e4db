/**
 * Generates the Lucerne default scenario (data/demo/*.csv + meta.json).
 *   npm run demo:generate [-- --seed N] [--out dir] [--data dir]
 * Same seed → byte-identical files. Assumptions: scripts/demo/assumptions.ts and data/SOURCES.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED } from './demo/assumptions.ts';
import { generateDemo } from './demo/build.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function arg(args: string[], name: string): string | undefined {
	const i = args.indexOf(name);
	if (i < 0) return undefined;
	const v = args[i + 1];
	if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
	return v;
}

function main(args: string[]): number {
	if (args.includes('--help') || args.includes('-h')) {
		console.log('Usage: npm run demo:generate -- [--seed N (default 2019)] [--out dir (default data/demo)] [--data dir (default data)]');
		return 0;
	}
	const seedText = arg(args, '--seed');
	const seed = seedText === undefined ? DEFAULT_SEED : Number(seedText);
	if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
		console.error(`--seed must be an integer 0…4294967295, got ${seedText}`);
		return 2;
	}
	const out = path.resolve(arg(args, '--out') ?? path.join(root, 'data/demo'));
	const dataDir = path.resolve(arg(args, '--data') ?? path.join(root, 'data'));
	const { files, summary } = generateDemo({ seed, dataDir });
	mkdirSync(out, { recursive: true });
	for (const [name, text] of Object.entries(files)) writeFileSync(path.join(out, name), text);
	console.log(`seed ${seed} → ${out}`);
	console.log(
		`zones ${summary.zones} (LU ${summary.luZones}), offices ${summary.offices}, sites ${summary.sites}, ` +
			`staff ${summary.staff} (${summary.fteTotal} FTE, ${(summary.shareAgglomeration * 100).toFixed(1)} % in Luzern/agglomeration), ` +
			`customer rows ${summary.customerRows}`
	);
	return 0;
}

try {
	process.exitCode = main(process.argv.slice(2));
} catch (e) {
	console.error((e as Error).message);
	process.exitCode = 1;
}
