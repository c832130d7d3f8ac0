/**
 * The audit log: append-only (a trigger refuses change) and hash-chained, so an
 * entry changed or removed behind the application's back is found by verify().
 */
import { createHash } from "node:crypto";
import { asc, desc, gt, sql } from "drizzle-orm";
import type { AuditVerifyResult } from "@yingji/contracts";
import type { Q } from "../db/client.ts";
import { insertMany } from "../db/insert-many.ts";
import { auditLog } from "./platform.table.ts";

export const GENESIS_HASH = "0".repeat(64);
/** Serialises appends so that each entry links to the one before it, across processes. */
const AUDIT_CHAIN_LOCK = 7_240_413;

export interface AuditInput {
  actorId?: string | null;
  actorName?: string | null;
  ip?: string | null;
  action: string;
  entity?: string | null;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** JSON with keys sorted at every depth: the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const keys = Object.keys(value as object).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Plain JSON (dates as ISO strings), as jsonb will give it back. */
function toJson(value: unknown): unknown {
  return value === undefined || value === null ? null : JSON.parse(JSON.stringify(value));
}

export function entryHash(prevHash: string, e: {
  at: Date; actorId: string | null; actorName: string | null; ip: string | null; action: string;
  entity: string | null; entityId: string | null; before: unknown; after: unknown;
}): string {
  const body = canonicalJson([e.at.toISOString(), e.actorId, e.actorName, e.ip, e.action, e.entity, e.entityId, e.before, e.after]);
  return createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

/** Appends one entry; call inside the transaction of the write it records. */
export async function recordAudit(q: Q, input: AuditInput): Promise<void> {
  await q.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await q.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row = {
    at: new Date(),
    actorId: input.actorId ?? null,
    actorName: input.actorName ?? null,
    ip: input.ip ?? null,
    action: input.action,
    entity: input.entity ?? null,
    entityId: input.entityId ?? null,
    before: toJson(input.before),
    after: toJson(input.after),
  };
  await q.insert(auditLog).values({ ...row, prevHash, hash: entryHash(prevHash, row) });
}

/** Appends many entries in one go (an import of thousands of rows): one lock, one chain walk, batched inserts. */
export async function recordAuditMany(q: Q, inputs: AuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await q.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await q.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  let prevHash = last?.hash ?? GENESIS_HASH;
  const at = new Date();
  const rows = inputs.map((input) => {
    const row = {
      at, actorId: input.actorId ?? null, actorName: input.actorName ?? null, ip: input.ip ?? null, action: input.action,
      entity: input.entity ?? null, entityId: input.entityId ?? null, before: toJson(input.before), after: toJson(input.after),
    };
    const hash = entryHash(prevHash, row);
    const entry = { ...row, prevHash, hash };
    prevHash = hash;
    return entry;
  });
  // In chain order: seq follows insertion order within one statement.
  for (let i = 0; i < rows.length; i += 1000) await insertMany(q, auditLog, rows.slice(i, i + 1000));
}

/** Walks the whole chain in order; reports the first entry whose link or hash is wrong. */
export async function verifyAuditChain(q: Q, batch = 2000): Promise<AuditVerifyResult> {
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await q.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(batch);
    if (rows.length === 0) return { ok: true, checked, brokenAt: null, reason: null };
    for (const r of rows) {
      if (r.prevHash !== prevHash) {
        return { ok: false, checked, brokenAt: r.seq, reason: "链接断开：前一条记录被删除或修改 (prev_hash mismatch)" };
      }
      if (entryHash(prevHash, r) !== r.hash) {
        return { ok: false, checked, brokenAt: r.seq, reason: "内容被篡改 (hash mismatch)" };
      }
      prevHash = r.hash;
      lastSeq = r.seq;
      checked++;
    }
  }
}

/** The who-and-where fields of an audit entry, from whoever acts. */
export const auditBy = (a: { id: string | null; username: string | null; ip: string | null }) => ({
  actorId: a.id,
  actorName: a.username,
  ip: a.ip,
});
