import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { AuditEntry } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import type { Page } from "../../../app/page.ts";

export interface AuditParams {
  page: number;
  pageSize: number;
  action?: string;
  actor?: string;
  /** ISO timestamps with offset. */
  from?: string;
  to?: string;
}

export function useAudit(params: AuditParams) {
  return useQuery({
    queryKey: ["audit", params],
    queryFn: () => api<Page<AuditEntry>>("/api/audit", { query: { ...params } }),
    placeholderData: keepPreviousData,
  });
}
