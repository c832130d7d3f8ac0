/** Query keys of the map; resource writes invalidate `MAP_KEYS.all` so the map follows. */
export const MAP_KEYS = {
  all: ["map"] as const,
  base: ["map", "base"] as const,
  layer: (kind: string, params: object) => ["map", "layer", kind, params] as const,
  nearest: (params: object) => ["map", "nearest", params] as const,
};
