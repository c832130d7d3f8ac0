import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateIncidentInput, Incident } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { INC_KEYS } from "../incidents.keys.ts";

export function postIncident(input: CreateIncidentInput, idempotencyKey?: string) {
  return api<Incident>("/api/incidents", { body: input, headers: idempotencyKey ? { "Idempotency-Key": idempotencyKey } : undefined });
}

/** Records an incident with its initial report (初报). */
export function useCreateIncident() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateIncidentInput) => postIncident(input),
    onSuccess: () => qc.invalidateQueries({ queryKey: INC_KEYS.all }),
  });
}
