/**
 * The map's context, shared by MapView and its layer components (as svelte-maplibre-gl does): each
 * layer adds its own sources and layers into a slot of the base style and removes them when it goes,
 * and registers which of its layers answer pointer events. MapView dispatches hover and click to the
 * topmost registered feature only.
 */
import { getContext, setContext } from 'svelte';
import type { Map as MlMap } from 'maplibre-gl';

/** Z-order anchors of the base style: a layer component inserts its layers before one of these. */
export type Slot = 'zones' | 'surface' | 'overlays' | 'points' | 'top';

export type PointerKind = 'site' | 'office' | 'zone' | 'cell';

export interface PointerTarget {
	kind: PointerKind;
	/** Hover text (null: no tooltip). */
	tooltip?: (props: Record<string, unknown>) => string | null;
	onclick?: (props: Record<string, unknown>) => void;
}

export interface MapContext {
	/** The map once its style has loaded (null before). */
	readonly map: MlMap | null;
	/** Layer id of a slot's anchor (insert with `map.addLayer(layer, beforeId)`). */
	slot(name: Slot): string;
	/** Make a layer answer hover and click; returns the function that undoes it. */
	pointer(layerId: string, target: PointerTarget): () => void;
	/** Figures a layer reports for tests and assistive tech (data-* attributes of the map element). */
	report(key: string, value: string | number | null): void;
}

const KEY = Symbol('standortwahl-map');

export function setMapContext(ctx: MapContext): void {
	setContext(KEY, ctx);
}

export function mapContext(): MapContext {
	const ctx = getContext<MapContext | undefined>(KEY);
	if (!ctx) throw new Error('map layer outside a MapView');
	return ctx;
}
