import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { WarningLevel, WarningOrigin, WarningStatus, WarningSummary } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import type { Page } from "../../../app/page.ts";
import { WARN_KEYS } from "../warnings.keys.ts";

export interface WarningParams {
  page: number;
  pageSize: number;
  origin?: WarningOrigin;
  level?: WarningLevel;
  status?: WarningStatus;
  active?: "true";
}

/** One page of warnings in scope (received and issued), newest first. */
export function useWarnings(params: WarningParams) {
  return useQuery({
    queryKey: WARN_KEYS.list(params),
    queryFn: () => api<Page<WarningSummary>>("/api/warnings", { query: { ...params } }),
    placeholderData: keepPreviousData,
  });
}
