/**
 * A small seeded pseudo-random number generator for reproducible synthetic data.
 *
 * Core: sfc32 (Chris Doty-Humphrey's "small fast counting" generator, 128-bit state, passes
 * PractRand), seeded through splitmix32 so that nearby seeds (2019, 2020) give unrelated streams.
 * On top: uniform, integer, normal (Box–Muller), weighted choice, Poisson and binomial draws.
 *
 * Only integer arithmetic (Math.imul, >>>) and IEEE-754 `Math.log/exp/sqrt/cos` are used, so
 * the same seed yields the same sequence on every JavaScript engine that implements these
 * functions the same way (V8 does across platforms).
 */

/** A seeded random source. Every method advances the same single stream. */
export interface Rng {
	/** The seed the generator was created with. */
	readonly seed: number;
	/** Uniform float in [0, 1) with 32 bits of randomness. */
	next(): number;
	/** Uniform float in [min, max). */
	uniform(min: number, max: number): number;
	/** Uniform integer in [0, n). */
	int(n: number): number;
	/** Normal draw (Box–Muller). */
	normal(mean?: number, sd?: number): number;
	/** Index i drawn with probability weights[i] / sum(weights). Weights must be ≥ 0, sum > 0. */
	weightedIndex(weights: ArrayLike<number>): number;
	/** Item drawn with probability proportional to its weight. */
	weightedChoice<T>(items: readonly T[], weights: ArrayLike<number>): T;
	/** Poisson draw with mean lambda ≥ 0. */
	poisson(lambda: number): number;
	/** Binomial draw: successes in n trials of probability p. */
	binomial(n: number, p: number): number;
	/** In-place Fisher–Yates shuffle; returns the array. */
	shuffle<T>(items: T[]): T[];
}

/** splitmix32: a well-mixed 32-bit sequence, used only to expand the seed into sfc32 state. */
function splitmix32(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x9e3779b9) >>> 0;
		let z = s;
		z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
		z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
		return (z ^ (z >>> 16)) >>> 0;
	};
}

/** Raw sfc32 generator returning unsigned 32-bit integers. */
export function sfc32(seed: number): () => number {
	const mix = splitmix32(seed);
	let a = mix(),
		b = mix(),
		c = mix(),
		d = 1;
	const step = () => {
		const t = (((a + b) >>> 0) + d) >>> 0;
		d = (d + 1) >>> 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) >>> 0;
		c = ((c << 21) | (c >>> 11)) >>> 0;
		c = (c + t) >>> 0;
		return t;
	};
	// Discard the first outputs: the recommended warm-up so the state is fully mixed.
	for (let i = 0; i < 12; i++) step();
	return step;
}

/** Lanczos approximation of ln Γ(x) for x > 0 (relative error ~1e-15). */
export function lnGamma(x: number): number {
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
	const g = 7;
	const c = [
		0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
		12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
	];
	x -= 1;
	let a = c[0];
	const t = x + g + 0.5;
	for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
	return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Create a seeded generator. The seed is taken as an unsigned 32-bit integer. */
export function createRng(seed: number): Rng {
	if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
	const raw = sfc32(seed);
	const next = () => raw() / 4294967296;
	let spareNormal: number | null = null;

	const rng: Rng = {
		seed,
		next,
		uniform: (min, max) => min + (max - min) * next(),
		int: (n) => Math.floor(next() * n),
		normal(mean = 0, sd = 1) {
			if (spareNormal !== null) {
				const z = spareNormal;
				spareNormal = null;
				return mean + sd * z;
			}
			// 1 - next() lies in (0, 1], so the log is finite.
			const r = Math.sqrt(-2 * Math.log(1 - next()));
			const phi = 2 * Math.PI * next();
			spareNormal = r * Math.sin(phi);
			return mean + sd * r * Math.cos(phi);
		},
		weightedIndex(weights) {
			let total = 0;
			for (let i = 0; i < weights.length; i++) {
				if (!(weights[i] >= 0)) throw new Error(`weight ${i} is not a non-negative number`);
				total += weights[i];
			}
			if (!(total > 0)) throw new Error('weights sum to zero');
			let u = next() * total;
			for (let i = 0; i < weights.length; i++) {
				u -= weights[i];
				if (u < 0) return i;
			}
			// Rounding can leave u ≥ 0 after the last step: return the last positive weight.
			for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
			return weights.length - 1;
		},
		weightedChoice(items, weights) {
			if (items.length !== weights.length) throw new Error('items and weights differ in length');
			return items[rng.weightedIndex(weights)];
		},
		poisson(lambda) {
			if (!(lambda >= 0)) throw new Error(`poisson: lambda must be ≥ 0, got ${lambda}`);
			if (lambda === 0) return 0;
			return lambda < 10 ? poissonKnuth(next, lambda) : poissonPtrs(next, lambda);
		},
		binomial(n, p) {
			if (!Number.isInteger(n) || n < 0) throw new Error(`binomial: n must be a non-negative integer, got ${n}`);
			if (!(p >= 0 && p <= 1)) throw new Error(`binomial: p must be in [0, 1], got ${p}`);
			if (n === 0 || p === 0) return 0;
			if (p === 1) return n;
			// Draw for the smaller of p and 1-p; mirror the result.
			const flip = p > 0.5;
			const q = flip ? 1 - p : p;
			const k = n * q < 10 ? binomialInversion(next, n, q) : binomialBtrs(next, n, q);
			return flip ? n - k : k;
		},
		shuffle(items) {
			for (let i = items.length - 1; i > 0; i--) {
				const j = rng.int(i + 1);
				[items[i], items[j]] = [items[j], items[i]];
			}
			return items;
		}
	};
	return rng;
}

/** Knuth's multiplication method; exact, O(lambda), fine for small lambda. */
function poissonKnuth(next: () => number, lambda: number): number {
	const limit = Math.exp(-lambda);
	let k = 0;
	let prod = next();
	while (prod > limit) {
		k++;
		prod *= next();
	}
	return k;
}

/** Hörmann (1993) PTRS transformed rejection; exact, O(1), for lambda ≥ 10. */
function poissonPtrs(next: () => number, lambda: number): number {
	const slam = Math.sqrt(lambda);
	const loglam = Math.log(lambda);
	const b = 0.931 + 2.53 * slam;
	const a = -0.059 + 0.02483 * b;
	const invalpha = 1.1239 + 1.1328 / (b - 3.4);
	const vr = 0.9277 - 3.6224 / (b - 2);
	for (;;) {
		const u = next() - 0.5;
		const v = next();
		const us = 0.5 - Math.abs(u);
		const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
		if (us >= 0.07 && v <= vr) return k;
		if (k < 0 || (us < 0.013 && v > us)) continue;
		if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lambda + k * loglam - lnGamma(k + 1)) return k;
	}
}

/** Inversion by sequential search over the pmf; exact, O(n·p), for small n·p (p ≤ 0.5). */
function binomialInversion(next: () => number, n: number, p: number): number {
	const q = 1 - p;
	const s = p / q;
	for (;;) {
		let pmf = Math.pow(q, n);
		let u = next();
		let k = 0;
		while (u > pmf && k < n) {
			u -= pmf;
			pmf *= (s * (n - k)) / (k + 1);
			k++;
		}
		// Floating-point leftovers beyond n: draw again rather than bias the tail.
		if (u <= pmf || k < n) return k;
	}
}

/** Hörmann (1993) BTRS transformed rejection; exact, O(1), for n·p ≥ 10 (p ≤ 0.5). */
function binomialBtrs(next: () => number, n: number, p: number): number {
	const q = 1 - p;
	const spq = Math.sqrt(n * p * q);
	const b = 1.15 + 2.53 * spq;
	const a = -0.0873 + 0.0248 * b + 0.01 * p;
	const c = n * p + 0.5;
	const vr = 0.92 - 4.2 / b;
	const alpha = (2.83 + 5.1 / b) * spq;
	const lpq = Math.log(p / q);
	const m = Math.floor((n + 1) * p);
	const h = lnGamma(m + 1) + lnGamma(n - m + 1);
	for (;;) {
		const u = next() - 0.5;
		let v = next();
		const us = 0.5 - Math.abs(u);
		const k = Math.floor(((2 * a) / us + b) * u + c);
		if (k < 0 || k > n) continue;
		if (us >= 0.07 && v <= vr) return k;
		v = Math.log((v * alpha) / (a / (us * us) + b));
		if (v <= h - lnGamma(k + 1) - lnGamma(n - k + 1) + (k - m) * lpq) return k;
	}
}
