import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ChecklistItem } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { ORG_KEYS } from "../org.keys.ts";

export interface ChecklistUpdate {
  unitId: string;
  item: ChecklistItem["item"];
  done: boolean;
  note: string | null;
  version: number;
}

export function useUpdateChecklistItem() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, item, ...body }: ChecklistUpdate) =>
      api<ChecklistItem>(`/api/org/units/${unitId}/checklist/${item}`, { method: "PUT", body }),
    onSuccess: (_r, v) => {
      void qc.invalidateQueries({ queryKey: ORG_KEYS.checklist(v.unitId) });
      void qc.invalidateQueries({ queryKey: ORG_KEYS.rollup });
    },
  });
}
