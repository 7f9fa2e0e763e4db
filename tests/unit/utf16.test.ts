/**
 * UTF-16 to UTF-8 for the fast path (util/utf16.ts via import/encoding.ts utf8Copy): the same text as the
 * platform's WHATWG decoder, whatever the units (surrogate pairs, unpaired surrogates, an odd last byte)
 * and wherever the chunks end.
 */
import { describe, expect, it } from 'vitest';
import { utf8Copy } from '../../src/lib/data/import/encoding.ts';
import { createRng } from '../../src/lib/data/prng.ts';
import { bytesSource } from '../../src/lib/util/bytes.ts';

describe('UTF-16 to UTF-8', () => {
	it('gives the text TextDecoder gives, for any units and chunk ends, in both byte orders', async () => {
		const rng = createRng(16);
		// ASCII, Latin, CJK, a pair (😀 = D83D DE00), a lone lead, a lone trail, the highest unit.
		const pool = [0x41, 0x0a, 0x3b, 0xfc, 0x20ac, 0x4e2d, 0xd83d, 0xde00, 0xd800, 0xdfff, 0xffff, 0x7f, 0x80, 0x7ff, 0x800];
		for (let k = 0; k < 300; k++) {
			const units = Array.from({ length: rng.int(60) }, () => pool[rng.int(pool.length)]);
			for (const le of [true, false]) {
				const bytes = new Uint8Array(units.length * 2 + (k % 5 === 0 ? 1 : 0)); // now and then an odd last byte
				units.forEach((u, i) => {
					bytes[2 * i + (le ? 0 : 1)] = u & 0xff;
					bytes[2 * i + (le ? 1 : 0)] = u >> 8;
				});
				if (bytes.length & 1) bytes[bytes.length - 1] = 0x41;
				const encoding = le ? 'utf-16le' : 'utf-16be';
				const want = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
				for (const chunk of [1, 2, 3, 6, 1 << 20]) {
					const got = new TextDecoder().decode(await utf8Copy(bytesSource(bytes), encoding, 0, { chunkBytes: chunk }));
					expect([k, encoding, chunk, got]).toEqual([k, encoding, chunk, want]);
				}
			}
		}
	});
});
