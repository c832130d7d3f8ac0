import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { ImportCapResult } from "@yingji/contracts";
import { api } from "../../../app/api.ts";
import { WARN_KEYS } from "../warnings.keys.ts";

/** Uploads one CAP 1.2 file; the answer names the warning it became (created: false when already stored). */
export function useImportCap() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      api<z.infer<typeof ImportCapResult>>("/api/warnings/import", { method: "POST", body: new Blob([file], { type: "application/cap+xml" }) }),
    onSuccess: () => qc.invalidateQueries({ queryKey: WARN_KEYS.all }),
  });
}
