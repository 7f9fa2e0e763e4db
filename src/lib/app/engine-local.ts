/** A matrix engine that runs in-process (CLI, benchmarks, tests): the same computeMatrixColumns as the reach worker. */
import { computeMatrixColumns, type CarNetwork, type PtNetwork } from '../reach/matrix.ts';
import type { MatrixEngine } from './travel-times.ts';

export function localEngine(nets: { pt?: PtNetwork; car?: CarNetwork }): MatrixEngine {
	return {
		matrix: (req, opts = {}) =>
			computeMatrixColumns(
				nets,
				req.zones,
				req.destinations,
				req.options,
				{
					progress: opts.onProgress,
					checkpoint: async () => {
						if (opts.signal?.aborted) throw opts.signal.reason ?? new Error('cancelled');
					}
				},
				req.cells,
				req.zoneRows ?? true
			)
	};
}
