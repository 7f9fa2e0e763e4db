/**
 * The order of jobs on one worker that holds state (the reach worker's networks). Two sorts of job:
 * - loads replace that state. They run one after another in the order asked, are never cancelled by a
 *   computation, and cancel the computation running when they start (it is asked again after).
 * - computations read it. They wait until no load is running or asked for, and for a running computation
 *   of another kind; a newer computation of the same kind supersedes (cancels) the running one.
 * The waits are re-checked after every wake-up: a load asked for while a computation waited must not be
 * cancelled by it (the bug this module exists for: the PT network the user went back to never arrived).
 */
export interface Job {
	kind: string;
	load: boolean;
	signal: AbortSignal;
}

interface Running extends Job {
	ac: AbortController;
	done: Promise<void>;
}

export class JobQueue {
	#current: Running | null = null;
	/** Settles once every load asked for so far has ended (successfully or not). */
	#loads: Promise<void> = Promise.resolve();

	/** The running job, if any. */
	get current(): Job | null {
		return this.#current;
	}

	/** Resolves once the loads asked for so far have ended. */
	loadsSettled(): Promise<void> {
		return this.#loads;
	}

	/** Cancel the running job (a user's cancel). */
	cancel(): void {
		this.#current?.ac.abort();
	}

	/** Run `fn` as a job of `kind` once the rules above let it; its signal is aborted when it is cancelled. */
	async run<T>(kind: string, load: boolean, fn: (job: Job) => Promise<T>): Promise<T> {
		let endLoad = () => {};
		if (load) {
			// Registered at once, before any await: computations asked for from now on wait for it.
			const before = this.#loads;
			const mine = new Promise<void>((r) => (endLoad = r));
			this.#loads = before.then(() => mine);
			await before;
		} else {
			for (;;) {
				const loads = this.#loads;
				await loads;
				const c = this.#current;
				if (c && (c.load || c.kind !== kind)) await c.done;
				else if (loads === this.#loads) break;
			}
		}
		// No await from here to `this.#current = job`: nothing can slip in between.
		this.#current?.ac.abort();
		const ac = new AbortController();
		let ended = () => {};
		const job: Running = { kind, load, signal: ac.signal, ac, done: new Promise<void>((r) => (ended = r)) };
		this.#current = job;
		try {
			return await fn(job);
		} finally {
			if (this.#current === job) this.#current = null;
			ended();
			endLoad();
		}
	}
}
