/**
 * Travel minutes from every zone to every cell of a grid (the input of the best-location score
 * surface, model/surface.ts `matrixTimeSource`). One search per cell, as in the matrix: the cell is the
 * destination, the zone centroids are the origins, with the same engines and defaults (PT: p50 of the
 * door-to-door journey over the arrival window, as minutes_p50 of the matrix; car: peak-factor times), so a
 * cell at a site's position gets the site's times.
 */
import { PtMatrix, DEFAULT_WINDOW, type ArrivalWindow, type PointLike } from './gtfs/index.ts';
import { carMinutesToTarget, snapPoints, TerminalModel, type TerminalZone } from './road/index.ts';
import type { CarNetwork, Mode, PtNetwork, Steps } from './matrix.ts';

/** Rounded like the matrix rows (0.1 min). */
const round1 = (x: number) => Math.round(x * 10) / 10;

export interface CellTimes {
	/** Zone ids in column order. */
	zoneIds: number[];
	cells: number;
	/** Row-major [cell][zone] minutes, NaN where unreachable; null if the mode's network is not loaded. */
	pt: Float32Array | null;
	car: Float32Array | null;
}

/** Minutes zone → cell for each loaded mode in `modes`, with progress and cancellation per cell. */
export async function cellZoneMinutes(
	nets: { pt?: PtNetwork; car?: CarNetwork },
	zones: TerminalZone[],
	cells: Array<{ lon: number; lat: number }>,
	modes: Mode[] = ['pt', 'car'],
	steps: Steps = {},
	window: ArrivalWindow = DEFAULT_WINDOW
): Promise<CellTimes> {
	const nz = zones.length;
	const origins: PointLike[] = zones.map((z) => ({ id: String(z.zone_id), lon: z.lon, lat: z.lat }));
	const usePt = modes.includes('pt') && !!nets.pt;
	const useCar = modes.includes('car') && !!nets.car;
	const out: CellTimes = {
		zoneIds: zones.map((z) => z.zone_id),
		cells: cells.length,
		pt: usePt ? new Float32Array(cells.length * nz).fill(NaN) : null,
		car: useCar ? new Float32Array(cells.length * nz).fill(NaN) : null
	};
	const jobs = cells.length * (Number(usePt) + Number(useCar));
	let done = 0;
	if (usePt) {
		const pt = new PtMatrix(nets.pt!.timetable, origins, window);
		for (let c = 0; c < cells.length; c++) {
			const p50 = pt.toTargetColumns(cells[c]).p50;
			for (let i = 0; i < nz; i++) if (!Number.isNaN(p50[i])) out.pt![c * nz + i] = round1(p50[i]);
			steps.progress?.(++done / jobs);
			if (c % 8 === 7) await steps.checkpoint?.();
		}
	}
	if (useCar) {
		const snaps = snapPoints(nets.car!.graph, origins);
		const buf = new Float64Array(nz);
		// The matrix's car terminal minutes, so a cell at a site's position gets the site's times.
		const terminal = new TerminalModel(zones);
		const originTerminalMin = terminal.originMinutes();
		for (let c = 0; c < cells.length; c++) {
			const m = carMinutesToTarget(nets.car!.graph, snaps, cells[c], buf, { originTerminalMin, targetTerminalMin: terminal.destinationMinutes(cells[c]) });
			for (let i = 0; i < nz; i++) if (Number.isFinite(m[i])) out.car![c * nz + i] = round1(m[i]);
			steps.progress?.(++done / jobs);
			if (c % 8 === 7) await steps.checkpoint?.();
		}
	}
	return out;
}

/** Rows view of a flat [cell][zone] array for `matrixTimeSource` (no copy). */
export function cellRows(flat: Float32Array | null, cells: number, zones: number): Float32Array[] | null {
	if (!flat) return null;
	return Array.from({ length: cells }, (_, c) => flat.subarray(c * zones, (c + 1) * zones));
}
