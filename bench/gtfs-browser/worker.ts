/**
 * Web Worker of the browser benchmark (bench/gtfs-browser.mjs): the same readGtfs as the app and the
 * CLI, on the uploaded File (blobSource), cut to the region around the posted points.
 */
import { readGtfs } from '../../src/lib/reach/gtfs/read.ts';
import { regionAround } from '../../src/lib/reach/region.ts';
import { blobSource } from '../../src/lib/util/bytes.ts';

interface Job {
	/** 'control': spin the CPU for `spinMs` instead (the machine's own frame-gap noise with a busy worker). */
	mode?: 'cut' | 'control';
	spinMs?: number;
	file: File;
	date: string;
	points: Array<{ lon: number; lat: number }>;
	bufferKm: number;
}

self.onmessage = async (e: MessageEvent<Job>) => {
	const { file, date, points, bufferKm } = e.data;
	const post = (m: unknown) => (self as unknown as Worker).postMessage(m);
	const t0 = performance.now();
	if (e.data.mode === 'control') {
		let x = 0;
		for (let k = 1; performance.now() - t0 < (e.data.spinMs ?? 10_000); k++) {
			for (let i = 0; i < 1e5; i++) x += Math.sqrt(i * k);
			if (k % 50 === 0) post({ type: 'progress', stage: 'control', f: (performance.now() - t0) / (e.data.spinMs ?? 10_000) });
		}
		post({ type: 'done', ms: performance.now() - t0, x });
		return;
	}
	try {
		const r = await readGtfs(blobSource(file), { date, region: regionAround(points, bufferKm), onProgress: (stage, f) => post({ type: 'progress', stage, f }) });
		post({ type: 'done', ms: performance.now() - t0, counts: r.counts, stops: r.timetable.stopCount, warnings: r.warnings.length });
	} catch (err) {
		post({ type: 'error', ms: performance.now() - t0, message: String((err as Error)?.message ?? err) });
	}
};
