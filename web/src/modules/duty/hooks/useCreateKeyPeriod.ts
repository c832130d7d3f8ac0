import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateKeyPeriodInput, KeyPeriod } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

/** Declares a key period with its staffing rule. */
export function useCreateKeyPeriod() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateKeyPeriodInput) => api<KeyPeriod>("/api/duty/key-periods", { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: DUTY_KEYS.all }),
  });
}
