import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { DutyLog } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

export interface AppendLog {
  shiftId: string;
  kind: DutyLog["kind"];
  content?: string;
}

/** Appends an entry to a shift's duty log (also 签到 / 签退); entries are never changed. */
export function useAppendLog() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: AppendLog) => api<DutyLog>("/api/duty/logs", { body: input }),
    onSuccess: () => qc.invalidateQueries({ queryKey: DUTY_KEYS.all }),
  });
}
