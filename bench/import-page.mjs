/**
 * Shared by the browser import benches (import-browser.mjs, coi-browser.mjs): the synthetic customer file,
 * duckdb-wasm's own read_csv of it in the page (the baseline), the importer's DuckDB statement alone, and the
 * app's import timed in the page.
 */
import fs from 'node:fs';

/** The customer file's header: the customers table's own column names. */
const HEADERS = ['customer_id', 'group', 'count', 'visits_per_year', 'lon', 'lat'];

/**
 * `n` customer rows placed by lon/lat around Lucerne (deterministic), as a CSV file in UTF-8; or as Excel
 * writes a plain "CSV" on a Swiss Windows (`windows-1252`) or its "Unicode text" (`utf-16le`, with a BOM),
 * then with an umlaut in every id («Kü17»); `umlautsFrom`: only from that row on (a Windows-1252 file whose first
 * megabytes are ASCII, as a list sorted so may be).
 */
/** `badLast`: the last row's visits_per_year is no number, so the file has one error (in its last row). */
export function writeCustomersCsv(file, n, { encoding = 'utf-8', umlautsFrom = 0, badLast = false } = {}) {
	const groups = ['insured', 'employer', 'jobseeker'];
	const fd = fs.openSync(file, 'w');
	const ansi = encoding !== 'utf-8';
	// ü is 0xFC in Windows-1252 and ISO-8859-1 alike (Node's 'latin1').
	const write = (text) => fs.writeSync(fd, encoding === 'windows-1252' ? Buffer.from(text, 'latin1') : encoding === 'utf-16le' ? Buffer.from(text, 'utf16le') : text);
	if (encoding === 'utf-16le') fs.writeSync(fd, Buffer.from([0xff, 0xfe]));
	write(`${HEADERS.join(',')}\n`);
	for (let i = 0; i < n; ) {
		const part = [];
		for (const end = Math.min(n, i + 10_000); i < end; i++)
			part.push(`${ansi && i >= umlautsFrom ? 'Kü' : 'C'}${i},${groups[i % 3]},1,${badLast && i === n - 1 ? 'x' : (i % 24) / 2},${(7.95 + ((i * 7919) % 50000) / 100000).toFixed(6)},${(46.85 + ((i * 104729) % 40000) / 100000).toFixed(6)}\n`);
		write(part.join(''));
	}
	fs.closeSync(fd);
}

/** Put `file` into the page's hidden bench input (the data page's `?bench` hook reads it from there). */
async function offerFile(page, file) {
	await page.waitForFunction(() => 'standortwahlBench' in window);
	await page.evaluate(() => {
		document.querySelector('#bench-file')?.remove();
		const i = document.createElement('input');
		i.type = 'file';
		i.id = 'bench-file';
		i.hidden = true;
		document.body.append(i);
	});
	await page.setInputFiles('#bench-file', file);
}

/** ms of the first of `once()` and the best of 3 after it; throws when a read did not give every row. */
async function firstAndWarm(once, rows) {
	const run = async () => {
		const r = await once();
		// A read that lost rows is no baseline (duckdb-wasm's multi-threaded build reads a registered File only in part).
		if (r.rows !== rows) throw new Error(`${r.rows} rows of ${rows} read`);
		return r.ms;
	};
	const first = await run();
	const warm = Math.min(await run(), await run(), await run());
	return { first, warm };
}

/**
 * duckdb-wasm's own read_csv of `file` (`rows` data rows) in the page's engine (the data page's `?bench` hook:
 * explicit column types, into a scratch table): ms of the first read (lazy compilation, heap growth) and the
 * best of 3 warm. `buffer`: the file's bytes copied into the engine first (else a File handle, as the importer
 * registers it). Throws when a read did not give every row.
 */
export async function rawReadCsv(page, file, rows, { buffer = false } = {}) {
	await offerFile(page, file);
	return firstAndWarm(() => page.evaluate(([headers, buffer]) => window.standortwahlBench.rawReadCsv(document.querySelector('#bench-file').files[0], 'customers', headers, { buffer }), [HEADERS, buffer]), rows);
}

/**
 * The importer's own DuckDB statement (import/fast/sql.ts) over `file` as one slice, with no JavaScript work
 * beside it: DuckDB's share of an import. First and best of 3 warm, as rawReadCsv.
 */
export async function fastSqlAlone(page, file, rows) {
	await offerFile(page, file);
	return firstAndWarm(() => page.evaluate(([headers, rows]) => window.standortwahlBench.fastSqlAlone(document.querySelector('#bench-file').files[0], 'customers', headers, rows), [HEADERS, rows]), rows);
}

/**
 * Time in the page, as the baseline is (performance.now()): from the file handed to the page (the input's
 * change event) to the stats on screen, and from the commit click to its message. The harness's wall clock
 * (CDP round trips, selector polling on a busy machine) adds 0.1–0.45 s; callers print it beside.
 */
export async function watchImport(page) {
	await page.evaluate(() => {
		const at = (window.__at = {});
		const seen = (sel, key) => {
			const mo = new MutationObserver(() => {
				if (document.querySelector(sel)) (at[key] = performance.now()), mo.disconnect();
			});
			mo.observe(document.body, { subtree: true, childList: true, attributes: true });
		};
		document.querySelector('[data-testid="import-file"]').addEventListener('change', (e) => ((at.chosen = e.timeStamp), seen('[data-testid="import-stats"]', 'validated')), { capture: true, once: true });
		document.addEventListener(
			'click',
			(e) => {
				if (e.target.closest?.('[data-testid="import-commit"]')) (at.commit = e.timeStamp), seen('[data-testid="import-message"].ok', 'committed');
			},
			{ capture: true }
		);
	});
}

/** What watchImport saw: ms to validated+staged, and (after a commit click) ms to committed. */
export async function importTimes(page) {
	const at = await page.evaluate(() => window.__at);
	return { validated: at.validated - at.chosen, committed: at.committed - at.commit };
}
