import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Warning } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { WARN_KEYS } from "../warnings.keys.ts";

/** The steps of a warning's life: 送审, 签发, 退回, 更新/延长, 解除. */
export type WarningAction = "submit" | "approve" | "reject" | "revise" | "cancel";

/** Runs one step on a warning; the body carries its version (and a TOTP code where asked). */
export function useWarningAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: WarningAction; body: Record<string, unknown> }) =>
      api<Warning>(`/api/warnings/${id}/${action}`, { body }),
    meta: { quiet: true },
    onSuccess: (w) => {
      qc.setQueryData(WARN_KEYS.one(id), w);
      // Not awaited: the dialog closes at once; lists and tracking refresh behind it.
      void qc.invalidateQueries({ queryKey: WARN_KEYS.all });
    },
  });
}
