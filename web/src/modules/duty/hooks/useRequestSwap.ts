import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateSwapInput, Swap } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

/** Requests a swap (换班申请) on one shift. */
export function useRequestSwap() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ shiftId, input }: { shiftId: string; input: CreateSwapInput }) =>
      api<Swap>(`/api/duty/shifts/${shiftId}/swaps`, { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: DUTY_KEYS.all }),
  });
}
