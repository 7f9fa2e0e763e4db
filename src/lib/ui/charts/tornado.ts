/** Tornado chart helpers: order and extent of NPV sensitivity bars. Pure: no Svelte, no DOM. */

export interface TornadoItem {
	/** Parameter name as shown. */
	label: string;
	/** Result (e.g. NPV) with the parameter at its low value. */
	valueLow: number;
	/** Result with the parameter at its high value. */
	valueHigh: number;
	/** The parameter's low value as shown next to its bar, e.g. "0,8 ×" or "1 %". */
	lowLabel?: string;
	/** The parameter's high value as shown next to its bar. */
	highLabel?: string;
}

/** |valueHigh − valueLow|. */
export function swing(b: TornadoItem): number {
	return Math.abs(b.valueHigh - b.valueLow);
}

/** Largest swing first; ties keep their input order (the sort is stable). Returns a new array. */
export function sortBySwing<T extends TornadoItem>(bars: readonly T[]): T[] {
	return [...bars].sort((a, b) => swing(b) - swing(a));
}

/** [min, max] over the base value and every bar end. */
export function tornadoExtent(base: number, bars: readonly TornadoItem[]): [number, number] {
	let lo = base;
	let hi = base;
	for (const b of bars) {
		lo = Math.min(lo, b.valueLow, b.valueHigh);
		hi = Math.max(hi, b.valueLow, b.valueHigh);
	}
	return [lo, hi];
}
