/**
 * Early warning (预警发布): warnings received from above (CAP 1.2) and issued or relayed by the
 * district, their release by two people, the fan-out to every target person per channel, and
 * the acknowledgement (已收到) and response feedback (响应措施) of every target unit.
 */
import { z } from "zod";
import { DateTime, Id, Line, MultiLine, Timestamp, Version } from "./common.ts";
import { CAP_SIGNATURE_STATES } from "./cap.ts";

/** Levels (突发事件应对法): red 一级 (highest), orange 二级, yellow 三级, blue 四级. */
export const WARNING_LEVELS = ["red", "orange", "yellow", "blue"] as const;
export const WarningLevel = z.enum(WARNING_LEVELS);
export type WarningLevel = z.infer<typeof WarningLevel>;
export const WARNING_LEVEL_LABELS: Record<WarningLevel, { zh: string; en: string }> = {
  red: { zh: "红色预警（一级）", en: "Red (level 1)" },
  orange: { zh: "橙色预警（二级）", en: "Orange (level 2)" },
  yellow: { zh: "黄色预警（三级）", en: "Yellow (level 3)" },
  blue: { zh: "蓝色预警（四级）", en: "Blue (level 4)" },
};

/**
 * draft: being written; pending_approval: submitted, waiting for a second person; released: in
 * force; updated: in force, changed since its first release; cancelled (解除); expired (past expiresAt).
 */
export const WARNING_STATUSES = ["draft", "pending_approval", "released", "updated", "cancelled", "expired"] as const;
export const WarningStatus = z.enum(WARNING_STATUSES);
export type WarningStatus = z.infer<typeof WarningStatus>;
/** Statuses of a warning in force. */
export const ACTIVE_WARNING_STATUSES = ["released", "updated"] as const satisfies readonly WarningStatus[];

/** received: a CAP alert from above (city, province, weather service); issued: ours (possibly relaying a received one). */
export const WARNING_ORIGINS = ["received", "issued"] as const;
export const WarningOrigin = z.enum(WARNING_ORIGINS);
export type WarningOrigin = z.infer<typeof WarningOrigin>;

/** Delivery channels: in-app inbox + live SSE, SMS through the gateway, e-mail (SMTP), Web Push. */
export const WARNING_CHANNELS = ["inapp", "sms", "email", "webpush"] as const;
export const WarningChannel = z.enum(WARNING_CHANNELS);
export type WarningChannel = z.infer<typeof WarningChannel>;

/** queued: waiting for a worker (or its next retry); sent: handed to the gateway; delivered: receipt; failed: gave up; read: opened in the app. */
export const DELIVERY_STATUSES = ["queued", "sending", "sent", "delivered", "failed", "read"] as const;
export const DeliveryStatus = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** Whom a warning reaches inside the target units: duty officers (值班员), liaison officers (信息联络员), leaders (负责人), team leaders (队长). */
export const TARGET_ROLES = ["duty_officer", "liaison", "leader", "team_leader"] as const;
export const TargetRole = z.enum(TARGET_ROLES);
export type TargetRole = z.infer<typeof TargetRole>;

/** SSE event types of the module (platform/events). */
export const WARNING_EVENTS = ["warning.released", "warning.updated", "warning.cancelled", "warning.acked", "warning.feedback", "warning.escalated"] as const;
export type WarningEventType = (typeof WARNING_EVENTS)[number];

export const WARNING_LIMITS = {
  headline: 200,
  text: 4000,
  areaDescription: 500,
  polygons: 20,
  polygonPoints: 1000,
  circles: 20,
  unitIds: 2000,
  /** Largest CAP document accepted (also CAP_MAX_BYTES of the parser), in bytes. */
  capBytes: 1024 * 1024,
  totp: 6,
} as const;

const LatLon = z.tuple([z.number().min(-90).max(90), z.number().min(-180).max(180)]).describe("[lat, lon], WGS-84");

export const WarningCircle = z.strictObject({
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  radiusKm: z.number().positive().max(1000),
});

/** Where the warning holds: polygons and circles (CAP area) and org units by id. */
export const WarningArea = z.strictObject({
  description: Line(WARNING_LIMITS.areaDescription).describe("area in words (areaDesc), e.g. 武进区南部"),
  polygons: z.array(z.array(LatLon).min(4).max(WARNING_LIMITS.polygonPoints).describe("closed ring: first point == last")).max(WARNING_LIMITS.polygons),
  circles: z.array(WarningCircle).max(WARNING_LIMITS.circles),
  unitIds: z.array(Id).max(WARNING_LIMITS.unitIds).describe("org units the area names (a unit includes its subtree)"),
});
export type WarningArea = z.infer<typeof WarningArea>;

/** Who receives a warning: units (with their subtree), units located inside the area, and roles. */
export const WarningTargetSpec = z.strictObject({
  unitIds: z.array(Id).max(WARNING_LIMITS.unitIds).describe("target units; each includes its whole subtree"),
  inArea: z.boolean().describe("also every unit whose location lies inside the warning's polygons or circles"),
  roles: z.array(TargetRole).max(TARGET_ROLES.length).describe("people of these roles in the target units; empty: everybody"),
  channels: z.array(WarningChannel).min(1).max(WARNING_CHANNELS.length).describe("channels to send through (in-app is always recommended)"),
});
export type WarningTargetSpec = z.infer<typeof WarningTargetSpec>;

const Headline = Line(WARNING_LIMITS.headline).min(1);
const Text = MultiLine(WARNING_LIMITS.text);
const Time = DateTime.describe("ISO 8601 with offset");

const WarningContent = {
  level: WarningLevel,
  incidentTypeId: Id.nullable().describe("incident type (incident-type tree); null when unknown"),
  headline: Headline.describe("headline (标题)"),
  description: Text.min(1).describe("what is expected (预警内容)"),
  instruction: Text.describe("what units must do (防御指南/工作要求)"),
  area: WarningArea,
  effectiveAt: Time.describe("in force from (生效时间)"),
  expiresAt: Time.describe("in force until (失效时间); the warning expires by itself then"),
  public: z.boolean().describe("shown on the public page and Atom feed (公开); false: restricted to officials"),
};

export const CreateWarningInput = z.strictObject({
  ...WarningContent,
  targets: WarningTargetSpec,
  relayOfId: Id.optional().describe("the received warning this one relays (转发); its content pre-fills the draft"),
  exercise: z.boolean().default(false).describe("drill data (演练), kept out of statistics"),
});
export type CreateWarningInput = z.infer<typeof CreateWarningInput>;

/** Edit a draft (before approval), with optimistic locking. */
export const UpdateDraftInput = z.strictObject({ ...WarningContent, targets: WarningTargetSpec }).partial().extend({ version: Version });
export type UpdateDraftInput = z.infer<typeof UpdateDraftInput>;

/** Submit a draft for approval. */
export const SubmitWarningInput = z.strictObject({ version: Version });

/** The second person's release (签发): never the drafter; with REQUIRE_2FA a current TOTP code. */
export const ApproveWarningInput = z.strictObject({
  version: Version,
  totp: z.string().regex(/^\d{6}$/, "动态口令为 6 位数字").optional().describe("current TOTP code, required when REQUIRE_2FA is on"),
});
export type ApproveWarningInput = z.infer<typeof ApproveWarningInput>;

export const RejectWarningInput = z.strictObject({
  version: Version,
  note: MultiLine(WARNING_LIMITS.text).min(1).describe("why it goes back to the drafter (退回意见)"),
});

/** Change a released warning (更新): a new immutable version, sent again to the targets. */
export const ReviseWarningInput = z.strictObject({
  version: Version,
  totp: ApproveWarningInput.shape.totp,
  headline: Headline.optional(),
  description: Text.min(1).optional(),
  instruction: Text.optional(),
  level: WarningLevel.optional(),
  expiresAt: Time.optional().describe("a later time extends the warning (延长)"),
  note: MultiLine(WARNING_LIMITS.text).min(1).describe("what changed and why"),
});
export type ReviseWarningInput = z.infer<typeof ReviseWarningInput>;

/** Cancel (解除) a released warning; the targets are told. */
export const CancelWarningInput = z.strictObject({
  version: Version,
  totp: ApproveWarningInput.shape.totp,
  note: MultiLine(WARNING_LIMITS.text).min(1).describe("why it is lifted (解除原因)"),
});
export type CancelWarningInput = z.infer<typeof CancelWarningInput>;

/** Acknowledge receipt (签收/已收到) for the caller's unit. */
export const AckWarningInput = z.strictObject({
  note: MultiLine(WARNING_LIMITS.text).optional(),
});
export type AckWarningInput = z.infer<typeof AckWarningInput>;

/** Response measures (响应措施) a target unit reports back; several reports may follow one another. */
export const WarningFeedbackInput = z.strictObject({
  measures: MultiLine(WARNING_LIMITS.text).min(1).describe("measures started (已采取措施)"),
  responseLevel: z.enum(["I", "II", "III", "IV", "none"]).describe("emergency response level started (启动响应级别); none: no response started"),
  peopleSent: z.number().int().min(0).max(1_000_000).describe("people sent out (出动人员)"),
  teamsSent: z.number().int().min(0).max(10_000).describe("teams sent out (出动队伍)"),
  watchers: Line(WARNING_LIMITS.headline).min(1).describe("who is watching / on duty (值守人员)"),
});
export type WarningFeedbackInput = z.infer<typeof WarningFeedbackInput>;

export const WarningSummary = z.object({
  id: Id,
  version: Version.describe("optimistic-lock version of the row"),
  revision: z.number().int().describe("number of the current immutable version (1 = first release, 0 = never released)"),
  status: WarningStatus,
  origin: WarningOrigin,
  level: WarningLevel,
  incidentTypeId: Id.nullable(),
  headline: z.string(),
  effectiveAt: Timestamp,
  expiresAt: Timestamp,
  public: z.boolean(),
  exercise: z.boolean(),
  unitId: Id.describe("issuing (or receiving) unit"),
  unitName: z.string(),
  identifier: z.string().nullable().describe("CAP identifier once released or received"),
  sender: z.string().nullable().describe("CAP sender"),
  senderName: z.string().nullable().describe("a received alert's CAP senderName (发布单位), shown instead of the sender code"),
  releasedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type WarningSummary = z.infer<typeof WarningSummary>;

export const WarningVersion = z.object({
  revision: z.number().int(),
  kind: z.enum(["release", "update", "cancel", "expire", "received"]),
  status: WarningStatus,
  level: WarningLevel,
  headline: z.string(),
  description: z.string(),
  instruction: z.string(),
  expiresAt: Timestamp,
  note: z.string().nullable(),
  at: Timestamp,
  byName: z.string().nullable(),
});

export const Warning = WarningSummary.extend({
  description: z.string(),
  instruction: z.string(),
  area: WarningArea,
  targets: WarningTargetSpec,
  relayOfId: Id.nullable().describe("the received warning this one relays"),
  receivedAlertId: Id.nullable().describe("the stored CAP alert behind a received warning"),
  capSignature: z.enum(CAP_SIGNATURE_STATES).nullable()
    .describe("received warnings: the XML signature of the latest CAP document (unsigned, signed = not verified, verified, invalid); null for our own"),
  capSignatureNote: z.string().nullable().describe("why a signature was not verified or is invalid"),
  drafterId: Id.nullable(),
  drafterName: z.string().nullable(),
  approverId: Id.nullable(),
  approverName: z.string().nullable(),
  rejectNote: z.string().nullable().describe("the approver's note when the draft was sent back"),
  versions: z.array(WarningVersion).describe("every release, update, cancel and expiry, oldest first"),
  /** For a viewer in a target unit: whether their unit has acknowledged and when it is due. */
  myUnit: z.object({ unitId: Id, dueAt: Timestamp, ackedAt: Timestamp.nullable(), feedbackAt: Timestamp.nullable() }).nullable(),
});
export type Warning = z.infer<typeof Warning>;

export const WarningListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  status: WarningStatus.optional(),
  origin: WarningOrigin.optional(),
  level: WarningLevel.optional(),
  active: z.enum(["true", "false"]).optional().describe("true: only warnings in force now"),
});
export type WarningListQuery = z.infer<typeof WarningListQuery>;

/** Counts before release (预览): people and units reached per channel. */
export const WarningPreview = z.object({
  units: z.number().int().describe("target units (each must acknowledge)"),
  people: z.number().int().describe("distinct people reached"),
  channels: z.array(z.object({ channel: WarningChannel, people: z.number().int().describe("people with an address on this channel"), units: z.number().int() })),
  towns: z.array(z.object({ unitId: Id, name: z.string(), units: z.number().int(), people: z.number().int() })),
});
export type WarningPreview = z.infer<typeof WarningPreview>;

export const ChannelCoverage = z.object({
  channel: WarningChannel,
  total: z.number().int(),
  queued: z.number().int(),
  sent: z.number().int(),
  delivered: z.number().int(),
  read: z.number().int(),
  failed: z.number().int(),
  reachedRate: z.number().describe("share of rows sent, delivered or read (0..1)"),
});

export const TrackedUnit = z.object({
  unitId: Id,
  name: z.string(),
  kind: z.string(),
  townId: Id.nullable().describe("the town (or the unit itself at town level) it belongs to"),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  dueAt: Timestamp.describe("acknowledgement deadline (by level: red 15 min, orange 30, yellow 60, blue 120; settings)"),
  ackedAt: Timestamp.nullable(),
  feedbackAt: Timestamp.nullable(),
  overdue: z.boolean().describe("not acknowledged and past due: red on the tracking page"),
  escalatedAt: Timestamp.nullable(),
  dutyPhone: z.string().nullable(),
});
export type TrackedUnit = z.infer<typeof TrackedUnit>;

export const WarningTracking = z.object({
  warningId: Id,
  revision: z.number().int(),
  channels: z.array(ChannelCoverage),
  totals: z.object({ units: z.number().int(), acked: z.number().int(), feedback: z.number().int(), overdue: z.number().int(), ackRate: z.number(), feedbackRate: z.number() }),
  towns: z.array(z.object({ unitId: Id.nullable(), name: z.string(), units: z.number().int(), acked: z.number().int(), feedback: z.number().int(), overdue: z.number().int(), ackRate: z.number(), feedbackRate: z.number() })),
  units: z.array(TrackedUnit),
});
export type WarningTracking = z.infer<typeof WarningTracking>;

export const WarningAck = z.object({ warningId: Id, unitId: Id, unitName: z.string(), at: Timestamp, byName: z.string(), note: z.string().nullable(), late: z.boolean() });
export type WarningAck = z.infer<typeof WarningAck>;

export const WarningFeedback = WarningFeedbackInput.extend({ id: Id, warningId: Id, unitId: Id, unitName: z.string(), at: Timestamp, byName: z.string() });
export type WarningFeedback = z.infer<typeof WarningFeedback>;

/** One entry of a person's inbox (收件箱). */
export const InboxItem = z.object({
  warningId: Id,
  headline: z.string(),
  level: WarningLevel,
  status: WarningStatus,
  releasedAt: Timestamp.nullable(),
  readAt: Timestamp.nullable(),
  unitAcked: z.boolean().describe("the caller's unit has acknowledged"),
});

/** A phone call the district duty officer must make to a unit that has not acknowledged (催办). */
export const CallTask = z.object({
  id: Id,
  warningId: Id,
  headline: z.string(),
  level: WarningLevel,
  unitId: Id,
  unitName: z.string(),
  dueAt: Timestamp,
  createdAt: Timestamp,
  phones: z.array(z.object({ name: z.string(), title: z.string().nullable(), phone: z.string() })).describe("duty line and mobiles of the unit's leader, duty officer and liaison"),
  doneAt: Timestamp.nullable(),
  doneNote: z.string().nullable(),
});
export type CallTask = z.infer<typeof CallTask>;

export const CallTaskQuery = z.strictObject({ open: z.enum(["true", "false"]).optional() });
export const CloseCallTaskInput = z.strictObject({ note: MultiLine(WARNING_LIMITS.text).min(1).describe("result of the call") });

export const DeliveryQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  channel: WarningChannel.optional(),
  status: DeliveryStatus.optional(),
});
export const Delivery = z.object({
  id: z.string().regex(/^\d+$/).describe("number of the delivery row (a sequence, not a uuid)"),
  personName: z.string(),
  unitName: z.string(),
  channel: WarningChannel,
  status: DeliveryStatus,
  address: z.string().nullable().describe("masked phone or e-mail"),
  attempts: z.number().int(),
  queuedAt: Timestamp,
  sentAt: Timestamp.nullable(),
  deliveredAt: Timestamp.nullable(),
  failedAt: Timestamp.nullable(),
  readAt: Timestamp.nullable(),
  lastError: z.string().nullable(),
});

/** A browser's Web Push subscription (PushSubscription.toJSON()). */
export const PushSubscriptionInput = z.strictObject({
  endpoint: z.url().max(2000),
  keys: z.strictObject({ p256dh: Line(200).min(1), auth: Line(100).min(1) }),
});
export const PushConfig = z.object({ enabled: z.boolean(), publicKey: z.string().nullable().describe("VAPID public key for PushManager.subscribe") });

/** One alert of an imported document (a CAP document is one alert; an EDXL-DE envelope may carry several). */
export const ImportCapAlertResult = z.object({
  path: z.string().describe('"" for a document that is an alert; "contentObject[i].alert[j]" in an EDXL-DE envelope'),
  identifier: z.string().nullable(),
  sender: z.string().nullable(),
  warningId: Id.nullable().describe("null when this alert was refused (see error)"),
  created: z.boolean(),
  signature: z.enum(CAP_SIGNATURE_STATES),
  error: z.object({ code: z.string(), path: z.string(), message: z.string() }).nullable(),
});
export type ImportCapAlertResult = z.infer<typeof ImportCapAlertResult>;
export const ImportCapResult = z.object({
  warningId: Id.describe("the warning of the first alert imported"),
  created: z.boolean().describe("false: the same identifier and sender was already stored (or the Update/Cancel was already applied); for an envelope, true when any alert was new"),
  alerts: z.array(ImportCapAlertResult).describe("each alert of the document, in order, with its result"),
});
export type ImportCapResult = z.infer<typeof ImportCapResult>;
