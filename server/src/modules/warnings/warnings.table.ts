/**
 * Early warning (预警). A warning row holds the current state; every release, update, cancel and
 * expiry is also an immutable version row. Received CAP documents, acknowledgements and
 * feedback are evidence: append-only (a trigger refuses UPDATE and DELETE, migration
 * warnings_append_only). Deliveries are the durable outbox of the fan-out: one row per person
 * and channel, claimed by workers with FOR UPDATE SKIP LOCKED.
 */
import { sql } from "drizzle-orm";
import { bigserial, boolean, customType, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ltree, standardColumns, tz } from "../../db/columns.ts";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => Buffer.from(v as Uint8Array),
});

export const warnings = pgTable(
  "warnings",
  {
    ...standardColumns(),
    status: text("status").notNull(),
    origin: text("origin").notNull(),
    level: text("level").notNull(),
    incidentTypeId: uuid("incident_type_id"),
    headline: text("headline").notNull(),
    description: text("description").notNull(),
    instruction: text("instruction").notNull().default(""),
    /** WarningArea: polygons, circles, unit ids. */
    area: jsonb("area").notNull(),
    /** WarningTargetSpec: units, in-area, roles, channels. */
    targets: jsonb("targets").notNull(),
    effectiveAt: tz("effective_at").notNull(),
    expiresAt: tz("expires_at").notNull(),
    public: boolean("public").notNull().default(false),
    exercise: boolean("exercise").notNull().default(false),
    /** Issuing (or receiving) unit and its path: the warning's own scope; targets widen who may read it. */
    unitId: uuid("unit_id").notNull(),
    unitPath: ltree("unit_path").notNull(),
    /** CAP identifier and sender of the current message (null before release). */
    identifier: text("identifier"),
    sender: text("sender"),
    /** A received alert's CAP senderName (常州市气象台): whom people know it by, not the sender code. */
    senderName: text("sender_name"),
    /** Number of the current version row (0 = never released). */
    revision: integer("revision").notNull().default(0),
    relayOfId: uuid("relay_of_id"),
    receivedAlertId: uuid("received_alert_id"),
    drafterId: uuid("drafter_id"),
    drafterName: text("drafter_name"),
    approverId: uuid("approver_id"),
    approverName: text("approver_name"),
    rejectNote: text("reject_note"),
    releasedAt: tz("released_at"),
  },
  (t) => [
    index("warnings_unit_path_gist").using("gist", t.unitPath),
    index("warnings_status_idx").on(t.status, t.expiresAt),
    index("warnings_created_idx").on(t.createdAt),
    uniqueIndex("warnings_received_alert_uq").on(t.receivedAlertId),
  ],
);

/** One immutable row per release, update, cancel or expiry: the content as it was then. */
export const warningVersions = pgTable(
  "warning_versions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    warningId: uuid("warning_id").notNull().references(() => warnings.id),
    revision: integer("revision").notNull(),
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    identifier: text("identifier"),
    level: text("level").notNull(),
    headline: text("headline").notNull(),
    description: text("description").notNull(),
    instruction: text("instruction").notNull(),
    area: jsonb("area").notNull(),
    effectiveAt: tz("effective_at").notNull(),
    expiresAt: tz("expires_at").notNull(),
    note: text("note"),
    at: tz("at").notNull().defaultNow(),
    byId: uuid("by_id"),
    byName: text("by_name"),
  },
  (t) => [uniqueIndex("warning_versions_uq").on(t.warningId, t.revision)],
);

/** A CAP document as received, byte for byte; one per identifier and sender. */
export const warningReceivedAlerts = pgTable(
  "warning_received_alerts",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    identifier: text("identifier").notNull(),
    sender: text("sender").notNull(),
    sent: text("sent").notNull(),
    msgType: text("msg_type").notNull(),
    status: text("status").notNull(),
    xml: bytea("xml").notNull(),
    sha256: text("sha256").notNull(),
    /** unsigned | signed (not verified: no trusted certificates) | verified | invalid; see CAP_SIGNATURE_STATES. */
    signature: text("signature").notNull().default("unsigned"),
    signatureNote: text("signature_note"),
    /** The warning it created or changed (Update/Cancel: the referenced alert's warning). */
    warningId: uuid("warning_id"),
    feedId: uuid("feed_id"),
    receivedAt: tz("received_at").notNull().defaultNow(),
    receivedBy: uuid("received_by"),
    unitPath: ltree("unit_path").notNull(),
  },
  // One alert per receiving unit, sender and identifier: a unit's copy never blocks another's.
  (t) => [uniqueIndex("warning_received_alerts_unit_uq").on(t.unitPath, t.sender, t.identifier), index("warning_received_alerts_warning_idx").on(t.warningId)],
);

/** The units a released warning targets; each must acknowledge by due_at. */
export const warningTargets = pgTable(
  "warning_targets",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    warningId: uuid("warning_id").notNull().references(() => warnings.id),
    unitId: uuid("unit_id").notNull(),
    unitPath: ltree("unit_path").notNull(),
    /** The town-level ancestor (or the unit itself), for the per-town figures. */
    townId: uuid("town_id"),
    dueAt: tz("due_at").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("warning_targets_uq").on(t.warningId, t.unitId), index("warning_targets_unit_path_gist").using("gist", t.unitPath), index("warning_targets_due_idx").on(t.dueAt)],
);

/** The fan-out outbox: one row per person, channel and revision sent. */
export const warningDeliveries = pgTable(
  "warning_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    warningId: uuid("warning_id").notNull(),
    revision: integer("revision").notNull(),
    /** warning: the warning itself (release, update, cancel); escalation: a notice to a leader whose unit is overdue (in-app only). */
    kind: text("kind").notNull().default("warning"),
    personId: uuid("person_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    unitPath: ltree("unit_path").notNull(),
    channel: text("channel").notNull(),
    /** Phone number, e-mail address or push endpoint at release time. */
    address: text("address"),
    /** Passed to the gateway: a resend after a crash is recognised there. */
    idempotencyKey: text("idempotency_key").notNull(),
    status: text("status").notNull().default("queued"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tz("next_attempt_at").notNull().defaultNow(),
    /** Lease of the worker that is sending it; after it passes, another worker may take the row. */
    claimedUntil: tz("claimed_until"),
    claimedBy: text("claimed_by"),
    queuedAt: tz("queued_at").notNull().defaultNow(),
    sentAt: tz("sent_at"),
    deliveredAt: tz("delivered_at"),
    failedAt: tz("failed_at"),
    readAt: tz("read_at"),
    lastError: text("last_error"),
    providerId: text("provider_id"),
  },
  (t) => [
    uniqueIndex("warning_deliveries_key_uq").on(t.idempotencyKey),
    index("warning_deliveries_due_idx").on(t.nextAttemptAt).where(sql`status in ('queued', 'sending')`),
    index("warning_deliveries_warning_idx").on(t.warningId, t.channel, t.status),
    index("warning_deliveries_person_idx").on(t.personId, t.channel),
  ],
);

/** Acknowledgement (已收到) of a target unit: one per unit and warning. */
export const warningAcks = pgTable(
  "warning_acks",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    warningId: uuid("warning_id").notNull().references(() => warnings.id),
    unitId: uuid("unit_id").notNull(),
    unitPath: ltree("unit_path").notNull(),
    at: tz("at").notNull().defaultNow(),
    byId: uuid("by_id").notNull(),
    byName: text("by_name").notNull(),
    note: text("note"),
    late: boolean("late").notNull().default(false),
  },
  (t) => [uniqueIndex("warning_acks_uq").on(t.warningId, t.unitId)],
);

/** Response measures (响应措施) reported by a target unit; several may follow one another. */
export const warningFeedback = pgTable(
  "warning_feedback",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    warningId: uuid("warning_id").notNull().references(() => warnings.id),
    unitId: uuid("unit_id").notNull(),
    unitPath: ltree("unit_path").notNull(),
    measures: text("measures").notNull(),
    responseLevel: text("response_level").notNull(),
    peopleSent: integer("people_sent").notNull(),
    teamsSent: integer("teams_sent").notNull(),
    watchers: text("watchers").notNull(),
    at: tz("at").notNull().defaultNow(),
    byId: uuid("by_id").notNull(),
    byName: text("by_name").notNull(),
  },
  (t) => [index("warning_feedback_warning_idx").on(t.warningId, t.unitId)],
);

/** Escalation of a unit that did not acknowledge in time: its leader told, a call task for the district duty officer. */
export const warningEscalations = pgTable(
  "warning_escalations",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    warningId: uuid("warning_id").notNull().references(() => warnings.id),
    unitId: uuid("unit_id").notNull(),
    /** The issuing unit's path: the call list belongs to whoever issued the warning. */
    unitPath: ltree("unit_path").notNull(),
    dueAt: tz("due_at").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    /** Phones to call: duty line and the mobiles of leader, duty officer and liaison. */
    phones: jsonb("phones").notNull(),
    doneAt: tz("done_at"),
    doneBy: uuid("done_by"),
    doneNote: text("done_note"),
  },
  (t) => [uniqueIndex("warning_escalations_uq").on(t.warningId, t.unitId), index("warning_escalations_open_idx").on(t.createdAt).where(sql`done_at is null`)],
);

/** Web Push subscriptions of signed-in users (one per browser endpoint). */
export const warningPushSubscriptions = pgTable(
  "warning_push_subscriptions",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id").notNull(),
    personId: uuid("person_id"),
    endpoint: text("endpoint").notNull(),
    p256dh: text("p256dh").notNull(),
    auth: text("auth").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("warning_push_endpoint_uq").on(t.endpoint), index("warning_push_person_idx").on(t.personId)],
);
