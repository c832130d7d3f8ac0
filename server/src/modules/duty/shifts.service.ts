/** Rosters (排班): key periods, 24-hour shifts, the month's rotation, its export, and who is on duty now. */
import { and, asc, eq, gt, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import { DUTY_LIMITS, DUTY_ROOM_KINDS } from "@yingji/contracts";
import type { CreateKeyPeriodInput, CreateShiftInput, GenerateShiftsInput, KeyPeriod, OnDutyNow, Shift, UpdateKeyPeriodInput, UpdateShiftInput } from "@yingji/contracts";
import type { Db, Q } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { badRequest, conflict, notFound, unprocessable } from "../../platform/errors.ts";
import { exportWorkbook, type SheetSpec } from "../../platform/excel.ts";
import { assertInScope, inScope } from "../../platform/scope.ts";
import { unitInScope, unitsByIds } from "../org/units.service.ts";
import { monthRange, monthShifts, rotate, shiftEnd, staffingFaults, type StaffingFault, type TimeSpan } from "./duty.rules.ts";
import { assertPeople, dutyPeople, keyPeriodsDuring, rulesFor, scopedUnits, shanghaiText } from "./duty.service.ts";
import { dutyKeyPeriods, dutyShifts } from "./duty.table.ts";

type ShiftRow = typeof dutyShifts.$inferSelect;
type KeyPeriodRow = typeof dutyKeyPeriods.$inferSelect;

// ---------------------------------------------------------------- key periods

const presentKeyPeriod = (r: KeyPeriodRow): KeyPeriod => ({
  id: r.id, unitId: r.orgUnitId, name: r.name, kind: r.kind as KeyPeriod["kind"], startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(),
  minOfficers: r.minOfficers, leaderRequired: r.leaderRequired, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), version: r.version,
});

/** Key periods that bind the caller: declared inside their scope or by a unit above them. */
export async function listKeyPeriods(q: Q, actor: Actor, query: { from?: string; to?: string }): Promise<KeyPeriod[]> {
  const span = { startsAt: new Date(query.from ?? "1970-01-01T00:00:00Z"), endsAt: new Date(query.to ?? "9999-12-31T00:00:00Z") };
  const periods = await keyPeriodsDuring(q, span);
  return periods
    .filter((p) => inScope(actor, p.unitPath) || inScope({ unitPath: p.unitPath }, actor.unitPath))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map(presentKeyPeriod);
}

export async function createKeyPeriod(db: Db, actor: Actor, input: CreateKeyPeriodInput): Promise<KeyPeriod> {
  await unitInScope(db, actor, input.unitId, "unitId");
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  if (endsAt <= startsAt) throw badRequest("endsAt", "结束时间须晚于开始时间");
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(dutyKeyPeriods).values({
      orgUnitId: input.unitId, name: input.name, kind: input.kind, startsAt, endsAt, minOfficers: input.minOfficers,
      leaderRequired: input.leaderRequired, createdBy: actor.id, updatedBy: actor.id,
    }).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "duty.key_period.create", entity: "duty_key_period", entityId: row.id, after: row });
    return presentKeyPeriod(row);
  });
}

/**
 * Corrects a key period declared inside the caller's scope. Shifts already rostered are not
 * changed; the new rule applies to shifts created or edited from now on.
 */
export async function updateKeyPeriod(db: Db, actor: Actor, id: string, input: UpdateKeyPeriodInput): Promise<KeyPeriod> {
  const [row] = await db.select().from(dutyKeyPeriods).where(eq(dutyKeyPeriods.id, id));
  if (!row) throw notFound("重点时段");
  await unitInScope(db, actor, row.orgUnitId);
  const startsAt = input.startsAt ? new Date(input.startsAt) : row.startsAt;
  const endsAt = input.endsAt ? new Date(input.endsAt) : row.endsAt;
  if (endsAt <= startsAt) throw badRequest("endsAt", "结束时间须晚于开始时间");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(dutyKeyPeriods).where(eq(dutyKeyPeriods.id, id)).for("update");
    if (before.version !== input.version) throw conflict();
    const { version: _v, ...changes } = input;
    const [after] = await tx.update(dutyKeyPeriods).set({ ...changes, startsAt, endsAt, updatedAt: new Date(), updatedBy: actor.id, version: before.version + 1 })
      .where(eq(dutyKeyPeriods.id, id)).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "duty.key_period.update", entity: "duty_key_period", entityId: id, before, after });
    return presentKeyPeriod(after);
  });
}

// ---------------------------------------------------------------- shifts

export async function presentShifts(q: Q, rows: ShiftRow[]): Promise<Shift[]> {
  const people = await dutyPeople(q, rows.flatMap((r) => [...r.officerIds, ...(r.leaderId ? [r.leaderId] : [])]));
  return rows.map((r) => ({
    id: r.id, unitId: r.orgUnitId, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString(),
    officers: r.officerIds.flatMap((id) => people.get(id) ?? []), leader: (r.leaderId && people.get(r.leaderId)) || null,
    exercise: r.exercise, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), version: r.version,
  }));
}

/** The shift row, or 404 when its unit lies outside the caller's scope (400 naming `field` when it does not exist). */
export async function shiftInScope(q: Q, actor: Actor, id: string, field?: string): Promise<ShiftRow & { unitPath: string }> {
  const [row] = await q.select().from(dutyShifts).where(eq(dutyShifts.id, id));
  if (!row && field) throw badRequest(field, "班次不存在");
  const unit = row && (await unitsByIds(q, [row.orgUnitId])).get(row.orgUnitId);
  assertInScope(actor, unit?.path, "班次");
  return { ...row, unitPath: unit!.path };
}

export async function listShifts(q: Q, actor: Actor, query: { unitId?: string; from?: string; to?: string }): Promise<Shift[]> {
  const unitIds = query.unitId ? [(await unitInScope(q, actor, query.unitId)).id] : [...(await scopedUnits(q, actor)).keys()];
  const where: SQL[] = [inArray(dutyShifts.orgUnitId, unitIds)];
  if (query.from) where.push(gt(dutyShifts.endsAt, new Date(query.from)));
  if (query.to) where.push(lt(dutyShifts.startsAt, new Date(query.to)));
  const rows = await q.select().from(dutyShifts).where(and(...where)).orderBy(asc(dutyShifts.startsAt), asc(dutyShifts.orgUnitId)).limit(DUTY_LIMITS.shiftsPerQuery + 1);
  if (rows.length > DUTY_LIMITS.shiftsPerQuery) throw unprocessable("too_many_shifts", `班次超过 ${DUTY_LIMITS.shiftsPerQuery} 个，请缩小时间范围或指定单位`);
  return presentShifts(q, rows);
}

export async function getShift(q: Q, actor: Actor, id: string): Promise<Shift> {
  const row = await shiftInScope(q, actor, id);
  return (await presentShifts(q, [row]))[0];
}

/** One advisory lock per unit serialises roster writes, so overlapping shifts cannot slip in side by side. */
async function lockUnitRoster(tx: Q, unitId: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`duty_roster:${unitId}`}))`);
}

async function overlapping(tx: Q, unitId: string, span: TimeSpan, exercise: boolean, exceptId?: string) {
  const rows = await tx.select({ id: dutyShifts.id }).from(dutyShifts).where(and(
    eq(dutyShifts.orgUnitId, unitId), eq(dutyShifts.exercise, exercise), lt(dutyShifts.startsAt, span.endsAt), gt(dutyShifts.endsAt, span.startsAt),
  ));
  return rows.filter((r) => r.id !== exceptId);
}

function staffingError(faults: StaffingFault[]) {
  return unprocessable("key_period_staffing", "不满足重点时段的值班要求（人数或带班领导）", { faults });
}

export async function createShift(db: Db, actor: Actor, input: CreateShiftInput): Promise<Shift> {
  const unit = await unitInScope(db, actor, input.unitId, "unitId");
  await assertPeople(db, actor, input.officerIds, "officerIds");
  if (input.leaderId) await assertPeople(db, actor, [input.leaderId], "leaderId");
  if (new Set(input.officerIds).size !== input.officerIds.length) throw badRequest("officerIds", "值班员重复");
  const startsAt = new Date(input.startsAt);
  const shift = { startsAt, endsAt: shiftEnd(startsAt), officerIds: input.officerIds, leaderId: input.leaderId ?? null };
  const faults = staffingFaults(shift, rulesFor(unit.path, await keyPeriodsDuring(db, shift)));
  if (faults.length) throw staffingError(faults);
  const exercise = input.exercise ?? false;
  const row = await db.transaction(async (tx) => {
    await lockUnitRoster(tx, unit.id);
    if ((await overlapping(tx, unit.id, shift, exercise)).length) throw conflict("该时段已有班次 (overlapping shift)");
    const [row] = await tx.insert(dutyShifts).values({ orgUnitId: unit.id, ...shift, exercise, createdBy: actor.id, updatedBy: actor.id }).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "duty.shift.create", entity: "duty_shift", entityId: row.id, after: row });
    return row;
  });
  return (await presentShifts(db, [row]))[0];
}

export async function updateShift(db: Db, actor: Actor, id: string, input: UpdateShiftInput): Promise<Shift> {
  const current = await shiftInScope(db, actor, id);
  if (input.officerIds) {
    await assertPeople(db, actor, input.officerIds, "officerIds");
    if (new Set(input.officerIds).size !== input.officerIds.length) throw badRequest("officerIds", "值班员重复");
  }
  if (input.leaderId) await assertPeople(db, actor, [input.leaderId], "leaderId");
  const next = {
    startsAt: current.startsAt, endsAt: current.endsAt,
    officerIds: input.officerIds ?? current.officerIds, leaderId: input.leaderId === undefined ? current.leaderId : input.leaderId,
  };
  const faults = staffingFaults(next, rulesFor(current.unitPath, await keyPeriodsDuring(db, next)));
  if (faults.length) throw staffingError(faults);
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(dutyShifts).where(eq(dutyShifts.id, id)).for("update");
    if (before.version !== input.version) throw conflict();
    const [after] = await tx.update(dutyShifts).set({ officerIds: next.officerIds, leaderId: next.leaderId, updatedAt: new Date(), updatedBy: actor.id, version: before.version + 1 })
      .where(eq(dutyShifts.id, id)).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "duty.shift.update", entity: "duty_shift", entityId: id, before, after });
    return after;
  });
  return (await presentShifts(db, [row]))[0];
}

/** Creates the month's shifts round-robin under the key periods' rules; refuses if any shift of the month exists. */
export async function generateShifts(db: Db, actor: Actor, input: GenerateShiftsInput): Promise<Shift[]> {
  const unit = await unitInScope(db, actor, input.unitId, "unitId");
  await assertPeople(db, actor, input.officers, "officers");
  await assertPeople(db, actor, input.leaders, "leaders");
  if (new Set(input.officers).size !== input.officers.length) throw badRequest("officers", "值班员重复");
  const spans = monthShifts(input.month, input.shiftStart);
  const whole = { startsAt: spans[0].startsAt, endsAt: spans.at(-1)!.endsAt };
  const exercise = input.exercise ?? false;
  if ((await overlapping(db, unit.id, whole, exercise)).length) throw conflict(`${input.month} 已有班次，不覆盖已有排班`);
  const rotation = rotate({
    shifts: spans, officers: input.officers, leaders: input.leaders, officersPerShift: input.officersPerShift,
    periods: rulesFor(unit.path, await keyPeriodsDuring(db, whole)),
  });
  if (!rotation.ok) {
    const day = shanghaiText(spans[rotation.shiftIndex].startsAt).slice(0, 10);
    throw rotation.code === "leader_required"
      ? unprocessable("leader_required", `${day} 处于重点时段，须安排带班领导`, { day })
      : unprocessable("not_enough_officers", `${day} 处于重点时段，须至少 ${rotation.need} 名值班员`, { day, need: rotation.need });
  }
  const rows = await db.transaction(async (tx) => {
    await lockUnitRoster(tx, unit.id);
    const existing = await overlapping(tx, unit.id, whole, exercise);
    if (existing.length) throw conflict(`${input.month} 已有 ${existing.length} 个班次，不覆盖已有排班`);
    const rows = await tx.insert(dutyShifts).values(rotation.shifts.map((s) => ({
      orgUnitId: unit.id, ...s, exercise, createdBy: actor.id, updatedBy: actor.id,
    }))).returning();
    await recordAudit(tx, {
      ...auditBy(actor), action: "duty.shift.generate", entity: "org_unit", entityId: unit.id,
      after: { month: input.month, shifts: rows.length, officers: input.officers, leaders: input.leaders, officersPerShift: input.officersPerShift, exercise },
    });
    return rows;
  });
  rows.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return presentShifts(db, rows);
}

const ROSTER_SHEET: SheetSpec = {
  sheetName: "值班表",
  columns: [
    { key: "date", header: "日期", width: 14 },
    { key: "weekday", header: "星期", width: 8 },
    { key: "startsAt", header: "接班时间", width: 18 },
    { key: "endsAt", header: "交班时间", width: 18 },
    { key: "officers", header: "值班员", width: 30 },
    { key: "leader", header: "带班领导", width: 14 },
    { key: "phones", header: "值班员电话", width: 30 },
  ],
};
const WEEKDAYS = ["日", "一", "二", "三", "四", "五", "六"];

/** The month's roster for printing (phones masked as in the directory). */
export async function exportMonth(q: Q, actor: Actor, unitId: string, month: string): Promise<{ name: string; data: Buffer }> {
  const unit = await unitInScope(q, actor, unitId);
  const range = monthRange(month);
  const rows = await q.select().from(dutyShifts).where(and(
    eq(dutyShifts.orgUnitId, unit.id), eq(dutyShifts.exercise, false), gte(dutyShifts.startsAt, range.startsAt), lt(dutyShifts.startsAt, range.endsAt),
  )).orderBy(asc(dutyShifts.startsAt));
  const shifts = await presentShifts(q, rows);
  const data = await exportWorkbook(ROSTER_SHEET, shifts.map((s) => {
    const start = shanghaiText(new Date(s.startsAt));
    return {
      date: start.slice(0, 10), weekday: WEEKDAYS[new Date(`${start.slice(0, 10)}T00:00:00Z`).getUTCDay()], startsAt: start, endsAt: shanghaiText(new Date(s.endsAt)),
      officers: s.officers.map((o) => o.name).join("、"), leader: s.leader?.name ?? "", phones: s.officers.map((o) => o.mobile ?? o.officePhone ?? "").join("、"),
    };
  }));
  return { name: `${unit.name}${month}值班表.xlsx`, data };
}

/**
 * For every unit in scope with a real shift covering now: the unit's duty phone, officers and
 * leader; and every unit that must keep a duty room (DUTY_ROOM_KINDS) but has none now, as uncovered.
 */
export async function onDutyNow(q: Q, actor: Actor, now = new Date()): Promise<OnDutyNow[]> {
  const units = new Map([...(await scopedUnits(q, actor))].filter(([, u]) => u.active));
  const rows = await q.select().from(dutyShifts).where(and(
    inArray(dutyShifts.orgUnitId, [...units.keys()]), eq(dutyShifts.exercise, false), lte(dutyShifts.startsAt, now), gt(dutyShifts.endsAt, now),
  ));
  const shifts = await presentShifts(q, rows);
  const covered = new Set(shifts.map((s) => s.unitId));
  const dutyRooms = new Set<string>(DUTY_ROOM_KINDS);
  const uncovered = [...units.values()].filter((u) => dutyRooms.has(u.kind) && !covered.has(u.id)).map((u) => ({
    unitId: u.id, unitName: u.name, dutyPhone: u.dutyPhone, uncovered: true, shiftId: null, startsAt: null, endsAt: null, officers: [], leader: null, path: u.path,
  }));
  return [
    ...shifts.map((s) => {
      const u = units.get(s.unitId)!;
      return { unitId: u.id, unitName: u.name, dutyPhone: u.dutyPhone, uncovered: false, shiftId: s.id, startsAt: s.startsAt, endsAt: s.endsAt, officers: s.officers, leader: s.leader, path: u.path };
    }),
    ...uncovered,
  ]
    .sort((a, b) => a.path.split(".").length - b.path.split(".").length || a.unitName.localeCompare(b.unitName, "zh"))
    .map(({ path: _p, ...rest }) => rest);
}
