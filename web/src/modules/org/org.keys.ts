/** Query keys of the org module; writes invalidate `ORG_KEYS.all` (the whole module) and stay simple. */
export const ORG_KEYS = {
  all: ["org"] as const,
  units: ["org", "units"] as const,
  dutyPhones: ["org", "duty-phones"] as const,
  unit: (id: string) => ["org", "unit", id] as const,
  unitKinds: ["org", "unit-kinds"] as const,
  checklist: (unitId: string) => ["org", "checklist", unitId] as const,
  rollup: ["org", "checklist-rollup"] as const,
  people: (params: object) => ["org", "people", params] as const,
  badPhones: ["org", "people", "bad-phones"] as const,
  liaison: ["org", "liaison-coverage"] as const,
  responsibilities: (incidentTypeId: string) => ["org", "responsibilities", incidentTypeId] as const,
};
