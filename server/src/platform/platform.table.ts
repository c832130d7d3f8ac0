import { sql } from "drizzle-orm";
import { bigserial, boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { standardColumns, tz } from "../db/columns.ts";

export const users = pgTable(
  "users",
  {
    ...standardColumns(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role").notNull(),
    unitId: uuid("unit_id").notNull(),
    personId: uuid("person_id"),
    active: boolean("active").notNull().default(true),
    totpSecret: text("totp_secret"),
    totpEnabled: boolean("totp_enabled").notNull().default(false),
    /** last TOTP time step used, so a code cannot be replayed */
    totpLastStep: integer("totp_last_step"),
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    passwordChangedAt: tz("password_changed_at"),
    lastLoginAt: tz("last_login_at"),
  },
  (t) => [uniqueIndex("users_username_lower_uq").on(sql`lower(${t.username})`), index("users_unit_idx").on(t.unitId)],
);

export const sessions = pgTable(
  "sessions",
  {
    /** sha256 of the cookie token; the token itself is never stored */
    id: text("id").primaryKey(),
    userId: uuid("user_id").notNull(),
    csrfToken: text("csrf_token").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    lastSeenAt: tz("last_seen_at").notNull().defaultNow(),
    expiresAt: tz("expires_at").notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    revokedAt: tz("revoked_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Login attempts, for lockout by (account, address) and throttling by address. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    username: text("username").notNull(),
    ip: text("ip").notNull(),
    success: boolean("success").notNull(),
    at: tz("at").notNull().defaultNow(),
  },
  (t) => [index("login_attempts_user_ip_idx").on(t.username, t.ip, t.at), index("login_attempts_ip_idx").on(t.ip, t.at)],
);

/** Append-only, hash-chained audit log (a trigger refuses UPDATE, DELETE and TRUNCATE). */
export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigserial("seq", { mode: "number" }).primaryKey(),
    at: tz("at").notNull(),
    actorId: uuid("actor_id"),
    actorName: text("actor_name"),
    ip: text("ip"),
    action: text("action").notNull(),
    entity: text("entity"),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_log_at_idx").on(t.at), index("audit_log_entity_idx").on(t.entityId), index("audit_log_action_idx").on(t.action)],
);

/** Uploaded files (evidence, attachments); the bytes live in FILES_DIR under the id. */
export const files = pgTable("files", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  name: text("name").notNull(),
  contentType: text("content_type").notNull(),
  size: integer("size").notNull(),
  sha256: text("sha256").notNull(),
  /** unit that owns the file; scope applies as to any row */
  unitId: uuid("unit_id").notNull(),
  createdAt: tz("created_at").notNull().defaultNow(),
  createdBy: uuid("created_by"),
});
