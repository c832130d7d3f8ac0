import { useQuery } from "@tanstack/react-query";
import type { DutyLog } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import type { Page } from "../../../app/page.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

/** The log entries of one shift, oldest first as the server keeps them. */
export function useDutyLogs(shiftId: string | undefined) {
  const params = { shiftId, pageSize: 200 };
  return useQuery({
    queryKey: DUTY_KEYS.logs(params),
    queryFn: () => api<Page<DutyLog>>("/api/duty/logs", { query: params }),
    enabled: !!shiftId,
  });
}
