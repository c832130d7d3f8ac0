/** Spot checks of duty rooms (抽查): random draws, records judged by the pass rule, pass rates and the failures notice. */
import { randomInt } from "node:crypto";
import { and, count, desc, eq, gte, inArray, lt, type SQL } from "drizzle-orm";
import type { CreateSpotCheckInput, SpotCheck, SpotCheckStats } from "@yingji/contracts";
import { SPOT_CHECK_METHODS } from "@yingji/contracts";
import type { Db, Q } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { badRequest } from "../../platform/errors.ts";
import { exportWorkbook, type SheetSpec } from "../../platform/excel.ts";
import { unitInScope } from "../org/units.service.ts";
import { drawUnits, judgeSpotCheck, seededRandom, SPOT_CHECK_RULE, type SpotCheckFault, type SpotCheckRule } from "./duty.rules.ts";
import { keyPeriodsDuring, rulesFor, scopedUnits, shanghaiText } from "./duty.service.ts";
import { dutySpotCheckDraws, dutySpotChecks } from "./duty.table.ts";

type CheckRow = typeof dutySpotChecks.$inferSelect;

const present = (r: CheckRow, unitName: string): SpotCheck => ({
  id: r.id, unitId: r.orgUnitId, unitName, method: r.method as SpotCheck["method"], at: r.at.toISOString(), answered: r.answered,
  answerSeconds: r.answerSeconds, officerPresent: r.officerPresent, leaderPresent: r.leaderPresent, logComplete: r.logComplete, note: r.note,
  passed: r.passed, faults: r.faults as SpotCheckFault[], exercise: r.exercise,
  createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(), version: r.version,
});

/**
 * Draws units below the caller's own, weighted toward units in a key period now, leaving out
 * the units of the caller's unit's previous draw. `seed` makes a draw repeatable (tests).
 */
export async function drawSpotChecks(db: Db, actor: Actor, countWanted: number, seed = randomInt(2 ** 31), now = new Date()) {
  const units = [...(await scopedUnits(db, actor)).values()].filter((u) => u.active && u.id !== actor.unitId);
  const periods = await keyPeriodsDuring(db, { startsAt: now, endsAt: new Date(now.getTime() + 1) });
  const candidates = units.map((u) => ({ unitId: u.id, name: u.name, dutyPhone: u.dutyPhone, inKeyPeriod: rulesFor(u.path, periods).length > 0 }));
  return db.transaction(async (tx) => {
    const [last] = await tx.select({ unitIds: dutySpotCheckDraws.unitIds }).from(dutySpotCheckDraws)
      .where(eq(dutySpotCheckDraws.orgUnitId, actor.unitId)).orderBy(desc(dutySpotCheckDraws.createdAt)).limit(1).for("update");
    const picked = drawUnits(candidates, countWanted, new Set(last?.unitIds ?? []), seededRandom(seed));
    const [row] = await tx.insert(dutySpotCheckDraws).values({ orgUnitId: actor.unitId, unitIds: picked.map((p) => p.unitId), createdBy: actor.id, updatedBy: actor.id }).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "duty.spot_check.draw", entity: "duty_spot_check_draw", entityId: row.id, after: { seed, unitIds: row.unitIds } });
    return { drawId: row.id, units: picked };
  });
}

/** Records a spot check, judged by the pass rule (SPOT_CHECK_MAX_ANSWER_SECONDS sets how fast the phone must be answered). */
export async function createSpotCheck(db: Db, actor: Actor, input: CreateSpotCheckInput, rule: SpotCheckRule = SPOT_CHECK_RULE): Promise<SpotCheck> {
  const unit = await unitInScope(db, actor, input.unitId, "unitId");
  const at = new Date(input.at);
  if (at.getTime() > Date.now() + 5 * 60_000) throw badRequest("at", "抽查时间不能晚于现在");
  if (!input.answered && input.answerSeconds != null) throw badRequest("answerSeconds", "未接通时不填接听用时");
  const { passed, faults } = judgeSpotCheck(input, rule);
  return db.transaction(async (tx) => {
    const [row] = await tx.insert(dutySpotChecks).values({
      orgUnitId: unit.id, method: input.method, at, answered: input.answered, answerSeconds: input.answerSeconds ?? null,
      officerPresent: input.officerPresent, leaderPresent: input.leaderPresent, logComplete: input.logComplete, note: input.note ?? null,
      passed, faults, exercise: input.exercise ?? false, createdBy: actor.id, updatedBy: actor.id,
    }).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "duty.spot_check.create", entity: "duty_spot_check", entityId: row.id, after: row });
    return present(row, unit.name);
  });
}

interface CheckFilter {
  unitId?: string;
  passed?: "true" | "false";
  method?: string;
  from?: string;
  to?: string;
}

async function checkWhere(q: Q, actor: Actor, f: CheckFilter, realOnly: boolean) {
  const units = await scopedUnits(q, actor);
  const where: SQL[] = [];
  if (f.unitId) where.push(eq(dutySpotChecks.orgUnitId, (await unitInScope(q, actor, f.unitId)).id));
  else where.push(inArray(dutySpotChecks.orgUnitId, [...units.keys()]));
  if (f.passed) where.push(eq(dutySpotChecks.passed, f.passed === "true"));
  if (f.method) where.push(eq(dutySpotChecks.method, f.method));
  if (f.from) where.push(gte(dutySpotChecks.at, new Date(f.from)));
  if (f.to) where.push(lt(dutySpotChecks.at, new Date(f.to)));
  if (realOnly) where.push(eq(dutySpotChecks.exercise, false));
  return { cond: and(...where), units };
}

export async function listSpotChecks(q: Q, actor: Actor, query: CheckFilter & { page: number; pageSize: number }) {
  const { cond, units } = await checkWhere(q, actor, query, false);
  const [rows, [{ total }]] = await Promise.all([
    q.select().from(dutySpotChecks).where(cond).orderBy(desc(dutySpotChecks.at)).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    q.select({ total: count() }).from(dutySpotChecks).where(cond),
  ]);
  return { items: rows.map((r) => present(r, units.get(r.orgUnitId)?.name ?? "")), total, page: query.page, pageSize: query.pageSize };
}

/** Pass rate per unit and the failures, real checks only (drill data left out). */
export async function spotCheckStats(q: Q, actor: Actor, query: { from?: string; to?: string }): Promise<SpotCheckStats> {
  const { cond, units } = await checkWhere(q, actor, query, true);
  const rows = await q.select().from(dutySpotChecks).where(cond).orderBy(desc(dutySpotChecks.at));
  const per = new Map<string, { checks: number; passed: number }>();
  for (const r of rows) {
    const s = per.get(r.orgUnitId) ?? { checks: 0, passed: 0 };
    s.checks++;
    if (r.passed) s.passed++;
    per.set(r.orgUnitId, s);
  }
  const name = (id: string) => units.get(id)?.name ?? "";
  return {
    units: [...per.entries()].map(([unitId, s]) => ({ unitId, unitName: name(unitId), ...s, rate: s.passed / s.checks }))
      .sort((a, b) => a.rate - b.rate || a.unitName.localeCompare(b.unitName, "zh")),
    failures: rows.filter((r) => !r.passed).map((r) => present(r, name(r.orgUnitId))),
  };
}

const METHOD_ZH: Record<(typeof SPOT_CHECK_METHODS)[number], string> = { phone: "电话抽查", video: "视频抽查", on_site: "实地检查" };
const FAULT_ZH: Record<SpotCheckFault, string> = {
  not_answered: "值班电话无人接听",
  slow_answer: "接听超时",
  officer_absent: "值班员不在岗",
  leader_absent: "带班领导不在岗",
  log_incomplete: "值班日志不完整",
};

const FAILURES_SHEET: SheetSpec = {
  sheetName: "抽查通报",
  columns: [
    { key: "unit", header: "单位", width: 24 },
    { key: "at", header: "抽查时间", width: 18 },
    { key: "method", header: "抽查方式", width: 12 },
    { key: "faults", header: "存在问题", width: 40 },
    { key: "note", header: "备注", width: 30 },
  ],
};

/** The failures as a notice (抽查情况通报) for circulation. */
export async function exportFailures(q: Q, actor: Actor, query: { from?: string; to?: string }): Promise<Buffer> {
  const { failures } = await spotCheckStats(q, actor, query);
  return exportWorkbook(FAILURES_SHEET, failures.map((f) => ({
    unit: f.unitName, at: shanghaiText(new Date(f.at)), method: METHOD_ZH[f.method], faults: f.faults.map((x) => FAULT_ZH[x]).join("；"), note: f.note ?? "",
  })));
}
