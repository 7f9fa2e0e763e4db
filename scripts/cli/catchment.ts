import { DEFAULT_PARAMS } from '../../src/lib/model/index.ts';
import { ReachGrid, catchment } from '../../src/lib/reach/site-reach.ts';
import type { Mode } from '../../src/lib/reach/matrix.ts';
import { option, lang as langOf } from './_args.ts';
import { openScenarioDb } from './_data.ts';
import { NETWORK_HELP, RASTER_HELP, loadNets, places, regionOf } from './_reach.ts';

export const summary = 'Residents and working-age residents within 15/30/45/60 min of every site and office (250 m raster)';

const HELP = `Usage: npm run cli -- catchment [--data folder] [--modes pt,car] [--working-age-share 0.61] [--json]
Travel time from every raster cell to each site and office (same engines as the matrix), summed over the residents
of the cells reached within 15/30/45/60 min. Working age (20-64) = residents x share (the STATPOP municipality data
hold no ages; default ${DEFAULT_PARAMS.workingAgeShare}, an assumption).
${NETWORK_HELP}
${RASTER_HELP}`;

export async function run(args: string[]): Promise<number> {
	if (args.includes('--help')) {
		console.log(HELP);
		return 0;
	}
	const modes = (option(args, '--modes') ?? 'pt,car').split(',') as Mode[];
	const share = Number(option(args, '--working-age-share') ?? DEFAULT_PARAMS.workingAgeShare);
	if (!(share > 0 && share <= 1)) {
		console.error('--working-age-share must be in (0, 1]');
		return 2;
	}
	const db = await openScenarioDb(option(args, '--data'), langOf(args));
	if (!db) return 1;
	try {
		const t0 = performance.now();
		const nets = await loadNets(db, args, modes);
		const region = await regionOf(db, args);
		const all = await places(db);
		const figs = await catchment(new ReachGrid(region, nets), all, modes);
		const r = region.cells.raster;
		if (args.includes('--json')) {
			console.log(JSON.stringify({ raster: r, population: { total: region.population.total, source: region.populationNote }, workingAgeShare: share, rows: figs }, null, 2));
			return 0;
		}
		const approx = region.population.source === 'approximate';
		console.log(`Residents within reach (${approx ? 'APPROXIMATE population: municipality totals spread by stops and localities' : region.populationNote}); raster ${r.width} × ${r.height} × ${r.cellM} m, ${Math.round(region.population.total)} residents`);
		const at = (id: string, m: Mode, t: number) => figs.find((f) => f.destination_id === id && f.mode === m && f.minutes === t)?.residents;
		const fmt = (v: number | undefined) => (v === undefined ? '–' : Math.round(v).toLocaleString('de-CH')).padStart(9);
		const cols = modes.flatMap((m) => [15, 30, 45, 60].map((t) => `${m} ${t}`.padStart(9)));
		console.log(['id'.padEnd(14), ...cols, ...modes.map((m) => `work ${m} 45`.padStart(12))].join(' '));
		for (const p of all) console.log([p.id.padEnd(14), ...modes.flatMap((m) => [15, 30, 45, 60].map((t) => fmt(at(p.id, m, t)))), ...modes.map((m) => fmt((at(p.id, m, 45) ?? NaN) * share).padStart(12))].join(' '));
		console.error(`${figs.length} figures in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
		return 0;
	} finally {
		await db.close();
	}
}
