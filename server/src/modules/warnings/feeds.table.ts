import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { ltree, standardColumns, tz } from "../../db/columns.ts";

/**
 * CAP feeds the server polls (预警信息源), with the state of their last poll and HTTP cache
 * validators. A feed belongs to the unit that added it (org_unit_id, unit_path): what it brings in
 * is that unit's received warnings, and only administrators of that unit or above manage it.
 */
export const warningFeeds = pgTable(
  "warning_feeds",
  {
    ...standardColumns(),
    orgUnitId: uuid("org_unit_id").notNull(),
    unitPath: ltree("unit_path").notNull(),
    name: text("name").notNull(),
    url: text("url").notNull(),
    intervalSeconds: integer("interval_seconds").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** CAP senders the feed is trusted for (可信发布者); empty: any sender, its Updates/Cancels only for alerts it brought itself. */
    senders: text("senders").array().notNull().default(sql`'{}'::text[]`),
    /** Due time; a poller claims a feed by moving it forward one interval before it fetches. */
    nextPollAt: tz("next_poll_at"),
    lastPolledAt: tz("last_polled_at"),
    lastStatus: text("last_status"),
    lastError: text("last_error"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    lastImported: integer("last_imported").notNull().default(0),
    totalImported: integer("total_imported").notNull().default(0),
    etag: text("etag"),
    lastModified: text("last_modified"),
  },
  (t) => [index("warning_feeds_due_idx").on(t.nextPollAt).where(sql`${t.enabled}`)],
);

/** Links of an Atom/RSS feed already read, so each linked CAP document is fetched once. */
export const warningFeedEntries = pgTable(
  "warning_feed_entries",
  {
    feedId: uuid("feed_id").notNull().references(() => warningFeeds.id, { onDelete: "cascade" }),
    link: text("link").notNull(),
    warningId: uuid("warning_id"),
    readAt: tz("read_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.feedId, t.link] })],
);
