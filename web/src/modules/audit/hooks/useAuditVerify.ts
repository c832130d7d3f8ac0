import { useMutation } from "@tanstack/react-query";
import type { AuditVerifyResult } from "@yingji/contracts";
import { api } from "../../../app/api.ts";

/** Re-walks the hash chain on the server (校验完整性); a read, run on demand. */
export function useAuditVerify() {
  return useMutation({ mutationFn: () => api<AuditVerifyResult>("/api/audit/verify") });
}
