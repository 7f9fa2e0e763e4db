import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { suppressSmallCounts, toCsv, toXlsx, SUPPRESSED, type ExportTable } from '../../src/lib/report/tables.ts';

const table: ExportTable = {
	name: 'Rangfolge',
	columns: [
		{ key: 'site', label: 'Standort' },
		{ key: 'losers', label: 'Längerer Weg', personCount: true },
		{ key: 'score', label: 'Nutzwert' }
	],
	rows: [
		{ site: 'Eichhof-West', losers: 76, score: 66.3 },
		{ site: 'Sursee; Bahnhof', losers: 3, score: 4 },
		{ site: 'Seetalplatz', losers: 0, score: 1 }
	]
};

describe('exports with small-count suppression', () => {
	it('suppresses person counts 1..4 only, never other numbers', () => {
		const s = suppressSmallCounts(table);
		expect(s.rows.map((r) => r.losers)).toEqual([76, SUPPRESSED, 0]);
		expect(s.rows[1].score).toBe(4); // not a person count
		expect(table.rows[1].losers).toBe(3); // input untouched
	});

	it('writes CSV with BOM, semicolons and quoting', () => {
		const csv = toCsv(table);
		expect(csv.startsWith('\uFEFFStandort;Längerer Weg;Nutzwert\r\n')).toBe(true);
		expect(csv).toContain('"Sursee; Bahnhof";<5;4\r\n');
		expect(csv).not.toMatch(/;3;/);
	});

	it('writes an XLSX that reads back with the same, suppressed content', async () => {
		const bytes = await toXlsx([table]);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(bytes.buffer as ArrayBuffer);
		const ws = wb.getWorksheet('Rangfolge')!;
		expect(ws.getRow(1).values).toEqual([undefined, 'Standort', 'Längerer Weg', 'Nutzwert']);
		expect(ws.getRow(3).values).toEqual([undefined, 'Sursee; Bahnhof', '<5', 4]);
		expect(ws.getRow(2).getCell(2).value).toBe(76);
	});
});
