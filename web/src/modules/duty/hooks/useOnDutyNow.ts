import { useQuery } from "@tanstack/react-query";
import type { OnDutyNow } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

/** Who is on duty now in every unit of the caller's scope; refreshed every minute (shifts change at 08:00). */
export function useOnDutyNow() {
  return useQuery({
    queryKey: DUTY_KEYS.onDutyNow,
    queryFn: () => api<OnDutyNow[]>("/api/duty/on-duty-now"),
    refetchInterval: 60_000,
  });
}
