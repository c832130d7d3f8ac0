import { useQuery } from "@tanstack/react-query";
import type { WarningPreview } from "@yingji/contracts";
import { api } from "../../../app/api.ts";

/** The people and units a saved draft's targets reach (shown before 签发; the route needs warnings.draft). */
export function useDraftPreview(id: string, enabled: boolean) {
  return useQuery({ queryKey: ["warnings", "preview", id], queryFn: () => api<WarningPreview>(`/api/warnings/${id}/preview`), enabled, meta: { quiet: true } });
}
