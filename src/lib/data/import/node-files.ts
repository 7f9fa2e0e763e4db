/** Node only: read a folder's files (or one file) as importer inputs, for the CLI and tests. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FileInput } from './types.ts';

/** The files of a folder (sorted) or the single file. */
export function readInputs(target: string): FileInput[] {
	const st = statSync(target);
	const names = st.isDirectory() ? readdirSync(target).sort().map((f) => path.join(target, f)) : [target];
	return names
		.filter((f) => statSync(f).isFile())
		.map((f) => ({ fileName: path.basename(f), bytes: new Uint8Array(readFileSync(f)) }));
}
