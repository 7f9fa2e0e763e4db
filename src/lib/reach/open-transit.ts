/**
 * Open a PT network from whatever the user has: a GTFS zip of any size (streamed, cut to the service
 * day and the study region while it is read) or a network file made earlier (.swnet: opened as it is,
 * no re-import). The same function serves the browser worker and the CLI. Refusals are GtfsError /
 * ZipError / NetFileError with German and English messages; nothing is replaced here, so a caller keeps
 * its working network.
 */
import type { ByteSource } from '../util/bytes.ts';
import { isNetFile, provenanceWarnings, type NetProvenance } from './netfile.ts';
import type { StudyRegion } from './region.ts';
import type { PtNetwork } from './matrix.ts';
import { readGtfs, timetableFromNetFile, timetableProvenance, timetableToNetFile, type GtfsStage, type GtfsWarning } from './gtfs/index.ts';

export interface OpenTransitOptions {
	/** Service day YYYY-MM-DD (default: the feed's representative Tuesday). */
	date?: string;
	/** Study region to cut the feed to (null: the whole feed; fine for small feeds only). */
	region: StudyRegion | null;
	/** Label for travel_times.source; `{date}` is replaced by the service day. */
	label: (date: string) => string;
	createdBy: string;
	onProgress?: (stage: GtfsStage | 'encode', fraction: number) => void;
	signal?: AbortSignal;
}

export interface OpenedTransit {
	network: PtNetwork;
	date: string;
	warnings: GtfsWarning[];
	provenance: NetProvenance;
	/** The cut timetable as network-file bytes, to cache or share. */
	netfile: Uint8Array;
	format: 'gtfs' | 'swnet';
}

export async function openTransit(src: ByteSource, o: OpenTransitOptions): Promise<OpenedTransit> {
	const head = await src.read(0, Math.min(src.size, 16));
	if (isNetFile(head)) {
		const bytes = await src.read(0, src.size);
		const { timetable, provenance } = await timetableFromNetFile(bytes);
		const date = `${timetable.date.slice(0, 4)}-${timetable.date.slice(4, 6)}-${timetable.date.slice(6, 8)}`;
		// The warnings of the cut travel with the file: opened again, the network shows them as it did then.
		return { network: { timetable, source: o.label(date) }, date, warnings: provenanceWarnings(provenance), provenance, netfile: bytes, format: 'swnet' };
	}
	const read = await readGtfs(src, { date: o.date, region: o.region, onProgress: o.onProgress, signal: o.signal });
	o.onProgress?.('encode', 0);
	const { bytes, provenance } = await timetableToNetFile(read.timetable, timetableProvenance(read, { name: src.name ?? 'gtfs.zip', bytes: src.size, createdBy: o.createdBy }, o.region));
	o.onProgress?.('encode', 1);
	return { network: { timetable: read.timetable, source: o.label(read.date) }, date: read.date, warnings: read.warnings, provenance, netfile: bytes, format: 'gtfs' };
}
