/** Canonical JSON and a small synchronous 64-bit hash (FNV-1a) for stable scenario ids. */

/** JSON with object keys sorted at every level; undefined entries dropped, -0 as 0. */
export function canonicalJson(v: unknown): string {
	if (v === null || typeof v !== 'object') {
		if (typeof v === 'number' && !Number.isFinite(v)) return 'null';
		return JSON.stringify(Object.is(v, -0) ? 0 : v) ?? 'null';
	}
	if (Array.isArray(v)) return '[' + v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',') + ']';
	const o = v as Record<string, unknown>;
	const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
	return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}';
}

const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** FNV-1a 64-bit over the UTF-8 bytes of `text`, as 16 hex digits. */
export function fnv1a64(text: string): string {
	let h = OFFSET;
	for (const byte of new TextEncoder().encode(text)) {
		h ^= BigInt(byte);
		h = (h * PRIME) & MASK;
	}
	return h.toString(16).padStart(16, '0');
}
