/**
 * Indexed binary min-heap over node ids with float keys, on typed arrays, reusable across queries.
 * Supports decrease-key, so every node is in the heap at most once.
 */
export class NodeHeap {
	private readonly nodes: Int32Array;
	private readonly keys: Float64Array;
	/** Position of a node in the heap, -1 when absent. */
	private readonly pos: Int32Array;
	size = 0;

	constructor(capacity: number) {
		this.nodes = new Int32Array(capacity);
		this.keys = new Float64Array(capacity);
		this.pos = new Int32Array(capacity).fill(-1);
	}

	/** Empty the heap (only the entries still inside are reset). */
	clear(): void {
		for (let i = 0; i < this.size; i++) this.pos[this.nodes[i]] = -1;
		this.size = 0;
	}

	/** Insert a node or lower its key. */
	push(node: number, key: number): void {
		let i = this.pos[node];
		if (i < 0) {
			i = this.size++;
			this.nodes[i] = node;
			this.pos[node] = i;
		} else if (key >= this.keys[i]) return;
		this.keys[i] = key;
		this.up(i);
	}

	/** Remove and return the node with the smallest key (heap must not be empty). */
	pop(): number {
		const top = this.nodes[0];
		this.pos[top] = -1;
		const last = --this.size;
		if (last > 0) {
			this.nodes[0] = this.nodes[last];
			this.keys[0] = this.keys[last];
			this.pos[this.nodes[0]] = 0;
			this.down(0);
		}
		return top;
	}

	private up(i: number): void {
		const { nodes, keys, pos } = this;
		const n = nodes[i];
		const k = keys[i];
		while (i > 0) {
			const p = (i - 1) >> 1;
			if (keys[p] <= k) break;
			nodes[i] = nodes[p];
			keys[i] = keys[p];
			pos[nodes[i]] = i;
			i = p;
		}
		nodes[i] = n;
		keys[i] = k;
		pos[n] = i;
	}

	private down(i: number): void {
		const { nodes, keys, pos, size } = this;
		const n = nodes[i];
		const k = keys[i];
		for (;;) {
			let c = 2 * i + 1;
			if (c >= size) break;
			if (c + 1 < size && keys[c + 1] < keys[c]) c++;
			if (keys[c] >= k) break;
			nodes[i] = nodes[c];
			keys[i] = keys[c];
			pos[nodes[i]] = i;
			i = c;
		}
		nodes[i] = n;
		keys[i] = k;
		pos[n] = i;
	}
}
