/** Duty (值班值守, work-plan point 4): rosters, key periods, swaps, the duty log and spot checks. */
import { z } from "zod";
import { DateTime, Id, LIMITS, Line, Month, MultiLine, PageQuery, StandardColumns, Timestamp, Version } from "./common.ts";

/** Limits and defaults of the duty module, one definition each. */
export const DUTY_LIMITS = {
  /** Every shift is a 24-hour shift (24小时值班). */
  shiftHours: 24,
  /** Officers on one shift. */
  officersMax: 10,
  /** People one rotation may cycle through. */
  rotationPeopleMax: 100,
  /** Units one spot-check draw may return. */
  drawMax: 50,
  /** Shifts one calendar query may return; a wider query is refused (narrow the range or pick a unit). */
  shiftsPerQuery: 5000,
  /** Longest wait for the duty phone a check records, in seconds. */
  answerSecondsMax: 600,
} as const;

/** Where a time comes without a date: "08:00" (Asia/Shanghai). */
const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "时间格式应为 HH:MM").describe("local time Asia/Shanghai, HH:MM");
const DateTimeInput = DateTime;

// ---------------------------------------------------------------- key periods

/** Key periods (重点时段): holidays (节假日), sensitive periods (敏感时期), major events (重大活动). */
export const KEY_PERIOD_KINDS = ["holiday", "sensitive", "major_event"] as const;
export const KeyPeriodKind = z.enum(KEY_PERIOD_KINDS);
export const KEY_PERIOD_KIND_LABELS: Record<(typeof KEY_PERIOD_KINDS)[number], { zh: string; en: string }> = {
  holiday: { zh: "节假日", en: "Holiday" },
  sensitive: { zh: "敏感时期", en: "Sensitive period" },
  major_event: { zh: "重大活动", en: "Major event" },
};

export const KeyPeriod = z.object({
  id: Id,
  unitId: Id.describe("the unit that declared it; the period applies to its whole subtree"),
  name: z.string(),
  kind: KeyPeriodKind,
  startsAt: Timestamp,
  endsAt: Timestamp,
  minOfficers: z.number().int().describe("staffing rule: at least this many duty officers on a shift that overlaps the period"),
  leaderRequired: z.boolean().describe("staffing rule: a leader on duty (带班领导) is required"),
  ...StandardColumns,
});
export type KeyPeriod = z.infer<typeof KeyPeriod>;

export const CreateKeyPeriodInput = z.strictObject({
  unitId: Id,
  name: Line(LIMITS.name).min(1),
  kind: KeyPeriodKind,
  startsAt: DateTimeInput,
  endsAt: DateTimeInput,
  minOfficers: z.number().int().min(1).max(DUTY_LIMITS.officersMax).default(2),
  leaderRequired: z.boolean().default(true),
});
export type CreateKeyPeriodInput = z.infer<typeof CreateKeyPeriodInput>;

export const UpdateKeyPeriodInput = z.strictObject({
  version: Version,
  name: Line(LIMITS.name).min(1).optional(),
  kind: KeyPeriodKind.optional(),
  startsAt: DateTimeInput.optional(),
  endsAt: DateTimeInput.optional(),
  minOfficers: z.number().int().min(1).max(DUTY_LIMITS.officersMax).optional(),
  leaderRequired: z.boolean().optional(),
});
export type UpdateKeyPeriodInput = z.infer<typeof UpdateKeyPeriodInput>;

export const KeyPeriodQuery = z.object({
  from: DateTimeInput.optional(),
  to: DateTimeInput.optional(),
});

// ---------------------------------------------------------------- shifts

/** A person on a shift, phones masked as in the directory (reveal with POST /api/org/people/:id/unmask). */
export const DutyPerson = z.object({
  id: Id,
  name: z.string(),
  title: z.string().nullable(),
  mobile: z.string().nullable(),
  officePhone: z.string().nullable(),
});
export type DutyPerson = z.infer<typeof DutyPerson>;

export const Shift = z.object({
  id: Id,
  unitId: Id,
  startsAt: Timestamp,
  endsAt: Timestamp,
  officers: z.array(DutyPerson).describe("duty officers (值班员)"),
  leader: DutyPerson.nullable().describe("leader on duty (带班领导)"),
  exercise: z.boolean().describe("drill data, left out of real statistics"),
  ...StandardColumns,
});
export type Shift = z.infer<typeof Shift>;

const OfficerIds = z.array(Id).min(1).max(DUTY_LIMITS.officersMax);

export const CreateShiftInput = z.strictObject({
  unitId: Id,
  startsAt: DateTimeInput.describe("start; the shift lasts 24 hours"),
  officerIds: OfficerIds.describe("people ids from the directory"),
  leaderId: Id.nullable().optional(),
  exercise: z.boolean().optional(),
});
export type CreateShiftInput = z.infer<typeof CreateShiftInput>;

export const UpdateShiftInput = z.strictObject({
  version: Version,
  officerIds: OfficerIds.optional(),
  leaderId: Id.nullable().optional(),
});
export type UpdateShiftInput = z.infer<typeof UpdateShiftInput>;

/** Generates a month of 24-hour shifts round-robin (排班); refuses when any shift of the month exists. */
export const GenerateShiftsInput = z.strictObject({
  unitId: Id,
  month: Month,
  officers: z.array(Id).min(1).max(DUTY_LIMITS.rotationPeopleMax).describe("duty officers in rotation order"),
  leaders: z.array(Id).max(DUTY_LIMITS.rotationPeopleMax).default([]).describe("leaders on duty in rotation order"),
  officersPerShift: z.number().int().min(1).max(DUTY_LIMITS.officersMax).default(1),
  shiftStart: ClockTime.default("08:00"),
  exercise: z.boolean().optional(),
});
export type GenerateShiftsInput = z.infer<typeof GenerateShiftsInput>;

export const ShiftQuery = z.object({
  unitId: Id.optional().describe("this unit only; default every unit in scope"),
  from: DateTimeInput.optional(),
  to: DateTimeInput.optional(),
});

export const ShiftExportQuery = z.object({ unitId: Id, month: Month });

/** Who is on duty now (在岗值班), one row per unit in scope with a shift covering now. */
/** Kinds of unit that keep a 24-hour duty room (work-plan point 4): one without a shift now is listed as uncovered. */
export const DUTY_ROOM_KINDS = ["district", "town", "subdistrict", "zone", "department"] as const;

export const OnDutyNow = z.object({
  unitId: Id,
  unitName: z.string(),
  dutyPhone: z.string().nullable().describe("the unit's duty phone (值班电话), a public office line"),
  uncovered: z.boolean().describe("a unit that must keep a duty room has no shift covering now (无人值班)"),
  shiftId: Id.nullable(),
  startsAt: Timestamp.nullable(),
  endsAt: Timestamp.nullable(),
  officers: z.array(DutyPerson),
  leader: DutyPerson.nullable(),
});
export type OnDutyNow = z.infer<typeof OnDutyNow>;

// ---------------------------------------------------------------- swaps

/** Shift swaps (换班): requested, then approved or rejected by the unit's office. */
export const SWAP_STATUSES = ["pending", "approved", "rejected"] as const;
export const SwapStatus = z.enum(SWAP_STATUSES);

export const Swap = z.object({
  id: Id,
  shiftId: Id,
  unitId: Id,
  fromPersonId: Id.describe("the person leaving the shift"),
  toPersonId: Id.describe("the person taking it over"),
  reason: z.string().nullable(),
  status: SwapStatus,
  decidedAt: Timestamp.nullable(),
  decisionNote: z.string().nullable(),
  ...StandardColumns,
});
export type Swap = z.infer<typeof Swap>;

export const CreateSwapInput = z.strictObject({
  fromPersonId: Id,
  toPersonId: Id,
  reason: Line(LIMITS.shortText).nullable().optional(),
});
export type CreateSwapInput = z.infer<typeof CreateSwapInput>;

export const DecideSwapInput = z.strictObject({
  version: Version,
  note: Line(LIMITS.shortText).nullable().optional(),
});
export type DecideSwapInput = z.infer<typeof DecideSwapInput>;

export const SwapQuery = z.object({
  unitId: Id.optional(),
  status: SwapStatus.optional(),
});

// ---------------------------------------------------------------- duty log

/** Duty log entries (值班日志): 来电, 指示, 事件, 交接班, 签到, 签退. */
export const DUTY_LOG_KINDS = ["call", "instruction", "event", "handover", "sign_in", "sign_out"] as const;
export const DutyLogKind = z.enum(DUTY_LOG_KINDS);
export const DUTY_LOG_KIND_LABELS: Record<(typeof DUTY_LOG_KINDS)[number], { zh: string; en: string }> = {
  call: { zh: "来电", en: "Call" },
  instruction: { zh: "指示", en: "Instruction" },
  event: { zh: "事件", en: "Event" },
  handover: { zh: "交接班", en: "Handover" },
  sign_in: { zh: "签到", en: "Sign-in" },
  sign_out: { zh: "签退", en: "Sign-out" },
};

/** An entry is never changed: a correction is a new entry with correctsId. */
export const DutyLog = z.object({
  id: Id,
  shiftId: Id,
  unitId: Id,
  kind: DutyLogKind,
  at: Timestamp.describe("when it happened"),
  content: z.string(),
  correctsId: Id.nullable().describe("the entry this one corrects"),
  authorId: Id.nullable(),
  authorName: z.string().nullable(),
  exercise: z.boolean(),
  createdAt: Timestamp,
});
export type DutyLog = z.infer<typeof DutyLog>;

export const CreateDutyLogInput = z.strictObject({
  shiftId: Id,
  kind: DutyLogKind,
  at: DateTimeInput.optional().describe("default now"),
  content: MultiLine(LIMITS.longText).default(""),
  correctsId: Id.optional(),
});
export type CreateDutyLogInput = z.infer<typeof CreateDutyLogInput>;

export const DutyLogQuery = PageQuery.extend({
  shiftId: Id.optional(),
  unitId: Id.optional(),
  kind: DutyLogKind.optional(),
  from: DateTimeInput.optional(),
  to: DateTimeInput.optional(),
});

// ---------------------------------------------------------------- spot checks

/** How a duty room was checked (抽查方式): phone (电话), video (视频), on site (实地). */
export const SPOT_CHECK_METHODS = ["phone", "video", "on_site"] as const;
export const SpotCheckMethod = z.enum(SPOT_CHECK_METHODS);

/** Why a check failed, one code per rule (duty.rules.ts). */
export const SPOT_CHECK_FAULTS = ["not_answered", "slow_answer", "officer_absent", "leader_absent", "log_incomplete"] as const;
export const SpotCheckFault = z.enum(SPOT_CHECK_FAULTS);

export const SpotCheck = z.object({
  id: Id,
  unitId: Id,
  unitName: z.string(),
  method: SpotCheckMethod,
  at: Timestamp,
  answered: z.boolean().describe("the duty phone was answered"),
  answerSeconds: z.number().int().nullable().describe("seconds until it was answered"),
  officerPresent: z.boolean().describe("duty officer at post (值班员在岗)"),
  leaderPresent: z.boolean().describe("leader on duty reachable (带班领导在岗)"),
  logComplete: z.boolean().describe("duty log complete (值班日志完整)"),
  note: z.string().nullable(),
  passed: z.boolean().describe("computed by the rule, never entered"),
  faults: z.array(SpotCheckFault),
  exercise: z.boolean(),
  ...StandardColumns,
});
export type SpotCheck = z.infer<typeof SpotCheck>;

export const CreateSpotCheckInput = z.strictObject({
  unitId: Id,
  method: SpotCheckMethod,
  at: DateTimeInput,
  answered: z.boolean(),
  answerSeconds: z.number().int().min(0).max(DUTY_LIMITS.answerSecondsMax).nullable().optional(),
  officerPresent: z.boolean(),
  leaderPresent: z.boolean(),
  logComplete: z.boolean(),
  note: MultiLine(LIMITS.longText).nullable().optional(),
  exercise: z.boolean().optional(),
});
export type CreateSpotCheckInput = z.infer<typeof CreateSpotCheckInput>;

export const DrawInput = z.strictObject({
  count: z.number().int().min(1).max(DUTY_LIMITS.drawMax),
});

export const DrawResult = z.object({
  drawId: Id,
  units: z.array(z.object({ unitId: Id, name: z.string(), inKeyPeriod: z.boolean(), dutyPhone: z.string().nullable() })),
});

export const SpotCheckQuery = PageQuery.extend({
  unitId: Id.optional(),
  passed: z.enum(["true", "false"]).optional(),
  method: SpotCheckMethod.optional(),
  from: DateTimeInput.optional(),
  to: DateTimeInput.optional(),
});

export const SpotCheckStatsQuery = z.object({
  from: DateTimeInput.optional(),
  to: DateTimeInput.optional(),
});

/** Pass rate per unit (抽查合格率) and the failures (exercise checks left out). */
export const SpotCheckStats = z.object({
  units: z.array(z.object({ unitId: Id, unitName: z.string(), checks: z.number().int(), passed: z.number().int(), rate: z.number() })),
  failures: z.array(SpotCheck),
});
export type SpotCheckStats = z.infer<typeof SpotCheckStats>;
