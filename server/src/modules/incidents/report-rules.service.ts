/** The reporting-deadline rules as data: read by everyone, changed by a district administrator, audited. */
import { asc, eq } from "drizzle-orm";
import type { ReportRule, ReportRuleKey, UpdateReportRulesInput } from "@yingji/contracts";
import type { Db, Q } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { forbidden } from "../../platform/errors.ts";
import { incidentReportRules } from "./incidents.table.ts";

export async function listReportRules(q: Q): Promise<ReportRule[]> {
  const rows = await q.select().from(incidentReportRules).orderBy(asc(incidentReportRules.key));
  return rows.map((r) => ({ key: r.key as ReportRuleKey, minutes: r.minutes, description: r.description, updatedAt: r.updatedAt.toISOString() }));
}

export async function updateReportRules(db: Db, actor: Actor, input: UpdateReportRulesInput): Promise<ReportRule[]> {
  // The rules hold for the whole district: an administrator of a unit below may not change them.
  if (actor.unitPath.includes(".")) throw forbidden("报送时限规则只能由区级管理员修改");
  await db.transaction(async (tx) => {
    const before = await listReportRules(tx);
    for (const [key, minutes] of Object.entries(input.minutes)) {
      await tx.update(incidentReportRules).set({ minutes, updatedAt: new Date(), updatedBy: actor.id }).where(eq(incidentReportRules.key, key));
    }
    await recordAudit(tx, { ...auditBy(actor), action: "incidents.rules.update", entity: "incident_report_rules", before, after: await listReportRules(tx) });
  });
  return listReportRules(db);
}
