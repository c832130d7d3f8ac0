import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Swap } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

/** Approves (the shift changes hands) or rejects a swap request. */
export function useDecideSwap() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ swap, decision }: { swap: Swap; decision: "approve" | "reject" }) =>
      api<Swap>(`/api/duty/swaps/${swap.id}/${decision}`, { body: { version: swap.version } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: DUTY_KEYS.all }),
  });
}
