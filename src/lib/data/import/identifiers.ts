/**
 * Direct identifiers in id columns. The analysis needs a person's id only to tell rows apart, so a staff or
 * customer file whose ids are AHV numbers (AHVN13, "756.1234.5678.97") or e-mail addresses gets them
 * replaced by pseudonyms while it is read: the identifiers never reach DuckDB, IndexedDB or an export.
 * A pseudonym is drawn at random (64 bits) and the table from ids to pseudonyms lives only as long as the
 * import, so nothing can turn a pseudonym back into its id (a hash could be, by hashing all 10^10 AHV
 * numbers). Within one import the same id gives the same pseudonym; duplicates are checked on the ids.
 */

export type IdentifierKind = 'ahv' | 'email';

/** 756 and ten digits, grouped by dots, spaces or hyphens or not, also within a longer value («AHV 756.1234.5678.97»). */
const AHV = /(?:^|\D)(756)[.\s-]?(\d{4})[.\s-]?(\d{4})[.\s-]?(\d{2})(?!\d)/;
/** An address, also within a longer value («Max Muster <max.muster@lu.ch>»). */
const EMAIL = /[^@\s<>"'(),;:]+@[^@\s<>"'(),;:]+\.[A-Za-z]{2,}/;

/** Which direct identifier a (trimmed) id value is or holds, if any. */
export function identifierKind(v: string): IdentifierKind | null {
	if (AHV.test(v)) return 'ahv';
	if (EMAIL.test(v)) return 'email';
	return null;
}

/**
 * The identifier a value of `kind` holds, written one way: an AHV number's 13 digits, an address in lower
 * case. The same person in two spellings is one id (duplicates are found, one pseudonym is given).
 */
export function identifierKey(v: string, kind: IdentifierKind): string {
	if (kind === 'ahv') {
		const m = AHV.exec(v);
		return m ? m.slice(1).join('') : v;
	}
	return (EMAIL.exec(v)?.[0] ?? v).toLowerCase();
}

/** An identifier as messages may show it: "756••••••••97", "a•••@lu.ch" (the row number says which). */
export function maskIdentifier(v: string, kind: IdentifierKind): string {
	const key = identifierKey(v, kind);
	if (kind === 'email') return `${key.charAt(0)}•••${key.slice(key.indexOf('@'))}`;
	return key.slice(0, 3) + '•'.repeat(key.length - 5) + key.slice(-2);
}

/**
 * SQL condition (over a trimmed text expression) true for every value `identifierKind` would name, and
 * possibly more: the fast import path sends such a file to the validator, which decides.
 */
export function identifierSuspectSql(expr: string): string {
	// The cheap test first: the pattern runs only on the few values that hold «756» (CASE, not AND: DuckDB
	// evaluates both sides of an AND in a projection, and the pattern on every id doubled this test's cost).
	return `(CASE WHEN contains(${expr}, '756') THEN regexp_matches(${expr}, '756[.\\s-]?[0-9]{4}[.\\s-]?[0-9]{4}[.\\s-]?[0-9]{2}') ELSE false END OR contains(${expr}, '@'))`;
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
		const key = `${kind}:${identifierKey(v, kind)}`;
		let p = this.given.get(key);
		if (p === undefined) {
			crypto.getRandomValues(this.bits);
			p = `ID-${this.bits[0].toString(16).padStart(8, '0')}${this.bits[1].toString(16).padStart(8, '0')}`;
			this.given.set(key, p);
		}
		return p;
	}
}
