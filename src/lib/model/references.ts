/**
 * Ids one table uses that another must define: staff.office_id → offices, travel_times.destination_id →
 * sites and offices. A mismatch is silent in the joins (its rows simply meet nothing: a site with no
 * travel times, a commute today that is unknown), so each one is named here with what it costs, and an id
 * that differs from a defined one only in its spelling (case, separators, leading zeros) is shown beside it.
 */
import { rows, type Db } from '../data/db/connector.ts';
import { fmtPersons } from './privacy.ts';
import type { Msg } from './types.ts';

/** What `referenceWarnings` found: its messages, and the sites travel_times never reaches (whose own warning they replace). */
export interface ReferenceCheck {
	warnings: Msg[];
	sitesWithoutTimes: Set<string>;
}

/** At most this many ids are named in one message. */
const SHOWN = 5;

/** An id as a person might have meant it: case, separators and leading zeros of numbers ignored. */
export function looseId(id: string): string {
	return id
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, '')
		.replace(/(^|\D)0+(?=\d)/g, '$1');
}

interface Row {
	kind: 'destination' | 'site' | 'office' | 'staff_office';
	id: string;
	name: string | null;
	n: number;
	keep: boolean | null;
}

// One round trip: in the browser each statement crosses to the DuckDB worker and back.
// The site and office parts only count once travel_times has rows (an empty table has its own warning).
const SQL = `WITH d AS (SELECT destination_id AS id, count(*)::INTEGER AS n FROM travel_times GROUP BY ALL),
at_office AS (SELECT office_id AS id, count(*)::INTEGER AS n FROM staff WHERE office_id IS NOT NULL GROUP BY ALL),
defined AS (SELECT site_id AS id FROM sites WHERE site_id IS NOT NULL UNION ALL SELECT office_id FROM offices WHERE office_id IS NOT NULL)
SELECT 'destination' AS kind, id, NULL AS name, n, NULL AS keep FROM d WHERE id NOT IN (SELECT id FROM defined)
UNION ALL SELECT 'site', site_id, name, 0, NULL FROM sites WHERE site_id NOT IN (SELECT id FROM d) AND EXISTS (SELECT 1 FROM d)
UNION ALL SELECT 'office', o.office_id, o.name, coalesce(a.n, 0), coalesce(o.keep, FALSE) FROM offices o LEFT JOIN at_office a ON a.id = o.office_id
  WHERE o.office_id NOT IN (SELECT id FROM d) AND EXISTS (SELECT 1 FROM d) AND (a.n > 0 OR o.keep)
UNION ALL SELECT 'staff_office', id, NULL, n, NULL FROM at_office WHERE id NOT IN (SELECT office_id FROM offices WHERE office_id IS NOT NULL)
ORDER BY kind, n DESC, id`;

/**
 * The cross-table warnings of a scenario. Person counts follow the small-group rule (`minGroup`);
 * `branchesServe`: kept offices serve customer groups (ScenarioParams keepBranches, branchGroups).
 */
export async function referenceWarnings(db: Db, minGroup: number, branchesServe = false): Promise<ReferenceCheck> {
	const found = await rows<Row>(db, SQL);
	const of = (kind: Row['kind']) => found.filter((r) => r.kind === kind);
	const destinations = of('destination');
	const offices = of('office');
	// A destination spelled like a site or office it fails to reach is named with that one, not on its own.
	const spelled = new Map<string, Row>();
	const byLoose = new Map(destinations.map((d) => [looseId(d.id), d]));
	const claim = (id: string) => {
		const d = byLoose.get(looseId(id));
		if (d) spelled.set(id, d);
	};
	for (const r of [...of('site'), ...offices]) claim(r.id);
	const rowsDe = (n: number) => `${n.toLocaleString('de-CH')} ${n === 1 ? 'Zeile' : 'Zeilen'}`;
	const rowsEn = (n: number) => `${n.toLocaleString('en')} ${n === 1 ? 'row' : 'rows'}`;
	const asWritten = (id: string, lang: 'de' | 'en') => {
		const d = spelled.get(id);
		if (!d) return '';
		return lang === 'de' ? `; travel_times schreibt «${d.id}», ${rowsDe(d.n)}` : `; travel_times writes "${d.id}", ${rowsEn(d.n)}`;
	};
	const list = <T>(items: T[], show: (x: T) => string, more: (k: number) => string) =>
		items.slice(0, SHOWN).map(show).join(', ') + (items.length > SHOWN ? more(items.length - SHOWN) : '');

	const warnings: Msg[] = [];
	const sites = of('site');
	if (sites.length)
		warnings.push({
			de: `${sites.length === 1 ? 'Ein Standort kommt' : `${sites.length} Standorte kommen`} in travel_times nicht vor: ${list(sites, (s) => `«${s.name ?? s.id}» (site_id «${s.id}»${asWritten(s.id, 'de')})`, (k) => ` und ${k} weitere`)}. IDs müssen genau gleich geschrieben sein. Ohne Reisezeiten dorthin sind Arbeitswege und Kundschaft unbekannt, und die Kriterien dazu fallen aus der Rangierung, solange ein solcher Standort mitbewertet wird.`,
			en: `${sites.length === 1 ? 'One site does' : `${sites.length} sites do`} not occur in travel_times: ${list(sites, (s) => `"${s.name ?? s.id}" (site_id "${s.id}"${asWritten(s.id, 'en')})`, (k) => ` and ${k} more`)}. Ids must be written exactly alike. Without travel times to ${sites.length === 1 ? 'it' : 'them'}, commutes and customer trips are unknown, and their criteria drop out of the ranking while such a site is assessed.`
		});
	if (offices.length) {
		const staff = offices.reduce((sum, o) => sum + o.n, 0);
		const k = fmtPersons(staff, String, minGroup);
		const kept = offices.filter((o) => o.keep && branchesServe).map((o) => o.name ?? o.id);
		const one = offices.length === 1;
		const costs = {
			de: [
				staff > 0 ? `Der heutige Arbeitsweg ${one ? 'seiner' : 'ihrer'} ${k} Mitarbeitenden ist unbekannt und zählt bei den Veränderungen nicht mit.` : '',
				kept.length ? `${kept.length === 1 ? `Die bleibende Filiale «${kept[0]}» erreicht` : `Die bleibenden Filialen ${kept.map((x) => `«${x}»`).join(', ')} erreicht`} keine Kundschaft.` : ''
			],
			en: [
				staff > 0 ? `The commute today of ${one ? 'its' : 'their'} ${k} staff is unknown and left out of the changes.` : '',
				kept.length ? `${kept.length === 1 ? `The kept branch "${kept[0]}" serves` : `The kept branches ${kept.map((x) => `"${x}"`).join(', ')} serve`} no customers.` : ''
			]
		};
		warnings.push({
			de: `${one ? 'Ein Arbeitsort kommt' : `${offices.length} Arbeitsorte kommen`} in travel_times nicht vor: ${list(offices, (o) => `«${o.name ?? o.id}» (office_id «${o.id}»${asWritten(o.id, 'de')})`, (n) => ` und ${n} weitere`)}. ${costs.de.filter(Boolean).join(' ')}`,
			en: `${one ? 'One office does' : `${offices.length} offices do`} not occur in travel_times: ${list(offices, (o) => `"${o.name ?? o.id}" (office_id "${o.id}"${asWritten(o.id, 'en')})`, (n) => ` and ${n} more`)}. ${costs.en.filter(Boolean).join(' ')}`
		});
	}
	const claimed = new Set(spelled.values());
	const stray = destinations.filter((d) => !claimed.has(d));
	if (stray.length)
		warnings.push({
			de: `travel_times nennt Ziele, die weder site_id noch office_id sind: ${list(stray, (d) => `«${d.id}» (${rowsDe(d.n)})`, (k) => ` und ${k} weitere`)}. Diese Reisezeiten werden nicht verwendet.`,
			en: `travel_times names destinations that are neither a site_id nor an office_id: ${list(stray, (d) => `"${d.id}" (${rowsEn(d.n)})`, (k) => ` and ${k} more`)}. These travel times are not used.`
		});
	const unknownOffices = of('staff_office');
	// Rare: only then are the defined office ids fetched, to name the one a misspelt id may mean.
	const officeIds = unknownOffices.length ? await rows<{ id: string }>(db, 'SELECT office_id AS id FROM offices WHERE office_id IS NOT NULL') : [];
	const meant = new Map(officeIds.map(({ id }) => [looseId(id), id]));
	for (const s of unknownOffices) {
		const k = fmtPersons(s.n, String, minGroup);
		const m = meant.get(looseId(s.id));
		warnings.push({
			de: `Arbeitsort «${s.id}» (staff.office_id, ${k} Mitarbeitende) fehlt in offices${m ? ` (dort «${m}»: IDs müssen genau gleich geschrieben sein)` : ''}: ihr heutiger Arbeitsweg ist unbekannt und zählt bei den Veränderungen nicht mit.`,
			en: `Office "${s.id}" (staff.office_id, ${k} staff) is not in offices${m ? ` (there "${m}": ids must be written exactly alike)` : ''}: their commute today is unknown and left out of the changes.`
		});
	}
	return { warnings, sitesWithoutTimes: new Set(sites.map((s) => s.id)) };
}
