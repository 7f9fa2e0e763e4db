/**
 * Reach figures in the model (model/reach.ts): the tables written by the reach layer become the Güteklasse and
 * labour-market criteria; without the tables the criteria are missing and the ranking is unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { computeCriteria, criterionDef, scoreSites, writeSiteCatchment, writeSiteGuteklasse, DEFAULT_WEIGHTS, type CatchmentRow } from '../../src/lib/model/index.ts';
import { loadSmall, SMALL_PARAMS, HAND_SIZED } from '../fixtures/model/small.ts';

let db: Db;
beforeAll(async () => {
	db = await openNodeDb();
	await loadSmall(db);
});
afterAll(async () => db.close());

const catchmentRows = (id: string, pt: number[], car: number[]): CatchmentRow[] =>
	[15, 30, 45, 60].flatMap((m, i) => [
		{ destination_id: id, mode: 'pt' as const, minutes: m, residents: pt[i], population_source: 'approximate:test', network_source: 'pt-net' },
		{ destination_id: id, mode: 'car' as const, minutes: m, residents: car[i], population_source: 'approximate:test', network_source: 'car-net' }
	]);

describe('reach criteria', () => {
	it('are missing (null) before the reach layer wrote its tables, with zero default weight', async () => {
		const c = await computeCriteria(db, SMALL_PARAMS, HAND_SIZED);
		for (const s of c.sites) {
			expect(s.reach).toBeNull();
			for (const id of ['pt_quality', 'labour_pt_45', 'labour_car_45']) expect(criterionDef(id).value(s)).toBeNull();
		}
		expect([DEFAULT_WEIGHTS.pt_quality, DEFAULT_WEIGHTS.labour_pt_45, DEFAULT_WEIGHTS.labour_car_45]).toEqual([0, 0, 0]);
	});

	it('read the class points and the working-age residents (residents × share)', async () => {
		const before = scoreSites(await computeCriteria(db, SMALL_PARAMS, HAND_SIZED), DEFAULT_WEIGHTS);
		const ids = before.ranking.map((r) => r.site_id).concat(before.excluded.map((e) => e.site_id));
		await writeSiteGuteklasse(db, ids.map((id, i) => ({ site_id: id, klasse: i === 0 ? 'D' : 'A', points: i === 0 ? 1 : 4, station: `Stop ${id}`, category: 'II', distance_m: 120, source: 'pt-net' })));
		await writeSiteCatchment(db, ids.flatMap((id, i) => catchmentRows(id, [100, 1000 * (i + 1), 2000, 3000], [500, 5000, 9000 + i, 12000])));
		const c = await computeCriteria(db, { ...SMALL_PARAMS, workingAgeShare: 0.5 }, HAND_SIZED);
		const s = c.sites.find((x) => x.site_id === ids[1])!;
		expect(s.reach!.guteklasse).toMatchObject({ klasse: 'A', points: 4, station: `Stop ${ids[1]}`, category: 'II', distanceM: 120 });
		expect(s.reach!.residents!.pt[30]).toBe(2000);
		expect(s.reach!.workingAge!.pt[45]).toBe(1000);
		expect(s.reach!.populationSource).toBe('approximate:test');
		expect(criterionDef('pt_quality').value(s)).toBe(4);
		expect(criterionDef('labour_pt_45').value(s)).toBe(1000);
		expect(criterionDef('labour_car_45').value(s)).toBe((9001 * 0.5));
		expect(s.reach!.trace.sql).toMatch(/site_catchment/);
		// Zero weights: same ranking as before; weighting the class moves the site with class D down.
		const same = scoreSites(c, DEFAULT_WEIGHTS);
		expect(same.ranking.map((r) => r.site_id)).toEqual(before.ranking.map((r) => r.site_id));
		const only = scoreSites(c, { ...Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, 0])), pt_quality: 100 });
		expect(only.ranking[only.ranking.length - 1].site_id === ids[0] || only.excluded.some((e) => e.site_id === ids[0])).toBe(true);
	});
});
