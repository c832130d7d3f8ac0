/**
 * To-do (待办) and the notification centre: what waits on the caller, computed by each
 * module from its own rules (the owed-work engine), and the alerts made from it.
 */
import { z } from "zod";
import { Timestamp } from "./common.ts";

/**
 * Every kind of owed work a module can put on someone's list. A new module adds its kinds
 * here (and their labels below); the platform needs nothing else.
 */
export const TODO_KINDS = [
  "incident.forward",
  "incident.followup",
  "incident.final",
  "incident.instruction",
  "incident.decide",
  "warning.release",
  "warning.ack",
  "warning.feedback",
  "warning.call",
  "duty.spotcheck",
  "stock.alert",
  "team.certificate",
] as const;
export const TodoKind = z.enum(TODO_KINDS);
export type TodoKind = z.infer<typeof TodoKind>;

export const TODO_KIND_LABELS: Record<TodoKind, { zh: string; en: string }> = {
  "incident.forward": { zh: "审核转报", en: "Forward a report" },
  "incident.followup": { zh: "续报", en: "Follow-up report due" },
  "incident.final": { zh: "终报", en: "Final report due" },
  "incident.instruction": { zh: "领导批示待阅", en: "Instruction to read" },
  "incident.decide": { zh: "待批示", en: "Awaits an instruction" },
  "warning.release": { zh: "预警待签发", en: "Warning to release" },
  "warning.ack": { zh: "预警待签收", en: "Warning to acknowledge" },
  "warning.feedback": { zh: "响应措施待反馈", en: "Response to report" },
  "warning.call": { zh: "催办电话", en: "Call task" },
  "duty.spotcheck": { zh: "值班抽查", en: "Spot-check call" },
  "stock.alert": { zh: "物资预警", en: "Stock alert" },
  "team.certificate": { zh: "证书将到期", en: "Certificate lapsing" },
};

export const TodoItem = z.object({
  /** Stable identity of the owed item (kind and object): the same item keeps its key while it waits. */
  key: z.string(),
  kind: TodoKind,
  title: z.string(),
  /** One more line: the unit, the report, what exactly is owed. */
  detail: z.string().nullable(),
  /** The row the item is about (incident, warning, warehouse, team …). */
  objectId: z.string(),
  /** Console path where the item is acted on. */
  link: z.string(),
  /** When it is due; null for items with no deadline of their own (an instruction to read). */
  deadline: Timestamp.nullable(),
  overdue: z.boolean(),
  /** The unit the item is owed by (the caller's own, or one below it). */
  unitName: z.string().nullable(),
});
export type TodoItem = z.infer<typeof TodoItem>;

export const TodoList = z.object({
  items: z.array(TodoItem),
  /** Modules whose items could not be computed in time (their items are left out, the rest answer). */
  incomplete: z.array(z.string()),
  at: Timestamp,
});
export type TodoList = z.infer<typeof TodoList>;

/** One entry of the notification centre: a to-do item as it first appeared for the caller. */
export const NotificationItem = z.object({
  id: z.string(),
  key: z.string(),
  kind: TodoKind,
  title: z.string(),
  detail: z.string().nullable(),
  link: z.string(),
  deadline: Timestamp.nullable(),
  createdAt: Timestamp,
  readAt: Timestamp.nullable(),
  /** The caller muted this kind: no sound or pop-up, but it stays listed (a deadline cannot be muted). */
  muted: z.boolean(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationList = z.object({
  items: z.array(NotificationItem),
  /** Unread entries of kinds the caller has not muted. */
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const MarkNotificationsReadInput = z.strictObject({
  /** The entries to mark read; absent: every entry of the caller. */
  ids: z.array(z.string().regex(/^\d{1,18}$/, "编号格式不正确")).max(500).optional(),
});
export type MarkNotificationsReadInput = z.infer<typeof MarkNotificationsReadInput>;

/** Kinds whose alerts (sound, pop-up, push) the caller turned off. */
export const NotificationMutes = z.strictObject({
  kinds: z.array(TodoKind).max(TODO_KINDS.length),
});
export type NotificationMutes = z.infer<typeof NotificationMutes>;
