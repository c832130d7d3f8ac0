/** Query keys of the warnings module; writes and live events invalidate `WARN_KEYS.all`. */
export const WARN_KEYS = {
  all: ["warnings"] as const,
  list: (params: object) => ["warnings", "list", params] as const,
  one: (id: string) => ["warnings", "one", id] as const,
  tracking: (id: string) => ["warnings", "tracking", id] as const,
  feedback: (id: string) => ["warnings", "feedback", id] as const,
  inbox: ["warnings", "inbox"] as const,
  calls: (open: boolean) => ["warnings", "calls", open] as const,
  feeds: ["warning-feeds"] as const,
};
