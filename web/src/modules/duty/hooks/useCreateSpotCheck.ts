import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateSpotCheckInput, SpotCheck } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

/** Records a spot check; pass or fail is computed by the server. */
export function useCreateSpotCheck() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSpotCheckInput) => api<SpotCheck>("/api/duty/spot-checks", { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: DUTY_KEYS.all }),
  });
}
