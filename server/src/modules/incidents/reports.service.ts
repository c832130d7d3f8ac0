/**
 * The report chain after the initial report: follow-ups and the final report, forwarding up
 * the tree, attachments, and the leaders' instructions that go back down. Everything here
 * appends; nothing submitted is ever changed.
 */
import { and, eq, max } from "drizzle-orm";
import type { CreateReportInput, IncidentLevel, IncidentReport } from "@yingji/contracts";
import type { Config } from "../../config.ts";
import type { Db, Q } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { badRequest, conflict, notFound, refNotFound, unprocessable } from "../../platform/errors.ts";
import { emitEvent } from "../../platform/events.ts";
import { presentFile, saveFile } from "../../platform/files.ts";
import { inScope } from "../../platform/scope.ts";
import { unitInScope, unitsByIds } from "../org/units.service.ts";
import { getIncidentType } from "./incident-types.service.ts";
import { deadlinesOf, figuresOf, hasParent, holderOf, loadChains, loadOutlines, presentReports, readLevelThresholds, readRules, unitIdsOf } from "./incidents.chain.ts";
import { once } from "./incidents.idempotency.ts";
import { casualtiesChanged, casualtyWindowEnd, forwardDeadline, isLate, moreSevere, suggestLevel } from "./incidents.rules.ts";
import { incidentInScope, maskReporters, raiseFlag } from "./incidents.service.ts";
import { incidentInstructions, incidentReportAttachments, incidentReportForwards, incidentReports, incidents } from "./incidents.table.ts";

export async function listReports(q: Q, actor: Actor, incidentId: string): Promise<IncidentReport[]> {
  await incidentInScope(q, actor, incidentId, false, "read");
  return maskReporters(actor, await presentReports(q, (await loadChains(q, [incidentId])).get(incidentId)!));
}

async function reportOf(q: Q, actor: Actor, incidentId: string, reportId: string, mode: "write" | "read" = "write") {
  const incident = await incidentInScope(q, actor, incidentId, false, mode);
  const [report] = await q.select().from(incidentReports).where(and(eq(incidentReports.id, reportId), eq(incidentReports.incidentId, incidentId)));
  if (!report) throw notFound("报告");
  return { incident, report };
}

export async function getReport(q: Q, actor: Actor, incidentId: string, reportId: string): Promise<IncidentReport> {
  await reportOf(q, actor, incidentId, reportId, "read");
  return (await listReports(q, actor, incidentId)).find((r) => r.id === reportId)!;
}

/** Follow-up or final report. The due time it answers is fixed at submission, with the late flag. */
export async function addReport(db: Db, actor: Actor, incidentId: string, input: CreateReportInput, key: string | null, now = new Date()) {
  await incidentInScope(db, actor, incidentId);
  const own = await unitInScope(db, actor, actor.unitId);
  // Configuration, read (cached) before the transaction: never through the pool inside it.
  const rules = await readRules(db);
  const thresholds = await readLevelThresholds(db);
  return once(db, actor, key, `POST /api/incidents/${incidentId}/reports`, async (tx) => {
    const incident = await incidentInScope(tx, actor, incidentId, true);
    if (incident.status === "closed") throw unprocessable("incident_closed", "终报已提交，事件已结束；如需更正请联系上级");
    if (input.correctsId) {
      const [corrected] = await tx.select({ id: incidentReports.id }).from(incidentReports).where(and(eq(incidentReports.id, input.correctsId), eq(incidentReports.incidentId, incidentId)));
      // Only a report of this incident (itself in scope) can be corrected; any other id does not exist here.
      if (!corrected) throw refNotFound("correctsId", "此事件被更正的报告");
    }
    const chain = (await loadOutlines(tx, [incidentId])).get(incidentId)!;
    const units = await unitsByIds(tx, unitIdsOf(incident, chain));
    const deadlines = deadlinesOf(incident, chain, rules, units, now);
    const endsResponse = input.kind === "final" || !!input.responseEnded;
    const responseEndedAt = incident.responseEndedAt ?? (endsResponse ? now : null);
    // The deadline this report answers: the next follow-up owed, or the final report's.
    const answered = input.kind === "final"
      ? deadlinesOf({ ...incident, responseEndedAt }, chain, rules, units, now).find((d) => d.kind === "final")
      : deadlines.find((d) => d.kind === "followup" && !d.metAt);
    const dueAt = answered?.dueAt ?? null;
    const figures = figuresOf(input.figures);
    const suggested = suggestLevel(figures, thresholds);
    const [{ last }] = await tx.select({ last: max(incidentReports.number) }).from(incidentReports).where(eq(incidentReports.incidentId, incidentId));
    const [report] = await tx.insert(incidentReports).values({
      incidentId, kind: input.kind, number: (last ?? 0) + 1, correctsId: input.correctsId ?? null, ...figures,
      level: input.level ?? null, suggestedLevel: suggested, body: input.body, cause: input.cause ?? null, measures: input.measures ?? null,
      trend: input.trend ?? null, reporterName: input.reporterName, reporterPhone: input.reporterPhone ?? null,
      unitId: own.id, unitPath: own.path, toUnitId: own.parentId, submittedAt: now, submittedBy: actor.id,
      dueAt, late: dueAt ? isLate(now, dueAt) : false, responseEnded: endsResponse, exercise: incident.exercise,
    }).returning();
    const [after] = await tx.update(incidents).set({
      ...figures, level: input.level ?? incident.level, responseEndedAt,
      status: input.kind === "final" ? "closed" : responseEndedAt ? "response_ended" : "open",
      updatedAt: now, updatedBy: actor.id, version: incident.version + 1,
    }).where(eq(incidents.id, incidentId)).returning();
    await emitEvent(tx, { type: "report.submitted", unitPath: incident.unitPath, data: { incidentId, reportId: report.id, kind: report.kind, number: report.number, unitId: own.id, late: report.late } });
    if (report.late) await raiseFlag(tx, incident, { kind: "late", reportId: report.id, unitId: own.id, detail: `${input.kind === "final" ? "终报" : "续报"}迟报：应于 ${dueAt!.toISOString()} 前报告` });
    // Casualties changed after the supplement window (493号 Art. 13): the change came too late.
    const windowEnd = casualtyWindowEnd(rules, incident.occurredAt, (await getIncidentType(tx, incident.typeId))?.casualtySupplementDays ?? null);
    if (isLate(now, windowEnd) && casualtiesChanged(incident, figures)) {
      await raiseFlag(tx, incident, { kind: "casualty_late", reportId: report.id, unitId: own.id, detail: `伤亡人数变化于补报期（至 ${windowEnd.toISOString()}）之后才报告` });
    }
    if (moreSevere(suggested, incident.initialLevel as IncidentLevel)) {
      await raiseFlag(tx, incident, { kind: "level_understated", reportId: report.id, unitId: incident.unitId, detail: `后续数字对应 ${suggested} 级，初报定为 ${incident.initialLevel} 级` });
    }
    // Last: the audit append holds the chain's lock until commit.
    await recordAudit(tx, { ...auditBy(actor), action: `incidents.report.${input.kind}`, entity: "incident", entityId: incidentId, before: incident, after: { incident: after, report } });
    return report.id;
  }, (id) => getReport(db, actor, incidentId, id));
}

/** The unit holding a report reviews it and passes it to its parent, within the forwarding deadline. */
export async function forwardReport(db: Db, actor: Actor, incidentId: string, reportId: string, note: string | undefined, now = new Date()) {
  await reportOf(db, actor, incidentId, reportId);
  await db.transaction(async (tx) => {
    const incident = await incidentInScope(tx, actor, incidentId, true);
    const [report] = await tx.select().from(incidentReports).where(eq(incidentReports.id, reportId));
    const forwards = await tx.select().from(incidentReportForwards).where(eq(incidentReportForwards.reportId, reportId));
    forwards.sort((a, b) => a.forwardedAt.getTime() - b.forwardedAt.getTime());
    const holderId = holderOf(report, forwards);
    if (!holderId) throw unprocessable("nothing_to_forward", "该报告已在最高一级，无需转报");
    const holder = (await unitsByIds(tx, [holderId])).get(holderId)!;
    // Only the holding unit (or a unit above it) may pass the report on; below it, the report is not the caller's to move.
    if (!inScope(actor, holder.path)) throw unprocessable("not_holder", "该报告不在本单位，不能转报");
    if (!hasParent(holder.path)) throw unprocessable("nothing_to_forward", "该报告已报至最高一级，无需转报");
    const holderRow = await unitInScope(tx, actor, holderId);
    const arrivedAt = forwards.length ? forwards[forwards.length - 1].forwardedAt : report.submittedAt;
    const dueAt = forwardDeadline(await readRules(tx), arrivedAt);
    const [step] = await tx.insert(incidentReportForwards).values({
      reportId, fromUnitId: holderId, toUnitId: holderRow.parentId!, forwardedAt: now, forwardedBy: actor.id, note: note ?? null, dueAt, late: isLate(now, dueAt),
    }).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "incidents.report.forward", entity: "incident", entityId: incidentId, after: step });
    await emitEvent(tx, { type: "report.forwarded", unitPath: incident.unitPath, data: { incidentId, reportId, fromUnitId: holderId, toUnitId: step.toUnitId, late: step.late } });
    if (step.late) await raiseFlag(tx, incident, { kind: "late", reportId, unitId: holderId, detail: `转报迟报：应于 ${dueAt.toISOString()} 前转报上级` });
  });
  return getReport(db, actor, incidentId, reportId);
}

export async function addAttachment(db: Db, config: Config, actor: Actor, incidentId: string, reportId: string, file: { name: string; contentType: string; data: Buffer }) {
  const { incident } = await reportOf(db, actor, incidentId, reportId);
  await db.transaction(async (tx) => {
    const saved = await saveFile(tx, config, { ...file, unitId: incident.unitId, actorId: actor.id });
    await tx.insert(incidentReportAttachments).values({ reportId, fileId: saved.id, createdBy: actor.id });
    await recordAudit(tx, { ...auditBy(actor), action: "incidents.report.attach", entity: "incident", entityId: incidentId, after: { reportId, file: presentFile(saved), sha256: saved.sha256 } });
  });
  return getReport(db, actor, incidentId, reportId);
}

/** A leader's instruction (批示): announced on the incident's unit, so the reporting units below see it. */
export async function addInstruction(db: Db, actor: Actor, incidentId: string, text: string) {
  await db.transaction(async (tx) => {
    const incident = await incidentInScope(tx, actor, incidentId);
    const [row] = await tx.insert(incidentInstructions).values({ incidentId, text, createdBy: actor.id, byName: actor.displayName, byUnitId: actor.unitId }).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "incidents.instruct", entity: "incident", entityId: incidentId, after: row });
    await emitEvent(tx, { type: "instruction.added", unitPath: incident.unitPath, data: { incidentId, instructionId: row.id, byName: row.byName, text } });
  });
}

/** Submitted reports are never changed: a change attempt on one in scope answers 409. */
export async function refuseReportChange(q: Q, actor: Actor, incidentId: string, reportId: string): Promise<never> {
  await reportOf(q, actor, incidentId, reportId, "read");
  throw conflict("报告提交后不可修改或删除；如需更正，请提交一份新的续报并指明更正的报告 (correctsId)");
}
