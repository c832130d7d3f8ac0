/** Query keys of the duty module; writes invalidate `DUTY_KEYS.all` (the whole module) and stay simple. */
export const DUTY_KEYS = {
  all: ["duty"] as const,
  onDutyNow: ["duty", "on-duty-now"] as const,
  shifts: (params: object) => ["duty", "shifts", params] as const,
  swaps: (params: object) => ["duty", "swaps", params] as const,
  logs: (params: object) => ["duty", "logs", params] as const,
  keyPeriods: ["duty", "key-periods"] as const,
  spotChecks: (params: object) => ["duty", "spot-checks", params] as const,
  stats: (params: object) => ["duty", "spot-check-stats", params] as const,
};
