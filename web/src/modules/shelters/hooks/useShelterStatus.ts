import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ShelterStatusInput } from "@yingji/contracts";
import type { z } from "zod";
import { api } from "../../../app/api.ts";
import { useInvalidateRegistry } from "../../../app/registry/useRegistryWrite.ts";
import { SHELTERS_KEYS } from "../shelters.keys.ts";

/** Opens, closes or reports the occupancy of a shelter; at capacity the server makes it full. */
export function useShelterStatus(id: string) {
  const invalidate = useInvalidateRegistry();
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: (input: z.infer<typeof ShelterStatusInput>) => api<unknown>(`/api/shelters/${id}/status`, { body: input }),
    onSuccess: () => Promise.all([invalidate("shelters"), qc.invalidateQueries({ queryKey: SHELTERS_KEYS.coverage })]),
  });
}
