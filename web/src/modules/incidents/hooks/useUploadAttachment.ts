import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { IncidentReport } from "@yingji/contracts";
import { upload } from "../../../app/api.ts";
import { INC_KEYS } from "../incidents.keys.ts";

/** Attaches a photo or document to a report (raw body, X-File-Name). */
export function useUploadAttachment(incidentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ reportId, file }: { reportId: string; file: File }) =>
      upload<IncidentReport>(`/api/incidents/${incidentId}/reports/${reportId}/attachments`, file),
    onSuccess: () => qc.invalidateQueries({ queryKey: INC_KEYS.one(incidentId) }),
  });
}
