export const SHELTERS_KEYS = {
  coverage: ["shelters", "coverage"] as const,
  inspections: (id: string) => ["shelters", "inspections", id] as const,
};
