import { useQuery } from "@tanstack/react-query";
import type { Swap } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { DUTY_KEYS } from "../duty.keys.ts";

/** Swap requests of a unit (or every unit in scope). */
export function useSwaps(params: { unitId?: string; status?: Swap["status"] }) {
  return useQuery({
    queryKey: DUTY_KEYS.swaps(params),
    queryFn: () => api<Swap[]>("/api/duty/swaps", { query: { ...params } }),
  });
}
