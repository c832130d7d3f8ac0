import { useQuery } from "@tanstack/react-query";
import { api } from "../../../app/api.ts";
import { MAP_KEYS } from "../map.keys.ts";
import type { NearestResult, Origin } from "../map.types.ts";

export interface NearestFilters {
  kinds: string;
  limit?: number;
  /** Teams that are ready (就绪) only. */
  ready?: boolean;
  /** Teams able to handle this incident type. */
  incidentTypeId?: string;
  /** Shelters with at least this many free places. */
  minFreeCapacity?: number;
  /** Warehouses holding at least minQuantity of this item. */
  itemId?: string;
  minQuantity?: number;
}

/** The nearest resources of each kind from a point, nearest first (GET /api/map/nearest). */
export function useNearest(origin: Origin | null, filters: NearestFilters) {
  const params = origin ? { lat: origin.lat.toFixed(6), lon: origin.lon.toFixed(6), ...filters } : null;
  return useQuery({
    queryKey: MAP_KEYS.nearest(params ?? {}),
    queryFn: ({ signal }) => api<NearestResult>("/api/map/nearest", { query: params ?? {}, signal }),
    enabled: !!params,
  });
}
