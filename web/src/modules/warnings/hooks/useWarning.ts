import { useQuery } from "@tanstack/react-query";
import type { Warning } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { WARN_KEYS } from "../warnings.keys.ts";

/** One warning with its versions and, for a target unit, its acknowledgement state. */
export function useWarning(id: string | undefined) {
  return useQuery({
    queryKey: WARN_KEYS.one(id ?? ""),
    queryFn: () => api<Warning>(`/api/warnings/${id}`),
    enabled: !!id,
  });
}
