import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import { importFile, loadDataFolder, tableForFile, type ImportIssue } from '../../src/lib/data/import/index.ts';
import { readInputs } from '../../src/lib/data/import/node-files.ts';
import { formatIssueTable } from '../../src/lib/data/import/issue-table.ts';
import { tableNames, type TableName } from '../../src/lib/data/schema.ts';
import { option, lang as langOf } from './_args.ts';
import { ADDRESS_HELP, addressesFromArgs } from './_addresses.ts';
import { fileArgument } from './_usage.ts';

export const summary = 'Check data files (a folder or one file) and list every problem; exit 1 on errors';

export async function run(args: string[]): Promise<number> {
	const target = fileArgument('validate', args);
	if (args.includes('--help') || !target) {
		console.log('Usage: npm run cli -- validate <folder|file> [--table staff] [--sheet name] [--header-row N] [--lang de|en] [--addresses directory.zip]');
		console.log('Files are matched to tables by name (staff.csv, offices.xlsx, ...) unless --table is given.');
		console.log('--sheet: the XLSX worksheet (default: the first visible one); --header-row: the row (XLSX) or line (CSV) holding the column names (default: found, title rows above it skipped).');
		console.log(ADDRESS_HELP);
		return args.includes('--help') ? 0 : 2;
	}
	const lang = langOf(args);
	const table = option(args, '--table') as TableName | undefined;
	if (table && !tableNames.includes(table)) {
		console.error(`Unknown table: ${table} (${tableNames.join(', ')})`);
		return 2;
	}
	const files = readInputs(target);
	const sheet = option(args, '--sheet');
	const headerRow = option(args, '--header-row') ? Number(option(args, '--header-row')) : undefined;
	const addresses = await addressesFromArgs(args, lang);
	const refs = { ...loadGeoRefs(), addresses: addresses ?? undefined };
	let issues: ImportIssue[] = [];
	const counts: string[] = [];
	if (table || (files.length === 1 && !tableForFile(files[0].fileName))) {
		if (!table) {
			console.error(lang === 'de' ? 'Tabelle unklar: --table angeben.' : 'Cannot tell the table: pass --table.');
			return 2;
		}
		for (const f of files) {
			const r = await importFile(table, f, { refs, sheet, headerRow });
			issues.push(...r.issues);
			counts.push(`${f.fileName} -> ${table}: ${r.result?.stats.rows ?? 0}`);
		}
	} else {
		const r = await loadDataFolder(null, files, { refs, commit: false, sheet, headerRow });
		issues = r.issues;
		for (const t of r.tables) counts.push(`${t.file} -> ${t.table}: ${t.rows}`);
	}
	if (issues.length) console.log(formatIssueTable(issues, lang));
	const errors = issues.filter((i) => i.severity === 'error').length;
	const warnings = issues.length - errors;
	console.log(`\n${counts.join('\n')}`);
	console.log(lang === 'de' ? `${errors} Fehler, ${warnings} ${warnings === 1 ? 'Warnung' : 'Warnungen'}.` : `${errors} ${errors === 1 ? 'error' : 'errors'}, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}.`);
	return errors > 0 ? 1 : 0;
}


