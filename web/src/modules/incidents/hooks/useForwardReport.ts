import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { IncidentReport } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { INC_KEYS } from "../incidents.keys.ts";

/** Reviews a report and forwards it one level up (审核转报). */
export function useForwardReport(incidentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ reportId, note }: { reportId: string; note?: string }) =>
      api<IncidentReport>(`/api/incidents/${incidentId}/reports/${reportId}/forward`, { body: note ? { note } : {} }),
    onSuccess: () => qc.invalidateQueries({ queryKey: INC_KEYS.all }),
  });
}
