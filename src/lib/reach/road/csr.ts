/** Build compressed-sparse-row adjacency from an edge list by counting sort on the key node. */
export function toCsr(
	nodeCount: number,
	key: Int32Array,
	other: Int32Array,
	values: Float32Array[]
): { offsets: Int32Array; others: Int32Array; values: Float32Array[] } {
	const m = key.length;
	const offsets = new Int32Array(nodeCount + 1);
	for (let e = 0; e < m; e++) offsets[key[e] + 1]++;
	for (let u = 0; u < nodeCount; u++) offsets[u + 1] += offsets[u];
	const fill = offsets.slice(0, nodeCount);
	const others = new Int32Array(m);
	const outValues = values.map(() => new Float32Array(m));
	for (let e = 0; e < m; e++) {
		const at = fill[key[e]]++;
		others[at] = other[e];
		for (let k = 0; k < values.length; k++) outValues[k][at] = values[k][e];
	}
	return { offsets, others, values: outValues };
}
