import { sql } from "drizzle-orm";
import { bigserial, index, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tz } from "../../db/columns.ts";

/**
 * The notification centre: one row per user and owed item (its to-do key), appended the first
 * time the item is computed for that user; `read_at` is the user's read marker. Rows are never
 * rewritten otherwise: what was announced, and when, stays.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id").notNull(),
    key: text("key").notNull(),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    detail: text("detail"),
    link: text("link").notNull(),
    deadline: tz("deadline"),
    createdAt: tz("created_at").notNull().defaultNow(),
    readAt: tz("read_at"),
    /** When the entry went out as a push to the user's phone (claimed once, by one worker). */
    pushedAt: tz("pushed_at"),
  },
  (t) => [
    uniqueIndex("notifications_user_key_uq").on(t.userId, t.key),
    index("notifications_user_created_idx").on(t.userId, t.createdAt),
    index("notifications_unpushed_idx").on(t.createdAt).where(sql`pushed_at is null`),
  ],
);

/** Kinds whose alerts a user turned off (sound, pop-up, push); the items stay on the list. */
export const notificationMutes = pgTable(
  "notification_mutes",
  {
    userId: uuid("user_id").notNull(),
    kind: text("kind").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);
