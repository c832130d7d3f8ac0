import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { standardColumns, tz } from "../../db/columns.ts";

/** Key periods (重点时段) with their staffing rule; a period applies to its unit's whole subtree. */
export const dutyKeyPeriods = pgTable(
  "duty_key_periods",
  {
    ...standardColumns(),
    orgUnitId: uuid("org_unit_id").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    startsAt: tz("starts_at").notNull(),
    endsAt: tz("ends_at").notNull(),
    minOfficers: integer("min_officers").notNull(),
    leaderRequired: boolean("leader_required").notNull(),
  },
  (t) => [index("duty_key_periods_time_idx").on(t.endsAt, t.startsAt)],
);

/** 24-hour shifts of a unit's duty room: duty officers and the leader on duty (带班领导). */
export const dutyShifts = pgTable(
  "duty_shifts",
  {
    ...standardColumns(),
    orgUnitId: uuid("org_unit_id").notNull(),
    startsAt: tz("starts_at").notNull(),
    endsAt: tz("ends_at").notNull(),
    officerIds: uuid("officer_ids").array().notNull().default(sql`'{}'::uuid[]`),
    leaderId: uuid("leader_id"),
    exercise: boolean("exercise").notNull().default(false),
  },
  (t) => [uniqueIndex("duty_shifts_unit_start_uq").on(t.orgUnitId, t.startsAt, t.exercise), index("duty_shifts_time_idx").on(t.startsAt, t.endsAt)],
);

/** Swap requests (换班) with their decision. */
export const dutySwaps = pgTable(
  "duty_swaps",
  {
    ...standardColumns(),
    shiftId: uuid("shift_id").notNull(),
    orgUnitId: uuid("org_unit_id").notNull(),
    fromPersonId: uuid("from_person_id").notNull(),
    toPersonId: uuid("to_person_id").notNull(),
    reason: text("reason"),
    status: text("status").notNull().default("pending"),
    decidedAt: tz("decided_at"),
    decidedBy: uuid("decided_by"),
    decisionNote: text("decision_note"),
  },
  (t) => [index("duty_swaps_shift_idx").on(t.shiftId), index("duty_swaps_unit_idx").on(t.orgUnitId, t.status)],
);

/** The duty log (值班日志): append-only; a correction is a new row pointing to the one it corrects. */
export const dutyLogs = pgTable(
  "duty_logs",
  {
    ...standardColumns(),
    shiftId: uuid("shift_id").notNull(),
    orgUnitId: uuid("org_unit_id").notNull(),
    kind: text("kind").notNull(),
    at: tz("at").notNull(),
    content: text("content").notNull(),
    correctsId: uuid("corrects_id"),
    authorName: text("author_name"),
    exercise: boolean("exercise").notNull().default(false),
  },
  (t) => [index("duty_logs_shift_idx").on(t.shiftId, t.at), index("duty_logs_unit_idx").on(t.orgUnitId, t.at)],
);

/** Spot checks of duty rooms (抽查); passed and faults are computed by duty.rules.ts. */
export const dutySpotChecks = pgTable(
  "duty_spot_checks",
  {
    ...standardColumns(),
    orgUnitId: uuid("org_unit_id").notNull(),
    method: text("method").notNull(),
    at: tz("at").notNull(),
    answered: boolean("answered").notNull(),
    answerSeconds: integer("answer_seconds"),
    officerPresent: boolean("officer_present").notNull(),
    leaderPresent: boolean("leader_present").notNull(),
    logComplete: boolean("log_complete").notNull(),
    note: text("note"),
    passed: boolean("passed").notNull(),
    faults: text("faults").array().notNull().default(sql`'{}'::text[]`),
    exercise: boolean("exercise").notNull().default(false),
  },
  (t) => [index("duty_spot_checks_unit_idx").on(t.orgUnitId, t.at), index("duty_spot_checks_at_idx").on(t.at)],
);

/** Each draw of units to check, so the next draw can leave out the units of the last one. */
export const dutySpotCheckDraws = pgTable(
  "duty_spot_check_draws",
  {
    ...standardColumns(),
    /** The drawing user's unit: draws are remembered per scope. */
    orgUnitId: uuid("org_unit_id").notNull(),
    unitIds: uuid("unit_ids").array().notNull(),
  },
  (t) => [index("duty_spot_check_draws_unit_idx").on(t.orgUnitId, t.createdAt)],
);
