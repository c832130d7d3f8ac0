import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateUnitInput, Unit } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { ORG_KEYS } from "../org.keys.ts";

export function useCreateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUnitInput) => api<Unit>("/api/org/units", { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ORG_KEYS.all }),
  });
}
