/**
 * Web Worker of the browser benchmark (bench/gtfs-browser.mjs): the same readGtfs as the app and the
 * CLI, on the uploaded File (blobSource), cut to the region around the posted points.
 */
import { readGtfs } from '../../src/lib/reach/gtfs/read.ts';
import { regionAround } from '../../src/lib/reach/region.ts';
import { blobSource } from '../../src/lib/util/bytes.ts';
import { readEntry, readZipDirectory } from '../../src/lib/util/zip.ts';

interface Job {
	/**
	 * 'control': spin the CPU for `spinMs` instead (the machine's own frame-gap noise with a busy worker);
	 * 'read': only read the File in 4 MiB slices; 'inflate': read and inflate stop_times.txt, nothing else;
	 * 'quiet': the cut without progress messages.
	 */
	mode?: 'cut' | 'control' | 'read' | 'inflate' | 'quiet';
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
	if (e.data.mode === 'read' || e.data.mode === 'inflate') {
		const src = blobSource(file);
		let n = 0;
		if (e.data.mode === 'read') for (let p = 0; p < src.size; p += 4 << 20) n += (await src.read(p, Math.min(src.size, p + (4 << 20)))).length;
		else {
			const entry = (await readZipDirectory(src)).find((x) => x.name.endsWith('stop_times.txt'))!;
			for await (const c of readEntry(src, entry, { maxRatio: 1000 })) n += c.length;
		}
		post({ type: 'done', ms: performance.now() - t0, bytes: n });
		return;
	}
	try {
		const quiet = e.data.mode === 'quiet';
		const r = await readGtfs(blobSource(file), { date, region: regionAround(points, bufferKm), onProgress: quiet ? undefined : (stage, f) => post({ type: 'progress', stage, f }) });
		post({ type: 'done', ms: performance.now() - t0, counts: r.counts, stops: r.timetable.stopCount, warnings: r.warnings.length });
	} catch (err) {
		post({ type: 'error', ms: performance.now() - t0, message: String((err as Error)?.message ?? err) });
	}
};
