import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../../app/api.ts";
import type { MapKind } from "../map-kinds.ts";
import { MAP_KEYS } from "../map.keys.ts";
import type { LayerCollection } from "../map.types.ts";

/** minLon,minLat,maxLon,maxLat of the visible map, rounded so small pans reuse the cache. */
export type Bbox = [number, number, number, number];

/** The points of one layer inside the visible box, with that layer's filters. */
export function useMapLayer(kind: MapKind, bbox: Bbox | null, filters: Record<string, string | undefined>, enabled: boolean) {
  const params = { bbox: bbox?.join(","), ...filters };
  return useQuery({
    queryKey: MAP_KEYS.layer(kind, params),
    queryFn: ({ signal }) => api<LayerCollection>(`/api/map/layers/${kind}`, { query: params, signal }),
    enabled: enabled && !!bbox,
    placeholderData: keepPreviousData,
  });
}
