import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { Unit } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { ORG_KEYS } from "../org.keys.ts";

/** Moves a unit and its whole subtree under another parent. */
export function useMoveUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, parentId }: { id: string; version: number; parentId: string }) =>
      api<Unit>(`/api/org/units/${id}/move`, { body: { version, parentId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ORG_KEYS.all }),
  });
}
