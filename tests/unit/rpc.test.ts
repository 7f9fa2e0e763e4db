import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { client, serve, CancelledError, type Endpoint } from '../../src/lib/util/rpc.ts';

function pair() {
	const ch = new MessageChannel();
	const wrap = (p: typeof ch.port1): Endpoint => ({
		postMessage: (m) => p.postMessage(m),
		addEventListener: (_t, fn) => p.on('message', (data) => fn({ data }))
	});
	return { a: wrap(ch.port1), b: wrap(ch.port2), close: () => (ch.port1.close(), ch.port2.close()) };
}

describe('worker rpc', () => {
	it('returns results and reports progress', async () => {
		const { a, b, close } = pair();
		serve(b, {
			async sum(xs: number[], ctx) {
				let s = 0;
				for (let i = 0; i < xs.length; i++) {
					s += xs[i];
					ctx.progress((i + 1) / xs.length);
					await ctx.checkpoint();
				}
				return s;
			}
		});
		const call = client(a);
		const seen: number[] = [];
		expect(await call<number>('sum', [1, 2, 3], { onProgress: (f) => seen.push(f) })).toBe(6);
		expect(seen.at(-1)).toBe(1);
		await expect(call('nope', null)).rejects.toThrow(/unknown method/);
		close();
	});

	it('cancels a long computation', async () => {
		const { a, b, close } = pair();
		let steps = 0;
		serve(b, {
			async spin(_: null, ctx) {
				for (;;) {
					steps++;
					await ctx.checkpoint();
				}
			}
		});
		const call = client(a);
		const ac = new AbortController();
		const p = call('spin', null, { signal: ac.signal });
		setTimeout(() => ac.abort(), 30);
		await expect(p).rejects.toBeInstanceOf(CancelledError);
		const after = steps;
		await new Promise((r) => setTimeout(r, 30));
		expect(steps).toBe(after);
		close();
	});
});
