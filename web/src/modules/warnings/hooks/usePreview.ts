import { useMutation } from "@tanstack/react-query";
import type { WarningArea, WarningPreview, WarningTargetSpec } from "@yingji/contracts";
import { api } from "../../../app/api.ts";

/** Counts the people and units a choice of targets reaches, per channel and town (预览). */
export function usePreview() {
  return useMutation({
    mutationFn: (body: { targets: WarningTargetSpec; area: WarningArea }) => api<WarningPreview>("/api/warnings/preview", { body }),
  });
}
