import { useQuery } from "@tanstack/react-query";
import type { Responsibility } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { ORG_KEYS } from "../org.keys.ts";

/** Lead and member units of one incident type. */
export function useResponsibilities(incidentTypeId: string | undefined) {
  return useQuery({
    queryKey: ORG_KEYS.responsibilities(incidentTypeId ?? ""),
    queryFn: () => api<Responsibility[]>("/api/org/responsibilities", { query: { incidentTypeId } }),
    enabled: !!incidentTypeId,
  });
}
