import { z } from "zod";
import { DateOnly, DateTime, Id, Line, MultiLine, pageOf, Phone, Timestamp, Version } from "./common.ts";

/** The four categories of the national overall plan (国家突发公共事件总体应急预案). */
export const INCIDENT_CATEGORIES = ["natural", "accident", "health", "social"] as const;

export const IncidentType = z.object({
  id: Id,
  code: z.string().describe("classification code; the demo table follows GB/T 35561 in shape (unconfirmed), replaceable as data"),
  name: z.string(),
  nameEn: z.string(),
  parentId: Id.nullable(),
  category: z.enum(INCIDENT_CATEGORIES),
  sort: z.number().int(),
  casualtySupplementDays: z.number().int().nullable().describe("casualty supplement window in days, when not the rule's default (7 for road traffic and fire)"),
});
export type IncidentType = z.infer<typeof IncidentType>;

/** Levels (突发事件应对法): I 特别重大, II 重大, III 较大, IV 一般. */
export const INCIDENT_LEVELS = ["I", "II", "III", "IV"] as const;
export const IncidentLevel = z.enum(INCIDENT_LEVELS);
export type IncidentLevel = z.infer<typeof IncidentLevel>;

/** open: the response runs; response_ended: the final report is due; closed: the final report is in. */
export const INCIDENT_STATUSES = ["open", "response_ended", "closed"] as const;
export const IncidentStatus = z.enum(INCIDENT_STATUSES);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const REPORT_KINDS = ["initial", "followup", "final"] as const;
export const ReportKind = z.enum(REPORT_KINDS);
export type ReportKind = z.infer<typeof ReportKind>;

/**
 * Flags the platform raises: late (迟报), overdue (a due report missing: raised by the deadline
 * worker once per missed deadline), not_reported_by_unit (the district learned of it first:
 * 漏报/瞒报 review), level_understated, casualty_late (casualties changed in a report made after
 * the supplement window: 493号 Art. 13, 30 days, 7 for road traffic and fire).
 */
export const INCIDENT_FLAGS = ["late", "overdue", "not_reported_by_unit", "level_understated", "casualty_late"] as const;
export const IncidentFlagKind = z.enum(INCIDENT_FLAGS);
export type IncidentFlagKind = z.infer<typeof IncidentFlagKind>;

export const INCIDENT_LIMITS = {
  title: 100,
  text: 4000,
  /** Direct loss in RMB yuan; ten thousand times the level-I threshold is plenty. */
  directLossMax: 1_000_000_000_000,
  people: 1_000_000,
  idempotencyKey: 100,
} as const;

const Count = z.number().int().min(0).max(INCIDENT_LIMITS.people);

/** Casualties and losses, as known when a report is written. */
export const IncidentFigures = z.strictObject({
  dead: Count.describe("deaths (死亡)"),
  missing: Count.describe("missing (失踪)"),
  injured: Count.describe("injured, all (受伤)"),
  seriouslyInjured: Count.describe("seriously injured incl. acute poisoning (重伤); counts toward the level"),
  trapped: Count.describe("trapped (被困)"),
  directLoss: z.number().int().min(0).max(INCIDENT_LIMITS.directLossMax).describe("direct economic loss in RMB yuan (直接经济损失)"),
});
export type IncidentFigures = z.infer<typeof IncidentFigures>;

const Text = MultiLine(INCIDENT_LIMITS.text);
const PastTime = DateTime.describe("ISO 8601 with offset; not in the future");

/** The text of a report: what rules.md lists for initial, follow-up and final reports. */
const ReportContent = {
  figures: IncidentFigures,
  body: Text.min(1).describe("the report text: what happened, extent, progress (正文)"),
  cause: Text.optional().describe("cause, if known (原因)"),
  measures: Text.optional().describe("measures taken (已采取措施)"),
  trend: Text.optional().describe("trend (发展趋势)"),
  reporterName: Line(50).min(1).describe("who reports (报告人)"),
  reporterPhone: Phone.optional().describe("reporter's contact (联系电话)"),
};

/**
 * Where the place of an incident came from: the phone's GPS, a point picked on a map, typed
 * coordinates, or a chosen place (a village or community: its coordinates, or its nearest unit
 * above's). `map` and `place` are approximate (约略位置).
 */
export const LOCATION_SOURCES = ["gps", "map", "manual", "place"] as const;
export const LocationSource = z.enum(LOCATION_SOURCES);
export type LocationSource = z.infer<typeof LocationSource>;
export const APPROXIMATE_SOURCES: readonly LocationSource[] = ["map", "place"];

export const CreateIncidentInput = z.strictObject({
  title: Line(INCIDENT_LIMITS.title).min(1),
  typeId: Id.describe("incident type (incident-type tree)"),
  unitId: Id.describe("responsible unit (属地/责任单位); in the caller's subtree"),
  lat: z.number().min(-90).max(90).optional().describe("WGS-84 latitude; with lon, or neither (then the place's coordinates)"),
  lon: z.number().min(-180).max(180).optional().describe("WGS-84 longitude; with lat, or neither"),
  locationSource: LocationSource.optional().describe("where lat/lon came from; default gps with coordinates, place without"),
  placeUnitId: Id.optional().describe("the village or community where it happened (in the caller's subtree); default the responsible unit. Without coordinates, its own or its nearest unit above's are used"),
  address: Line(200).optional().describe("address or landmark (地址/地标); default the place's name"),
  occurredAt: PastTime.describe("time of occurrence (发生时间)"),
  learnedAt: PastTime.describe("time the unit learned of it (获知时间); the deadlines' clock starts here"),
  level: IncidentLevel.describe("level confirmed by the user (the platform suggests one from the figures)"),
  sensitive: z.boolean().default(false).describe("sensitive or public-opinion event (敏感/舆情)"),
  exercise: z.boolean().default(false).describe("drill data, kept out of statistics (演练)"),
  phoneReportedAt: PastTime.optional().describe("when the phone report was made (电话报告), for levels I–II"),
  ...ReportContent,
}).superRefine((v, ctx) => {
  // Coordinates come in pairs: half a point is a typing slip, not a place.
  if ((v.lat === undefined) !== (v.lon === undefined)) {
    ctx.addIssue({ code: "custom", path: [v.lat === undefined ? "lat" : "lon"], message: "经纬度须同时填写" });
  }
  if (v.lat === undefined && v.locationSource && v.locationSource !== "place") {
    ctx.addIssue({ code: "custom", path: ["lat"], message: "没有坐标时，位置来源只能是 place" });
  }
});
export type CreateIncidentInput = z.infer<typeof CreateIncidentInput>;

export const CreateReportInput = z.strictObject({
  kind: z.enum(["followup", "final"]),
  ...ReportContent,
  level: IncidentLevel.optional().describe("the level as now confirmed, when it changes"),
  correctsId: Id.optional().describe("the report this one corrects (更正); reports are never edited"),
  responseEnded: z.boolean().optional().describe("the response has ended (应急响应结束); the final report falls due"),
});
export type CreateReportInput = z.infer<typeof CreateReportInput>;

export const ForwardReportInput = z.strictObject({
  note: MultiLine(INCIDENT_LIMITS.text).optional().describe("review note of the forwarding unit (审核意见)"),
});

export const CreateInstructionInput = z.strictObject({
  text: MultiLine(INCIDENT_LIMITS.text).min(1).describe("the leader's instruction (批示)"),
});

/** Reports are immutable: any change attempt answers 409; the body is only validated. */
export const ReportChangeAttempt = z.strictObject({ version: Version.optional() }).nullish();

export const ReportParams = z.strictObject({ id: Id, reportId: Id });

export const UploadedFile = z.object({ id: Id, name: z.string(), size: z.number().int(), contentType: z.string(), uploadedAt: Timestamp });

export const ReportForward = z.object({
  fromUnitId: Id,
  fromUnitName: z.string(),
  toUnitId: Id,
  toUnitName: z.string(),
  forwardedAt: Timestamp,
  forwardedBy: z.string().describe("display name of who forwarded"),
  note: z.string().nullable(),
  late: z.boolean().describe("forwarded after the forwarding deadline"),
});

export const IncidentReport = z.object({
  id: Id,
  incidentId: Id,
  kind: ReportKind,
  number: z.number().int().describe("0 for the initial report, 1.. for follow-ups, the next number for the final"),
  correctsId: Id.nullable(),
  figures: IncidentFigures,
  level: IncidentLevel.nullable().describe("level confirmed with this report"),
  suggestedLevel: IncidentLevel.describe("level the figures suggest"),
  body: z.string(),
  cause: z.string().nullable(),
  measures: z.string().nullable(),
  trend: z.string().nullable(),
  reporterName: z.string(),
  reporterPhone: z.string().nullable(),
  unitId: Id.describe("the reporting unit"),
  unitName: z.string(),
  submittedAt: Timestamp,
  submittedBy: z.string(),
  dueAt: Timestamp.nullable().describe("the deadline this report answered"),
  late: z.boolean(),
  responseEnded: z.boolean(),
  toUnitId: Id.nullable().describe("the unit the report went to first (the reporting unit's parent)"),
  atUnitId: Id.nullable().describe("where the report is now (after forwarding)"),
  forwards: z.array(ReportForward),
  attachments: z.array(UploadedFile),
});
export type IncidentReport = z.infer<typeof IncidentReport>;

export const Instruction = z.object({
  id: Id,
  text: z.string(),
  byName: z.string(),
  byUnitName: z.string(),
  at: Timestamp,
});

export const IncidentFlag = z.object({
  kind: IncidentFlagKind,
  reportId: Id.nullable(),
  raisedAt: Timestamp,
  detail: z.string(),
});

export const DEADLINE_KINDS = ["initial_phone", "initial", "forward", "followup", "final"] as const;
export const Deadline = z.object({
  kind: z.enum(DEADLINE_KINDS),
  number: z.number().int().nullable().describe("follow-up number, or null"),
  reportId: Id.nullable().describe("for forward: the report to pass up"),
  dueAt: Timestamp,
  metAt: Timestamp.nullable(),
  status: z.enum(["met", "late", "pending", "overdue"]).describe("pending: not yet due; overdue: due and missing"),
});
export type Deadline = z.infer<typeof Deadline>;

export const IncidentSummary = z.object({
  id: Id,
  title: z.string(),
  typeId: Id,
  typeName: z.string(),
  unitId: Id,
  unitName: z.string(),
  level: IncidentLevel,
  status: IncidentStatus,
  sensitive: z.boolean(),
  exercise: z.boolean(),
  occurredAt: Timestamp,
  learnedAt: Timestamp,
  address: z.string(),
  lat: z.number(),
  lon: z.number(),
  locationSource: LocationSource,
  approximate: z.boolean().describe("the point is approximate (约略位置): picked on a map or taken from a place"),
  placeUnitId: Id.nullable().describe("the chosen village or community, when the place was chosen"),
  figures: IncidentFigures.describe("the latest reported figures"),
  flags: z.array(IncidentFlagKind),
  nextDeadline: Deadline.nullable().describe("the earliest deadline not yet met at the time of reading (overdue ones come first, being earlier): the duty board counts it down"),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  version: Version,
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

/** A page of the list; the count stops at 2,000 (totalCapped: there are at least that many). */
export const IncidentPage = pageOf(IncidentSummary).extend({
  totalCapped: z.boolean().describe("true when more match than `total` (the count stops at 2,000)"),
});
export type IncidentPage = z.infer<typeof IncidentPage>;

export const Incident = IncidentSummary.extend({
  suggestedLevel: IncidentLevel,
  casualtyWindowEndsAt: Timestamp.describe("casualty changes are supplemented until then (伤亡补报期); a change reported later is flagged casualty_late"),
  responseEndedAt: Timestamp.nullable(),
  reports: z.array(IncidentReport),
  instructions: z.array(Instruction),
  flagDetails: z.array(IncidentFlag),
  deadlines: z.array(Deadline).describe("every deadline of the chain, met or not"),
});
export type Incident = z.infer<typeof Incident>;

const Bool = z.enum(["true", "false"]).transform((v) => v === "true");

export const IncidentListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  unitId: Id.optional().describe("a town or any unit: incidents of its subtree"),
  typeId: Id.optional(),
  level: IncidentLevel.optional(),
  status: IncidentStatus.optional(),
  flag: IncidentFlagKind.optional(),
  exercise: Bool.optional(),
  from: DateOnly.optional().describe("occurred on or after this day (Asia/Shanghai)"),
  to: DateOnly.optional().describe("occurred on or before this day (Asia/Shanghai)"),
});
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

export const IncidentStatsQuery = z.strictObject({
  /** Absent: the current year in Asia/Shanghai (a missing year used to answer 400 "NaN"). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  month: z.coerce.number().int().min(1).max(12).optional(),
});

export const IncidentFlagCount = z.object({ unitId: Id, unitName: z.string(), kind: IncidentFlagKind, count: z.number().int() });

export const IncidentStats = z.object({
  onTime: z.array(z.object({ unitId: Id, unitName: z.string(), month: z.string().describe("YYYY-MM"), reports: z.number().int(), onTime: z.number().int(), rate: z.number() })),
  byType: z.array(z.object({ typeId: Id, typeName: z.string(), count: z.number().int() })),
  byLevel: z.array(z.object({ level: IncidentLevel, count: z.number().int() })),
  byTown: z.array(z.object({ unitId: Id, unitName: z.string(), count: z.number().int() })),
  avgMinutesToInitialReport: z.number().nullable().describe("average minutes from 获知时间 to the initial report"),
  flags: z.array(IncidentFlagCount).describe("flags raised in the period, per unit held to account (overdue counted once per missed deadline, when the deadline worker saw it)"),
});
export type IncidentStats = z.infer<typeof IncidentStats>;

export const DailySummaryQuery = z.strictObject({ date: DateOnly.describe("the day (Asia/Shanghai)") });

/**
 * Keys of the reporting-deadline rules (rules.md), each a number of minutes an administrator
 * may change: initial report by level (written, phone for I–II, sensitive events), forwarding
 * one level up, follow-up interval by level while the response runs, final report after it ends.
 */
export const REPORT_RULE_KEYS = [
  "initial_phone.I", "initial_phone.II", "initial.I", "initial.II", "initial.III", "initial.IV", "initial.sensitive",
  "forward", "followup.I", "followup.II", "followup.III", "followup.IV", "final", "casualty_supplement",
] as const;
export const ReportRuleKey = z.enum(REPORT_RULE_KEYS);
export type ReportRuleKey = z.infer<typeof ReportRuleKey>;

export const ReportRule = z.object({
  key: ReportRuleKey,
  minutes: z.number().int().describe("minutes from the clock's start (获知时间, arrival, previous report or end of response)"),
  description: z.string(),
  updatedAt: Timestamp,
});
export type ReportRule = z.infer<typeof ReportRule>;

export const UpdateReportRulesInput = z.strictObject({
  minutes: z.partialRecord(ReportRuleKey, z.number().int().min(1).max(60 * 24 * 60)).describe("new minutes per rule key; keys left out keep their value"),
});
export type UpdateReportRulesInput = z.infer<typeof UpdateReportRulesInput>;


/**
 * Level thresholds (rules.md "Incident classification and levels") as data: a level is suggested
 * when any of its figures is reached ("以上" includes the number); below level III is IV.
 */
export const THRESHOLD_LEVELS = ["I", "II", "III"] as const;
export const LevelRule = z.object({
  level: z.enum(THRESHOLD_LEVELS),
  dead: z.number().int().describe("deaths from which this level applies"),
  seriouslyInjured: z.number().int().describe("serious injuries (incl. acute poisoning) from which this level applies"),
  directLoss: z.number().int().describe("direct loss in RMB yuan from which this level applies"),
  updatedAt: Timestamp,
});
export type LevelRule = z.infer<typeof LevelRule>;

export const UpdateLevelRulesInput = z.strictObject({
  rules: z.array(z.strictObject({
    level: z.enum(THRESHOLD_LEVELS),
    dead: z.number().int().min(1).max(INCIDENT_LIMITS.people),
    seriouslyInjured: z.number().int().min(1).max(INCIDENT_LIMITS.people),
    directLoss: z.number().int().min(1).max(INCIDENT_LIMITS.directLossMax),
  })).min(1).max(3).describe("new thresholds per level; levels left out keep theirs; I > II > III on every figure"),
});
export type UpdateLevelRulesInput = z.infer<typeof UpdateLevelRulesInput>;

export const LevelSuggestionQuery = z.strictObject({
  dead: z.coerce.number().int().min(0).max(INCIDENT_LIMITS.people).default(0),
  seriouslyInjured: z.coerce.number().int().min(0).max(INCIDENT_LIMITS.people).default(0),
  directLoss: z.coerce.number().int().min(0).max(INCIDENT_LIMITS.directLossMax).default(0),
});
export const LevelSuggestion = z.object({
  level: IncidentLevel,
  reasons: z.array(z.string()).describe("which figure reached which threshold, in words (empty for IV)"),
});
export type LevelSuggestion = z.infer<typeof LevelSuggestion>;
