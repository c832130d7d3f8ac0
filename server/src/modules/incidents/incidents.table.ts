/**
 * Incidents and their report chain (信息报送). Reports, forwards, instructions and
 * attachments are evidence: append-only (a trigger refuses UPDATE and DELETE, migration
 * incident_reports_append_only); a correction is a new report pointing to the one it corrects.
 */
import { sql } from "drizzle-orm";
import { bigint, boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ltree, standardColumns, tz } from "../../db/columns.ts";

/** Figures (casualties and loss) as columns, shared by an incident (latest known) and each report. */
const figureColumns = () => ({
  dead: integer("dead").notNull().default(0),
  missing: integer("missing").notNull().default(0),
  injured: integer("injured").notNull().default(0),
  seriouslyInjured: integer("seriously_injured").notNull().default(0),
  trapped: integer("trapped").notNull().default(0),
  directLoss: bigint("direct_loss", { mode: "number" }).notNull().default(0),
});

export const incidents = pgTable(
  "incidents",
  {
    ...standardColumns(),
    title: text("title").notNull(),
    typeId: uuid("type_id").notNull(),
    lat: doublePrecision("lat").notNull(),
    lon: doublePrecision("lon").notNull(),
    address: text("address").notNull(),
    /** Where lat/lon came from (LOCATION_SOURCES): map and place are approximate. */
    locationSource: text("location_source").notNull().default("gps"),
    /** The chosen village or community, when the reporter chose a place instead of a point. */
    placeUnitId: uuid("place_unit_id"),
    occurredAt: tz("occurred_at").notNull(),
    learnedAt: tz("learned_at").notNull(),
    ...figureColumns(),
    /** Level confirmed by the user; the suggested one is recomputed from the figures. */
    level: text("level").notNull(),
    /** Level confirmed with the initial report: level_understated compares against it. */
    initialLevel: text("initial_level").notNull(),
    status: text("status").notNull().default("open"),
    responseEndedAt: tz("response_ended_at"),
    sensitive: boolean("sensitive").notNull().default(false),
    exercise: boolean("exercise").notNull().default(false),
    /** Responsible unit (属地/责任单位) and its path: the data scope of the incident. */
    unitId: uuid("unit_id").notNull(),
    unitPath: ltree("unit_path").notNull(),
    /** The unit of whoever recorded the incident: a unit above the responsible one means "not reported by the unit". */
    recordedByUnitId: uuid("recorded_by_unit_id").notNull(),
    phoneReportedAt: tz("phone_reported_at"),
    /** When the initial report arrived (its submitted_at), kept here so statistics read one table. */
    initialReportedAt: tz("initial_reported_at"),
  },
  (t) => [
    index("incidents_unit_path_gist").using("gist", t.unitPath),
    index("incidents_occurred_idx").on(t.occurredAt),
    index("incidents_learned_idx").on(t.learnedAt),
    /** The deadline worker's candidates: incidents whose chain still owes something. */
    index("incidents_not_closed_idx").on(t.learnedAt).where(sql`status <> 'closed'`),
  ],
);

export const incidentReports = pgTable(
  "incident_reports",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    incidentId: uuid("incident_id").notNull().references(() => incidents.id),
    kind: text("kind").notNull(),
    /** 0 for the initial report, then 1, 2, … in order of submission. */
    number: integer("number").notNull(),
    correctsId: uuid("corrects_id"),
    ...figureColumns(),
    level: text("level"),
    suggestedLevel: text("suggested_level").notNull(),
    body: text("body").notNull(),
    cause: text("cause"),
    measures: text("measures"),
    trend: text("trend"),
    reporterName: text("reporter_name").notNull(),
    reporterPhone: text("reporter_phone"),
    /** The reporting unit (the submitter's) and the unit it went to first (its parent; null at the top). */
    unitId: uuid("unit_id").notNull(),
    unitPath: ltree("unit_path").notNull(),
    toUnitId: uuid("to_unit_id"),
    submittedAt: tz("submitted_at").notNull().defaultNow(),
    submittedBy: uuid("submitted_by").notNull(),
    /** The deadline this report answered, fixed at submission, so statistics need no recomputation. */
    dueAt: tz("due_at"),
    late: boolean("late").notNull().default(false),
    responseEnded: boolean("response_ended").notNull().default(false),
    exercise: boolean("exercise").notNull().default(false),
  },
  (t) => [
    uniqueIndex("incident_reports_number_uq").on(t.incidentId, t.number),
    /** Exactly one initial and at most one final report per incident. */
    uniqueIndex("incident_reports_one_initial_uq").on(t.incidentId).where(sql`kind = 'initial'`),
    uniqueIndex("incident_reports_one_final_uq").on(t.incidentId).where(sql`kind = 'final'`),
    index("incident_reports_unit_submitted_idx").on(t.unitId, t.submittedAt),
    index("incident_reports_submitted_idx").on(t.submittedAt),
  ],
);

/** One step up the tree: the holding unit reviewed the report and passed it to its parent. */
export const incidentReportForwards = pgTable(
  "incident_report_forwards",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    reportId: uuid("report_id").notNull().references(() => incidentReports.id),
    fromUnitId: uuid("from_unit_id").notNull(),
    toUnitId: uuid("to_unit_id").notNull(),
    forwardedAt: tz("forwarded_at").notNull().defaultNow(),
    forwardedBy: uuid("forwarded_by").notNull(),
    note: text("note"),
    dueAt: tz("due_at").notNull(),
    late: boolean("late").notNull().default(false),
  },
  (t) => [uniqueIndex("incident_report_forwards_step_uq").on(t.reportId, t.fromUnitId)],
);

export const incidentReportAttachments = pgTable(
  "incident_report_attachments",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    reportId: uuid("report_id").notNull().references(() => incidentReports.id),
    fileId: uuid("file_id").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    createdBy: uuid("created_by").notNull(),
  },
  (t) => [index("incident_report_attachments_report_idx").on(t.reportId)],
);

/** A leader's instruction (批示); it goes back down to the reporting units. */
export const incidentInstructions = pgTable(
  "incident_instructions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    incidentId: uuid("incident_id").notNull().references(() => incidents.id),
    text: text("text").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    createdBy: uuid("created_by").notNull(),
    byName: text("by_name").notNull(),
    byUnitId: uuid("by_unit_id").notNull(),
  },
  (t) => [index("incident_instructions_incident_idx").on(t.incidentId)],
);

/**
 * Flags raised by the platform: by a write that reveals them, or by the deadline worker for
 * a missed deadline (overdue, once per `deadline_key`; read time also shows overdue at once).
 */
export const incidentFlags = pgTable(
  "incident_flags",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    incidentId: uuid("incident_id").notNull().references(() => incidents.id),
    kind: text("kind").notNull(),
    reportId: uuid("report_id"),
    /** The unit held to account: the reporting or forwarding unit, or the responsible one. */
    unitId: uuid("unit_id").notNull(),
    raisedAt: tz("raised_at").notNull().defaultNow(),
    detail: text("detail").notNull(),
    /** For overdue: which deadline (kind:number:report), so that each is flagged exactly once. */
    deadlineKey: text("deadline_key"),
  },
  (t) => [
    index("incident_flags_incident_idx").on(t.incidentId),
    index("incident_flags_kind_idx").on(t.kind, t.unitId),
    uniqueIndex("incident_flags_deadline_uq").on(t.incidentId, t.kind, t.deadlineKey).where(sql`deadline_key is not null`),
  ],
);

/**
 * Reporting deadlines (rules.md "Information reporting deadlines") as data: one row per rule,
 * seeded with the defaults; an administrator changes the minutes, the engine reads them.
 */
export const incidentReportRules = pgTable("incident_report_rules", {
  key: text("key").primaryKey(),
  minutes: integer("minutes").notNull(),
  description: text("description").notNull(),
  updatedAt: tz("updated_at").notNull().defaultNow(),
  updatedBy: uuid("updated_by"),
});

/**
 * On-time counts per reporting unit of a month that has ended (Asia/Shanghai). Reports and
 * forwarding steps are append-only and stamped with the time they were made, so a past month's
 * counts never change: computed once, on the first statistics read that needs them, then read.
 */
export const incidentOntimeMonths = pgTable(
  "incident_ontime_months",
  {
    month: text("month").notNull(),
    unitId: uuid("unit_id").notNull(),
    reports: integer("reports").notNull(),
    onTime: integer("on_time").notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.unitId] })],
);

/** The months whose counts are in `incident_ontime_months` (a month with no report has no row there). */
export const incidentOntimeMonthsDone = pgTable("incident_ontime_months_done", {
  month: text("month").primaryKey(),
  computedAt: tz("computed_at").notNull().defaultNow(),
});

/** Level thresholds (rules.md) as data: one row per level I–III, seeded with 493号's figures. */
export const incidentLevelRules = pgTable("incident_level_rules", {
  level: text("level").primaryKey(),
  dead: integer("dead").notNull(),
  seriouslyInjured: integer("seriously_injured").notNull(),
  directLoss: bigint("direct_loss", { mode: "number" }).notNull(),
  updatedAt: tz("updated_at").notNull().defaultNow(),
  updatedBy: uuid("updated_by"),
});

/** Idempotency keys of the field app: a repeat of the same key by the same user answers the first result. */
export const incidentIdempotency = pgTable(
  "incident_idempotency",
  {
    userId: uuid("user_id").notNull(),
    key: text("key").notNull(),
    route: text("route").notNull(),
    status: integer("status").notNull(),
    response: jsonb("response").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("incident_idempotency_uq").on(t.userId, t.key)],
);

