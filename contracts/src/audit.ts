import { z } from "zod";
import { DateTime, LIMITS, Line } from "./common.ts";

export const AuditEntry = z.object({
  seq: z.number().int().describe("position in the hash chain"),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable().describe("username at the time, or the name tried at a failed login"),
  ip: z.string().nullable(),
  action: z.string().describe("e.g. org.unit.create, auth.login, auth.login_failed, people.unmask"),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(LIMITS.pageSizeMax).default(LIMITS.pageSizeDefault),
  action: Line(100).optional(),
  actor: Line(100).optional(),
  entityId: Line(100).optional(),
  from: DateTime.optional(),
  to: DateTime.optional(),
});

export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  /** seq of the first entry whose hash or link does not match, when the chain is broken. */
  brokenAt: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
