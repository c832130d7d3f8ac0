import { useQuery } from "@tanstack/react-query";
import { api } from "../../../app/api.ts";
import { MAP_KEYS } from "../map.keys.ts";
import type { MapBase } from "../map.types.ts";

/** The district outline, town boundaries, start view and optional tile server. */
export function useMapBase() {
  return useQuery({
    queryKey: MAP_KEYS.base,
    queryFn: () => api<MapBase>("/api/map/base"),
    staleTime: 60 * 60_000,
  });
}
