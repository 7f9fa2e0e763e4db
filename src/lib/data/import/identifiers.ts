/**
 * Direct identifiers in id columns. The analysis needs a person's id only to tell rows apart, so a staff or
 * customer file whose ids are AHV numbers (AHVN13, "756.1234.5678.97") or e-mail addresses gets them
 * replaced by pseudonyms while it is read: the identifiers never reach DuckDB, IndexedDB or an export.
 * A pseudonym is drawn at random (64 bits) and the table from ids to pseudonyms lives only as long as the
 * import, so nothing can turn a pseudonym back into its id (a hash could be, by hashing all 10^10 AHV
 * numbers). Within one import the same id gives the same pseudonym; duplicates are checked on the ids.
 */

export type IdentifierKind = 'ahv' | 'email';

const AHV = /^756[.\s]?\d{4}[.\s]?\d{4}[.\s]?\d{2}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$/;

/** Which direct identifier a (trimmed) id value is, if any. */
export function identifierKind(v: string): IdentifierKind | null {
	if (AHV.test(v)) return 'ahv';
	if (EMAIL.test(v)) return 'email';
	return null;
}

/** An identifier as messages may show it: "756.••••.••••.97", "a•••@lu.ch" (the row number says which). */
export function maskIdentifier(v: string, kind: IdentifierKind): string {
	if (kind === 'email') {
		const at = v.indexOf('@');
		return `${v.charAt(0)}•••${v.slice(at)}`;
	}
	let digits = 0;
	const total = v.replace(/\D/g, '').length;
	return v.replace(/\d/g, (d) => (++digits <= 3 || digits > total - 2 ? d : '•'));
}

/**
 * SQL condition (over a trimmed text expression) true for every value `identifierKind` would name, and
 * possibly more: the fast import path sends such a file to the validator, which decides.
 */
export function identifierSuspectSql(expr: string): string {
	return `(${expr} LIKE '756%' OR contains(${expr}, '@'))`;
}

/** Replaces identifiers by random pseudonyms, the same one for the same id within one import (one instance). */
export class Pseudonymiser {
	private readonly given = new Map<string, string>();
	private readonly bits = new Uint32Array(2);
	/** How many rows of each kind were replaced. */
	readonly counts: Record<IdentifierKind, number> = { ahv: 0, email: 0 };
	/** The first row of each kind (for the message). */
	readonly firstRow: Partial<Record<IdentifierKind, number>> = {};

	/** The value to store for an id of `kind` on file row `row`. */
	replace(v: string, kind: IdentifierKind, row: number): string {
		this.counts[kind]++;
		this.firstRow[kind] ??= row;
		let p = this.given.get(v);
		if (p === undefined) {
			crypto.getRandomValues(this.bits);
			p = `ID-${this.bits[0].toString(16).padStart(8, '0')}${this.bits[1].toString(16).padStart(8, '0')}`;
			this.given.set(v, p);
		}
		return p;
	}
}
