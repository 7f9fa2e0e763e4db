/**
 * What every layer component does: add its sources and layers to the map from the context (into a
 * slot of the base style), and take them away again when the component goes.
 */
import { onDestroy } from 'svelte';
import type { GeoJSONSource, LayerSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { EMPTY } from './style.ts';
import type { MapContext, Slot } from './context.ts';

export type LayerIn = { slot: Slot; spec: LayerSpecification };

/** Add GeoJSON sources (empty at first) and layers now; remove them when the calling component is destroyed. */
export function addLayers(ctx: MapContext, sources: string[], layers: LayerIn[]): void {
	const m = ctx.map;
	if (!m) throw new Error('map layer added before the map loaded');
	for (const id of sources) m.addSource(id, { type: 'geojson', data: EMPTY });
	for (const l of layers) m.addLayer(l.spec, ctx.slot(l.slot));
	onDestroy(() => {
		try {
			for (const l of [...layers].reverse()) if (m.getLayer(l.spec.id)) m.removeLayer(l.spec.id);
			for (const id of sources) if (m.getSource(id)) m.removeSource(id);
		} catch {
			/* the map itself is gone */
		}
	});
}

/** Replace a GeoJSON source's features. */
export function setData(ctx: MapContext, source: string, data: FeatureCollection): void {
	(ctx.map?.getSource(source) as GeoJSONSource | undefined)?.setData(data);
}

/** Show or hide layers. */
export function setVisible(ctx: MapContext, layers: string[], visible: boolean): void {
	for (const l of layers) ctx.map?.setLayoutProperty(l, 'visibility', visible ? 'visible' : 'none');
}
