/** Seeded draws for the robustness analysis, on the project's PRNG (src/lib/data/prng.ts). */
import { createRng, type Rng } from '../data/prng.ts';

export { createRng, type Rng };

/** Gamma(shape, 1) draw, Marsaglia–Tsang (2000); shape < 1 via the Gamma(shape+1)·U^(1/shape) boost. */
export function gamma(rng: Rng, shape: number): number {
	if (!(shape > 0)) return 0;
	if (shape < 1) return gamma(rng, shape + 1) * Math.pow(1 - rng.next(), 1 / shape);
	const d = shape - 1 / 3;
	const c = 1 / Math.sqrt(9 * d);
	for (;;) {
		let x: number, v: number;
		do {
			x = rng.normal();
			v = 1 + c * x;
		} while (v <= 0);
		v = v * v * v;
		const u = 1 - rng.next();
		if (u < 1 - 0.0331 * x * x * x * x) return d * v;
		if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
	}
}

/** Dirichlet draw with parameters alpha (entries ≤ 0 stay 0). Writes into `out`. */
export function dirichlet(rng: Rng, alpha: ArrayLike<number>, out: number[] = new Array(alpha.length)): number[] {
	let sum = 0;
	for (let i = 0; i < alpha.length; i++) {
		out[i] = gamma(rng, alpha[i]);
		sum += out[i];
	}
	for (let i = 0; i < alpha.length; i++) out[i] = sum > 0 ? out[i] / sum : 1 / alpha.length;
	return out;
}
