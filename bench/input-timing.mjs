/**
 * Timing of user input in a page, for the browser benches: "input to next paint" from the Event Timing
 * API (what INP measures; Chromium rounds to 8 ms and reports only events of 16 ms or more, so an
 * unreported event was painted within one frame) and "work", the input event to the DOM updated and laid
 * out (a task later, layout forced). Drive the element with page.keyboard: only trusted events are timed.
 */

/** Start recording for the element matching `selector` (its `input` events, the page's keydowns). */
export async function watchInput(page, selector) {
	await page.evaluate((sel) => {
		window.__events = [];
		window.__work = [];
		new PerformanceObserver((l) => {
			for (const e of l.getEntries()) if (e.name === 'keydown') window.__events.push(e.duration);
		}).observe({ type: 'event', durationThreshold: 16 });
		document.querySelector(sel).addEventListener(
			'input',
			() => {
				const t0 = performance.now();
				const ch = new MessageChannel();
				ch.port1.onmessage = () => {
					void document.body.offsetHeight;
					window.__work.push(performance.now() - t0);
				};
				ch.port2.postMessage(0);
			},
			{ capture: true }
		);
	}, selector);
}

/** Forget what was recorded so far. */
export const resetInput = (page) => page.evaluate(() => ((window.__events = []), (window.__work = [])));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Summary of `n` inputs since the last reset, as one line of text. */
export async function inputSummary(page, n) {
	const { events, work } = await page.evaluate(() => ({ events: window.__events, work: window.__work }));
	const paint = median([...events, ...Array(Math.max(0, n - events.length)).fill(0)]);
	return (
		`input to next paint median ${paint < 16 ? '< 16' : paint.toFixed(0)} ms, max ${events.length ? Math.max(...events).toFixed(0) : '< 16'} ms ` +
		`(${n - events.length} of ${n} under 16 ms); work median ${median(work).toFixed(1)} ms, max ${Math.max(...work).toFixed(1)} ms`
	);
}

/**
 * Tiles rasterised per input, from a trace of `n` presses (run apart from the timed phases: tracing slows
 * the page). Counted on the renderer's raster threads within 100 ms of each keydown: what the step's own
 * frame repaints, a count independent of the machine's speed.
 */
export async function rasterPerInput(context, page, press, n = 20, gap = 400) {
	const cdp = await context.newCDPSession(page);
	const events = [];
	cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
	await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
	for (let i = 0; i < n; i++) {
		await press(i);
		await page.waitForTimeout(gap);
	}
	const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
	await cdp.send('Tracing.end');
	await done;
	await cdp.detach();
	const keys = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown').map((e) => e.ts).sort((a, b) => a - b);
	const raster = events.filter((e) => e.name === 'RasterTask' && e.ph === 'X');
	// Within 100 ms of the keydown: the step's own frame, not the robustness figures that follow at rest.
	const per = keys.map((k, i) => raster.filter((e) => e.ts >= k && e.ts < Math.min(keys[i + 1] ?? Infinity, k + 100_000)));
	const tiles = per.map((r) => r.length);
	const ms = per.map((r) => r.reduce((s, e) => s + e.dur, 0) / 1000);
	return `tiles rasterised per step median ${median(tiles)} (max ${Math.max(...tiles)}), raster time median ${median(ms).toFixed(1)} ms over ${keys.length} steps`;
}
