/**
 * The reporting rules as data: deadlines (minutes per key) and level thresholds, read by
 * everyone, changed by a district administrator, audited; and the level the figures suggest.
 */
import { asc, eq } from "drizzle-orm";
import type { LevelRule, LevelSuggestion, ReportRule, ReportRuleKey, UpdateLevelRulesInput, UpdateReportRulesInput } from "@yingji/contracts";
import type { Db, Q } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { forbidden, unprocessable } from "../../platform/errors.ts";
import { forgetCached } from "../../platform/memo.ts";
import { readLevelThresholds } from "./incidents.chain.ts";
import { suggestLevelWithReasons, thresholdsOrdered } from "./incidents.rules.ts";
import { incidentLevelRules, incidentReportRules } from "./incidents.table.ts";

export async function listReportRules(q: Q): Promise<ReportRule[]> {
  const rows = await q.select().from(incidentReportRules).orderBy(asc(incidentReportRules.key));
  return rows.map((r) => ({ key: r.key as ReportRuleKey, minutes: r.minutes, description: r.description, updatedAt: r.updatedAt.toISOString() }));
}

/** The rules hold for the whole district: an administrator of a unit below may not change them. */
function assertDistrictAdmin(actor: Actor, what: string) {
  if (actor.unitPath.includes(".")) throw forbidden(`${what}只能由区级管理员修改`);
}

export async function updateReportRules(db: Db, actor: Actor, input: UpdateReportRulesInput): Promise<ReportRule[]> {
  assertDistrictAdmin(actor, "报送时限规则");
  await db.transaction(async (tx) => {
    const before = await listReportRules(tx);
    for (const [key, minutes] of Object.entries(input.minutes)) {
      await tx.update(incidentReportRules).set({ minutes, updatedAt: new Date(), updatedBy: actor.id }).where(eq(incidentReportRules.key, key));
    }
    await recordAudit(tx, { ...auditBy(actor), action: "incidents.rules.update", entity: "incident_report_rules", before, after: await listReportRules(tx) });
  });
  forgetCached(db, "incidents.rules");
  return listReportRules(db);
}

export async function listLevelRules(q: Q): Promise<LevelRule[]> {
  const rows = await q.select().from(incidentLevelRules).orderBy(asc(incidentLevelRules.level));
  return rows.map((r) => ({ level: r.level as LevelRule["level"], dead: r.dead, seriouslyInjured: r.seriouslyInjured, directLoss: r.directLoss, updatedAt: r.updatedAt.toISOString() }));
}

/** New thresholds for some levels; refused (422, nothing written) when they would not rise from III to I. */
export async function updateLevelRules(db: Db, actor: Actor, input: UpdateLevelRulesInput): Promise<LevelRule[]> {
  assertDistrictAdmin(actor, "事件分级标准");
  const levels = input.rules.map((r) => r.level);
  if (new Set(levels).size !== levels.length) throw unprocessable("duplicate_level", "同一级别只能出现一次");
  await db.transaction(async (tx) => {
    const before = await listLevelRules(tx);
    const merged = (await readLevelThresholds(tx)).map((t) => input.rules.find((r) => r.level === t.level) ?? t);
    if (!thresholdsOrdered(merged)) throw unprocessable("thresholds_not_ordered", "分级标准须逐级递增：I 级高于 II 级，II 级高于 III 级（每项数字）");
    for (const r of input.rules) {
      await tx.update(incidentLevelRules).set({ dead: r.dead, seriouslyInjured: r.seriouslyInjured, directLoss: r.directLoss, updatedAt: new Date(), updatedBy: actor.id })
        .where(eq(incidentLevelRules.level, r.level));
    }
    await recordAudit(tx, { ...auditBy(actor), action: "incidents.level_rules.update", entity: "incident_level_rules", before, after: await listLevelRules(tx) });
  });
  forgetCached(db, "incidents.level_rules");
  return listLevelRules(db);
}

/** The level the figures suggest under the stored thresholds, before anything is submitted. */
export async function levelSuggestion(q: Q, figures: { dead: number; seriouslyInjured: number; directLoss: number }): Promise<LevelSuggestion> {
  return suggestLevelWithReasons(figures, await readLevelThresholds(q));
}
