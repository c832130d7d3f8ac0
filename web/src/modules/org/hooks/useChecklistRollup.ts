import { useQuery } from "@tanstack/react-query";
import { api } from "../../../app/api.ts";
import { ORG_KEYS } from "../org.keys.ts";
import type { ChecklistRollupRow } from "../org.types.ts";

/** Six-in-place completion per town (镇/街道), its subtree included. */
export function useChecklistRollup() {
  return useQuery({ queryKey: ORG_KEYS.rollup, queryFn: () => api<ChecklistRollupRow[]>("/api/org/checklist-rollup") });
}
