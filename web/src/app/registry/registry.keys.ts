/** Query keys of every registry; a write invalidates its registry and the map. */
export const REGISTRY_KEYS = {
  all: (key: string) => ["registry", key] as const,
  list: (key: string, params: object) => ["registry", key, "list", params] as const,
  one: (key: string, id: string) => ["registry", key, "one", id] as const,
  history: (key: string, id: string) => ["registry", key, "history", id] as const,
};
