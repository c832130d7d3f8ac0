/** Shift swaps (换班): a request names who leaves and who takes over; the unit's office approves or rejects. */
import { and, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { CreateSwapInput, DecideSwapInput, Swap } from "@yingji/contracts";
import type { Db, Q } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { conflict, notFound, unprocessable } from "../../platform/errors.ts";
import { assertInScope } from "../../platform/scope.ts";
import { unitInScope } from "../org/units.service.ts";
import { staffingFaults } from "./duty.rules.ts";
import { assertPeople, keyPeriodsDuring, rulesFor, scopedUnits } from "./duty.service.ts";
import { dutyShifts, dutySwaps } from "./duty.table.ts";
import { shiftInScope } from "./shifts.service.ts";

type SwapRow = typeof dutySwaps.$inferSelect;

const presentSwap = (r: SwapRow): Swap => ({
  id: r.id, shiftId: r.shiftId, unitId: r.orgUnitId, fromPersonId: r.fromPersonId, toPersonId: r.toPersonId, reason: r.reason,
  status: r.status as Swap["status"], decidedAt: r.decidedAt?.toISOString() ?? null, decisionNote: r.decisionNote,
  createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), version: r.version,
});

const onShift = (s: { officerIds: string[]; leaderId: string | null }, personId: string) => s.officerIds.includes(personId) || s.leaderId === personId;

export async function requestSwap(db: Db, actor: Actor, shiftId: string, input: CreateSwapInput): Promise<Swap> {
  const shift = await shiftInScope(db, actor, shiftId);
  if (!onShift(shift, input.fromPersonId)) throw unprocessable("not_on_shift", "换出人员不在该班次");
  await assertPeople(db, actor, [input.toPersonId], "toPersonId");
  if (onShift(shift, input.toPersonId)) throw unprocessable("already_on_shift", "换入人员已在该班次");
  if (shift.endsAt <= new Date()) throw unprocessable("shift_over", "班次已结束，不能换班");
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(dutySwaps).values({
      shiftId, orgUnitId: shift.orgUnitId, fromPersonId: input.fromPersonId, toPersonId: input.toPersonId, reason: input.reason ?? null,
      createdBy: actor.id, updatedBy: actor.id,
    }).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "duty.swap.request", entity: "duty_swap", entityId: row.id, after: row });
    return presentSwap(row);
  });
}

export async function listSwaps(q: Q, actor: Actor, query: { unitId?: string; status?: string }): Promise<Swap[]> {
  const unitIds = query.unitId ? [(await unitInScope(q, actor, query.unitId)).id] : [...(await scopedUnits(q, actor)).keys()];
  const where: SQL[] = [inArray(dutySwaps.orgUnitId, unitIds)];
  if (query.status) where.push(eq(dutySwaps.status, query.status));
  const rows = await q.select().from(dutySwaps).where(and(...where)).orderBy(desc(dutySwaps.createdAt)).limit(500);
  return rows.map(presentSwap);
}

async function swapInScope(q: Q, actor: Actor, id: string): Promise<SwapRow> {
  const [row] = await q.select().from(dutySwaps).where(eq(dutySwaps.id, id));
  if (!row) throw notFound("换班申请");
  const units = await scopedUnits(q, actor);
  assertInScope(actor, units.get(row.orgUnitId)?.path, "换班申请");
  return row;
}

/** Approving replaces the person on the shift (officer or leader), in the same transaction as the decision. */
export async function decideSwap(db: Db, actor: Actor, id: string, decision: "approved" | "rejected", input: DecideSwapInput): Promise<Swap> {
  await swapInScope(db, actor, id);
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(dutySwaps).where(eq(dutySwaps.id, id)).for("update");
    if (before.version !== input.version) throw conflict();
    if (before.status !== "pending") throw unprocessable("already_decided", "该换班申请已处理");
    // Two people: whoever asked for the swap may withdraw it (reject) but not approve it.
    if (decision === "approved" && before.createdBy === actor.id) throw unprocessable("own_request", "不能审批本人提交的换班申请，请由本单位其他人员审批");
    if (decision === "approved") {
      const [shift] = await tx.select().from(dutyShifts).where(eq(dutyShifts.id, before.shiftId)).for("update");
      if (!onShift(shift, before.fromPersonId)) throw unprocessable("not_on_shift", "换出人员已不在该班次");
      if (onShift(shift, before.toPersonId)) throw unprocessable("already_on_shift", "换入人员已在该班次");
      const swapIn = (p: string) => (p === before.fromPersonId ? before.toPersonId : p);
      const next = { officerIds: shift.officerIds.map(swapIn), leaderId: shift.leaderId && swapIn(shift.leaderId) };
      const unitPath = (await unitInScope(tx, actor, shift.orgUnitId)).path;
      const faults = staffingFaults({ ...shift, ...next }, rulesFor(unitPath, await keyPeriodsDuring(tx, shift)));
      if (faults.length) throw unprocessable("key_period_staffing", "换班后不满足重点时段的值班要求", { faults });
      const [after] = await tx.update(dutyShifts).set({ ...next, updatedAt: new Date(), updatedBy: actor.id, version: shift.version + 1 })
        .where(eq(dutyShifts.id, shift.id)).returning();
      await recordAudit(tx, { ...auditBy(actor), action: "duty.shift.swap", entity: "duty_shift", entityId: shift.id, before: shift, after });
    }
    const [after] = await tx.update(dutySwaps).set({
      status: decision, decidedAt: new Date(), decidedBy: actor.id, decisionNote: input.note ?? null,
      updatedAt: new Date(), updatedBy: actor.id, version: before.version + 1,
    }).where(eq(dutySwaps.id, id)).returning();
    await recordAudit(tx, { ...auditBy(actor), action: `duty.swap.${decision === "approved" ? "approve" : "reject"}`, entity: "duty_swap", entityId: id, before, after });
    return presentSwap(after);
  });
}
