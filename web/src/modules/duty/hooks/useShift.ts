import { useQuery } from "@tanstack/react-query";
import type { Shift } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

/** One shift by id (a log opened from the roster may be outside the log page's window). */
export function useShift(id: string | undefined) {
  return useQuery({
    queryKey: [...DUTY_KEYS.all, "shift", id],
    queryFn: () => api<Shift>(`/api/duty/shifts/${id}`),
    enabled: !!id,
  });
}
