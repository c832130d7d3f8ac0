import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../../app/api.ts";
import { INC_KEYS } from "../incidents.keys.ts";

/** Adds a leader's instruction (批示). */
export function useAddInstruction(incidentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (text: string) => api<{ ok: true }>(`/api/incidents/${incidentId}/instructions`, { body: { text } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: INC_KEYS.all }),
  });
}
