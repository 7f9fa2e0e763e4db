import { describe, expect, it } from 'vitest';
import { createRng, lnGamma, sfc32 } from '../../src/lib/data/prng.ts';

function moments(xs: number[]): { mean: number; variance: number } {
	const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
	const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
	return { mean, variance };
}

const draw = (n: number, f: () => number) => Array.from({ length: n }, f);

describe('prng', () => {
	it('is reproducible: same seed, same sequence; other seed, other sequence', () => {
		const a = createRng(2019);
		const b = createRng(2019);
		const c = createRng(2020);
		const sa = draw(1000, () => a.next());
		expect(draw(1000, () => b.next())).toEqual(sa);
		const sc = draw(1000, () => c.next());
		expect(sc.filter((x, i) => x === sa[i]).length).toBeLessThan(3);
	});

	it('pins the raw stream so an accidental algorithm change is caught', () => {
		const r = sfc32(2019);
		const first = [r(), r(), r()];
		// Values recorded from this implementation; integers in [0, 2^32).
		for (const x of first) expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
		expect(first).toEqual(PINNED);
	});

	it('uniform and int stay in range and are roughly flat', () => {
		const r = createRng(7);
		const counts = new Array(10).fill(0);
		for (let i = 0; i < 50_000; i++) {
			const k = r.int(10);
			expect(k >= 0 && k < 10).toBe(true);
			counts[k]++;
		}
		// Each bin expects 5000; sd ≈ 67, allow 5 sd.
		for (const c of counts) expect(Math.abs(c - 5000)).toBeLessThan(340);
		const u = draw(10_000, () => r.uniform(3, 5));
		expect(Math.min(...u)).toBeGreaterThanOrEqual(3);
		expect(Math.max(...u)).toBeLessThan(5);
	});

	it('normal has the requested mean and sd', () => {
		const r = createRng(11);
		const { mean, variance } = moments(draw(40_000, () => r.normal(10, 2)));
		expect(mean).toBeCloseTo(10, 1);
		expect(Math.sqrt(variance)).toBeCloseTo(2, 1);
	});

	it('weighted choice follows the weights and never picks a zero weight', () => {
		const r = createRng(3);
		const counts = { a: 0, b: 0, c: 0 };
		for (let i = 0; i < 30_000; i++) counts[r.weightedChoice(['a', 'b', 'c'] as const, [1, 0, 3])]++;
		expect(counts.b).toBe(0);
		expect(counts.a / 30_000).toBeCloseTo(0.25, 1);
		expect(() => r.weightedIndex([0, 0])).toThrow();
		expect(() => r.weightedIndex([1, -1])).toThrow();
	});

	it.each([0.5, 4, 30, 2500])('poisson(%d) has mean = variance = lambda', (lambda) => {
		const r = createRng(5);
		const xs = draw(20_000, () => r.poisson(lambda));
		const { mean, variance } = moments(xs);
		expect(xs.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
		// Standard error of the mean: sqrt(lambda/n); allow 5 of them.
		expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / 20_000));
		expect(variance / lambda).toBeGreaterThan(0.95);
		expect(variance / lambda).toBeLessThan(1.05);
	});

	it.each([
		[20, 0.1],
		[1000, 0.03],
		[400, 0.7],
		[50_000, 0.4]
	])('binomial(%d, %d) has mean np and variance npq', (n, p) => {
		const r = createRng(9);
		const xs = draw(20_000, () => r.binomial(n, p));
		const { mean, variance } = moments(xs);
		expect(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= n)).toBe(true);
		const v = n * p * (1 - p);
		expect(Math.abs(mean - n * p)).toBeLessThan(5 * Math.sqrt(v / 20_000));
		expect(variance / v).toBeGreaterThan(0.95);
		expect(variance / v).toBeLessThan(1.05);
		expect(r.binomial(n, 0)).toBe(0);
		expect(r.binomial(n, 1)).toBe(n);
	});

	it('lnGamma matches factorials', () => {
		expect(lnGamma(1)).toBeCloseTo(0, 12);
		expect(lnGamma(10)).toBeCloseTo(Math.log(362880), 10);
		expect(lnGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
		expect(lnGamma(101)).toBeCloseTo(363.73937555556347, 8);
	});

	it('shuffle is a seeded permutation', () => {
		const xs = Array.from({ length: 20 }, (_, i) => i);
		const s1 = createRng(1).shuffle([...xs]);
		expect([...s1].sort((a, b) => a - b)).toEqual(xs);
		expect(createRng(1).shuffle([...xs])).toEqual(s1);
		expect(s1).not.toEqual(xs);
	});
});

const PINNED = [40880186, 2549246138, 3491575073];
