/**
 * Units of parameters and criteria as codes, with the words a reader sees in each language. Codes stay
 * short and stable (they travel in exports' `unit` columns); reports and the UI print `unitText(code)`.
 */
import type { Msg } from './types.ts';

export type UnitCode =
	| ''
	| 'd/yr'
	| 'share'
	| 'min'
	| 'inh/km²'
	| 'g/pkm'
	| 'factor'
	| 'm²'
	| 'date'
	| 'rate'
	| 'yr'
	| 'CHF'
	| 'CHF/yr'
	| 'CHF/person'
	| 'CHF/person/yr'
	| 't/yr'
	| 'persons'
	| '%'
	| 'points A–D';

const UNITS: Record<UnitCode, Msg> = {
	'': { de: '', en: '' },
	'd/yr': { de: 'Tage pro Jahr', en: 'days per year' },
	// Shares are stored 0–1 and printed as percent.
	share: { de: '%', en: '%' },
	min: { de: 'min', en: 'min' },
	'inh/km²': { de: 'Einwohner pro km²', en: 'inhabitants per km²' },
	'g/pkm': { de: 'g pro Personenkilometer', en: 'g per passenger-km' },
	factor: { de: 'Faktor', en: 'factor' },
	'm²': { de: 'm²', en: 'm²' },
	date: { de: 'Datum', en: 'date' },
	// Rates are stored as fractions per year and printed as percent per year.
	rate: { de: '% pro Jahr', en: '% per year' },
	yr: { de: 'Jahre', en: 'years' },
	CHF: { de: 'CHF', en: 'CHF' },
	'CHF/yr': { de: 'CHF pro Jahr', en: 'CHF per year' },
	'CHF/person': { de: 'CHF pro Person', en: 'CHF per person' },
	'CHF/person/yr': { de: 'CHF pro Person und Jahr', en: 'CHF per person and year' },
	't/yr': { de: 't/Jahr', en: 't/yr' },
	persons: { de: 'Personen', en: 'persons' },
	'%': { de: '%', en: '%' },
	'points A–D': { de: 'Punkte, A = 4 … D = 1', en: 'points, A = 4 … D = 1' }
};

/** The words for a unit code in one language. */
export function unitText(code: UnitCode, lang: 'de' | 'en'): string {
	return UNITS[code][lang];
}
