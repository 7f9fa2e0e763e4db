/** Node only: a file on disk as a {@link ByteSource}, read by position (never loaded whole). */
import { openSync, readSync, fstatSync, closeSync } from 'node:fs';
import { basename } from 'node:path';
import type { ByteSource } from './bytes.ts';

/** Open `path` for positional reads. Call `close()` when done (the CLI exits anyway). */
export function fileSource(path: string): ByteSource & { close(): void } {
	const fd = openSync(path, 'r');
	const stat = fstatSync(fd);
	if (stat.isDirectory()) {
		// A folder opens on Linux; reading it fails later without its path. Said here, with the path.
		closeSync(fd);
		throw Object.assign(new Error(`EISDIR: illegal operation on a directory, read '${path}'`), { code: 'EISDIR', path });
	}
	const size = stat.size;
	return {
		size,
		name: basename(path),
		async read(start, end) {
			const n = Math.max(0, Math.min(end, size) - start);
			const buf = new Uint8Array(n);
			let got = 0;
			while (got < n) {
				const r = readSync(fd, buf, got, n - got, start + got);
				if (r === 0) break;
				got += r;
			}
			return got === n ? buf : buf.subarray(0, got);
		},
		close: () => closeSync(fd)
	};
}
