import { useInfiniteQuery } from "@tanstack/react-query";
import type { Person } from "@yingji/contracts";
import { api } from "../app/api.ts";
import type { Page } from "../app/page.ts";

const PAGE_SIZE = 30;

/** The contact directory page by page, for an endless list on a phone. */
export function useContacts(q: string, unitId?: string) {
  return useInfiniteQuery({
    queryKey: ["org", "people", "infinite", { q, unitId }],
    initialPageParam: 1,
    queryFn: ({ pageParam }) =>
      api<Page<Person>>("/api/org/people", { query: { page: pageParam, pageSize: PAGE_SIZE, q: q || undefined, unitId } }),
    getNextPageParam: (last) => (last.page * last.pageSize < last.total ? last.page + 1 : undefined),
  });
}
