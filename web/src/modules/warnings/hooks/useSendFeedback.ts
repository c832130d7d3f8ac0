import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { WarningFeedback, WarningFeedbackInput } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { WARN_KEYS } from "../warnings.keys.ts";

/** Reports the response measures (响应措施) of the caller's unit. */
export function useSendFeedback(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: WarningFeedbackInput) => api<WarningFeedback>(`/api/warnings/${id}/feedback`, { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: WARN_KEYS.all }),
  });
}
