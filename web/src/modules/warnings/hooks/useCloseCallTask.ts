import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../app/api.ts";
import { WARN_KEYS } from "../warnings.keys.ts";

/** Records the result of a call task. */
export function useCloseCallTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note: string }) => api(`/api/warnings/call-tasks/${id}/done`, { body: { note } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: WARN_KEYS.all }),
  });
}
