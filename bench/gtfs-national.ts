/**
 * A national-size GTFS for the reader benchmarks: the real Zug feed (2021) plus far-away copies of it
 * (bench/gtfs-copies.ts: ids prefixed, coordinates shifted hundreds of km), written as a streaming zip64
 * (bench/zip-writer.ts, node:zlib deflate). With the default 214 copies: ~1.9 M trips, ~29.6 M
 * stop_times rows, stop_times.txt ~2 GB (the Swiss feed of 2026: ~1.85 M trips, 0.9–2.6 GB).
 *
 * Like the national feed, stop_times.txt is grouped by trip; the copies' trips are interleaved with the
 * original's (each Zug trip, then its 214 copies). The copies share the original's service_ids, so
 * calendar files stay at their real size (copying them would make calendar_dates.txt 1 GB, which no
 * real feed has). stop_times.txt is written first: the reader must seek (any entry order).
 *
 * `split` as 5th argument writes an unsorted stop_times.txt instead: the first half of every trip's rows,
 * then all second halves (every trip in two runs far apart), the reader's worst case (two passes).
 *
 * Usage: npx tsx bench/gtfs-national.ts [out=/tmp/gtfs-national.zip] [copies=214] [level=6] [grouped|split]
 * Output is never committed. Takes a few minutes (generation and deflate run in parallel).
 */
import { closeSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { copySpecs, rowRewriter, SINGLE_FILES, type CopySpec } from './gtfs-copies.ts';
import { ZipWriter } from './zip-writer.ts';
import { readCsv } from '../src/lib/reach/gtfs/csv.ts';
import { unzipFeed } from '../src/lib/reach/gtfs/parse.ts';

const out = process.argv[2] ?? '/tmp/gtfs-national.zip';
const copies = Number(process.argv[3] ?? 214);
const level = Number(process.argv[4] ?? 6);
const split = process.argv[5] === 'split';
const t0 = performance.now();

const texts = unzipFeed(new Uint8Array(readFileSync(new URL('../data/networks/gtfs_ch_zug.zip', import.meta.url))));
const specs: CopySpec[] = [{ prefix: '', dLon: 0, dLat: 0, shareServices: true }, ...copySpecs(copies, true)];
const CALENDAR = new Set(['calendar.txt', 'calendar_dates.txt']);

function parse(name: string): { header: string[]; rows: string[][] } {
	let header: string[] = [];
	const rows: string[][] = [];
	readCsv(texts.get(name)!, name, (h) => (header = h.names), (f) => void rows.push(f.slice()));
	return { header, rows };
}

/** Batches of ~4 MB of text. */
function* batched(lines: Iterable<string>): Generator<string> {
	let buf: string[] = [];
	let n = 0;
	for (const l of lines) {
		buf.push(l);
		n += l.length + 1;
		if (n > 4 << 20) {
			yield buf.join('\n') + '\n';
			buf = [];
			n = 0;
		}
	}
	if (buf.length) yield buf.join('\n') + '\n';
}

/** Rows of a file for the original and every copy, interleaved row by row. */
function* copiedRows(name: string): Generator<string> {
	const { header, rows } = parse(name);
	yield header.join(',');
	const rewrite = specs.map((s) => rowRewriter(name, header, s));
	for (const row of rows) for (const r of rewrite) yield r(row);
}

/**
 * stop_times.txt: each Zug trip, then the same trip of every copy. A row is a template with the prefix
 * inserted before trip_id and stop_id (fast: no field splitting per copy).
 */
function* stopTimes(): Generator<string> {
	const { header, rows } = parse('stop_times.txt');
	yield header.join(',');
	const cTrip = header.indexOf('trip_id'), cStop = header.indexOf('stop_id');
	// template: [before trip_id, trip_id … before stop_id, stop_id … end] split at the two insertion points
	const tpl = rows.map((r) => {
		const f = r.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v));
		const a = Math.min(cTrip, cStop), b = Math.max(cTrip, cStop);
		return [f.slice(0, a).map((x) => x + ',').join(''), f.slice(a, b).join(',') + ',', f.slice(b).join(',')];
	});
	for (const half of split ? [0, 1] : [-1])
		for (let i = 0; i < rows.length; ) {
			let j = i;
			while (j < rows.length && rows[j][cTrip] === rows[i][cTrip]) j++;
			const mid = (i + j) >> 1;
			const [a, b] = half < 0 ? [i, j] : half === 0 ? [i, mid] : [mid, j];
			for (const s of specs) for (let k = a; k < b; k++) yield tpl[k][0] + s.prefix + tpl[k][1] + s.prefix + tpl[k][2];
			i = j;
		}
}

const fd = openSync(out, 'w');
const zip = new ZipWriter({ write: (b) => void writeSync(fd, b) });
const order = ['stop_times.txt', ...[...texts.keys()].filter((n) => n !== 'stop_times.txt')];
for (const name of order) {
	const t = performance.now();
	const content = name === 'stop_times.txt' ? batched(stopTimes()) : SINGLE_FILES.has(name) || CALENDAR.has(name) ? [texts.get(name)!] : batched(copiedRows(name));
	await zip.add(name, content, level);
	console.log(`${name.padEnd(20)} ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
zip.finish();
closeSync(fd);
console.log(`${out}: ${(statSync(out).size / 2 ** 20).toFixed(0)} MiB, ${copies} copies + the original, stop_times ${split ? 'split (unsorted)' : 'grouped by trip'}, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
