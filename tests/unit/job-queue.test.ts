import { describe, expect, it } from 'vitest';
import { JobQueue, type Job } from '../../src/lib/util/job-queue.ts';

/** A job body that runs until released (or until its signal aborts, then it rejects like a cancelled RPC). */
function held(log: string[], name: string) {
	let release = () => {};
	const body = (job: Job) =>
		new Promise<string>((resolve, reject) => {
			log.push(`start ${name}`);
			release = () => resolve(name);
			job.signal.addEventListener('abort', () => {
				log.push(`cancel ${name}`);
				reject(new Error(`cancelled ${name}`));
			});
		});
	return { body, release: () => release() };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
/** A job's outcome as a value (handled at once, so a cancel before the test looks is not an unhandled rejection). */
const outcome = (p: Promise<string>) => p.then((v) => v, (e: Error) => e.message);

describe('JobQueue', () => {
	it('a load asked for while a computation waits is not cancelled by it', async () => {
		const q = new JobQueue();
		const log: string[] = [];
		const matrix = held(log, 'matrix');
		const iso = held(log, 'isochrones');
		const net = held(log, 'network');
		const m = outcome(q.run('matrix', false, matrix.body));
		await tick();
		const i = outcome(q.run('isochrones', false, iso.body)); // waits for the matrix (another kind)
		await tick();
		matrix.release();
		await m;
		await tick();
		// The isochrones run now; the user goes back to the default network: the load cancels them.
		const n = outcome(q.run('network', true, net.body));
		await tick();
		expect(await i).toBe('cancelled isochrones');
		const i2 = outcome(q.run('isochrones', false, iso.body)); // asked again after the load
		await tick();
		expect(q.current?.kind).toBe('network');
		net.release();
		expect(await n).toBe('network');
		await tick();
		iso.release();
		await i2;
		expect(log).toEqual(['start matrix', 'start isochrones', 'cancel isochrones', 'start network', 'start isochrones']);
	});

	it('computations waiting on another computation do not cancel a load that started meanwhile', async () => {
		const q = new JobQueue();
		const log: string[] = [];
		const a = held(log, 'matrix');
		const b = held(log, 'isochrones');
		const net = held(log, 'network');
		const ra = outcome(q.run('matrix', false, a.body));
		await tick();
		const rb = outcome(q.run('isochrones', false, b.body)); // waits on the matrix's end
		await tick();
		const rn = outcome(q.run('network', true, net.body)); // cancels the matrix; the isochrones wake up and must wait
		expect(await ra).toBe('cancelled matrix');
		await tick();
		expect(q.current?.kind).toBe('network');
		expect(log).not.toContain('cancel network');
		net.release();
		await rn;
		await tick();
		b.release();
		await rb;
		expect(log).toEqual(['start matrix', 'cancel matrix', 'start network', 'start isochrones']);
	});

	it('loads run one after another in order; a newer computation of the same kind supersedes the running one', async () => {
		const q = new JobQueue();
		const log: string[] = [];
		const l1 = held(log, 'gtfs');
		const l2 = held(log, 'network');
		const r1 = outcome(q.run('gtfs', true, l1.body));
		const r2 = outcome(q.run('network', true, l2.body));
		await tick();
		expect(log).toEqual(['start gtfs']);
		l1.release();
		await r1;
		await tick();
		expect(log).toEqual(['start gtfs', 'start network']);
		let settled = false;
		void q.loadsSettled().then(() => (settled = true));
		await tick();
		expect(settled).toBe(false);
		l2.release();
		await r2;
		await tick();
		expect(settled).toBe(true);
		const m1 = held(log, 'matrix 1');
		const m2 = held(log, 'matrix 2');
		const p1 = outcome(q.run('matrix', false, m1.body));
		await tick();
		const p2 = outcome(q.run('matrix', false, m2.body));
		expect(await p1).toBe('cancelled matrix 1');
		m2.release();
		expect(await p2).toBe('matrix 2');
		expect(q.current).toBeNull();
	});

	it('a failed load does not block the jobs after it; cancel() stops the running job', async () => {
		const q = new JobQueue();
		expect(await outcome(q.run('gtfs', true, async () => Promise.reject(new Error('not a zip'))))).toBe('not a zip');
		const log: string[] = [];
		const m = held(log, 'matrix');
		const p = outcome(q.run('matrix', false, m.body));
		await tick();
		expect(q.current?.kind).toBe('matrix');
		q.cancel();
		expect(await p).toBe('cancelled matrix');
		expect(q.current).toBeNull();
	});
});
