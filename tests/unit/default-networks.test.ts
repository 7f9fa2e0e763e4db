/**
 * The build's network files of the approximate Lucerne networks (app/default-networks.ts): opened, they
 * are the very networks the app and the CLI build from the shipped inputs (loadGtfs / loadRoads), so a
 * start that opens them routes exactly as one that builds them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultNetworkFiles } from '../../src/lib/app/default-networks.ts';
import { APPROX_LABEL } from '../../src/lib/app/networks.ts';
import { loadGtfs, loadRoads } from '../../src/lib/reach/networks.ts';
import { openTransit } from '../../src/lib/reach/open-transit.ts';
import { openRoads } from '../../src/lib/reach/open-roads.ts';
import { bytesSource } from '../../src/lib/util/bytes.ts';
import { DEFAULT_GTFS, DEFAULT_ROADS } from '../../scripts/cli/_data.ts';

describe('default network files', () => {
	it('open to the same timetable and road graph as building them from the shipped inputs', async () => {
		const gtfsZip = new Uint8Array(readFileSync(DEFAULT_GTFS));
		const roadsGeojson = new Uint8Array(readFileSync(DEFAULT_ROADS));
		const files = await defaultNetworkFiles({ gtfsZip, roadsGeojson }, 'test');

		const pt = await openTransit(bytesSource(files.pt), { region: null, label: () => APPROX_LABEL.pt, createdBy: 'test' });
		const built = loadGtfs(gtfsZip, APPROX_LABEL.pt);
		expect(pt.format).toBe('swnet');
		expect(pt.date).toBe(built.date);
		expect(pt.provenance).toMatchObject({ kind: 'pt', sourceName: 'lucerne_approx_gtfs.zip', region: null, createdBy: 'test' });
		expect(pt.network.timetable.connCount).toBeGreaterThan(100_000);
		expect(pt.network.timetable).toEqual(built.timetable);

		const car = await openRoads(bytesSource(files.car), { region: null, label: APPROX_LABEL.car, createdBy: 'test' });
		const graph = loadRoads({ geojson: new TextDecoder().decode(roadsGeojson) }, APPROX_LABEL.car).graph;
		expect(car.format).toBe('swnet');
		expect(car.network.graph.nodeCount).toBeGreaterThan(100);
		expect(car.network.graph).toEqual(graph);
	});
});
