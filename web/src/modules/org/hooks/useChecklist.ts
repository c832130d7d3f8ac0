import { useQuery } from "@tanstack/react-query";
import type { ChecklistItem } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { ORG_KEYS } from "../org.keys.ts";

/** The six-in-place (六落实) checklist of one unit: always six items. */
export function useChecklist(unitId: string | undefined) {
  return useQuery({
    queryKey: ORG_KEYS.checklist(unitId ?? ""),
    queryFn: () => api<ChecklistItem[]>(`/api/org/units/${unitId}/checklist`),
    enabled: !!unitId,
  });
}
