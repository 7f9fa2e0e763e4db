/**
 * Writes the Monaco road graph and the query sets for bench/pgrouting.sh into bench/out/road:
 * edges.csv (directed edge list), pairs.csv, full_targets.csv, timing_targets.csv (vertex ids).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { edgesToCsv } from '../src/lib/reach/road/index.ts';
import { fixturePairs, fullTargets, monacoGraph, outDir, timingTargets, vid } from './car-data.ts';

const g = monacoGraph();
const dir = outDir();
writeFileSync(path.join(dir, 'edges.csv'), edgesToCsv(g));
const col = (name: string, ids: number[]) => `${name}\n${ids.map((u) => vid(g, u)).join('\n')}\n`;
writeFileSync(path.join(dir, 'pairs.csv'), 'source,target\n' + fixturePairs(g).map(([s, t]) => `${vid(g, s)},${vid(g, t)}`).join('\n') + '\n');
writeFileSync(path.join(dir, 'full_targets.csv'), col('vid', fullTargets(g)));
writeFileSync(path.join(dir, 'timing_targets.csv'), col('vid', timingTargets(g)));
console.log(`exported ${g.nodeCount} nodes, ${g.edgeCount} directed edges to ${dir}`);
