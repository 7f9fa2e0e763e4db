import { describe, expect, it } from 'vitest';
import { csvCell, parseCsvText, toCsvText } from '../../src/lib/util/csv.ts';
import { toCsv } from '../../src/lib/report/tables.ts';

describe('CSV writer', () => {
	it('quotes what needs quoting for the chosen delimiter and round-trips through the reader', () => {
		const rows = [['a,b', 'x;y', 'say "hi"', 'two\nlines', 3.5, null, true]];
		for (const delimiter of [',', ';']) {
			const text = toCsvText(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'], rows, { delimiter });
			const back = parseCsvText(text, delimiter);
			expect(back.rows[0]).toEqual(['a,b', 'x;y', 'say "hi"', 'two\nlines', '3.5', '', 'true']);
		}
	});

	it('neutralises spreadsheet formulas in text (OWASP), never in numbers', () => {
		const o = { neutraliseFormulas: true };
		for (const bad of ['=1+1', '+41 41 000', '-2+3', '@SUM(A1)', '\tcmd', '\rx'])
			expect(csvCell(bad, o)).toBe(`"'${bad.replaceAll('"', '""')}"`);
		expect(csvCell(-4.77, o)).toBe('-4.77');
		expect(csvCell('Eichhof-West', o)).toBe('Eichhof-West');
		expect(csvCell('=1+1')).toBe('=1+1'); // data files for programs keep the value
	});

	it('user exports are semicolon CSV with BOM, CRLF and neutralised formulas', () => {
		const text = toCsv({ name: 'x', columns: [{ key: 'n', label: 'Name' }, { key: 'c', label: 'Personen', personCount: true }], rows: [{ n: '=HYPERLINK("http://x")', c: 3 }, { n: 'ok', c: 12 }] });
		expect(text.startsWith('\uFEFFName;Personen\r\n')).toBe(true);
		expect(text).toContain(`"'=HYPERLINK(""http://x"")";<5\r\n`);
		expect(text).toContain('ok;12\r\n');
	});
});
