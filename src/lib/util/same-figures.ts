/**
 * Whether two JSON-like values hold the same figures: the same structure, and numbers equal up to a
 * relative `tolerance`. Two JavaScript engines may round a long computation differently in the last bit
 * (the build snapshot's criteria come from Node, the page's from chromium: NPV 50561778.71599932 vs …31),
 * which no display shows; anything larger is a real difference.
 */
export function sameFigures(a: unknown, b: unknown, tolerance = 1e-12): boolean {
	if (typeof a === 'number' && typeof b === 'number') {
		if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
		return Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b));
	}
	if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	if (Array.isArray(a)) {
		const bb = b as unknown[];
		return a.length === bb.length && a.every((x, i) => sameFigures(x, bb[i], tolerance));
	}
	const ao = a as Record<string, unknown>;
	const bo = b as Record<string, unknown>;
	const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => o[k] !== undefined);
	const ka = keys(ao);
	return ka.length === keys(bo).length && ka.every((k) => bo[k] !== undefined && sameFigures(ao[k], bo[k], tolerance));
}
