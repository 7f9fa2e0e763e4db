/**
 * Largest strongly connected component (Kosaraju, iterative): a car can drive from every node of it
 * to every other, so origins and targets snapped onto it always have a finite time.
 */
export function largestScc(
	n: number,
	fwdOffsets: Int32Array,
	fwdTargets: Int32Array,
	revOffsets: Int32Array,
	revSources: Int32Array
): { member: Uint8Array; size: number } {
	// Pass 1: post-order of a DFS on the forward graph.
	const order = new Int32Array(n);
	let orderLen = 0;
	const seen = new Uint8Array(n);
	const stackNode = new Int32Array(n);
	const stackEdge = new Int32Array(n);
	for (let s = 0; s < n; s++) {
		if (seen[s]) continue;
		let top = 0;
		stackNode[0] = s;
		stackEdge[0] = fwdOffsets[s];
		seen[s] = 1;
		while (top >= 0) {
			const u = stackNode[top];
			const e = stackEdge[top];
			if (e < fwdOffsets[u + 1]) {
				stackEdge[top] = e + 1;
				const v = fwdTargets[e];
				if (!seen[v]) {
					seen[v] = 1;
					top++;
					stackNode[top] = v;
					stackEdge[top] = fwdOffsets[v];
				}
			} else {
				order[orderLen++] = u;
				top--;
			}
		}
	}
	// Pass 2: flood the reverse graph in reverse post-order; each flood is one component.
	const comp = new Int32Array(n).fill(-1);
	const queue = new Int32Array(n);
	let best = -1;
	let bestSize = 0;
	let c = 0;
	for (let i = n - 1; i >= 0; i--) {
		const s = order[i];
		if (comp[s] >= 0) continue;
		let head = 0;
		let tail = 0;
		queue[tail++] = s;
		comp[s] = c;
		while (head < tail) {
			const u = queue[head++];
			for (let e = revOffsets[u]; e < revOffsets[u + 1]; e++) {
				const v = revSources[e];
				if (comp[v] < 0) {
					comp[v] = c;
					queue[tail++] = v;
				}
			}
		}
		if (tail > bestSize) {
			bestSize = tail;
			best = c;
		}
		c++;
	}
	const member = new Uint8Array(n);
	for (let u = 0; u < n; u++) if (comp[u] === best) member[u] = 1;
	return { member, size: bestSize };
}
