/**
 * Which networks the travel times come from, named once for the app and the CLI: the label written
 * to `travel_times.source`, whether a network is the approximate Lucerne default, and what is shown
 * about it (reachability page, report, scenario).
 */
import type { Mode } from '../reach/matrix.ts';
import type { LoadedNetwork } from '../reach/worker-handlers.ts';
import type { NetProvenance } from '../reach/netfile.ts';
import type { ScenarioNetwork } from '../model/scenario.ts';

/** Labels of the shipped approximate Lucerne networks (travel_times.source of their rows). */
export const APPROX_LABEL: Record<Mode, string> = { pt: 'approx-lucerne-gtfs', car: 'approx-lucerne-roads' };

/** The shipped inputs of the approximate networks (data/networks/). */
export const APPROX_INPUTS: Record<Mode, string> = { pt: 'lucerne_approx_gtfs.zip', car: 'lucerne_approx_roads.geojson' };

/** The approximate networks as network files, made from those inputs by the build (app/default-networks.ts; data/derived/). */
export const APPROX_NETWORK_FILES: Record<Mode, string> = { pt: 'default-pt.swnet', car: 'default-car.swnet' };

/** The network in use for one mode, as the app and the report show it. */
export interface NetworkInfo extends LoadedNetwork {
	/** The shipped approximate default (synthetic timetable / assumed roads), not official data. */
	approximate: boolean;
	/** File name the user loaded (absent for the default). */
	fileName?: string;
	/** Provenance of a cut network (national inputs, .swnet files). */
	provenance?: NetProvenance;
}

/** How a network was obtained, for {@link networkLabel}. */
export type NetworkOrigin = { approximate: true } | { approximate?: false; fileName: string; date?: string };

/**
 * The `travel_times.source` label: `approx-lucerne-gtfs` / `approx-lucerne-roads` for the defaults,
 * `gtfs:<file>@<service day>` and `osm:<file>` for the user's networks.
 */
export function networkLabel(mode: Mode, o: NetworkOrigin): string {
	if (o.approximate) return APPROX_LABEL[mode];
	const name = o.fileName.replace(/[\r\n\t]/g, ' ').slice(0, 120);
	return mode === 'pt' ? `gtfs:${name}${o.date ? `@${o.date}` : ''}` : `osm:${name}`;
}

/** Whether a travel_times source label names an approximate default network. */
export function isApproximateLabel(label: string): boolean {
	return label === APPROX_LABEL.pt || label === APPROX_LABEL.car;
}

/** What a scenario records about the network in use (plain data, see model/scenario.ts). */
export function scenarioNetwork(mode: Mode, n: NetworkInfo): ScenarioNetwork {
	const p = n.provenance;
	return {
		mode,
		label: n.label,
		approximate: n.approximate,
		...(p
			? {
					sourceName: p.sourceName,
					...(p.feed?.version ? { feedVersion: p.feed.version } : {}),
					...(p.serviceDate ? { serviceDate: p.serviceDate } : {}),
					...(p.osmTimestamp ? { osmTimestamp: p.osmTimestamp } : {}),
					...(p.region ? { regionBufferKm: p.region.bufferKm, regionKey: p.region.key } : {}),
					checksum: p.checksum
				}
			: {})
	};
}
