import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Role, UserSummary } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import type { Page } from "../../../app/page.ts";

export interface UserParams {
  page: number;
  pageSize: number;
  q?: string;
  role?: Role;
}

export function useUsers(params: UserParams) {
  return useQuery({
    queryKey: ["users", params],
    queryFn: () => api<Page<UserSummary>>("/api/users", { query: { ...params } }),
    placeholderData: keepPreviousData,
  });
}
