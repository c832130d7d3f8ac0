import { useQuery } from "@tanstack/react-query";
import type { CallTask } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { WARN_KEYS } from "../warnings.keys.ts";

/** Calls the district duty officer must make to units that did not acknowledge in time (催办). */
export function useCallTasks(open: boolean, enabled = true) {
  return useQuery({
    queryKey: WARN_KEYS.calls(open),
    queryFn: () => api<CallTask[]>("/api/warnings/call-tasks", { query: { open: open ? "true" : undefined } }),
    enabled,
  });
}
