import { useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import type { Person } from "@yingji/contracts";
import { api } from "../../app/api.ts";
import { useCan } from "../../app/auth/useCan.ts";
import type { Page } from "../../app/page.ts";

const PAGE = 200;
/** A village's or a town's directory fits; a district officer offline searches the first thousand. */
const MAX = 1000;

/**
 * The whole contact directory in the caller's scope (up to MAX), loaded while online and kept on
 * the phone, so that a search with no signal filters it (numbers stay masked: revealing one is
 * audited on the server).
 */
export function useKeptContacts() {
  const can = useCan();
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: ["org", "people", "kept"],
    enabled: can("people.read"),
    staleTime: 10 * 60_000,
    meta: { quiet: true },
    queryFn: async () => {
      const all: Person[] = [];
      for (let page = 1; all.length < MAX; page++) {
        const p = await api<Page<Person>>("/api/org/people", { query: { page, pageSize: PAGE } });
        all.push(...p.items);
        if (page * PAGE >= p.total) break;
      }
      return all;
    },
  });
  // Before the first full load, what the unfiltered list already showed.
  const shown = qc.getQueryData<InfiniteData<Page<Person>>>(["org", "people", "infinite", { q: "", unitId: undefined }]);
  return { ...query, people: query.data ?? shown?.pages.flatMap((p) => p.items) ?? [] };
}

/** The offline search: every word must occur in the name, unit, post, duties or roles. */
export function filterPeople(people: readonly Person[], q: string, unitId?: string): Person[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return people.filter((p) => {
    if (unitId && p.unitId !== unitId) return false;
    const text = [p.name, p.unitName, p.title, p.duty, p.isLiaison ? "联络员" : null].filter(Boolean).join(" ").toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
