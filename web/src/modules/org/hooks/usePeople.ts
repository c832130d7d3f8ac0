import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Person } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { ORG_KEYS } from "../org.keys.ts";
import type { Page } from "../org.types.ts";

export interface PeopleParams {
  page: number;
  pageSize: number;
  q?: string;
  /** This unit and its subtree. */
  unitId?: string;
  liaison?: "true" | "false";
}

/** One page of the contact directory; phones arrive masked. */
export function usePeople(params: PeopleParams, enabled = true) {
  return useQuery({
    queryKey: ORG_KEYS.people(params),
    queryFn: () => api<Page<Person>>("/api/org/people", { query: { ...params } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}
