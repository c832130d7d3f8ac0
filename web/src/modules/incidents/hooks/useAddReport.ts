import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateReportInput, IncidentReport } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { INC_KEYS } from "../incidents.keys.ts";

export function postReport(incidentId: string, input: CreateReportInput, idempotencyKey?: string) {
  return api<IncidentReport>(`/api/incidents/${incidentId}/reports`, {
    body: input,
    headers: idempotencyKey ? { "Idempotency-Key": idempotencyKey } : undefined,
  });
}

/** Adds a follow-up (续报) or the final report (终报). */
export function useAddReport(incidentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateReportInput) => postReport(incidentId, input),
    onSuccess: () => qc.invalidateQueries({ queryKey: INC_KEYS.all }),
  });
}
