import { useQuery } from "@tanstack/react-query";
import type { KeyPeriod } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

/** Key periods (重点时段) that bind the caller's units. */
export function useKeyPeriods() {
  return useQuery({ queryKey: DUTY_KEYS.keyPeriods, queryFn: () => api<KeyPeriod[]>("/api/duty/key-periods") });
}
