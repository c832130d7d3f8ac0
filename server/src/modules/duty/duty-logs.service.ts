/** The duty log (值班日志): append-only entries of a shift; a correction is a new entry pointing to the old one. */
import { and, count, desc, eq, gte, inArray, lt, sql, type SQL } from "drizzle-orm";
import type { CreateDutyLogInput, DutyLog } from "@yingji/contracts";
import type { Db, Q } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { badRequest, refNotFound, unprocessable } from "../../platform/errors.ts";
import { unitInScope } from "../org/units.service.ts";
import { signFault } from "./duty.rules.ts";
import { scopedUnits } from "./duty.service.ts";
import { dutyLogs } from "./duty.table.ts";
import { shiftInScope } from "./shifts.service.ts";

type LogRow = typeof dutyLogs.$inferSelect;

/** Clocks of phones and PCs drift: an entry may be this far in the future. */
const CLOCK_SKEW_MS = 5 * 60_000;

const SIGN_MESSAGES = {
  already_signed_in: "已签到，不能重复签到",
  not_signed_in: "尚未签到，不能签退",
  already_signed_out: "已签退",
} as const;

const presentLog = (r: LogRow): DutyLog => ({
  id: r.id, shiftId: r.shiftId, unitId: r.orgUnitId, kind: r.kind as DutyLog["kind"], at: r.at.toISOString(), content: r.content,
  correctsId: r.correctsId, authorId: r.createdBy, authorName: r.authorName, exercise: r.exercise, createdAt: r.createdAt.toISOString(),
});

export async function createDutyLog(db: Db, actor: Actor, input: CreateDutyLogInput): Promise<DutyLog> {
  const shift = await shiftInScope(db, actor, input.shiftId, "shiftId");
  const at = input.at ? new Date(input.at) : new Date();
  if (at.getTime() > Date.now() + CLOCK_SKEW_MS) throw badRequest("at", "时间不能晚于现在");
  if (input.correctsId) {
    const [old] = await db.select({ shiftId: dutyLogs.shiftId }).from(dutyLogs).where(eq(dutyLogs.id, input.correctsId));
    // Only an entry of this shift (itself in scope) can be corrected; any other id does not exist here.
    if (!old || old.shiftId !== shift.id) throw refNotFound("correctsId", "该班次被更正的记录");
  }
  if (!input.content && !input.kind.startsWith("sign_")) throw badRequest("content", "请填写内容");
  return db.transaction(async (tx) => {
    if (input.kind === "sign_in" || input.kind === "sign_out") {
      // Serialises one user's sign-ins on one shift, so two taps cannot both sign in.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`duty_sign:${shift.id}:${actor.id}`}))`);
      const mine = await tx.select({ kind: dutyLogs.kind }).from(dutyLogs).where(and(eq(dutyLogs.shiftId, shift.id), eq(dutyLogs.createdBy, actor.id)));
      const fault = signFault(input.kind, mine.map((m) => m.kind));
      if (fault) throw unprocessable(fault, SIGN_MESSAGES[fault]);
    }
    const [row] = await tx.insert(dutyLogs).values({
      shiftId: shift.id, orgUnitId: shift.orgUnitId, kind: input.kind, at, content: input.content, correctsId: input.correctsId ?? null,
      authorName: actor.displayName, exercise: shift.exercise, createdBy: actor.id, updatedBy: actor.id,
    }).returning();
    await recordAudit(tx, { ...auditBy(actor), action: `duty.log.${input.kind}`, entity: "duty_log", entityId: row.id, after: row });
    return presentLog(row);
  });
}

export async function listDutyLogs(q: Q, actor: Actor, query: { page: number; pageSize: number; shiftId?: string; unitId?: string; kind?: string; from?: string; to?: string }) {
  const where: SQL[] = [];
  if (query.shiftId) where.push(eq(dutyLogs.shiftId, (await shiftInScope(q, actor, query.shiftId)).id));
  if (query.unitId) where.push(eq(dutyLogs.orgUnitId, (await unitInScope(q, actor, query.unitId)).id));
  else where.push(inArray(dutyLogs.orgUnitId, [...(await scopedUnits(q, actor)).keys()]));
  if (query.kind) where.push(eq(dutyLogs.kind, query.kind));
  if (query.from) where.push(gte(dutyLogs.at, new Date(query.from)));
  if (query.to) where.push(lt(dutyLogs.at, new Date(query.to)));
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    q.select().from(dutyLogs).where(cond).orderBy(desc(dutyLogs.at), desc(dutyLogs.createdAt)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    q.select({ total: count() }).from(dutyLogs).where(cond),
  ]);
  return { items: rows.map(presentLog), total, page: query.page, pageSize: query.pageSize };
}
