/**
 * Reader for the BFS STATPOP hectare grid (GEOSTAT "Bevölkerungsstatistik STATPOP", one row per inhabited
 * 100 m cell), so a user who has the file gets real residents per cell instead of the approximation.
 *
 * Accepted layout (separator `;`, `,` or tab; header names case-insensitive):
 *  - coordinates of the cell's south-west corner: `E_KOORD`, `N_KOORD` in LV95 (2 485 400 / 1 109 500) — older files
 *    in LV03 (485 400 / 109 500, also as `X_KOORD`, `Y_KOORD`) are recognised by their range — or only `RELI`,
 *    the 8-digit cell id (LV03 east / 100 and north / 100, e.g. 67202446);
 *  - residents: `B<yy>BTOT` (e.g. `B24BTOT`, total permanent residents of year 20yy; the latest year is taken
 *    when several are present) or the column named by `opts.column`.
 * Errors name file, row (line number, header = 1) and column, in German and English.
 */
import type { Hectare } from '../reach/population.ts';

export interface StatpopIssue {
	row: number;
	column: string;
	msg: { de: string; en: string };
}

export class StatpopError extends Error {
	constructor(
		readonly file: string,
		readonly issues: StatpopIssue[],
		readonly msg: { de: string; en: string } = issues[0]?.msg ?? { de: 'Ungültige Datei', en: 'Invalid file' }
	) {
		const first = issues[0];
		super(`${file}${first ? ` (row ${first.row}, column ${first.column})` : ''}: ${msg.en}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`);
		this.name = 'StatpopError';
	}
}

export interface StatpopGrid {
	hectares: Hectare[];
	/** Residents column used, e.g. B24BTOT. */
	column: string;
	/** 20yy from the column name, or null. */
	year: number | null;
	rows: number;
	total: number;
}

const MAX_ISSUES = 20;

function splitter(header: string): string {
	return header.includes(';') ? ';' : header.includes('\t') ? '\t' : ',';
}

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, '$1').trim();

/** Parse a STATPOP hectare CSV. Throws StatpopError with every problem found (up to 20). */
export function readStatpopHectares(text: string, file = 'statpop.csv', opts: { column?: string } = {}): StatpopGrid {
	const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
	const sep = splitter(lines[0] ?? '');
	const header = (lines[0] ?? '').split(sep).map((h) => unquote(h).toUpperCase());
	const col = (name: string) => header.indexOf(name);
	const fail = (column: string, de: string, en: string): never => {
		throw new StatpopError(file, [{ row: 1, column, msg: { de, en } }]);
	};

	let iE = col('E_KOORD'), iN = col('N_KOORD');
	if (iE < 0 && iN < 0) (iE = col('X_KOORD')), (iN = col('Y_KOORD'));
	const iReli = col('RELI');
	if ((iE < 0 || iN < 0) && iReli < 0)
		fail('E_KOORD', `Spalten E_KOORD und N_KOORD (oder RELI) fehlen; gefunden: ${header.join(', ')}`, `Columns E_KOORD and N_KOORD (or RELI) are missing; found: ${header.join(', ')}`);

	let popName = opts.column?.toUpperCase();
	if (popName && col(popName) < 0) fail(popName, `Spalte ${popName} fehlt; gefunden: ${header.join(', ')}`, `Column ${popName} is missing; found: ${header.join(', ')}`);
	if (!popName) {
		const cands = header.filter((h) => /^B\d\dBTOT$/.test(h)).sort();
		popName = cands[cands.length - 1];
		if (!popName) fail('B..BTOT', `Keine Einwohnerspalte B<Jahr>BTOT (z. B. B24BTOT) gefunden; gefunden: ${header.join(', ')}`, `No residents column B<year>BTOT (e.g. B24BTOT) found; found: ${header.join(', ')}`);
	}
	const pop = popName!;
	const iPop = col(pop);
	const yy = /^B(\d\d)BTOT$/.exec(pop);

	const issues: StatpopIssue[] = [];
	const issue = (row: number, column: string, de: string, en: string) => {
		if (issues.length < MAX_ISSUES) issues.push({ row, column, msg: { de, en } });
	};
	const hectares: Hectare[] = [];
	let total = 0;
	let rows = 0;
	for (let l = 1; l < lines.length; l++) {
		if (!lines[l].trim()) continue;
		rows++;
		const row = l + 1;
		const f = lines[l].split(sep);
		let e: number, n: number;
		if (iE >= 0 && iN >= 0) {
			e = Number(unquote(f[iE] ?? ''));
			n = Number(unquote(f[iN] ?? ''));
			const eName = header[iE], nName = header[iN];
			if (!Number.isFinite(e) || unquote(f[iE] ?? '') === '') {
				issue(row, eName, `«${f[iE] ?? ''}» ist keine Koordinate`, `“${f[iE] ?? ''}” is not a coordinate`);
				continue;
			}
			if (!Number.isFinite(n) || unquote(f[iN] ?? '') === '') {
				issue(row, nName, `«${f[iN] ?? ''}» ist keine Koordinate`, `“${f[iN] ?? ''}” is not a coordinate`);
				continue;
			}
			// LV03 (6 digits) → LV95; a swapped pair is recognised by its ranges.
			if (e < 1_000_000 && n < 1_000_000) (e += 2_000_000), (n += 1_000_000);
			if (e < 2_000_000 && n > 2_000_000) [e, n] = [n, e];
			if (e < 2_480_000 || e > 2_840_000 || n < 1_070_000 || n > 1_300_000) {
				issue(row, eName, `Koordinate ${f[iE]} / ${f[iN]} liegt nicht in der Schweiz (LV95 oder LV03 erwartet)`, `Coordinate ${f[iE]} / ${f[iN]} is not in Switzerland (LV95 or LV03 expected)`);
				continue;
			}
			if (e % 100 !== 0 || n % 100 !== 0) {
				issue(row, e % 100 !== 0 ? eName : nName, `Koordinate ${f[iE]} / ${f[iN]} ist keine Hektar-Ecke (Vielfaches von 100 m erwartet)`, `Coordinate ${f[iE]} / ${f[iN]} is not a hectare corner (multiple of 100 m expected)`);
				continue;
			}
		} else {
			const reli = unquote(f[iReli] ?? '');
			if (!/^\d{8}$/.test(reli)) {
				issue(row, 'RELI', `«${reli}» ist keine RELI-Hektar-Nummer (8 Ziffern)`, `“${reli}” is not a RELI hectare id (8 digits)`);
				continue;
			}
			e = 2_000_000 + Number(reli.slice(0, 4)) * 100;
			n = 1_000_000 + Number(reli.slice(4)) * 100;
		}
		const raw = unquote(f[iPop] ?? '');
		const v = Number(raw);
		if (raw === '' || !Number.isFinite(v) || v < 0) {
			issue(row, pop, `«${raw}» ist keine Einwohnerzahl (ganze Zahl ≥ 0 erwartet)`, `“${raw}” is not a resident count (integer ≥ 0 expected)`);
			continue;
		}
		hectares.push({ e, n, residents: v });
		total += v;
	}
	if (issues.length) throw new StatpopError(file, issues);
	if (!hectares.length) fail(pop, 'Die Datei enthält keine Hektaren', 'The file holds no hectares');
	return { hectares, column: pop, year: yy ? 2000 + Number(yy[1]) : null, rows, total };
}
