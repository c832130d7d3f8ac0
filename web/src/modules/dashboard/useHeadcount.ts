import { useQuery } from "@tanstack/react-query";
import type { Person } from "@yingji/contracts";
import { api } from "../../app/api.ts";
import { useCan } from "../../app/auth/useCan.ts";
import type { Page } from "../../app/page.ts";

/** How many people (or liaison officers) the directory holds in scope: one row asked for, the total read. */
export function useHeadcount(liaisonOnly: boolean) {
  const can = useCan();
  return useQuery({
    queryKey: ["org", "people", "headcount", { liaisonOnly }],
    queryFn: async () =>
      (await api<Page<Person>>("/api/org/people", { query: { page: 1, pageSize: 1, liaison: liaisonOnly ? "true" : undefined } })).total,
    enabled: can("people.read"),
  });
}
