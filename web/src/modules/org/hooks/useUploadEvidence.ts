import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ChecklistItem } from "@yingji/contracts";
import { upload } from "../../../app/api.ts";
import { ORG_KEYS } from "../org.keys.ts";

/** Attaches one evidence file (佐证材料) to a checklist item; the file is the raw request body. */
export function useUploadEvidence() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ unitId, item, file }: { unitId: string; item: ChecklistItem["item"]; file: File }) =>
      upload<unknown>(`/api/org/units/${unitId}/checklist/${item}/evidence`, file),
    onSuccess: (_r, v) => qc.invalidateQueries({ queryKey: ORG_KEYS.checklist(v.unitId) }),
  });
}
