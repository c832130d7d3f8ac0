import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateWarningInput, UpdateDraftInput, Warning } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { WARN_KEYS } from "../warnings.keys.ts";

export type SaveDraft = { id?: undefined; input: CreateWarningInput } | { id: string; input: UpdateDraftInput };

/** Creates a draft (拟稿, also a relay) or edits one, with optimistic locking. */
export function useSaveDraft() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: SaveDraft) =>
      s.id ? api<Warning>(`/api/warnings/${s.id}`, { method: "PATCH", body: s.input }) : api<Warning>("/api/warnings", { body: s.input }),
    meta: { quiet: true },
    onSuccess: () => qc.invalidateQueries({ queryKey: WARN_KEYS.all }),
  });
}
