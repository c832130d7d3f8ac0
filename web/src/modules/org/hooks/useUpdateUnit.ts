import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Unit, UpdateUnitInput } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { ORG_KEYS } from "../org.keys.ts";

/** Edits or deactivates (`active: false`) a unit; a stale `version` answers 409. */
export function useUpdateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string; input: UpdateUnitInput }) =>
      api<Unit>(`/api/org/units/${id}`, { method: "PATCH", body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ORG_KEYS.all }),
  });
}
