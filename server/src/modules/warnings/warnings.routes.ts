import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AckWarningInput, ApproveWarningInput, CallTask, CallTaskQuery, CancelWarningInput, CAP_MAX_BYTES, CloseCallTaskInput, CreateWarningInput, Delivery, DeliveryQuery,
  EmptyBody, IdParams, ImportCapResult, InboxItem, Ok, pageOf, PushConfig, PushSubscriptionInput, RejectWarningInput, ReviseWarningInput, SubmitWarningInput,
  UpdateDraftInput, Warning, WarningAck, WarningArea, WarningFeedback, WarningFeedbackInput, WarningListQuery, WarningPreview, WarningSummary, WarningTargetSpec, WarningTracking,
} from "@yingji/contracts";
import type { AppContext } from "../../platform/module.ts";
import { AppError } from "../../platform/errors.ts";
import { actorOf } from "../../platform/http.ts";
import { CapError } from "./cap/cap.ts";
import { activePublicWarnings, atomFeed, CAP_CONTENT_TYPE, capDocument, publicPage, publicWarning } from "./warnings.export.ts";
import {
  approveWarning, cancelWarning, createWarning, getWarning, importCapDocument, listWarnings, previewTargets, previewWarning, rejectWarning, reviseWarning,
  submitWarning, updateDraft, warningVisible,
} from "./warnings.service.ts";
import { warningSettings } from "./warnings.settings.ts";
import { addPushSubscription } from "./warnings.push.ts";
import { ackWarning, addFeedback, closeCallTask, inbox, listCallTasks, listDeliveries, listFeedback, markRead, warningTracking } from "./warnings.tracking.ts";
import { attachmentDisposition } from "../../platform/content-disposition.ts";

const CAP_TYPES = ["application/cap+xml", "application/xml", "text/xml"];

/** A CAP fault: 413 when too large, otherwise 400 with the CAP path of the fault. */
function capAnswer(e: unknown): never {
  if (e instanceof CapError) {
    if (e.code === "cap_too_large") throw new AppError(413, e.code, e.message, { path: e.path });
    throw new AppError(400, e.code, e.path ? `${e.path}: ${e.message}` : e.message, { path: e.path });
  }
  throw e;
}

/** A received document is sent back byte for byte in its own encoding, which its XML declaration names. */
const capContentType = (w: { origin: string }) => (w.origin === "received" ? "application/cap+xml" : CAP_CONTENT_TYPE);

const PreviewInput = z.strictObject({ targets: WarningTargetSpec, area: WarningArea });

export async function warningsRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = ctx;
  const s = warningSettings(config);
  const tags = ["warnings"];
  const read = { permission: "warnings.read" } as const;
  const draft = { permission: "warnings.draft" } as const;
  const approve = { permission: "warnings.approve" } as const;
  const respond = { permission: "warnings.respond" } as const;
  const full = async (id: string, req: Parameters<typeof actorOf>[0]) => getWarning(db, actorOf(req), id);

  r.get("/api/warnings", {
    schema: { tags, summary: "Warnings received and issued in the caller's scope or sent to their units, newest first", querystring: WarningListQuery, response: { 200: pageOf(WarningSummary) } },
    config: read,
  }, async (req) => listWarnings(db, actorOf(req), req.query));

  r.post("/api/warnings", {
    schema: { tags, summary: "Draft a warning (拟稿), or a relay of a received one (relayOfId)", body: CreateWarningInput, response: { 201: Warning } },
    config: draft,
  }, async (req, reply) => reply.status(201).send(await full(await createWarning(db, actorOf(req), req.body), req)));

  r.post("/api/warnings/preview", {
    schema: { tags, summary: "Units and people a target choice reaches, per channel and town, before release (预览)", body: PreviewInput, response: { 200: WarningPreview } },
    config: draft,
  }, async (req) => previewTargets(db, s, actorOf(req), req.body.targets, req.body.area));

  r.get("/api/warnings/inbox", {
    schema: { tags, summary: "The caller's inbox: warnings sent to them or their unit, read state, acknowledged", response: { 200: z.array(InboxItem) } },
    config: read,
  }, async (req) => inbox(db, actorOf(req)));

  r.get("/api/warnings/call-tasks", {
    schema: { tags, summary: "Calls to make to units that did not acknowledge in time (催办), with phone numbers", querystring: CallTaskQuery, response: { 200: z.array(CallTask) } },
    config: { permission: "warnings.calls" },
  }, async (req) => listCallTasks(db, actorOf(req), req.query));

  r.post("/api/warnings/call-tasks/:id/done", {
    schema: { tags, summary: "Record the result of a call task", params: IdParams, body: CloseCallTaskInput, response: { 200: Ok } },
    config: { permission: "warnings.calls" },
  }, async (req) => {
    await closeCallTask(db, actorOf(req), req.params.id, req.body.note);
    return { ok: true as const };
  });

  r.get("/api/warnings/push-config", {
    schema: { tags, summary: "Whether Web Push is on, and the VAPID public key to subscribe with", response: { 200: PushConfig } },
    config: read,
  }, async () => ({ enabled: !!s.vapid, publicKey: s.vapid?.publicKey ?? null }));

  r.post("/api/warnings/push-subscriptions", {
    schema: { tags, summary: "Subscribe this browser to Web Push of warnings", body: PushSubscriptionInput, response: { 201: Ok } },
    config: read,
  }, async (req, reply) => {
    await addPushSubscription(db, actorOf(req), req.body);
    return reply.status(201).send({ ok: true as const });
  });

  r.get("/api/warnings/:id", {
    schema: { tags, summary: "A warning with its versions (and, for a target unit, its acknowledgement state)", params: IdParams, response: { 200: Warning } },
    config: read,
  }, async (req) => full(req.params.id, req));

  r.patch("/api/warnings/:id", {
    schema: { tags, summary: "Edit a draft", params: IdParams, body: UpdateDraftInput, response: { 200: Warning } },
    config: draft,
  }, async (req) => {
    await updateDraft(db, actorOf(req), req.params.id, req.body);
    return full(req.params.id, req);
  });

  r.post("/api/warnings/:id/submit", {
    schema: { tags, summary: "Submit a draft for release by a second person (送审)", params: IdParams, body: SubmitWarningInput, response: { 200: Warning } },
    config: draft,
  }, async (req) => {
    await submitWarning(db, actorOf(req), req.params.id, req.body.version);
    return full(req.params.id, req);
  });

  r.post("/api/warnings/:id/approve", {
    schema: { tags, summary: "Release (签发): not by the drafter; a TOTP code with REQUIRE_2FA. Writes targets and every delivery", params: IdParams, body: ApproveWarningInput, response: { 200: Warning } },
    config: approve,
  }, async (req) => {
    await approveWarning(db, s, actorOf(req), req.params.id, req.body);
    return full(req.params.id, req);
  });

  r.post("/api/warnings/:id/reject", {
    schema: { tags, summary: "Send a submitted draft back to the drafter (退回)", params: IdParams, body: RejectWarningInput, response: { 200: Warning } },
    config: approve,
  }, async (req) => {
    await rejectWarning(db, actorOf(req), req.params.id, req.body.version, req.body.note);
    return full(req.params.id, req);
  });

  r.post("/api/warnings/:id/revise", {
    schema: { tags, summary: "Update or extend a warning in force (更新/延长): a new version, sent again", params: IdParams, body: ReviseWarningInput, response: { 200: Warning } },
    config: approve,
  }, async (req) => {
    await reviseWarning(db, s, actorOf(req), req.params.id, req.body);
    return full(req.params.id, req);
  });

  r.post("/api/warnings/:id/cancel", {
    schema: { tags, summary: "Cancel (解除) a warning; the targets are told. A draft is withdrawn", params: IdParams, body: CancelWarningInput, response: { 200: Warning } },
    config: approve,
  }, async (req) => {
    await cancelWarning(db, s, actorOf(req), req.params.id, req.body);
    return full(req.params.id, req);
  });

  r.get("/api/warnings/:id/preview", {
    // Read, not draft: the approver sees how many people a release reaches before releasing it (scope still applies).
    schema: { tags, summary: "Units and people a draft's targets reach, per channel and town", params: IdParams, response: { 200: WarningPreview } },
    config: read,
  }, async (req) => previewWarning(db, s, actorOf(req), req.params.id));

  r.get("/api/warnings/:id/cap", {
    schema: { tags, summary: "The warning as CAP 1.2 XML (received: the original document byte for byte)", params: IdParams },
    config: read,
  }, async (req, reply) => {
    const w = await warningVisible(db, actorOf(req), req.params.id);
    const xml = await capDocument(db, s, w);
    // Named by its CAP identifier (a draft has none yet: its id), as the receiving systems file it.
    return reply.type(capContentType(w)).header("content-disposition", attachmentDisposition(`${w.identifier ?? w.id}.cap.xml`, `${w.id}.cap.xml`)).send(xml);
  });

  r.get("/api/warnings/:id/tracking", {
    schema: { tags, summary: "Delivery coverage per channel, acknowledgement and feedback per town and unit, overdue units", params: IdParams, response: { 200: WarningTracking } },
    config: read,
  }, async (req) => warningTracking(db, actorOf(req), req.params.id));

  r.get("/api/warnings/:id/deliveries", {
    schema: { tags, summary: "Deliveries of a warning with each status and its time (addresses masked)", params: IdParams, querystring: DeliveryQuery, response: { 200: pageOf(Delivery) } },
    config: read,
  }, async (req) => listDeliveries(db, actorOf(req), req.params.id, req.query));

  r.get("/api/warnings/:id/feedback", {
    schema: { tags, summary: "Response feedback (响应措施) of the target units", params: IdParams, response: { 200: z.array(WarningFeedback) } },
    config: read,
  }, async (req) => listFeedback(db, actorOf(req), req.params.id));

  r.post("/api/warnings/:id/ack", {
    schema: { tags, summary: "Acknowledge (已收到) for the caller's unit; a repeat answers the first one", params: IdParams, body: AckWarningInput, response: { 200: WarningAck, 201: WarningAck } },
    config: respond,
  }, async (req, reply) => {
    const { ack, created } = await ackWarning(db, actorOf(req), req.params.id, req.body);
    return reply.status(created ? 201 : 200).send(ack);
  });

  r.post("/api/warnings/:id/feedback", {
    schema: { tags, summary: "Report the response measures of the caller's unit (响应措施)", params: IdParams, body: WarningFeedbackInput, response: { 201: WarningFeedback } },
    config: respond,
  }, async (req, reply) => reply.status(201).send(await addFeedback(db, actorOf(req), req.params.id, req.body)));

  r.post("/api/warnings/:id/read", {
    schema: { tags, summary: "Mark the caller's in-app message of this warning read", params: IdParams, body: EmptyBody, response: { 200: z.object({ marked: z.number().int() }) } },
    config: read,
  }, async (req) => ({ marked: await markRead(db, actorOf(req), req.params.id) }));

  await app.register(async (capScope) => {
    capScope.removeAllContentTypeParsers();
    capScope.addContentTypeParser(CAP_TYPES, { parseAs: "buffer", bodyLimit: CAP_MAX_BYTES }, (_req, body, done) => done(null, body));
    capScope.withTypeProvider<ZodTypeProvider>().post("/api/warnings/import", {
      schema: { tags, summary: "Import a CAP 1.2 document, or each CAP alert of an EDXL-DE 1.0 envelope (application/cap+xml, at most 1 MB); the same identifier and sender twice is one alert", response: { 200: ImportCapResult, 201: ImportCapResult } },
      config: { permission: "warnings.import" },
    }, async (req, reply) => {
      if (!Buffer.isBuffer(req.body) || req.body.length === 0) throw new AppError(400, "bad_request", "(body): 缺少 CAP 文档");
      const result = await importCapDocument(db, { kind: "upload", actor: actorOf(req) }, req.body, s.capTrustedKeys).catch(capAnswer);
      return reply.status(result.created ? 201 : 200).send(result);
    });
  });

  // Public, no login: the active public warnings as Atom and as a page, and the CAP of each.
  r.get("/public/warnings.atom", { config: { public: true }, schema: { tags, summary: "Atom feed of active public warnings, each linking to its CAP" } }, async (_req, reply) =>
    reply.type("application/atom+xml; charset=utf-8").header("cache-control", "public, max-age=60").send(atomFeed(s, await activePublicWarnings(db))));

  r.get("/public/warnings", { config: { public: true }, schema: { tags, summary: "Public page of active warnings (Chinese, for phones)" } }, async (_req, reply) =>
    reply.type("text/html; charset=utf-8").header("cache-control", "public, max-age=60").send(publicPage(s, await activePublicWarnings(db))));

  r.get("/public/warnings/:id/cap", { config: { public: true }, schema: { tags, summary: "CAP 1.2 of a public warning", params: IdParams } }, async (req, reply) => {
    const w = await publicWarning(db, req.params.id);
    return reply.type(capContentType(w)).send(await capDocument(db, s, w));
  });
}
