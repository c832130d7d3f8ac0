import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { GenerateShiftsInput, Shift } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

/** Generates a month of shifts round-robin (the server refuses a month that already has shifts). */
export function useGenerateShifts() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: GenerateShiftsInput) => api<Shift[]>("/api/duty/shifts/generate", { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: DUTY_KEYS.all }),
  });
}
