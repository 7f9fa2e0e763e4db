/**
 * The best-location surface from zone → cell travel times (computed by the reach engines) and the
 * model's surface inputs: the glue between reach and model, once for every front-end.
 */
import { cellRows, type CellTimes } from '../reach/cells.ts';
import { matrixTimeSource, scoreSurface, type Cell, type ScenarioParams, type SurfaceInputs, type SurfaceResult, type Weights } from '../model/index.ts';

/** Score every cell with the current weights (null when the times are for another grid). */
export function surfaceFromCellTimes(
	inputs: SurfaceInputs,
	cells: Cell[],
	times: CellTimes,
	weights: Weights,
	params: Partial<ScenarioParams>,
	candidates: { site_id: string; lon: number | null; lat: number | null }[]
): SurfaceResult | null {
	if (times.cells !== cells.length) return null;
	const nz = times.zoneIds.length;
	const time = matrixTimeSource(times.zoneIds, cellRows(times.pt, times.cells, nz), cellRows(times.car, times.cells, nz));
	return scoreSurface(inputs, cells, time, weights, params, candidates);
}
