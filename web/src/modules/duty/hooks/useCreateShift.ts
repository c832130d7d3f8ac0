import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateShiftInput, Shift } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

/** Adds one 24-hour shift. */
export function useCreateShift() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateShiftInput) => api<Shift>("/api/duty/shifts", { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: DUTY_KEYS.all }),
  });
}
