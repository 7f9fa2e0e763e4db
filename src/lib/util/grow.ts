/** A typed array that doubles as values are pushed (columns built row by row: address directory, travel-time matrix). */
export class Grow<T extends Float64Array | Int32Array | Uint32Array | Uint8Array> {
	n = 0;
	constructor(
		private a: T,
		private readonly make: (n: number) => T
	) {}
	push(v: number): void {
		if (this.n === this.a.length) {
			const b = this.make(this.a.length * 2);
			b.set(this.a);
			this.a = b;
		}
		this.a[this.n++] = v;
	}
	get(i: number): number {
		return this.a[i];
	}
	/** The values pushed, in an array of their own length. */
	values(): T {
		return this.a.slice(0, this.n) as T;
	}
}
