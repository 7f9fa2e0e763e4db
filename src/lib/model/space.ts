/** Space criteria: workplaces and floor area needed vs what a site offers. */
import type { MoversSummary, SiteRow } from './inputs.ts';
import type { ScenarioParams } from './params.ts';
import type { SpaceCriteria } from './types.ts';

/** Workplaces needed = ceil((headcount or FTE) × desk-sharing ratio). */
export function workplacesNeeded(m: MoversSummary, p: ScenarioParams): number {
	const base = p.workplaceBasis === 'fte' ? m.fte : m.headcount;
	// Round away float noise (0.1 + 0.2) before ceil so 4.0000000001 does not become 5.
	return Math.ceil(Math.round(base * p.deskSharingRatio * 1e6) / 1e6);
}

export function spaceCriteria(site: SiteRow, m: MoversSummary, p: ScenarioParams): SpaceCriteria {
	const needed = workplacesNeeded(m, p);
	const m2Needed = needed * p.m2PerWorkplace;
	return {
		workplacesNeeded: needed,
		m2Needed,
		capacity: site.capacity_workplaces,
		areaM2: site.area_m2,
		capacitySlack: site.capacity_workplaces - needed,
		capacityReserve: needed > 0 ? (site.capacity_workplaces - needed) / needed : 0,
		areaSlackM2: site.area_m2 - m2Needed,
		trace: {
			rowIds: [site.site_id],
			note: `${p.workplaceBasis} ${p.workplaceBasis === 'fte' ? m.fte : m.headcount} × ${p.deskSharingRatio} workplaces/person × ${p.m2PerWorkplace} m²`
		}
	};
}
