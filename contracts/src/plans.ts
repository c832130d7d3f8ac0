/**
 * Plans (应急预案): the catalogue's types and statuses, and the structured summary (预案简本)
 * that the field app shows and the response module runs on. The summary is data, not prose:
 * activation criteria per response level, the command body, duties per unit per level (the
 * task templates a response instantiates), resources by reference, contacts and ordered steps.
 *
 * This file is the seam between the plans, drills and response modules: the shapes here are
 * what each of them may rely on.
 */
import { z } from "zod";
import { Id, Int, Line, MultiLine } from "./common.ts";
import { IncidentLevel } from "./incidents.ts";
import { WarningLevel } from "./warnings.ts";

/** Plan types (突发事件应急预案管理办法 2013/2024; enterprises per GB/T 29639-2020). */
export const PLAN_TYPES = [
  "overall", // 总体应急预案
  "special", // 专项应急预案
  "department", // 部门应急预案
  "town", // 乡镇（街道）应急预案
  "village", // 村（社区）应急预案
  "enterprise_comprehensive", // 企业综合应急预案
  "enterprise_special", // 企业专项应急预案
  "enterprise_onsite", // 企业现场处置方案
  "event", // 重大活动应急预案
  "manual", // 应急工作手册
  "team_action", // 队伍行动方案
] as const;
export const PlanType = z.enum(PLAN_TYPES);
export type PlanType = z.infer<typeof PlanType>;

export const PLAN_TYPE_LABELS: Record<PlanType, { zh: string; en: string }> = {
  overall: { zh: "总体应急预案", en: "Overall plan" },
  special: { zh: "专项应急预案", en: "Special plan" },
  department: { zh: "部门应急预案", en: "Department plan" },
  town: { zh: "镇（街道）应急预案", en: "Town plan" },
  village: { zh: "村（社区）应急预案", en: "Village plan" },
  enterprise_comprehensive: { zh: "企业综合应急预案", en: "Enterprise comprehensive plan" },
  enterprise_special: { zh: "企业专项应急预案", en: "Enterprise special plan" },
  enterprise_onsite: { zh: "现场处置方案", en: "On-site response plan" },
  event: { zh: "重大活动应急预案", en: "Large-event plan" },
  manual: { zh: "应急工作手册", en: "Work manual" },
  team_action: { zh: "队伍行动方案", en: "Team action plan" },
};

/**
 * A version's lifecycle: draft → review (评审/论证) → approved (published) → filed (备案) →
 * superseded or retired. Only a draft may be edited; a published version is immutable.
 */
export const PLAN_VERSION_STATUSES = ["draft", "review", "published", "filed", "superseded", "retired"] as const;
export const PlanVersionStatus = z.enum(PLAN_VERSION_STATUSES);
export type PlanVersionStatus = z.infer<typeof PlanVersionStatus>;

/** Response levels a plan defines (Ⅰ highest). They need not copy incident levels. */
export const RESPONSE_LEVELS = ["I", "II", "III", "IV"] as const;
export const ResponseLevel = z.enum(RESPONSE_LEVELS);
export type ResponseLevel = z.infer<typeof ResponseLevel>;
export const RESPONSE_LEVEL_LABELS: Record<ResponseLevel, { zh: string; en: string }> = {
  I: { zh: "Ⅰ级响应", en: "Level I response" },
  II: { zh: "Ⅱ级响应", en: "Level II response" },
  III: { zh: "Ⅲ级响应", en: "Level III response" },
  IV: { zh: "Ⅳ级响应", en: "Level IV response" },
};

/** When a level starts: incident levels reached and/or warnings in force of a colour. */
export const ActivationCriterion = z.strictObject({
  level: ResponseLevel,
  /** Incident levels (of the plan's incident types) that call for this response level. */
  incidentLevels: z.array(IncidentLevel).max(4).default([]),
  /** Warning colours (of the plan's incident types) that call for this response level. */
  warningLevels: z.array(WarningLevel).max(4).default([]),
  /** The criteria in words, as the plan states them. */
  text: MultiLine(2000),
});
export type ActivationCriterion = z.infer<typeof ActivationCriterion>;

export const CommandBody = z.strictObject({
  /** e.g. 区防汛抗旱指挥部 */
  name: Line(100).min(1),
  /** Title of the commander (总指挥), e.g. 分管副区长. */
  commander: Line(100).min(1),
  deputies: z.array(Line(100).min(1)).max(20).default([]),
  leadUnitIds: z.array(Id).min(1).max(20),
  memberUnitIds: z.array(Id).max(200).default([]),
});
export type CommandBody = z.infer<typeof CommandBody>;

/** What one unit does at one response level, within how many minutes of activation. */
export const PlanDuty = z.strictObject({
  unitId: Id,
  level: ResponseLevel,
  role: z.enum(["lead", "member"]),
  task: MultiLine(1000).min(1),
  withinMinutes: Int(1, 60 * 24 * 30),
});
export type PlanDuty = z.infer<typeof PlanDuty>;

export const PLAN_RESOURCE_KINDS = ["team", "warehouse", "material", "shelter", "expert"] as const;
export const PlanResource = z.strictObject({
  kind: z.enum(PLAN_RESOURCE_KINDS),
  refId: Id,
  note: Line(200).optional(),
});
export type PlanResource = z.infer<typeof PlanResource>;

export const PlanContact = z.strictObject({
  /** A person of the directory, or a unit (its duty phone). */
  personId: Id.optional(),
  unitId: Id.optional(),
  label: Line(100).min(1),
});
export type PlanContact = z.infer<typeof PlanContact>;

export const PlanStep = z.strictObject({
  title: Line(200).min(1),
  text: MultiLine(2000).default(""),
  /** Units and people the step names: the field app offers tap-to-call for each. */
  unitIds: z.array(Id).max(50).default([]),
  personIds: z.array(Id).max(50).default([]),
});
export type PlanStep = z.infer<typeof PlanStep>;

/** The structured summary of one version (stored as jsonb on the version). */
export const PlanSummary = z.strictObject({
  incidentTypeIds: z.array(Id).max(50).default([]),
  activation: z.array(ActivationCriterion).max(4).default([]),
  command: CommandBody.optional(),
  duties: z.array(PlanDuty).max(2000).default([]),
  resources: z.array(PlanResource).max(500).default([]),
  contacts: z.array(PlanContact).max(500).default([]),
  steps: z.array(PlanStep).max(200).default([]),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

/**
 * Corrective actions (纠正行动): one platform piece for drills, responses and inspections.
 * Owner and deadline are required; closure needs evidence and someone other than the owner's
 * reporter; an action naming a plan raises that plan's revision trigger.
 */
export const CORRECTIVE_ACTION_SOURCES = ["drill", "response", "inspection"] as const;
export const CorrectiveActionSource = z.enum(CORRECTIVE_ACTION_SOURCES);
export const CORRECTIVE_ACTION_STATUSES = ["open", "done", "closed", "cancelled"] as const;
export const CorrectiveActionStatus = z.enum(CORRECTIVE_ACTION_STATUSES);
