import { useQuery } from "@tanstack/react-query";
import type { WarningTracking } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { WARN_KEYS } from "../warnings.keys.ts";

/** Coverage per channel, acknowledgement and feedback per town and unit; live events refresh it. */
export function useTracking(id: string) {
  return useQuery({
    queryKey: WARN_KEYS.tracking(id),
    queryFn: () => api<WarningTracking>(`/api/warnings/${id}/tracking`),
    refetchInterval: 60_000,
  });
}
