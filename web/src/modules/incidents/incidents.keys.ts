/** Query keys of the incidents module; writes and live events invalidate `INC_KEYS.all`. */
export const INC_KEYS = {
  all: ["incidents"] as const,
  list: (params: object) => ["incidents", "list", params] as const,
  one: (id: string) => ["incidents", "one", id] as const,
  stats: (params: object) => ["incidents", "stats", params] as const,
};
