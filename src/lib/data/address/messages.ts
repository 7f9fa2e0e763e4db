/**
 * The user-facing words for address matches and misses, German and English, shared by the importer's
 * messages (file, row, column) and the CLI's geocode report.
 */
import type { AddrMsg } from './directory.ts';
import type { AddressHit, AddressMiss, AddressQuery, ParsedQuery } from './match.ts';
import { show } from '../import/values.ts';

/** The input as the user wrote it, for messages: «Bahnhofstr 99», 6003 Luzern. */
export function queryText(q: AddressQuery): string {
	const has = (x: unknown) => x !== null && x !== undefined && String(x).trim() !== '';
	const street = [q.address ?? q.street, q.number].filter(has).map((x) => String(x).trim()).join(' ');
	const place = [q.plz, q.locality].filter(has).join(' ');
	// Shown as every cell in a message is (values.ts show): shortened, control and invisible characters made visible.
	return place && !street.includes(String(q.plz ?? q.locality)) ? `«${show(street)}», ${show(place)}` : `«${show(street)}»`;
}

const list = (xs: string[]) => xs.join(', ');

/** Why a row was not placed by its address, with the nearest candidates. */
export function missText(input: string, miss: AddressMiss, parsed: ParsedQuery): AddrMsg {
	const near = miss.candidates.length ? { de: `; nächste: ${list(miss.candidates)}`, en: `; nearest: ${list(miss.candidates)}` } : { de: '', en: '' };
	switch (miss.reason) {
		case 'po_box':
			return { de: `${input}: Postfach, kein Gebäude`, en: `${input}: PO box, not a building` };
		case 'no_street':
			return { de: `${input}: keine Strasse angegeben`, en: `${input}: no street given` };
		case 'street_not_found':
			return { de: `${input}: Strasse nicht gefunden${near.de}`, en: `${input}: street not found${near.en}` };
		case 'ambiguous_street':
			return { de: `${input}: Strasse nicht eindeutig${near.de}`, en: `${input}: street is ambiguous${near.en}` };
		case 'postcode_not_in_directory':
			return {
				de: `${input}: PLZ ${parsed.plz} ist im geladenen Adressverzeichnis nicht enthalten (ausserhalb des Studiengebiets oder unbekannt)`,
				en: `${input}: postcode ${parsed.plz} is not in the loaded address directory (outside the study region, or unknown)`
			};
		case 'no_postcode':
			return { de: `${input}: ohne PLZ, Ort oder Gemeinde nicht eindeutig zuzuordnen`, en: `${input}: cannot be placed without postcode, locality or municipality` };
	}
}

/** What a row placed by its address should tell the user, or null for a clean match. */
export function hitText(input: string, hit: AddressHit): { code: string; msg: AddrMsg } | null {
	const de: string[] = [];
	const en: string[] = [];
	let code: string | null = null;
	const take = (c: string) => (code ??= c);
	for (const n of hit.notes) {
		switch (n.code) {
			case 'number_not_found':
				take('address_number_not_found');
				if (n.nearest.length) {
					de.push(`Hausnummer ${n.given} nicht gefunden; nächste: ${hit.label.split(',')[0]} ${list(n.nearest)}; platziert am mittleren Eingang der Strasse`);
					en.push(`house number ${n.given} not found; nearest: ${hit.label.split(',')[0]} ${list(n.nearest)}; placed at the street's middle entrance`);
				} else {
					de.push(`Hausnummer ${n.given} nicht gefunden (${hit.label} hat keine Hausnummern); platziert am mittleren Eingang`);
					en.push(`house number ${n.given} not found (${hit.label} has no house numbers); placed at its middle entrance`);
				}
				break;
			case 'no_number':
				take('address_no_number');
				de.push(`keine Hausnummer; platziert am mittleren Eingang von ${hit.label}`);
				en.push(`no house number; placed at the middle entrance of ${hit.label}`);
				break;
			case 'fuzzy_street':
				take('address_fuzzy');
				de.push(`Strasse ungefähr zugeordnet: «${n.given}» → «${n.used}»`);
				en.push(`street matched approximately: "${n.given}" → "${n.used}"`);
				break;
			case 'number_variant':
				take('address_number_variant');
				de.push(`Hausnummer ${n.given} nicht gefunden, ${n.used} verwendet`);
				en.push(`house number ${n.given} not found, used ${n.used}`);
				break;
			case 'postcode_differs':
				take('address_postcode_differs');
				de.push(`gefunden unter PLZ ${n.used}, nicht ${n.given}`);
				en.push(`found under postcode ${n.used}, not ${n.given}`);
				break;
			case 'po_box_ignored':
				take('address_po_box_ignored');
				de.push('Postfach ignoriert (Strasse verwendet)');
				en.push('PO box ignored (street used)');
				break;
			case 'not_real':
				take('address_planned');
				de.push('Adresse im Verzeichnis als nicht bestehend (z. B. geplant) geführt');
				en.push('address is listed as not existing (e.g. planned) in the directory');
				break;
		}
	}
	if (!code) return null;
	const where = hit.quality === 'address' ? { de: ` → ${hit.label}`, en: ` → ${hit.label}` } : { de: '', en: '' };
	return { code, msg: { de: `${input}: ${de.join('; ')}${where.de}.`, en: `${input}: ${en.join('; ')}${where.en}.` } };
}
