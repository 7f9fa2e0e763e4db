/**
 * `npm run cli -- travel-times <matrix-file> --mode pt|car [--format r5r|conveyal|otp] [--source name] [--out travel_times.csv]`
 * Converts a travel-time matrix from r5r/r5py, Conveyal or OpenTripPlanner (otp_plan) into the
 * travel_times table (validated like any import) and writes it as CSV, ready for a data folder.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatIssueTable } from '../../src/lib/data/import/issue-table.ts';
import { parseFile, validateAndType } from '../../src/lib/data/import/index.ts';
import { tables } from '../../src/lib/data/schema.ts';
import { adaptTravelTimeMatrix, MatrixFormatError, type MatrixFormat, type MatrixMode } from '../../src/lib/data/travel-time-formats.ts';
import { option, lang as langOf } from './_args.ts';
import { fileArgument } from './_usage.ts';

export const summary = 'Convert a travel-time matrix from r5r/r5py, Conveyal or OpenTripPlanner into travel_times (CSV)';

const HELP = `Usage: npm run cli -- travel-times <file> --mode pt|car [--format r5r|conveyal|otp] [--source name] [--out travel_times.csv] [--lang de|en]
Recognised (detected from the headers unless --format is given):
  r5r travel_time_matrix() / r5py TravelTimeMatrix: from_id, to_id, travel_time_p50 [, travel_time_p80] (or travel_time)
  Conveyal regional analysis times CSV:             origin, destination, percentile, time  (long; -1 = not reached)
  OpenTripPlanner via opentripplanner::otp_plan:    fromPlace, toPlace, route_option, duration [s], transfers
Origin ids must be zone ids (BFS numbers), destination ids site_id/office_id. The engines' files carry no
mode: --mode sets it for every row. Without --out the CSV goes to stdout.`;

export async function run(args: string[]): Promise<number> {
	const file = fileArgument('travel-times', args);
	const mode = option(args, '--mode') as MatrixMode | undefined;
	if (args.includes('--help') || !file || (mode !== 'pt' && mode !== 'car')) {
		console.log(HELP);
		return args.includes('--help') ? 0 : 2;
	}
	const lang = langOf(args);
	const parsed = await parseFile({ fileName: path.basename(file), bytes: new Uint8Array(readFileSync(file)) });
	let adapted;
	try {
		adapted = adaptTravelTimeMatrix(parsed, { mode, format: option(args, '--format') as MatrixFormat | undefined, source: option(args, '--source') });
	} catch (e) {
		if (e instanceof MatrixFormatError) {
			console.error(e.messages[lang]);
			return 1;
		}
		throw e;
	}
	const res = await validateAndType('travel_times', adapted.parsed);
	for (const n of adapted.notes) console.error(n[lang]);
	if (res.issues.length) console.error(formatIssueTable(res.issues, lang));
	if (res.stats.errors) return 1;
	const cols = tables.travel_times.columns.map((c) => c.name);
	const esc = (v: unknown) => (v === null || v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v));
	const data = res.arrow;
	const lines = [cols.join(',')];
	for (let i = 0; i < data.numRows; i++) lines.push(cols.map((c) => esc(data.getChild(c)!.get(i))).join(','));
	const csv = lines.join('\n') + '\n';
	const out = option(args, '--out');
	if (out) writeFileSync(out, csv);
	else process.stdout.write(csv);
	console.error(`${adapted.format}: ${data.numRows} travel times (${mode})${adapted.dropped ? `, ${adapted.dropped} pairs not reached` : ''}${out ? ` → ${out}` : ''}`);
	return 0;
}
