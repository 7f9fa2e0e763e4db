/**
 * A national-size synthetic address directory in the official format, and 100 k customer addresses to
 * geocode against it (bench/address.ts, bench/address-browser.mjs). Nothing here is committed.
 *
 *   npx tsx bench/address-data.ts [--entrances 3200000] [--queries 100000] [--out /tmp/standortwahl-addr]
 *
 * Directory: ~2100 municipalities (the Lucerne region's 687 from data/, synthetic ones around the other
 * cantons' capitals) get entrances in proportion to their population where data/ has it (0.36 entrances
 * per resident, the national ratio of ~3.2 M entrances to ~8.9 M residents), else a log-normal draw; streets of ~25 entrances with German,
 * French or Italian names by canton; house numbers with suffixes (12a), sub-entrances (12.1) and ranges;
 * LV95 coordinates within ~2 km of the municipality centre; the real postcodes of the Lucerne region's
 * localities, synthetic ones elsewhere. Written as the official CSV (';', UTF-8 with BOM, 17 columns)
 * and as the zip it is published in (fflate, streamed).
 *
 * Queries: 100 k customers with addresses drawn from the directory's entrances in the Lucerne study
 * region, written the way people write them: 55 % as published, then abbreviations (Str., Pl.),
 * case and umlaut spellings, a typo, a number suffix the building lacks, no number, a number the street
 * lacks, a PO box, an unknown street; postcode and locality in one column ("6003 Luzern").
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { Zip, ZipDeflate } from 'fflate';
import { createRng } from '../src/lib/data/prng.ts';
import { wgs84ToLv95 } from '../src/lib/data/coords.ts';
import { OFFICIAL_HEADER } from '../src/lib/data/address/read.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name: string, def: string) => {
	const i = process.argv.indexOf(name);
	return i >= 0 ? process.argv[i + 1] : def;
};
const ENTRANCES = Number(arg('--entrances', '3200000'));
const QUERIES = Number(arg('--queries', '100000'));
const OUT = arg('--out', '/tmp/standortwahl-addr');
export const FILES = { csv: 'amtliches-gebaeudeadressverzeichnis_ch_2056.csv', zip: 'amtliches-gebaeudeadressverzeichnis_ch_2056.csv.zip', queries: 'customers_addresses.csv', manifest: 'manifest.json' };

const manifestFile = path.join(OUT, FILES.manifest);
if (existsSync(manifestFile)) {
	const m = JSON.parse(readFileSync(manifestFile, 'utf8'));
	if (m.entrances >= ENTRANCES * 0.99 && m.queries === QUERIES && existsSync(path.join(OUT, FILES.zip))) {
		console.log(`reusing ${OUT} (${m.entrances} entrances, ${m.queries} queries)`);
		process.exit(0);
	}
}
mkdirSync(OUT, { recursive: true });
const rng = createRng(32_000);
const csv = (f: string) => Papa.parse<Record<string, string>>(readFileSync(path.join(root, 'data', f), 'utf8'), { header: true, skipEmptyLines: true }).data;

// ---- municipalities: centre, canton, language, population, postcodes. The Lucerne region's 687 are
// real (data/, centroids and STATPOP); the other cantons get synthetic centres scattered around their
// capital (LV95), as many as the canton has municipalities (roughly), so the national total is ~2100.
const OTHER: [string, number, number, number, number, number][] = [
	// canton, first BFS, count, capital E, N, spread (m)
	['ZH', 1, 160, 2683000, 1248000, 14000], ['GL', 1630, 3, 2723500, 1211500, 6000], ['FR', 2001, 126, 2578500, 1175000, 14000],
	['SO', 2401, 107, 2607500, 1232000, 12000], ['BS', 2701, 3, 2611500, 1267500, 2000], ['BL', 2761, 86, 2622000, 1257500, 8000],
	['SH', 2901, 26, 2689500, 1285000, 6000], ['AR', 3001, 20, 2738000, 1250500, 5000], ['AI', 3101, 6, 2749000, 1242000, 4000],
	['SG', 3201, 75, 2740000, 1240000, 18000], ['GR', 3501, 101, 2760000, 1180000, 30000], ['TG', 4401, 80, 2715000, 1270000, 12000],
	['TI', 5001, 106, 2715000, 1105000, 18000], ['VD', 5401, 300, 2535000, 1160000, 20000], ['VS', 6001, 122, 2600000, 1120000, 25000],
	['NE', 6401, 27, 2555000, 1205000, 9000], ['GE', 6601, 45, 2500000, 1117000, 5000], ['JU', 6701, 50, 2580000, 1245000, 10000]
];
const langOf = (c: string, bfs: number) => (c === 'TI' ? 'it' : ['VD', 'NE', 'GE', 'JU'].includes(c) || (c === 'FR' && bfs < 2300) || (c === 'VS' && bfs >= 6100) ? 'fr' : 'de');
const pop = new Map(csv('population_statpop_2024_2025_lu_region.csv').map((r) => [Number(r.bfs), Number(r.pop_2025)]));
const plzOf = new Map<number, { plz: number; locality: string }[]>();
for (const r of csv('plz_ortschaften_lu_region_2022.csv')) {
	const b = Number(r.bfs === '1057' ? '1065' : r.bfs);
	if (!plzOf.has(b)) plzOf.set(b, []);
	plzOf.get(b)!.push({ plz: Number(r.plz), locality: r.ortschaft });
}
interface Mun { bfs: number; canton: string; lang: string; name: string; e: number; n: number; weight: number; plz: { plz: number; locality: string }[] }
const muns: Mun[] = [];
const lognormal = () => Math.exp(rng.normal(Math.log(900), 0.9));
for (const r of csv('municipalities_lu_region_2026_centroids.csv')) {
	const bfs = Number(r.bfs);
	const { e, n } = wgs84ToLv95(Number(r.centroid_lon), Number(r.centroid_lat));
	const p = pop.get(bfs);
	const own = plzOf.get(bfs);
	muns.push({ bfs, canton: r.canton, lang: langOf(r.canton, bfs), name: r.name, e, n, weight: p !== undefined ? p * 0.36 : lognormal(), plz: own?.length ? own : [{ plz: 1000 + ((bfs * 37) % 8900), locality: r.name }] });
}
for (const [canton, first, count, ce, cn, spread] of OTHER)
	for (let k = 0; k < count; k++) {
		const bfs = first + k;
		const name = `${canton}-Gemeinde ${bfs}`;
		muns.push({ bfs, canton, lang: langOf(canton, bfs), name, e: ce + rng.normal(0, spread), n: cn + rng.normal(0, spread), weight: lognormal(), plz: [{ plz: 1000 + ((bfs * 37) % 8900), locality: name }] });
	}
const totalWeight = muns.reduce((s, m) => s + m.weight, 0);

// ---- street names
const DE_BASE = ['Bahnhof', 'Dorf', 'Kirch', 'Schul', 'Berg', 'Feld', 'Wald', 'See', 'Sonnen', 'Matt', 'Hof', 'Linden', 'Eichen', 'Post', 'Garten', 'Industrie', 'Gewerbe', 'Mühle', 'Rosen', 'Birken', 'Tannen', 'Kreuz', 'Brunnen', 'Obere Dorf', 'Untere Dorf', 'Wiesen', 'Acker', 'Rüti', 'Bühl', 'Halden', 'Schloss', 'Bach', 'Grund', 'Steinhof', 'Sankt-Karli', 'General-Guisan', 'Alpen', 'Rigi', 'Pilatus', 'Zürcher', 'Luzerner', 'Berner', 'Weiher', 'Moos', 'Ried', 'Höhe', 'Gärtner', 'Schützen', 'Bündten'];
const DE_PREFIX = ['Obere', 'Untere', 'Alte', 'Neue', 'Hintere', 'Vordere', 'Kleine', 'Grosse', 'Äussere', 'Innere'];
const DE_TYPE = ['strasse', 'strasse', 'strasse', 'weg', 'weg', 'gasse', 'platz', 'rain', 'matte', 'halde', 'ring'];
const FR = ['Rue de la Gare', 'Rue du Lac', 'Chemin des Vignes', 'Avenue de la Gare', 'Route de Berne', 'Place du Marché', 'Rue du Centre', 'Chemin du Bois', 'Rue de l\'Église', 'Avenue des Alpes', 'Route cantonale', 'Chemin de la Forêt', 'Rue du Château', 'Impasse des Roses', 'Boulevard de la Plaine', 'Rue des Écoles', 'Chemin des Prés', 'Rue Saint-Martin', 'Avenue du Léman', 'Route de la Côte'];
const IT = ['Via Cantonale', 'Via San Gottardo', 'Via della Stazione', 'Piazza Collegiata', 'Via ai Monti', 'Via Lugano', 'Viale Stazione', 'Via Centrale', 'Vicolo dei Fiori', 'Via al Lago', 'Via Nosedo', 'Strada Regina', 'Via del Sole', 'Piazza Grande', 'Via Vela'];
function streetNames(m: Mun, k: number): string[] {
	const out = new Set<string>();
	for (let tries = 0; out.size < k && tries < k * 20; tries++) {
		let s: string;
		if (m.lang === 'fr') s = FR[rng.int(FR.length)] + (tries >= FR.length ? ` ${['Nord', 'Sud', 'Est', 'Ouest', 'Haut', 'Bas'][rng.int(6)]}` : '');
		else if (m.lang === 'it') s = IT[rng.int(IT.length)] + (tries >= IT.length ? ` ${['Nord', 'Sud', 'Alta', 'Bassa'][rng.int(4)]}` : '');
		else {
			const b = DE_BASE[rng.int(DE_BASE.length)];
			const t = DE_TYPE[rng.int(DE_TYPE.length)];
			s = b.includes(' ') || b.includes('-') ? `${b}-${t[0].toUpperCase()}${t.slice(1)}`.replace('Dorf-', 'Dorf') : b + t;
			// Towns need more names than base × type: prefixes as in "Obere Bahnhofstrasse", "Neue Feldgasse".
			if (tries >= DE_BASE.length * 3) s = `${DE_PREFIX[rng.int(DE_PREFIX.length)]} ${s}`;
		}
		out.add(s);
	}
	return [...out];
}

// ---- write the directory (CSV and zip at once, in 1 MB pieces) and remember Lucerne entrances for queries
const csvFd = openSync(path.join(OUT, FILES.csv), 'w');
const zipFd = openSync(path.join(OUT, FILES.zip), 'w');
const zip = new Zip((err, chunk) => {
	if (err) throw err;
	writeSync(zipFd, chunk);
});
const entry = new ZipDeflate(FILES.csv, { level: 6 });
zip.add(entry);
const enc = new TextEncoder();
let buf: string[] = ['\uFEFF' + OFFICIAL_HEADER.join(';')];
let bufLen = 0;
const flush = (final = false) => {
	const bytes = enc.encode(buf.join('\n') + '\n');
	writeSync(csvFd, bytes);
	entry.push(bytes, final);
	buf = [];
	bufLen = 0;
};
interface Q { street: string; number: string; plz: number; locality: string; numbers: string[] }
const lucerne: Q[] = [];
let egaid = 100_000_000;
let written = 0;
let esid = 10_000_000;
const inLucerneRegion = (bfs: number) => (bfs >= 1001 && bfs <= 1151) || (bfs >= 1701 && bfs <= 1711) || (bfs >= 1401 && bfs <= 1511);
for (const m of muns) {
	const target = Math.max(5, Math.round((m.weight / totalWeight) * ENTRANCES));
	const streets = streetNames(m, Math.max(1, Math.ceil(target / 25)));
	// 5–45 entrances per street (25 on average), the total spread over all names.
	const sizes = streets.map(() => 5 + rng.int(41));
	const scale = target / sizes.reduce((a, b) => a + b, 0);
	let left = target;
	for (let si = 0; si < streets.length && left > 0; si++) {
		const label = streets[si];
		const k = si === streets.length - 1 ? left : Math.min(left, Math.max(1, Math.round(sizes[si] * scale)));
		left -= k;
		const p = m.plz[rng.int(m.plz.length)];
		const ang = rng.uniform(0, Math.PI);
		// Inside the Swiss LV95 box (synthetic centres near a border could fall outside it).
		const e0 = Math.min(2_834_000, Math.max(2_486_000, m.e + rng.normal(0, 900)));
		const n0 = Math.min(1_294_000, Math.max(1_076_000, m.n + rng.normal(0, 900)));
		esid++;
		const nums: string[] = [];
		let no = 1;
		for (let j = 0; j < k; j++) {
			const r = rng.next();
			let num: string;
			if (r < 0.08 && j > 0) num = `${no - 2}${'abcd'[rng.int(4)]}`;
			else if (r < 0.16 && j > 0) num = `${no - 2}.${1 + rng.int(3)}`;
			else if (r < 0.17) num = `${no}-${no + 2}`, (no += 4);
			else if (r < 0.175) num = '';
			else num = String(no), (no += 2);
			nums.push(num);
			egaid += 1 + rng.int(3);
			const side = j % 2 ? 7 : -7;
			const e = e0 + Math.cos(ang) * 12 * j - Math.sin(ang) * side;
			const n = n0 + Math.sin(ang) * 12 * j + Math.cos(ang) * side;
			const status = rng.next() < 0.01 ? 'planned' : 'real';
			const official = num.includes('.') ? 'false' : 'true';
			const line = `${egaid};${esid};${2_000_000 + (egaid % 7_000_000)};${j % 3};${label};${num};${rng.next() < 0.7 ? 'residential' : 'other'};;${p.plz} ${p.locality};${m.bfs};${m.name};${m.canton};${status};${official};${String(1 + rng.int(28)).padStart(2, '0')}.${String(1 + rng.int(12)).padStart(2, '0')}.20${15 + rng.int(11)};${e.toFixed(3)};${n.toFixed(3)}`;
			buf.push(line);
			bufLen += line.length;
			written++;
			if (bufLen > 1 << 20) flush();
		}
		if (inLucerneRegion(m.bfs)) for (const num of nums) if (num && !num.includes('.')) lucerne.push({ street: label, number: num, plz: p.plz, locality: p.locality, numbers: nums });
	}
}
flush(true);
zip.end();
closeSync(csvFd);
closeSync(zipFd);

// ---- queries: how people write addresses
const abbreviate = (s: string) => s.replace(/strasse$/i, 'str.').replace(/Strasse$/, 'Str.').replace(/platz$/, 'pl.').replace(/^Rue /, 'R. ').replace(/^Avenue /, 'Av. ').replace(/^Chemin /, 'Ch. ').replace(/^Route /, 'Rte ');
const umlauts = (s: string) => s.replace(/ü/g, 'ue').replace(/ö/g, 'oe').replace(/ä/g, 'ae');
const typo = (s: string) => {
	const i = 1 + rng.int(Math.max(1, s.length - 2));
	return rng.next() < 0.5 ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i - 1) + s[i] + s[i - 1] + s.slice(i + 1);
};
const qFd = openSync(path.join(OUT, FILES.queries), 'w');
writeSync(qFd, 'customer_id,group,visits_per_year,adresse,plz_ort\n');
const groups = ['insured', 'employer', 'jobseeker'];
let qbuf: string[] = [];
const kinds: Record<string, number> = {};
for (let i = 0; i < QUERIES; i++) {
	const a = lucerne[rng.int(lucerne.length)];
	const r = rng.next();
	let street = a.street;
	let num = a.number;
	let kind = 'as published';
	if (r < 0.55) kind = 'as published';
	else if (r < 0.7) (street = abbreviate(street)), (kind = 'abbreviated');
	else if (r < 0.75) (street = umlauts(street.toUpperCase())), (kind = 'case/umlauts');
	else if (r < 0.8) (street = typo(street)), (kind = 'typo');
	else if (r < 0.85) (num = `${num.replace(/\D.*$/, '')}z`), (kind = 'suffix not in directory');
	else if (r < 0.9) (num = ''), (kind = 'no number');
	else if (r < 0.93) (num = '999'), (kind = 'number not on street');
	else if (r < 0.95) (street = 'Postfach'), (num = String(100 + rng.int(900))), (kind = 'PO box');
	else if (r < 0.97) (street = 'Nirgendwostrasse'), (kind = 'unknown street');
	else (street = `${num} ${street}`), (num = ''), (kind = 'number first');
	kinds[kind] = (kinds[kind] ?? 0) + 1;
	const addr = `${street}${num ? ' ' + num : ''}`;
	qbuf.push(`Q${i},${groups[i % 3]},${(i % 12) / 2},"${addr.replace(/"/g, '""')}",${a.plz} ${a.locality}`);
	if (qbuf.length === 10_000) (writeSync(qFd, qbuf.join('\n') + '\n'), (qbuf = []));
}
if (qbuf.length) writeSync(qFd, qbuf.join('\n') + '\n');
closeSync(qFd);
writeFileSync(manifestFile, JSON.stringify({ entrances: written, municipalities: muns.length, queries: QUERIES, lucerneEntrances: lucerne.length, kinds }, null, 1));
console.log(`${written.toLocaleString('en')} entrances in ${muns.length} municipalities → ${OUT}/${FILES.zip} (+ .csv); ${QUERIES.toLocaleString('en')} queries: ${JSON.stringify(kinds)}`);
