/**
 * `npm run cli -- score <data-folder> [--scenario file.json] [--json] [--lang de|en] [--samples N] [--seed N]`
 * Loads a data folder, computes every criterion, scores and ranks the sites, and prints the
 * ranking, all criteria and the robustness figures — the same functions the app calls.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { geojsonText, toCrs } from '../../src/lib/data/geojson-crs.ts';
import { sitesGeoJSON } from '../../src/lib/report/geojson.ts';
import { rows, type Db } from '../../src/lib/data/db/connector.ts';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import { loadDataFolder } from '../../src/lib/data/import/index.ts';
import { formatIssueTable } from '../../src/lib/data/import/issue-table.ts';
import { readInputs } from '../../src/lib/data/import/node-files.ts';
import { createTableSql, tables, tableNames } from '../../src/lib/data/schema.ts';
import { computeTravelTimes } from '../../src/lib/app/travel-times.ts';
import { localEngine } from '../../src/lib/app/engine-local.ts';
import { openDb } from './_data.ts';
import { loadNetworks } from './_networks.ts';
import { computeSiteReachInto, regionOf } from './_reach.ts';
import {
	CRITERIA,
	computeCriteria,
	createScenario,
	dataVersion,
	estimateTravelTimes,
	flipWeights,
	parseScenario,
	ParamError,
	rankProbabilities,
	scoreSites,
	tornado,
	type CriteriaResult,
	type Scenario,
	type ScoreResult,
	type SiteCriteria
} from '../../src/lib/model/index.ts';
import { MIN_GROUP } from '../../src/lib/model/privacy.ts';
import { dateText } from '../../src/lib/model/dates.ts';
import { fmtPersons } from '../../src/lib/report/tables.ts';
import { ENGINE_HELP, engine, option, lang as langOf } from './_args.ts';
import { MAX_ROBUST_SITES, robustnessFeasible } from '../../src/lib/app/session.ts';
import { fileArgument } from './_usage.ts';

/**
 * Route all zones × sites and offices with the same pipeline, engines and networks the app uses, then (unless
 * --no-raster) the raster figures the app computes after the matrix (Güteklasse, residents within reach);
 * returns the row count.
 */
async function computeTravelTimesInto(db: Db, args: string[]): Promise<number> {
	const nets = await loadNetworks(db, args, ['pt', 'car'], (l) => console.error(l));
	if (!args.includes('--no-raster')) {
		const r = await computeSiteReachInto(db, nets, await regionOf(db, args));
		console.error(`Raster figures: Güteklasse for ${r.sites} sites, ${r.rows} catchment rows.`);
	}
	return (await computeTravelTimes(db, localEngine(nets), ['pt', 'car'])).rows;
}

export const summary = 'Score and rank the candidate sites of a data folder (ranking, all criteria, robustness)';

type Lang = 'de' | 'en';

export async function run(args: string[]): Promise<number> {
	const folder = fileArgument('score', args);
	if (args.includes('--help') || !folder) {
		console.log('Usage: npm run cli -- score <data-folder> [--scenario file.json] [--json] [--lang de|en] [--samples N] [--seed N] [--engine native|wasm]');
		console.log('Without --scenario the default parameters and weights are used.');
		console.log('--compute-times computes travel_times with the routing engines, as the app does (default: the approximate');
		console.log('  Lucerne networks; or --gtfs feed.zip [--date YYYY-MM-DD] and --pbf roads.osm.pbf | --roads roads.geojson),');
		console.log('  and the raster figures (ÖV-Güteklasse, residents within reach; --statpop STATPOP.csv, --cell 250; --no-raster skips).');
		console.log('--geojson sites.geojson [--crs lv95] writes the sites with rank, score and key figures for QGIS.');
		console.log('--estimate-times fills missing travel times with crow-fly estimates (source estimate:crow-fly; for trying only).');
		console.log(ENGINE_HELP);
		return args.includes('--help') ? 0 : 2;
	}
	const lang: Lang = langOf(args);
	const json = args.includes('--json');
	const samples = Number(option(args, '--samples') ?? 2000);
	const seed = Number(option(args, '--seed') ?? 2019);
	// The scenario file is read before anything is computed: a wrong file is told at once, not after routing.
	const file = option(args, '--scenario');
	let fromFile: Scenario | null = null;
	if (file) {
		try {
			fromFile = parseScenario(readFileSync(file, 'utf8'));
		} catch (e) {
			if ((e as NodeJS.ErrnoException).code) throw e; // file not found etc.: the CLI names it
			if (e instanceof ParamError) console.error(`${lang === 'de' ? 'Fehler' : 'Error'}: ${file}: ${e.msg[lang]}`);
			else console.error(lang === 'de' ? `Fehler: ${file} ist keine Szenario-Datei von Standortwahl (JSON mit "format": "standortwahl-scenario").` : `Error: ${file} is not a Standortwahl scenario file (JSON with "format": "standortwahl-scenario").`);
			return 1;
		}
	}
	const db = await openDb(engine(args));
	try {
		const r = await loadDataFolder(db, readInputs(folder), { refs: loadGeoRefs() });
		if (!r.committed) {
			console.error(formatIssueTable(r.issues, lang));
			console.error(lang === 'de' ? `${r.errors} Fehler: nichts geladen.` : `${r.errors} ${r.errors === 1 ? 'error' : 'errors'}: nothing loaded.`);
			return 1;
		}
		await ensureTables(db);
		if (args.includes('--compute-times')) {
			const n = await computeTravelTimesInto(db, args);
			console.error(lang === 'de' ? `Reisezeiten berechnet: ${n} Zeilen.` : `Travel times computed: ${n} rows.`);
		}
		if (args.includes('--estimate-times')) {
			await estimateTravelTimes(db);
			console.error(lang === 'de' ? 'Achtung: fehlende Reisezeiten mit Luftlinien-Schätzung ergänzt (keine Routenberechnung).' : 'Warning: missing travel times filled with crow-fly estimates (not routed).');
		}
		const data = await dataVersion(db);
		const scenario: Scenario = fromFile ?? createScenario({ name: lang === 'de' ? 'Standard' : 'Default', data });
		if (scenario.data && scenario.data.hash !== data.hash)
			console.error(lang === 'de' ? `Hinweis: Szenario wurde mit anderen Daten erstellt (${scenario.data.hash} ≠ ${data.hash}).` : `Note: scenario was made with other data (${scenario.data.hash} ≠ ${data.hash}).`);
		const criteria = await computeCriteria(db, scenario.params);
		// Without travel times the ranking rests on space and money alone: said on stderr too, so `--json | jq` users see it.
		if (json && criteria.travelTimeRows === 0) console.error(noTimesNote(lang));
		const score = scoreSites(criteria, scenario.weights);
		// All weights 0 in the scenario: no assessment is made up (the app refuses the same way); bad input, exit 1.
		if (score.problem && !json) {
			console.error(score.problem[lang]);
			return 1;
		}
		const robust = robustnessFeasible(score.ranking.length) ? rankProbabilities(score.matrix, score.weights, { samples, seed }) : null;
		if (score.ranking.length > MAX_ROBUST_SITES)
			console.error(
				lang === 'de'
					? `Hinweis: Rangwahrscheinlichkeiten nicht berechnet: ${score.ranking.length} Standorte, höchstens ${MAX_ROBUST_SITES} (Kandidaten zuerst eingrenzen).`
					: `Note: rank probabilities not computed: ${score.ranking.length} sites, at most ${MAX_ROBUST_SITES} (narrow the candidates first).`
			);
		const flip = flipWeights(score);
		const top = score.ranking[0]?.site_id;
		const torn = top ? tornado(criteria, top) : null;
		if (json) {
			// Person counts of 1–4 become "<5" here too (the small-group rule holds for every export).
			console.log(JSON.stringify({ scenario, data, warnings: criteria.warnings, travelTimeRows: criteria.travelTimeRows, score, criteria: criteria.sites, rankProbabilities: robust, flip, tornado: torn }, maskSmallCounts, 2));
			return 0;
		}
		const geo = option(args, '--geojson');
		if (geo) {
			const crs = option(args, '--crs') === 'lv95' ? 'lv95' : 'wgs84';
			writeFileSync(geo, geojsonText(toCrs(sitesGeoJSON(criteria, score), crs)));
			console.error(lang === 'de' ? `Standorte mit Kennzahlen → ${geo} (${crs.toUpperCase()})` : `Sites with key figures → ${geo} (${crs.toUpperCase()})`);
		}
		printReport(lang, scenario, criteria, score, robust, flip, torn);
		return 0;
	} finally {
		await db.close();
	}
}

/** Person-count fields of the criteria (StaffCriteria, MissingTimes, CommuteStats, WaitStats). */
const COUNT_KEYS = new Set(['winners', 'losers', 'total', 'noZoneTimes', 'noSiteTime', 'missingTimes', 'movers', 'n']);

/** JSON replacer: a person count from 1 to 4 is written as "<5". */
function maskSmallCounts(key: string, value: unknown): unknown {
	return COUNT_KEYS.has(key) && typeof value === 'number' && value > 0 && value < MIN_GROUP ? `<${MIN_GROUP}` : value;
}

/** Tables missing from the folder are created empty so every query runs. */
async function ensureTables(db: Db): Promise<void> {
	const have = new Set((await rows<{ n: string }>(db, `SELECT table_name AS n FROM information_schema.tables`)).map((r) => r.n));
	for (const t of tableNames) if (!have.has(t)) await db.exec(createTableSql(tables[t]));
}

const fmt = (x: number | null | undefined, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toLocaleString('de-CH', { maximumFractionDigits: d, minimumFractionDigits: d }));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : (100 * x).toFixed(0) + ' %');
const chf = (x: number) => 'CHF ' + Math.round(x).toLocaleString('de-CH');
/** A person count under the small-group rule (1–4 → "<5"), as in the app and the exports. */
const persons = (n: number | null | undefined) => fmtPersons(n, (x) => x.toLocaleString('de-CH'), MIN_GROUP).replace('< ', '<');
const date = (lang: Lang, iso: string) => dateText(iso)[lang];

/** Rows of the criteria table: label and how to read the figure from one site. */
function criteriaRows(lang: Lang, thresholds: number[]): [string, (s: SiteCriteria) => string][] {
	const L = (de: string, en: string) => (lang === 'de' ? de : en);
	const commute = (key: 'pt' | 'car' | 'combined', name: string): [string, (s: SiteCriteria) => string][] => [
		[`${name} ${L('Mittel', 'mean')} (min)`, (s) => fmt(s.staff?.[key].mean)],
		[`${name} p80 (min)`, (s) => fmt(s.staff?.[key].p80)],
		...thresholds.map((t): [string, (s: SiteCriteria) => string] => [`${name} > ${t} min`, (s) => pct(s.staff?.[key].shareOver[t])]),
		[`${name} ${L('Stunden/Jahr', 'hours/yr')}`, (s) => fmt(s.staff?.[key].hoursPerYear, 0)],
		[`${name} ${L('Δ zu heute', 'Δ vs today')} (min)`, (s) => fmt(s.staff?.[key].meanChange)],
		[`${name} ${L('Gewinner/Verlierer', 'winners/losers')}`, (s) => (s.staff ? `${persons(s.staff[key].winners)}/${persons(s.staff[key].losers)}` : '–')]
	];
	return [
		[L('Arbeitsplätze Bedarf', 'Workplaces needed'), (s) => String(s.space.workplacesNeeded)],
		...commute('pt', L('ÖV', 'PT')),
		...commute('car', L('Auto', 'Car')),
		...commute('combined', L('Mix', 'Mix')),
		[L('ÖV Warten vor Beginn Mittel (min)', 'PT wait before start mean (min)'), (s) => fmt(s.staff?.ptWait.mean)],
		[L('ÖV Warten vor Beginn p80 (min)', 'PT wait before start p80 (min)'), (s) => fmt(s.staff?.ptWait.p80)],
		[L('ÖV Umstiege (Mittel)', 'PT changes (mean)'), (s) => fmt(s.staff?.ptChangesMean)],
		[L('Ohne ÖV-Zeit: Zone/Standort', 'No PT time: zone/site'), (s) => (s.staff ? `${persons(s.staff.missingByMode.pt.noZoneTimes)}/${persons(s.staff.missingByMode.pt.noSiteTime)}` : '–')],
		[L('Ohne Autozeit: Zone/Standort', 'No car time: zone/site'), (s) => (s.staff ? `${persons(s.staff.missingByMode.car.noZoneTimes)}/${persons(s.staff.missingByMode.car.noSiteTime)}` : '–')],
		[L('CO₂ t/Jahr', 'CO₂ t/yr'), (s) => fmt(s.staff?.co2TonnesYear)],
		[L('CO₂ Δ t/Jahr', 'CO₂ Δ t/yr'), (s) => fmt(s.staff?.co2ChangeTonnesYear)],
		[L('Ohne jede Reisezeit', 'Without any travel time'), (s) => (s.staff ? persons(s.staff.missingTimes) : '–')],
		...['employer', 'insured', 'jobseeker'].map((g): [string, (s: SiteCriteria) => string] => [`${L('Kundschaft', 'Customers')} ${g} (min)`, (s) => fmt(s.customers?.byGroup[g]?.meanMinutes)]),
		[L('Kundschaft alle (min)', 'Customers all (min)'), (s) => fmt(s.customers?.all.meanMinutes)],
		[L('Anteil Regionalstellen', 'Share at branches'), (s) => (s.customers ? pct(s.customers.all.branchShare) : '–')],
		[L('ÖV-Güteklasse (ARE)', 'PT quality class (ARE)'), (s) => (s.reach?.guteklasse ? (s.reach.guteklasse.klasse ?? L('keine', 'none')) : '–')],
		[L('Einwohner 30 min ÖV (genähert)', 'Residents 30 min PT (approx.)'), (s) => fmt(s.reach?.residents?.pt[30], 0)],
		[L('Einwohner 30 min Auto (genähert)', 'Residents 30 min car (approx.)'), (s) => fmt(s.reach?.residents?.car[30], 0)],
		[L('Erwerbsalter 45 min ÖV (genähert)', 'Working age 45 min PT (approx.)'), (s) => fmt(s.reach?.workingAge?.pt[45], 0)],
		[L('Erwerbsalter 45 min Auto (genähert)', 'Working age 45 min car (approx.)'), (s) => fmt(s.reach?.workingAge?.car[45], 0)],
		[L('Arbeitsplätze Bedarf/Kapazität', 'Workplaces needed/capacity'), (s) => `${s.space.workplacesNeeded}/${s.space.capacity}`],
		[L('Fläche Bedarf/Angebot m²', 'Area needed/offered m²'), (s) => `${fmt(s.space.m2Needed, 0)}/${fmt(s.space.areaM2, 0)}`],
		[L('Umzug', 'Move'), (s) => date(lang, s.money.moveDate)],
		[L('Frei werdende Miete/Jahr', 'Rent freed/yr'), (s) => chf(s.money.rentFreedChfYear)],
		[L('Synergien/Jahr', 'Synergies/yr'), (s) => chf(s.money.synergyChfYear)],
		[L('= Einsparung brutto/Jahr', '= Gross saving/yr'), (s) => chf(s.money.grossSavingChfYear)],
		[L('− Kosten neuer Standort/Jahr', '− New site cost/yr'), (s) => chf(s.money.annualCostChf)],
		[L('  davon Kapital (gekauft)', '  of which capital (bought)'), (s) => chf(s.money.capitalCostChfYear)],
		[L('= Einsparung netto/Jahr', '= Net saving/yr'), (s) => chf(s.money.netSavingChfYear) + (s.money.meetsTarget ? ' ✓' : '')],
		[L('Frei werdende Fläche m²', 'Area freed m²'), (s) => fmt(s.money.m2Freed, 0)],
		[L('Ausbau', 'Fit-out'), (s) => chf(s.money.fitOutChf)],
		[L('Umzugskosten', 'Move cost'), (s) => chf(s.money.moveCostChf)],
		[L('Doppelmiete', 'Double rent'), (s) => chf(s.money.doubleRentChf)],
		[L('Einmalkosten total', 'One-off total'), (s) => chf(s.money.oneOffTotalChf)],
		[L('Barwert', 'NPV'), (s) => chf(s.money.npvChf)],
		[L('Amortisation (Jahr)', 'Payback (year)'), (s) => (s.money.paybackYear === null ? '–' : `${s.money.paybackYear} (${fmt(s.money.paybackYears)} ${L('J.', 'y')})`)]
	];
}

function printReport(
	lang: Lang,
	scenario: Scenario,
	criteria: CriteriaResult,
	score: ScoreResult,
	robust: ReturnType<typeof rankProbabilities> | null,
	flip: ReturnType<typeof flipWeights>,
	torn: ReturnType<typeof tornado> | null
): void {
	const L = (de: string, en: string) => (lang === 'de' ? de : en);
	const name = new Map(criteria.sites.map((s) => [s.site_id, s.name]));
	console.log(`${L('Szenario', 'Scenario')}: ${scenario.name} (${scenario.id})`);
	console.log(`${L('Umziehende Mitarbeitende', 'Staff moving')}: ${persons(criteria.inputs.movers.headcount)} (${criteria.inputs.movers.headcount < MIN_GROUP ? '–' : criteria.inputs.movers.fte.toFixed(1)} ${L('Vollzeitstellen', 'FTE')})`);
	console.log(
		L(
			`Sparziel ${chf(criteria.params.savingsTargetChfYear)}/Jahr, verglichen mit der Nettoeinsparung (brutto − Kosten neuer Standort). Geld zählt einmal, als Barwert. Keine Zahl beruht auf weniger als ${MIN_GROUP} Personen (<${MIN_GROUP}).`,
			`Savings target ${chf(criteria.params.savingsTargetChfYear)}/yr, compared with the net saving (gross − new site cost). Money counts once, as the NPV. No figure rests on fewer than ${MIN_GROUP} persons (<${MIN_GROUP}).`
		)
	);
	if (criteria.travelTimeRows === 0) console.log('\n' + noTimesNote(lang));
	for (const w of criteria.warnings.slice(0, 10)) console.log('  ' + w[lang]);
	for (const s of score.skipped) console.log('  ' + L('Übersprungen', 'Skipped') + ': ' + s.reason[lang]);

	console.log('\n' + L('Rangierung', 'Ranking'));
	const probs = new Map(robust?.siteIds.map((id, i) => [id, robust.probabilities[i][0]]) ?? []);
	for (const r of score.ranking)
		console.log(`  ${String(r.rank).padStart(2)}. ${r.name.padEnd(42)} ${r.score.toFixed(1).padStart(6)}  ${robust ? L('P(Rang 1)', 'P(rank 1)') + ' ' + pct(probs.get(r.site_id)) : ''}`);
	for (const e of score.excluded) console.log(`   ✗ ${e.name.padEnd(42)} ${e.reasons.map((x) => x.message[lang]).join('; ')}`);

	console.log('\n' + L('Gewichte (normiert)', 'Weights (normalised)'));
	for (const d of CRITERIA) if ((score.weights[d.id] ?? 0) > 0) console.log(`  ${d.label[lang].padEnd(52)} ${pct(score.weights[d.id])}`);

	console.log('\n' + L('Kriterien', 'Criteria'));
	const sites = criteria.sites;
	const head = sites.map((s) => s.site_id.slice(0, 15).padStart(16)).join('');
	console.log(''.padEnd(36) + head);
	for (const [label, get] of criteriaRows(lang, criteria.params.commuteThresholdsMin)) console.log(label.slice(0, 35).padEnd(36) + sites.map((s) => get(s).slice(0, 15).padStart(16)).join(''));
	console.log(
		L(
			'ÖV = Reise von Tür zu Tür (spätestmögliche Abfahrt, Ankunft 07:00–08:30); Warten = Ankunft bis Arbeitsbeginn. Ohne ÖV-Zeit (Zone: keine Haltestelle in Gehdistanz; Standort: keine Verbindung): nicht im ÖV-Mittel, Mix = Autozeit.',
			'PT = door-to-door journey (latest departure, arrival 07:00–08:30); wait = arrival to start of work. No PT time (zone: no stop within walking distance; site: no connection): not in the PT mean, mix = car time.'
		)
	);

	if (flip) {
		console.log('\n' + L(`Was ${name.get(flip.second)} vor ${name.get(flip.first)} brächte (Vorsprung ${flip.gap.toFixed(1)} Punkte):`, `What would put ${name.get(flip.second)} ahead of ${name.get(flip.first)} (gap ${flip.gap.toFixed(1)} points):`));
		for (const s of flip.single.slice(0, 5)) console.log(`  ${CRITERIA.find((d) => d.id === s.criterion)!.label[lang]}: ${pct(s.from)} → ${pct(s.to)}`);
		for (const p of flip.pairs.slice(0, 3))
			console.log(`  ${pct(p.shift)} ${L('von', 'from')} ${CRITERIA.find((d) => d.id === p.decrease)!.label[lang]} ${L('zu', 'to')} ${CRITERIA.find((d) => d.id === p.increase)!.label[lang]}`);
	}
	if (torn && score.ranking[0]) {
		console.log('\n' + L(`Tornado Barwert ${score.ranking[0].name} (Basis ${chf(torn.base)})`, `Tornado NPV ${score.ranking[0].name} (base ${chf(torn.base)})`));
		for (const b of torn.bars) console.log(`  ${b.label[lang].padEnd(40)} ${String(b.low).padStart(6)}: ${chf(b.npvLow).padStart(18)}   ${String(b.high).padStart(6)}: ${chf(b.npvHigh).padStart(18)}`);
	}
}

/** The data folder has no travel times and none were computed: what the ranking then rests on, and the way out. */
function noTimesNote(lang: Lang): string {
	return lang === 'de'
		? '!! travel_times ist leer: keine Pendel-, Kunden- und CO2-Kriterien. Rangierung nur nach Fläche und Kosten. Reisezeiten wie die App berechnen: --compute-times.'
		: '!! travel_times is empty: no commute, customer or CO2 criteria. Ranking by space and money only. Compute travel times as the app does: --compute-times.';
}
