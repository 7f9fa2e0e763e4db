/**
 * A tiny typed RPC over a MessagePort-like endpoint (Worker, MessagePort) with progress reports and
 * cancellation, so long computations (travel-time matrices, big imports) run off the main thread and
 * the UI can show a progress bar with a cancel button. No DOM types: runs in Node tests too.
 *
 * Typed end to end: the worker module exports its handler object's type, the page holds a
 * `Remote<typeof handlers>` whose methods take the handler's payload type and return its result type,
 * so a renamed handler or a changed payload fails the type check, not the user's session.
 *
 *   // worker-handlers.ts
 *   export const reachHandlers = { matrix(p: MatrixRequest, ctx: HandlerContext) { … } };
 *   // page side
 *   const reach = client<typeof reachHandlers>(worker);
 *   const rows = await reach.matrix(request, { signal, onProgress });
 */

export interface Endpoint {
	postMessage(msg: unknown, transfer?: Transferable[]): void;
	/** 'message'; and on a Worker 'error': its script did not load, or an exception escaped it (see client()). */
	addEventListener(type: 'message' | 'error', fn: (e: { data?: unknown; message?: unknown }) => void): void;
}

/** Handlers run in the worker: they get the request, a progress callback and an abort signal. */
// `any`: each handler declares its own payload type; Remote<H> reads it back per method.
export type Handlers = Record<string, (payload: any, ctx: HandlerContext) => unknown>;

/** The calling side's view of a handler object: same names, same payloads, results as promises. */
export type Remote<H extends Handlers> = {
	[K in keyof H]: (payload: Parameters<H[K]>[0], opts?: CallOptions) => Promise<Awaited<ReturnType<H[K]>>>;
};

export interface HandlerContext {
	progress(fraction: number, note?: string): void;
	signal: AbortSignal;
	/** Yield to the event loop so a cancel message can arrive; throws if cancelled. */
	checkpoint(): Promise<void>;
	/** Transfer these buffers with the result instead of copying them (e.g. Arrow IPC bytes). */
	transfer(...list: Transferable[]): void;
}

type Msg =
	| { kind: 'call'; id: number; method: string; payload: unknown }
	| { kind: 'cancel'; id: number }
	| { kind: 'progress'; id: number; fraction: number; note?: string }
	| { kind: 'result'; id: number; value: unknown }
	| { kind: 'error'; id: number; message: string; cancelled: boolean; code?: string; msg?: { de: string; en: string }; data?: Record<string, unknown> };

/**
 * A handler's error as the caller sees it: the English message, and where the worker's error had them
 * (GtfsError, RoadError, ZipError, …) its `code` and bilingual `msg`, so the page can show German.
 */
export class RemoteError extends Error {
	constructor(
		message: string,
		readonly code?: string,
		readonly msg?: { de: string; en: string },
		/** Machine-readable details (e.g. a suggested service day). */
		readonly data?: Record<string, unknown>
	) {
		super(message);
		this.name = 'RemoteError';
	}
}

/** Thrown on the calling side when a call was cancelled. */
export class CancelledError extends Error {
	constructor() {
		super('cancelled');
		this.name = 'CancelledError';
	}
}

/**
 * The error of every call a worker can no longer answer. `escaped`: the message of an exception that
 * escaped the worker (it runs on, but what it was doing is lost); null: its script never loaded. Without a
 * closing period: the pages put it into their own sentence (data.failed, …).
 */
export function workerFailed(escaped: string | null): RemoteError {
	return escaped === null
		? new RemoteError('the background worker did not start (its script did not load)', 'worker-failed', {
				de: 'Der Hintergrund-Prozess der App ist nicht gestartet (sein Skript wurde nicht geladen); bitte die Seite neu laden',
				en: 'The app’s background process did not start (its script did not load); please reload the page'
			})
		: new RemoteError(`the background worker failed: ${escaped}`, 'worker-failed', {
				de: `Im Hintergrund-Prozess der App ist ein Fehler aufgetreten (${escaped}); bitte die Seite neu laden`,
				en: `The app’s background process failed (${escaped}); please reload the page`
			});
}

/** Serve `handlers` on an endpoint (call this inside the worker). */
export function serve<H extends Handlers>(ep: Endpoint, handlers: H): void {
	const running = new Map<number, AbortController>();
	ep.addEventListener('message', async (e) => {
		const m = e.data as Msg;
		if (m?.kind === 'cancel') {
			running.get(m.id)?.abort();
			return;
		}
		if (m?.kind !== 'call') return;
		const ac = new AbortController();
		running.set(m.id, ac);
		let last = 0;
		const transfer: Transferable[] = [];
		const ctx: HandlerContext = {
			transfer: (...list) => void transfer.push(...list),
			signal: ac.signal,
			progress(fraction, note) {
				const now = Date.now();
				if (now - last < 50 && fraction < 1) return; // at most ~20 messages a second
				last = now;
				ep.postMessage({ kind: 'progress', id: m.id, fraction, note } satisfies Msg);
			},
			async checkpoint() {
				await new Promise((r) => setTimeout(r, 0));
				if (ac.signal.aborted) throw new CancelledError();
			}
		};
		try {
			const fn = handlers[m.method];
			if (!fn) throw new Error(`unknown method ${m.method}`);
			const value = await fn(m.payload, ctx);
			ep.postMessage({ kind: 'result', id: m.id, value } satisfies Msg, transfer);
		} catch (err) {
			const cancelled = err instanceof CancelledError || ac.signal.aborted;
			const e = err as { code?: unknown; msg?: { de?: unknown; en?: unknown }; data?: unknown };
			const msg = e?.msg && typeof e.msg.de === 'string' && typeof e.msg.en === 'string' ? { de: e.msg.de, en: e.msg.en } : undefined;
			const code = typeof e?.code === 'string' ? e.code : undefined;
			// Only plain data crosses (it must survive structured cloning).
			let data: Record<string, unknown> | undefined;
			try {
				data = e?.data && typeof e.data === 'object' ? (JSON.parse(JSON.stringify(e.data)) as Record<string, unknown>) : undefined;
			} catch {
				data = undefined;
			}
			ep.postMessage({ kind: 'error', id: m.id, message: err instanceof Error ? err.message : String(err), cancelled, code, msg, data } satisfies Msg);
		} finally {
			running.delete(m.id);
		}
	});
}

/** The buffers of every typed array inside `value` (objects, arrays, Maps), once each: to move rather than copy it. */
export function buffersOf(value: unknown): ArrayBuffer[] {
	const found = new Set<ArrayBuffer>();
	const walk = (v: unknown): void => {
		if (ArrayBuffer.isView(v)) {
			if (v.buffer instanceof ArrayBuffer) found.add(v.buffer);
		} else if (v instanceof Map) v.forEach(walk);
		else if (Array.isArray(v)) v.forEach(walk);
		else if (v && typeof v === 'object') Object.values(v).forEach(walk);
	};
	walk(value);
	return [...found];
}

export interface CallOptions {
	onProgress?: (fraction: number, note?: string) => void;
	signal?: AbortSignal;
	transfer?: Transferable[];
}

/** The calling side: `remote.method(payload, {onProgress, signal})` returns the handler's result. */
export function client<H extends Handlers>(ep: Endpoint): Remote<H> {
	let next = 1;
	const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: CallOptions['onProgress'] }>();
	// serve() answers every handler's failure; an 'error' here is a worker that will not answer: a call
	// waiting for it fails with the reason instead of waiting for ever (and a spinner with it), and if its
	// script never loaded, so does every later call.
	let dead: RemoteError | null = null;
	ep.addEventListener('error', (e) => {
		const escaped = typeof e.message === 'string' && e.message ? e.message : null;
		const err = workerFailed(escaped);
		if (escaped === null) dead = err;
		for (const p of pending.values()) p.reject(err);
		pending.clear();
	});
	ep.addEventListener('message', (e) => {
		const m = e.data as Msg;
		const p = m && pending.get(m.id);
		if (!p) return;
		if (m.kind === 'progress') p.onProgress?.(m.fraction, m.note);
		else if (m.kind === 'result') {
			pending.delete(m.id);
			p.resolve(m.value);
		} else if (m.kind === 'error') {
			pending.delete(m.id);
			p.reject(m.cancelled ? new CancelledError() : new RemoteError(m.message, m.code, m.msg, m.data));
		}
	});
	const call = (method: string, payload: unknown, opts: CallOptions = {}): Promise<unknown> => {
		const id = next++;
		return new Promise((resolve, reject) => {
			if (dead) return reject(dead);
			if (opts.signal?.aborted) return reject(new CancelledError());
			pending.set(id, { resolve, reject, onProgress: opts.onProgress });
			opts.signal?.addEventListener('abort', () => ep.postMessage({ kind: 'cancel', id } satisfies Msg), { once: true });
			ep.postMessage({ kind: 'call', id, method, payload } satisfies Msg, opts.transfer ?? []);
		});
	};
	const methods = new Map<string, (payload: unknown, opts?: CallOptions) => Promise<unknown>>();
	// A proxy: every property is a method of the worker ('then' is not, so the remote is not a thenable).
	return new Proxy({} as Remote<H>, {
		get(_, name) {
			if (typeof name !== 'string' || name === 'then') return undefined;
			let m = methods.get(name);
			if (!m) methods.set(name, (m = (payload, opts) => call(name, payload, opts)));
			return m;
		}
	});
}
