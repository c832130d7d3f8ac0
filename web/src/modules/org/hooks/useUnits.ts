import { useQuery } from "@tanstack/react-query";
import type { Unit } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { useCan } from "../../../app/auth/useCan.ts";
import { ORG_KEYS } from "../org.keys.ts";

/** Every unit in the caller's scope, inactive ones included (the tree greys them out). */
export function useUnits() {
  const can = useCan();
  return useQuery({
    queryKey: ORG_KEYS.units,
    queryFn: () => api<Unit[]>("/api/org/units", { query: { includeInactive: "true" } }),
    enabled: can("org.read"),
  });
}
