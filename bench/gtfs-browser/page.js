// Page of the browser benchmark: hands the chosen File to the worker and measures the main thread's
// longest gap between animation frames while the worker reads.
const hb = { maxGap: 0, last: performance.now(), frames: 0, run: true, gaps: [], t0: performance.now() };
const tick = (now) => {
	const gap = now - hb.last;
	hb.maxGap = Math.max(hb.maxGap, gap);
	if (gap > 50) hb.gaps.push([Math.round(now - hb.t0), Math.round(gap)]);
	hb.last = now;
	hb.frames++;
	if (hb.run) requestAnimationFrame(tick);
};
window.__hb = hb;
/** Longest frame gap of an idle page over `ms` (the machine's own noise, for comparison). */
window.__idleGap = (ms) =>
	new Promise((resolve) => {
		let max = 0, last = performance.now();
		const end = last + ms;
		const f = (now) => {
			max = Math.max(max, now - last);
			last = now;
			if (now < end) requestAnimationFrame(f);
			else resolve(max);
		};
		requestAnimationFrame(f);
	});
window.__log = [];
document.getElementById('f').addEventListener('change', (ev) => {
	const file = ev.target.files[0];
	const w = new Worker('worker.js');
	hb.maxGap = 0;
	hb.last = hb.t0 = performance.now();
	requestAnimationFrame(tick);
	w.onmessage = (m) => {
		const d = m.data;
		if (d.type === 'progress') {
			document.getElementById('p').textContent = `${d.stage} ${(d.f * 100).toFixed(1)} %`;
			window.__log.push([performance.now(), d.stage, d.f]);
			return;
		}
		hb.run = false;
		window.__result = { ...d, maxGap: hb.maxGap, frames: hb.frames, gaps: hb.gaps };
	};
	w.onerror = (e) => {
		hb.run = false;
		window.__result = { type: 'error', message: String(e.message), maxGap: hb.maxGap };
	};
	w.postMessage({ file, ...window.__job });
});
