import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateWarningFeedInput, FeedPollResult, UpdateWarningFeedInput, WarningFeed } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { WARN_KEYS } from "../warnings.keys.ts";

/** Add, change, remove and poll a feed; every change refreshes the list (and a poll, the warnings). */
export function useFeedMutations() {
  const qc = useQueryClient();
  const refresh = () => Promise.all([qc.invalidateQueries({ queryKey: WARN_KEYS.feeds }), qc.invalidateQueries({ queryKey: WARN_KEYS.all })]);
  const save = useMutation({
    mutationFn: (s: { id?: string; input: CreateWarningFeedInput | UpdateWarningFeedInput }) =>
      s.id ? api<WarningFeed>(`/api/warning-feeds/${s.id}`, { method: "PATCH", body: s.input }) : api<WarningFeed>("/api/warning-feeds", { body: s.input }),
    meta: { quiet: true },
    onSuccess: refresh,
  });
  const remove = useMutation({ mutationFn: (id: string) => api(`/api/warning-feeds/${id}`, { method: "DELETE", body: {} }), onSuccess: refresh });
  const poll = useMutation({ mutationFn: (id: string) => api<FeedPollResult>(`/api/warning-feeds/${id}/poll`, { body: {} }), onSuccess: refresh });
  return { save, remove, poll };
}
