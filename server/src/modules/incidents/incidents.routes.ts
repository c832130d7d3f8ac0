import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  CreateIncidentInput, CreateInstructionInput, CreateReportInput, DailySummaryQuery, ForwardReportInput, IdParams, Incident, IncidentListQuery,
  IncidentReport, IncidentStats, IncidentStatsQuery, IncidentPage, LevelRule, LevelSuggestion, LevelSuggestionQuery, Ok, ReportChangeAttempt,
  ReportParams, ReportRule, UpdateLevelRulesInput, UpdateReportRulesInput,
} from "@yingji/contracts";
import type { AppContext } from "../../platform/module.ts";
import { answerCache, sendAnswer } from "../../platform/answer-cache.ts";
import { acceptRawUploads, sendDownload, uploadedFile } from "../../platform/files.ts";
import { actorOf } from "../../platform/http.ts";
import { dailySummary, DOCX_TYPE, specialReport } from "./incidents.docx.ts";
import { idempotencyKeyOf } from "./incidents.idempotency.ts";
import { createIncident, getIncident, listIncidentsUntil } from "./incidents.service.ts";
import { incidentStats } from "./incidents.stats.ts";
import { levelSuggestion, listLevelRules, listReportRules, updateLevelRules, updateReportRules } from "./report-rules.service.ts";
import { addAttachment, addInstruction, addReport, forwardReport, listReports, refuseReportChange } from "./reports.service.ts";

const sendDocx = (reply: FastifyReply, doc: { filename: string; data: Buffer }) => sendDownload(reply, { ...doc, contentType: DOCX_TYPE });

const idempotencyHeader = z.object({
  "idempotency-key": z.string().optional().describe("from the offline field app: a repeat with the same key answers the first result and creates nothing"),
});

export async function incidentsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = ctx;
  const tags = ["incidents"];
  const read = { permission: "incidents.read" } as const;
  const report = { permission: "incidents.report" } as const;

  r.post("/api/incidents", {
    schema: { tags, summary: "Record an incident with its initial report (初报)", headers: idempotencyHeader, body: CreateIncidentInput, response: { 201: Incident } },
    config: report,
  }, async (req, reply) => {
    const result = await createIncident(db, actorOf(req), req.body, idempotencyKeyOf(req));
    return reply.status(201).header("Idempotency-Replayed", String(result.replayed)).send(result.body);
  });

  r.get("/api/incidents", {
    schema: { tags, summary: "Incidents in the caller's scope, newest learned first", querystring: IncidentListQuery, response: { 200: IncidentPage } },
    config: read,
  }, async (req, reply) => {
    // Every duty screen of a scope asks for the same first page: it is computed once per change.
    const actor = actorOf(req);
    const key = `incidents:${actor.unitPath}:${JSON.stringify(req.query)}`;
    return sendAnswer(req, reply, answerCache(db).answer(key, () => listIncidentsUntil(db, actor, req.query)));
  });

  r.get("/api/incidents/stats", {
    schema: { tags, summary: "On-time rate per unit and month, counts by type, level and town (exercises left out)", querystring: IncidentStatsQuery, response: { 200: IncidentStats } },
    config: read,
  }, async (req) => incidentStats(db, actorOf(req), req.query));

  r.get("/api/incidents/report-rules", {
    schema: { tags, summary: "The reporting-deadline rules (minutes per rule; rules.md defaults)", response: { 200: z.array(ReportRule) } },
    config: read,
  }, async () => listReportRules(db));

  r.patch("/api/incidents/report-rules", {
    schema: { tags, summary: "Change reporting-deadline rules (district administrators)", body: UpdateReportRulesInput, response: { 200: z.array(ReportRule) } },
    config: { permission: "incidents.rules" },
  }, async (req) => updateReportRules(db, actorOf(req), req.body));

  r.get("/api/incidents/level-rules", {
    schema: { tags, summary: "The level thresholds (rules.md: deaths, serious injuries, direct loss per level)", response: { 200: z.array(LevelRule) } },
    config: read,
  }, async () => listLevelRules(db));

  r.patch("/api/incidents/level-rules", {
    schema: { tags, summary: "Change level thresholds (district administrators); they must rise from III to I", body: UpdateLevelRulesInput, response: { 200: z.array(LevelRule) } },
    config: { permission: "incidents.rules" },
  }, async (req) => updateLevelRules(db, actorOf(req), req.body));

  r.get("/api/incidents/level-suggestion", {
    schema: { tags, summary: "The level the figures suggest, before submitting (the user confirms the level)", querystring: LevelSuggestionQuery, response: { 200: LevelSuggestion } },
    config: read,
  }, async (req) => levelSuggestion(db, req.query));

  r.get("/api/incidents/daily-summary.docx", {
    schema: { tags, summary: "Daily summary (突发事件信息日报) of a day's incidents, as Word", querystring: DailySummaryQuery },
    config: read,
  }, async (req, reply) => sendDocx(reply, await dailySummary(db, actorOf(req), req.query.date)));

  r.get("/api/incidents/:id", {
    schema: { tags, summary: "An incident with its reports, instructions, flags and deadlines", params: IdParams, response: { 200: Incident } },
    config: read,
  }, async (req) => getIncident(db, actorOf(req), req.params.id));

  r.get("/api/incidents/:id/special-report.docx", {
    schema: { tags, summary: "The special report (专报) of an incident, as Word", params: IdParams },
    config: read,
  }, async (req, reply) => sendDocx(reply, await specialReport(db, actorOf(req), req.params.id)));

  r.get("/api/incidents/:id/reports", {
    schema: { tags, summary: "The report chain of an incident", params: IdParams, response: { 200: z.array(IncidentReport) } },
    config: read,
  }, async (req) => listReports(db, actorOf(req), req.params.id));

  r.post("/api/incidents/:id/reports", {
    schema: { tags, summary: "Add a follow-up (续报) or the final report (终报)", params: IdParams, headers: idempotencyHeader, body: CreateReportInput, response: { 201: IncidentReport } },
    config: report,
  }, async (req, reply) => {
    const result = await addReport(db, actorOf(req), req.params.id, req.body, idempotencyKeyOf(req));
    return reply.status(201).header("Idempotency-Replayed", String(result.replayed)).send(result.body);
  });

  r.post("/api/incidents/:id/reports/:reportId/forward", {
    schema: { tags, summary: "Review a report and forward it up one level (审核转报)", params: ReportParams, body: ForwardReportInput, response: { 200: IncidentReport } },
    config: { permission: "incidents.forward" },
  }, async (req) => forwardReport(db, actorOf(req), req.params.id, req.params.reportId, req.body.note));

  for (const method of ["PATCH", "DELETE"] as const) {
    r.route({
      method, url: "/api/incidents/:id/reports/:reportId",
      schema: { tags, summary: "Refused: a submitted report is never changed (409); submit a correcting report instead", params: ReportParams, body: ReportChangeAttempt },
      config: report,
      handler: async (req) => refuseReportChange(db, actorOf(req), req.params.id, req.params.reportId),
    });
  }

  r.post("/api/incidents/:id/instructions", {
    schema: { tags, summary: "Add a leader's instruction (批示); the units below see it", params: IdParams, body: CreateInstructionInput, response: { 201: Ok } },
    config: { permission: "incidents.instruct" },
  }, async (req, reply) => {
    await addInstruction(db, actorOf(req), req.params.id, req.body.text);
    return reply.status(201).send({ ok: true as const });
  });

  await app.register(async (uploads) => {
    acceptRawUploads(uploads);
    uploads.withTypeProvider<ZodTypeProvider>().post("/api/incidents/:id/reports/:reportId/attachments", {
      schema: { tags, summary: "Attach a photo or document to a report (raw body; X-File-Name header)", params: ReportParams, response: { 200: IncidentReport } },
      config: report,
    }, async (req) => addAttachment(db, config, actorOf(req), req.params.id, req.params.reportId, uploadedFile(req)));
  });
}
