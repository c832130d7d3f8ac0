import { useQuery } from "@tanstack/react-query";
import type { WarningFeedback } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { WARN_KEYS } from "../warnings.keys.ts";

/** The response measures (响应措施) reported by the target units. */
export function useWarningFeedback(id: string, enabled = true) {
  return useQuery({
    queryKey: WARN_KEYS.feedback(id),
    queryFn: () => api<WarningFeedback[]>(`/api/warnings/${id}/feedback`),
    enabled,
  });
}
