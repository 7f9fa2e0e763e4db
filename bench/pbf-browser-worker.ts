/**
 * Web Worker of bench/pbf-browser.mjs: runs a PBF benchmark task on a File handed over by the page
 * (read slice by slice through blobSource, never whole) and posts progress and the figures back.
 */
import { blobSource, type BlobLike } from '../src/lib/util/bytes.ts';
import { cutTask, inflateTask, type RegionName } from './pbf-tasks.ts';

const post = (m: unknown) => (self as unknown as { postMessage(m: unknown): void }).postMessage(m);

self.onmessage = async (e: MessageEvent<{ file: BlobLike; what: 'cut' | 'inflate' | 'spin'; region: RegionName; engine: 'native' | 'fflate' }>) => {
	const { file, what, region, engine } = e.data;
	try {
		const src = blobSource(file);
		let lastPost = 0;
		// What the app's worker does between blocks: yield so messages (cancel) can come in.
		const checkpoint = () => new Promise<void>((r) => setTimeout(r, 0));
		const onProgress = (f: number) => {
			const now = performance.now();
			if (now - lastPost > 200) {
				lastPost = now;
				post({ progress: f });
			}
		};
		if (what === 'spin') {
			// Control: pure CPU work for 20 s with the same 100 ms yields, nothing read or allocated.
			const end = performance.now() + 20_000;
			let x = 0;
			while (performance.now() < end) {
				const slice = performance.now() + 100;
				while (performance.now() < slice) x += Math.sqrt(x + 1);
				await checkpoint();
			}
			return post({ result: { x } });
		}
		const result = what === 'inflate' ? await inflateTask(src, engine, 150e6) : await cutTask(src, region, engine, { onProgress, checkpoint });
		post({ result });
	} catch (err) {
		post({ error: err instanceof Error ? `${err.message}\n${err.stack}` : String(err) });
	}
};
