import { useQuery } from "@tanstack/react-query";
import type { SpotCheckStats } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

/** Pass rate per unit and the failures in a window (real checks only). */
export function useSpotCheckStats(params: { from?: string; to?: string }) {
  return useQuery({
    queryKey: DUTY_KEYS.stats(params),
    queryFn: () => api<SpotCheckStats>("/api/duty/spot-checks/stats", { query: { ...params } }),
  });
}
