import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { toCsvText } from '../../src/lib/util/csv.ts';
import { loadGeoRefs } from '../../src/lib/data/geocode-node.ts';
import { parseFile, suggestMapping } from '../../src/lib/data/import/index.ts';
import { readInputs } from '../../src/lib/data/import/node-files.ts';
import { geocodeAddress } from '../../src/lib/data/address/geocode-rows.ts';
import { GEOCODE_QUALITIES, type GeocodeQuality } from '../../src/lib/data/schema.ts';
import type { RawCell } from '../../src/lib/data/import/types.ts';
import { ADDRESS_HELP, addressesFromArgs } from './_addresses.ts';
import { option, lang as langOf } from './_args.ts';
import { fileArgument } from './_usage.ts';

export const summary = 'Geocode an address list (street, number, postcode) with the building address directory; write lon/lat and the quality per row';

export async function run(args: string[]): Promise<number> {
	const target = fileArgument('geocode', args);
	if (args.includes('--help') || !target) {
		console.log('Usage: npm run cli -- geocode <file.csv|xlsx|parquet> --addresses <directory.zip> [--out geocoded.csv] [--lang de|en] [--region-km 10 | --no-cut]');
		console.log('Columns are recognised like the importer does: address (street and number, optionally "…, 6003 Luzern"), or street + house_number; plz and/or locality ("6005 Luzern"); zone_id.');
		console.log('Output: the input columns plus lon, lat, zone_id, geocode_quality (address|street|postcode|municipality|none), geocode_match, geocode_note.');
		console.log(ADDRESS_HELP);
		return args.includes('--help') ? 0 : 2;
	}
	const lang = langOf(args);
	const addresses = await addressesFromArgs(args, lang);
	if (!addresses) console.error(lang === 'de' ? 'Ohne --addresses: nur PLZ und Gemeinde.' : 'Without --addresses: postcode and municipality only.');
	const refs = { ...loadGeoRefs(), addresses: addresses ?? undefined };
	const [input] = readInputs(target);
	const parsed = await parseFile(input);
	const map = suggestMapping('customers', parsed.headers).mapping;
	if (!map.address && !map.street && !map.plz) {
		console.error(lang === 'de' ? `Keine Adressspalte erkannt (Spalten: ${parsed.headers.join(', ')}).` : `No address column found (columns: ${parsed.headers.join(', ')}).`);
		return 1;
	}
	const col = (name: string) => (map[name] ? parsed.headers.indexOf(map[name]) : -1);
	const [ia, is, inr, ip, il, iz] = ['address', 'street', 'house_number', 'plz', 'locality', 'zone_id'].map(col);
	const str = (r: RawCell[], i: number) => (i < 0 || r[i] === null || r[i] === undefined || String(r[i]).trim() === '' ? null : String(r[i]).trim());
	const num = (r: RawCell[], i: number) => {
		const s = str(r, i);
		const m = s ? /^(?:ch-?)?(\d{4})\b/i.exec(s) : null;
		return m ? Number(m[1]) : null;
	};
	const counts: Partial<Record<GeocodeQuality, number>> = {};
	const notes: string[] = [];
	const t0 = Date.now();
	const out = parsed.rows.map((r, k) => {
		const plzText = str(r, ip);
		const g = geocodeAddress(refs, {
			address: str(r, ia),
			street: str(r, is),
			number: str(r, inr),
			plz: num(r, ip),
			locality: str(r, il) ?? (plzText && /\D/.test(plzText) ? plzText.replace(/^\s*(?:ch-?)?\d{4}\s*/i, '') || null : null),
			bfs: str(r, iz) ? Number(str(r, iz)) : null
		});
		counts[g.quality] = (counts[g.quality] ?? 0) + 1;
		if (g.note && notes.length < 50) notes.push(`${input.fileName}:${parsed.rowNumbers[k]}  ${g.note[lang]}`);
		const row: Record<string, unknown> = Object.fromEntries(parsed.headers.map((h, j) => [h, r[j]]));
		return {
			...row,
			lon: g.lon === null ? '' : g.lon.toFixed(6),
			lat: g.lat === null ? '' : g.lat.toFixed(6),
			zone_id: g.zone_id ?? '',
			geocode_quality: g.quality,
			geocode_match: g.match ?? '',
			geocode_note: g.note?.[lang] ?? ''
		};
	});
	const ms = Date.now() - t0;
	if (notes.length) console.log(notes.join('\n') + (notes.length === 50 ? '\n…' : ''));
	const summaryLine = GEOCODE_QUALITIES.filter((q) => counts[q]).map((q) => `${q} ${counts[q]}`).join(', ');
	console.log(`\n${parsed.rows.length} ${lang === 'de' ? 'Zeilen' : 'rows'} (${(ms / 1000).toFixed(2)} s): ${summaryLine}`);
	const outFile = option(args, '--out');
	if (outFile) {
		const cols = Object.keys(out[0] ?? {});
		writeFileSync(outFile, toCsvText(cols, out.map((r) => cols.map((c) => (r as Record<string, string | number | null>)[c]))));
		console.log(`${lang === 'de' ? 'Geschrieben' : 'Written'}: ${path.resolve(outFile)}`);
	}
	return 0;
}
