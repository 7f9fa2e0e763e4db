/**
 * Cross-table references (model/references.ts): ids that one table uses and another must define, named
 * with what they cost, and a misspelt id shown beside the one it fails to reach.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/data/db/connector.ts';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { looseId, referenceWarnings } from '../../src/lib/model/references.ts';
import { computeCriteria } from '../../src/lib/model/criteria.ts';
import { plainTerms } from '../../src/lib/report/format.ts';
import { SMALL_PARAMS } from '../fixtures/model/small.ts';
import { loadSmall } from '../fixtures/model/small.ts';

let db: Db;
beforeEach(async () => {
	db = await openNodeDb();
	// Site C gets times too, so the fixture starts with no warning at all.
	await loadSmall(db, ["INSERT INTO travel_times (origin_zone, destination_id, mode, minutes_p50) VALUES (1, 'C', 'pt', 30), (2, 'C', 'pt', 30)"]);
});
afterEach(async () => db.close());

const en = async (min = 5) => (await referenceWarnings(db, min, true)).warnings.map((w) => w.en);

describe('referenceWarnings', () => {
	it('says nothing when every id meets its table', async () => {
		expect(await en()).toEqual([]);
		expect((await referenceWarnings(db, 5)).sitesWithoutTimes.size).toBe(0);
	});

	it('names a site written differently in travel_times with the spelling found there, and no stray destination', async () => {
		await db.exec("UPDATE travel_times SET destination_id = ' a ' WHERE destination_id = 'A'");
		const r = await referenceWarnings(db, 5);
		expect(r.warnings.map((w) => w.en)).toEqual([
			'One site does not occur in travel_times: "Site A" (site_id "A"; travel_times writes " a ", 4 rows). Ids must be written exactly alike. Without travel times to it, commutes and customer trips are unknown, and their criteria drop out of the ranking while such a site is assessed.'
		]);
		expect(r.warnings[0].de).toContain('«Site A» (site_id «A»; travel_times schreibt « a », 4 Zeilen)');
		expect([...r.sitesWithoutTimes]).toEqual(['A']);
	});

	it('lists destinations that are no site or office, most rows first, at most five by name', async () => {
		for (const [i, id] of ['Z1', 'Z2', 'Z3', 'Z4', 'Z5', 'Z6'].entries())
			await db.exec(`INSERT INTO travel_times (origin_zone, destination_id, mode, minutes_p50) SELECT range::INTEGER, '${id}', 'pt', 10 FROM range(${i + 1})`);
		expect(await en()).toEqual([
			'travel_times names destinations that are neither a site_id nor an office_id: "Z6" (6 rows), "Z5" (5 rows), "Z4" (4 rows), "Z3" (3 rows), "Z2" (2 rows) and 1 more. These travel times are not used.'
		]);
	});

	it('offices without rows (more staff first) are named in one message: the commute today of their staff (small-group rule), and kept branches', async () => {
		await db.exec("DELETE FROM travel_times WHERE destination_id IN ('O2', 'B1')");
		expect(await en()).toEqual([
			'2 offices do not occur in travel_times: "Office two" (office_id "O2"), "Branch" (office_id "B1"). The commute today of their < 5 staff is unknown and left out of the changes. The kept branch "Branch" serves no customers.'
		]);
		await db.exec("DELETE FROM travel_times WHERE destination_id = 'O1'");
		const [w] = (await referenceWarnings(db, 1, true)).warnings;
		expect((await referenceWarnings(db, 1, false)).warnings[0].en).not.toContain('branch');
		expect(w.en).toBe(
			'3 offices do not occur in travel_times: "Office one" (office_id "O1"), "Office two" (office_id "O2"), "Branch" (office_id "B1"). The commute today of their 5 staff is unknown and left out of the changes. The kept branch "Branch" serves no customers.'
		);
		expect(w.de).toBe(
			'3 Arbeitsorte kommen in travel_times nicht vor: «Office one» (office_id «O1»), «Office two» (office_id «O2»), «Branch» (office_id «B1»). Der heutige Arbeitsweg ihrer 5 Mitarbeitenden ist unbekannt und zählt bei den Veränderungen nicht mit. Die bleibende Filiale «Branch» erreicht keine Kundschaft.'
		);
	});

	it('an office nobody works at and that is not kept needs no travel times', async () => {
		await db.exec("UPDATE staff SET office_id = 'O1' WHERE office_id = 'O2'");
		await db.exec("DELETE FROM travel_times WHERE destination_id = 'O2'");
		expect(await en()).toEqual([]);
	});

	it('with travel_times empty only the staff → offices reference is checked (the empty table has its own warning)', async () => {
		await db.exec('DELETE FROM travel_times');
		await db.exec("UPDATE staff SET office_id = 'o-1' WHERE person_id = 'P1'");
		expect(await en(1)).toEqual([
			'Office "o-1" (staff.office_id, 1 staff) is not in offices (there "O1": ids must be written exactly alike): their commute today is unknown and left out of the changes.'
		]);
	});
});

describe('the notes in the report', () => {
	it('name no table or column code once plainTerms has put them in words (every kind of note at once)', async () => {
		await db.exec("UPDATE travel_times SET destination_id = 'a' WHERE destination_id = 'A'");
		await db.exec("INSERT INTO travel_times (origin_zone, destination_id, mode, minutes_p50) VALUES (1, 'ZZ', 'pt', 5)");
		await db.exec("DELETE FROM travel_times WHERE destination_id = 'B1'");
		await db.exec("UPDATE staff SET office_id = 'NOPE' WHERE person_id = 'P1'");
		const notes = (await computeCriteria(db, SMALL_PARAMS)).warnings;
		expect(notes.length).toBeGreaterThanOrEqual(5);
		for (const lang of ['de', 'en'] as const)
			for (const n of notes) expect([n[lang], plainTerms(n[lang], lang).match(/\b[a-z]+_[a-z0-9_]+\b|\.[a-z]+_/g)]).toEqual([n[lang], null]);
		expect(plainTerms(notes.find((n) => n.de.includes('Ziele'))!.de, 'de')).toMatch(/^Die Reisezeit-Matrix nennt Ziele, die weder Standort-ID noch Arbeitsort-ID sind/);
	});
});

describe('looseId', () => {
	it('ignores case, separators, width and leading zeros of numbers, not other digits or letters', () => {
		expect(looseId('S-01')).toBe(looseId('s1'));
		expect(looseId('ＲＡＶ_Sursee')).toBe(looseId('rav sursee'));
		expect(looseId('Zone 007b')).toBe(looseId('zone7B'));
		expect(looseId('S10')).not.toBe(looseId('S1'));
		expect(looseId('S100')).not.toBe(looseId('S1'));
		expect(looseId('Würz')).not.toBe(looseId('Wurz'));
	});
});
