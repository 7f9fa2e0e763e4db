/** Plain-text rendering of import issues (CLI); the same bilingual messages the app shows. */
import type { ImportIssue } from './types.ts';

/** Issues as an aligned text table: file, row, column, severity: message. */
export function formatIssueTable(issues: ImportIssue[], lang: 'de' | 'en'): string {
	if (issues.length === 0) return '';
	const head = lang === 'de' ? ['Datei', 'Zeile', 'Spalte', 'Meldung'] : ['File', 'Row', 'Column', 'Message'];
	const sev = (i: ImportIssue) => (i.severity === 'error' ? (lang === 'de' ? 'FEHLER' : 'ERROR') : lang === 'de' ? 'Warnung' : 'warning');
	const cells = issues.map((i) => [i.file, i.row === null ? '' : String(i.row), i.column ?? '', `${sev(i)}: ${i.message[lang]}`]);
	const w = [0, 1, 2].map((k) => Math.max(head[k].length, ...cells.map((c) => c[k].length)));
	const line = (c: string[]) => c.map((x, k) => (k < 3 ? x.padEnd(w[k]) : x)).join('  ');
	return [line(head), line(w.map((n) => '-'.repeat(n)).concat('-------')), ...cells.map(line)].join('\n');
}
