import { useQuery } from "@tanstack/react-query";
import type { WarningFeed } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { WARN_KEYS } from "../warnings.keys.ts";

/** The CAP feeds the server polls, with the state of their last poll. */
export function useFeeds() {
  return useQuery({ queryKey: WARN_KEYS.feeds, queryFn: () => api<WarningFeed[]>("/api/warning-feeds"), refetchInterval: 30_000 });
}
