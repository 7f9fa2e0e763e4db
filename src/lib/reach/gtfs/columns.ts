/** Growable typed columns: rows are appended while a file streams, without per-row objects. */

export class I32Col {
	a: Int32Array;
	n = 0;
	constructor(capacity = 1024) {
		this.a = new Int32Array(Math.max(16, capacity));
	}
	push(v: number): void {
		if (this.n === this.a.length) this.reserve(this.n + 1);
		this.a[this.n++] = v;
	}
	reserve(n: number): void {
		if (n <= this.a.length) return;
		const b = new Int32Array(Math.max(n, this.a.length * 2));
		b.set(this.a.subarray(0, this.n));
		this.a = b;
	}
	/** The filled part (a view). */
	view(): Int32Array {
		return this.a.subarray(0, this.n);
	}
}

export class U8Col {
	a: Uint8Array;
	n = 0;
	constructor(capacity = 1024) {
		this.a = new Uint8Array(Math.max(16, capacity));
	}
	push(v: number): void {
		if (this.n === this.a.length) {
			const b = new Uint8Array(this.a.length * 2);
			b.set(this.a);
			this.a = b;
		}
		this.a[this.n++] = v;
	}
	view(): Uint8Array {
		return this.a.subarray(0, this.n);
	}
}

export class F64Col {
	a: Float64Array;
	n = 0;
	constructor(capacity = 1024) {
		this.a = new Float64Array(Math.max(16, capacity));
	}
	push(v: number): void {
		if (this.n === this.a.length) {
			const b = new Float64Array(this.a.length * 2);
			b.set(this.a);
			this.a = b;
		}
		this.a[this.n++] = v;
	}
	view(): Float64Array {
		return this.a.subarray(0, this.n);
	}
}
