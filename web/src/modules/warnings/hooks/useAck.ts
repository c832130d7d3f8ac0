import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { WarningAck } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { WARN_KEYS } from "../warnings.keys.ts";

/** 已收到: acknowledges the warning for the caller's unit (a repeat answers the first acknowledgement). */
export function useAck(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (note?: string) => api<WarningAck>(`/api/warnings/${id}/ack`, { body: note ? { note } : {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: WARN_KEYS.all }),
  });
}
