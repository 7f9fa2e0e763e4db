/**
 * Shared by the car benchmark and the pgRouting comparison: the Monaco graph, seeded targets and pairs,
 * and the output folder. Same seeds -> same nodes, so pgRouting and our engine answer the same queries.
 */
import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng } from '../src/lib/data/prng.ts';
import { buildRoadGraph, parseOsmPbf, vertexId, type RoadGraph } from '../src/lib/reach/road/index.ts';

export const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PBF = path.join(ROOT, 'data/networks/monaco.osm.pbf');
export const OUT = path.join(ROOT, 'bench/out/road');
export const FIXTURE = path.join(ROOT, 'tests/fixtures/road/pgrouting_monaco.csv');

export function outDir(): string {
	mkdirSync(OUT, { recursive: true });
	return OUT;
}

/** Monaco graph with the default profile (peak factors on, service roads included). */
export function monacoGraph(): RoadGraph {
	return buildRoadGraph(parseOsmPbf(new Uint8Array(readFileSync(PBF))));
}

/** `n` distinct seeded nodes; `mainOnly` restricts to the main strongly connected component. */
export function seededNodes(g: RoadGraph, n: number, seed: number, mainOnly: boolean): number[] {
	const rng = createRng(seed);
	const picked = new Set<number>();
	while (picked.size < n) {
		const u = rng.int(g.nodeCount);
		if (!mainOnly || g.inMainComponent[u]) picked.add(u);
	}
	return [...picked];
}

/** Targets of the one-to-all timing (main component). */
export const timingTargets = (g: RoadGraph) => seededNodes(g, 50, 20260101, true);
/** Targets whose full many-to-one results are compared with pgRouting. */
export const fullTargets = (g: RoadGraph) => seededNodes(g, 5, 20260202, true);

/** Seeded (source, target) pairs for the fixture: any nodes, so some pairs are unreachable. */
export function fixturePairs(g: RoadGraph): Array<[number, number]> {
	const targets = seededNodes(g, 20, 20260303, false);
	const pairs: Array<[number, number]> = [];
	targets.forEach((t, i) => {
		for (const s of seededNodes(g, 25, 20260400 + i, false)) if (s !== t) pairs.push([s, t]);
	});
	return pairs;
}

export const vid = vertexId;
