import { useQuery } from "@tanstack/react-query";
import type { Unit } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { ORG_KEYS } from "../org.keys.ts";

export function useUnit(id: string | undefined) {
  return useQuery({
    queryKey: ORG_KEYS.unit(id ?? ""),
    queryFn: () => api<Unit>(`/api/org/units/${id}`),
    enabled: !!id,
  });
}
