import { useQuery } from "@tanstack/react-query";
import type { Shift } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

export interface ShiftParams {
  unitId?: string;
  from?: string;
  to?: string;
}

/** The shifts of one unit in a time window (a calendar month, a few days around now). */
export function useShifts(params: ShiftParams, enabled = true) {
  return useQuery({
    queryKey: DUTY_KEYS.shifts(params),
    queryFn: () => api<Shift[]>("/api/duty/shifts", { query: { ...params } }),
    enabled: enabled && !!params.unitId,
  });
}
