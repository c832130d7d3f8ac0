import { useMutation, useQueryClient, type QueryKey } from "@tanstack/react-query";
import type { ImportResult } from "@yingji/contracts";
import { api, ApiError } from "../api.ts";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Uploads an .xlsx as the raw body. The server answers 200 with an ImportResult when every
 * row is good, 422 with the same result under error.details when any row is bad (nothing
 * written): both come back here as an ImportResult for the report.
 */
export function useExcelImport(path: string, invalidate: QueryKey) {
  const qc = useQueryClient();
  return useMutation({
    meta: { quiet: true },
    mutationFn: async (file: File): Promise<ImportResult> => {
      try {
        return await api<ImportResult>(path, {
          method: "POST",
          body: file,
          headers: { "Content-Type": XLSX_TYPE, "X-File-Name": encodeURIComponent(file.name) },
        });
      } catch (err) {
        const details = err instanceof ApiError ? (err.details as Partial<ImportResult> | undefined) : undefined;
        if (err instanceof ApiError && err.status === 422 && Array.isArray(details?.errors)) {
          return { ok: false, written: details.written ?? 0, errors: details.errors };
        }
        throw err;
      }
    },
    onSuccess: (result) => {
      if (result.written > 0) void qc.invalidateQueries({ queryKey: invalidate });
    },
  });
}
