import { describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import { buffersOf, client, serve, CancelledError, RemoteError, type Endpoint, type HandlerContext } from '../../src/lib/util/rpc.ts';

function pair() {
	const ch = new MessageChannel();
	// The calling side can be made to fail as a Worker does ('error': a plain event if its script did not
	// load, an ErrorEvent with the message if an exception escaped it).
	const failing: ((e: { message?: unknown }) => void)[] = [];
	const wrap = (p: typeof ch.port1): Endpoint => ({
		postMessage: (m) => p.postMessage(m),
		addEventListener: (t, fn) => void (t === 'message' ? p.on('message', (data) => fn({ data })) : failing.push(fn))
	});
	const fail = (message?: string) => failing.forEach((fn) => fn(message === undefined ? {} : { message }));
	return { a: wrap(ch.port1), b: wrap(ch.port2), fail, close: () => (ch.port1.close(), ch.port2.close()) };
}

describe('worker rpc', () => {
	it('returns results and reports progress', async () => {
		const { a, b, close } = pair();
		const handlers = {
			async sum(xs: number[], ctx: HandlerContext) {
				let s = 0;
				for (let i = 0; i < xs.length; i++) {
					s += xs[i];
					ctx.progress((i + 1) / xs.length);
					await ctx.checkpoint();
				}
				return s;
			}
		};
		serve(b, handlers);
		const remote = client<typeof handlers>(a);
		const seen: number[] = [];
		const total: number = await remote.sum([1, 2, 3], { onProgress: (f) => seen.push(f) });
		expect(total).toBe(6);
		expect(seen.at(-1)).toBe(1);
		// A method the worker does not have fails at run time (and at type-check time for typed callers).
		await expect((client(a) as unknown as { nope(p: null): Promise<unknown> }).nope(null)).rejects.toThrow(/unknown method/);
		// The remote is not a thenable (awaiting it does not call the worker).
		expect(await Promise.resolve(remote)).toBe(remote);
		close();
	});

	it('fails the calls a worker can no longer answer, in German and English, instead of waiting for ever', async () => {
		// An exception escaped a running worker: the call waiting for it fails, naming it; the worker runs on.
		const { a, b, fail, close } = pair();
		let release = () => {};
		const handlers = {
			hang: (_: null) => new Promise<number>((r) => (release = () => r(1))),
			echo: (x: number) => x
		};
		serve(b, handlers);
		const remote = client<typeof handlers>(a);
		const waiting = remote.hang(null);
		await new Promise((r) => setTimeout(r, 20));
		fail('Uncaught RangeError: Invalid array length');
		await expect(waiting).rejects.toMatchObject({ code: 'worker-failed', msg: { de: expect.stringContaining('Invalid array length'), en: expect.stringContaining('Invalid array length') } });
		expect(await remote.echo(7)).toBe(7);
		release(); // its late answer is ignored
		expect(await remote.echo(8)).toBe(8);
		// A worker whose script did not load: the waiting call and every later one fail at once.
		const none: Endpoint & { fail(): void } = {
			postMessage: () => {},
			addEventListener(t, fn) {
				if (t === 'error') this.fail = () => fn({});
			},
			fail: () => {}
		};
		const dead = client<typeof handlers>(none);
		const never = dead.echo(1);
		none.fail();
		await expect(never).rejects.toBeInstanceOf(RemoteError);
		await expect(never).rejects.toMatchObject({ code: 'worker-failed', msg: { de: expect.stringContaining('nicht gestartet') } });
		await expect(dead.echo(2)).rejects.toMatchObject({ code: 'worker-failed' });
		close();
	});

	it('cancels a long computation', async () => {
		const { a, b, close } = pair();
		let steps = 0;
		const handlers = {
			async spin(_: null, ctx: HandlerContext): Promise<never> {
				for (;;) {
					steps++;
					await ctx.checkpoint();
				}
			}
		};
		serve(b, handlers);
		const remote = client<typeof handlers>(a);
		const ac = new AbortController();
		const p = remote.spin(null, { signal: ac.signal });
		setTimeout(() => ac.abort(), 30);
		await expect(p).rejects.toBeInstanceOf(CancelledError);
		const after = steps;
		await new Promise((r) => setTimeout(r, 30));
		expect(steps).toBe(after);
		close();
	});
});

describe('worker errors', () => {
	it('carry their code and bilingual message to the caller', async () => {
		const { a, b, close } = pair();
		class HostileFile extends Error {
			code = 'no_roads';
			msg = { de: 'Keine Strassen im Untersuchungsgebiet', en: 'No roads in the study region' };
		}
		const handlers = {
			load(): never {
				throw new HostileFile('No roads in the study region');
			}
		};
		serve(b, handlers);
		const err = await client<typeof handlers>(a).load(undefined as never).catch((e) => e);
		expect(err).toBeInstanceOf(RemoteError);
		expect(err.code).toBe('no_roads');
		expect(err.msg.de).toMatch(/Keine Strassen/);
		close();
	});
});

describe('buffersOf', () => {
	it('finds every typed array in objects, arrays and Maps, each buffer once', () => {
		const shared = new Float64Array(4);
		const a = new Int32Array(2);
		const b = new Uint8Array(3);
		const value = { x: shared, y: shared.subarray(1), nested: { list: [a, 'text', 3, null], map: new Map([['k', b]]) }, empty: {} };
		expect(new Set(buffersOf(value))).toEqual(new Set([shared.buffer, a.buffer, b.buffer]));
		expect(buffersOf(value)).toHaveLength(3);
		expect(buffersOf('text')).toEqual([]);
	});
});
