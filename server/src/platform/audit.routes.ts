import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { and, count, desc, eq, gte, ilike, inArray, lte, or, type SQL } from "drizzle-orm";
import { AuditEntry, AuditQuery, AuditVerifyResult, auditActionsMatching, pageOf } from "@yingji/contracts";
import type { AppContext } from "./module.ts";
import { verifyAuditChain } from "./audit.ts";
import { actorOf } from "./http.ts";
import { maskMobilesDeep, mayUnmask } from "./masking.ts";
import { auditLog } from "./platform.table.ts";

export async function auditRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = ctx;

  r.get("/api/audit", {
    schema: { tags: ["audit"], summary: "Read the audit log (auditor only)", querystring: AuditQuery, response: { 200: pageOf(AuditEntry) } },
    config: { permission: "audit.read" },
  }, async (req) => {
    const q = req.query;
    // The log keeps what was written; the auditor reads actions, not the contact directory (people.unmask decides).
    const shown = mayUnmask(actorOf(req)) ? <T>(v: T) => v : maskMobilesDeep;
    const where: SQL[] = [];
    if (q.action) {
      // A code prefix as before, or a label's words: "登录" finds auth.login and auth.login_failed.
      const byLabel = auditActionsMatching(q.action);
      const byCode = ilike(auditLog.action, `${q.action}%`);
      where.push(byLabel.length ? or(byCode, inArray(auditLog.action, byLabel))! : byCode);
    }
    if (q.actor) where.push(ilike(auditLog.actorName, `%${q.actor}%`));
    if (q.entityId) where.push(eq(auditLog.entityId, q.entityId));
    if (q.from) where.push(gte(auditLog.at, new Date(q.from)));
    if (q.to) where.push(lte(auditLog.at, new Date(q.to)));
    const cond = where.length ? and(...where) : undefined;
    const [rows, [{ total }]] = await Promise.all([
      db.select().from(auditLog).where(cond).orderBy(desc(auditLog.seq)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
      db.select({ total: count() }).from(auditLog).where(cond),
    ]);
    return {
      items: rows.map((e) => ({
        seq: e.seq, at: e.at.toISOString(), actorId: e.actorId, actorName: e.actorName, ip: e.ip, action: e.action,
        entity: e.entity, entityId: e.entityId, before: shown(e.before), after: shown(e.after), hash: e.hash,
      })),
      total, page: q.page, pageSize: q.pageSize,
    };
  });

  r.get("/api/audit/verify", {
    schema: { tags: ["audit"], summary: "Verify the audit hash chain", response: { 200: AuditVerifyResult } },
    config: { permission: "audit.read" },
  }, async () => verifyAuditChain(db));
}
