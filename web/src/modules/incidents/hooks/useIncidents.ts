import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { IncidentFlagKind, IncidentLevel, IncidentPage, IncidentStatus } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { INC_KEYS } from "../incidents.keys.ts";

export interface IncidentParams {
  page: number;
  pageSize: number;
  unitId?: string;
  typeId?: string;
  level?: IncidentLevel;
  status?: IncidentStatus;
  flag?: IncidentFlagKind;
  from?: string;
  to?: string;
}

/** One page of incidents in scope, newest learned first. */
export function useIncidents(params: IncidentParams, enabled = true) {
  return useQuery({
    queryKey: INC_KEYS.list(params),
    queryFn: () => api<IncidentPage>("/api/incidents", { query: { ...params } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
