/**
 * The user's recent input, for start-up work that only confirms what is already on screen (DuckDB's
 * check of the snapshot's criteria, session.svelte.ts): it waits until the user has not typed, clicked
 * or scrolled for a moment, so it does not take one of the machine's two cores while a weight slider is
 * being moved (bench/browser.mjs times that input). Work a user action may wait for (the networks) must
 * not wait here: the action would find nothing asked for yet.
 */

/** Milliseconds without input that count as quiet. */
export const QUIET_MS = 400;

let last = -Infinity;

// Listening from the module's first import on (the session module is loaded at start).
if (typeof window !== 'undefined')
	for (const type of ['keydown', 'pointerdown', 'wheel', 'input'])
		window.addEventListener(type, () => (last = performance.now()), { capture: true, passive: true });

/** Resolves once there has been no input for `ms` (at once when there has been none for that long). */
export async function inputQuiet(ms = QUIET_MS): Promise<void> {
	for (;;) {
		const wait = last + ms - performance.now();
		if (!(wait > 0)) return;
		await new Promise((r) => setTimeout(r, wait));
	}
}
