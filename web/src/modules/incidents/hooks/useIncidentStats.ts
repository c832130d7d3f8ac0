import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { IncidentStats } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { INC_KEYS } from "../incidents.keys.ts";

export function useIncidentStats(params: { year: number; month?: number }) {
  return useQuery({
    queryKey: INC_KEYS.stats(params),
    queryFn: () => api<IncidentStats>("/api/incidents/stats", { query: { ...params } }),
    placeholderData: keepPreviousData,
  });
}
