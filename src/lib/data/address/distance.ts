/**
 * Edit distance for fuzzy street matching: optimal string alignment (Levenshtein plus transposition of
 * neighbours, "Bahnhfostrasse"), bounded: returns max + 1 as soon as the distance must exceed `max`,
 * so scanning all streets of a postcode stays cheap.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
	const la = a.length;
	const lb = b.length;
	if (Math.abs(la - lb) > max) return max + 1;
	if (la === 0) return lb;
	if (lb === 0) return la;
	if (lb + 1 > rows[0].length) for (let k = 0; k < 3; k++) rows[k] = new Int32Array(2 * (lb + 1));
	// Three reused rows (no allocation per call: a fuzzy lookup compares against hundreds of streets).
	let prev2 = rows[0];
	let prev = rows[1];
	let cur = rows[2];
	for (let j = 0; j <= lb; j++) prev[j] = j;
	for (let i = 1; i <= la; i++) {
		cur[0] = i;
		let rowMin = i;
		const ca = a.charCodeAt(i - 1);
		for (let j = 1; j <= lb; j++) {
			const cb = b.charCodeAt(j - 1);
			let v = prev[j - 1] + (ca === cb ? 0 : 1);
			if (prev[j] + 1 < v) v = prev[j] + 1;
			if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
			cur[j] = v;
			if (v < rowMin) rowMin = v;
		}
		if (rowMin > max) return max + 1;
		const t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

const rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Length of the common prefix (ranks candidates that are equally far). */
export function commonPrefix(a: string, b: string): number {
	let i = 0;
	while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
	return i;
}

/** How many edits a street key of this length may be off and still count as the same street. */
export function fuzzyLimit(keyLength: number): number {
	return keyLength <= 3 ? 0 : keyLength <= 6 ? 1 : keyLength <= 12 ? 2 : 3;
}
