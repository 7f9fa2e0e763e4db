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
	let prev2 = new Array<number>(lb + 1);
	let prev = new Array<number>(lb + 1);
	let cur = new Array<number>(lb + 1);
	for (let j = 0; j <= lb; j++) prev[j] = j;
	for (let i = 1; i <= la; i++) {
		cur[0] = i;
		let rowMin = i;
		const ca = a.charCodeAt(i - 1);
		for (let j = 1; j <= lb; j++) {
			const cb = b.charCodeAt(j - 1);
			let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1));
			if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) v = Math.min(v, prev2[j - 2] + 1);
			cur[j] = v;
			if (v < rowMin) rowMin = v;
		}
		if (rowMin > max) return max + 1;
		[prev2, prev, cur] = [prev, cur, prev2];
	}
	return prev[lb];
}

/** How many edits a street key of this length may be off and still count as the same street. */
export function fuzzyLimit(keyLength: number): number {
	return keyLength <= 3 ? 0 : keyLength <= 6 ? 1 : keyLength <= 12 ? 2 : 3;
}
