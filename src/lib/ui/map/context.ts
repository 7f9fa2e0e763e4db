/**
 * BaseMap shares its maplibre instance with layer components rendered inside it (`<BaseMap>…<Layer/></BaseMap>`),
 * so a page adds a layer with one line and the layer's code stays in its own file.
 */
import { getContext } from 'svelte';
import type { Map as MlMap } from 'maplibre-gl';

export const MAP_CONTEXT = Symbol('basemap');

export interface MapContext {
	/** The map once its style has loaded, else null. */
	readonly map: MlMap | null;
}

export function mapContext(): MapContext {
	const c = getContext<MapContext | undefined>(MAP_CONTEXT);
	if (!c) throw new Error('map layer outside <BaseMap>');
	return c;
}
