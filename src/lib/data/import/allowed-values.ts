/**
 * The allowed values of a categorical column (schema `values`) and the other words users write for them
 * (`valueAliases`: «Versicherte», «ÖV», «Miete»): one reading for the validator (validate.ts) and the
 * fast path's SQL (fast/sql.ts), so both map a cell to the same canonical value.
 */
import { normaliseHeader, type ColumnDef } from '../schema.ts';

const cache = new WeakMap<ColumnDef, Map<string, string>>();

/** A column's allowed values by their spelling in any case, and by normalised other words (built once per column). */
function allowedValues(c: ColumnDef): Map<string, string> {
	const cached = cache.get(c);
	if (cached) return cached;
	const m = new Map<string, string>();
	cache.set(c, m);
	for (const v of c.values ?? []) {
		m.set(v.toLowerCase(), v);
		m.set(normaliseHeader(v), v);
		for (const w of c.valueAliases?.[v] ?? []) m.set(normaliseHeader(w), v);
	}
	return m;
}

/** The canonical value a trimmed cell stands for, or undefined when it is not allowed. */
export function allowedValue(c: ColumnDef, v: string): string | undefined {
	const allowed = allowedValues(c);
	return allowed.get(v.toLowerCase()) ?? allowed.get(normaliseHeader(v));
}

/** The allowed values with their first other word: "employer (arbeitgeber), insured (versicherte), …". */
export function valueList(c: ColumnDef): string {
	return (c.values ?? []).map((v) => (c.valueAliases?.[v]?.length ? `${v} (${c.valueAliases[v][0]})` : v)).join(', ');
}

/** Every word the schema names for a column's values: the values themselves and their other words. */
export function valueWords(c: ColumnDef): string[] {
	return (c.values ?? []).flatMap((v) => [v, ...(c.valueAliases?.[v] ?? [])]);
}
