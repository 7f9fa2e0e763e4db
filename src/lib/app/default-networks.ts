/**
 * The shipped approximate Lucerne networks as network files (.swnet), made once at build time
 * (scripts/snapshot.ts) from the same inputs the app falls back to (data/networks/lucerne_approx_*),
 * through the same opening path as a user's files. The reach worker opens such a file in milliseconds;
 * parsing the GTFS zip and building the road graph took 0.6–1 s of a core at every start, beside DuckDB
 * and the page on two cores.
 *
 *   const files = await defaultNetworkFiles({ gtfsZip, roadsGeojson }, 'Standortwahl build');
 *   writeFileSync(`data/derived/${APPROX_NETWORK_FILES.pt}`, files.pt);
 */
import { bytesSource } from '../util/bytes.ts';
import { openTransit } from '../reach/open-transit.ts';
import { openRoads } from '../reach/open-roads.ts';
import type { Mode } from '../reach/matrix.ts';
import { APPROX_INPUTS, APPROX_LABEL } from './networks.ts';

/** Network-file bytes of the approximate networks. */
export async function defaultNetworkFiles(inputs: { gtfsZip: Uint8Array; roadsGeojson: Uint8Array }, createdBy: string): Promise<Record<Mode, Uint8Array>> {
	const pt = await openTransit(bytesSource(inputs.gtfsZip, APPROX_INPUTS.pt), { region: null, label: () => APPROX_LABEL.pt, createdBy });
	const car = await openRoads(bytesSource(inputs.roadsGeojson, APPROX_INPUTS.car), { region: null, label: APPROX_LABEL.car, createdBy });
	return { pt: pt.netfile, car: car.netfile };
}
