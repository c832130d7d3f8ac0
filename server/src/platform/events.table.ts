import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { ltree, tz } from "../db/columns.ts";

/**
 * The transactional outbox of live events: written in the same transaction as the change
 * it announces, published (NOTIFY to every app process, then SSE to browsers) by a worker.
 * A crash between the two loses nothing: unpublished rows are picked up again.
 */
export const outboxEvents = pgTable(
  "outbox_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    type: text("type").notNull(),
    /** org path of the unit the event belongs to; subscribers see it when it lies in their scope */
    unitPath: ltree("unit_path").notNull(),
    /** further subtrees the event is addressed to (a warning's target units): seen once by whoever has any of them in scope */
    alsoPaths: ltree("also_paths").array().notNull().default(sql`'{}'`),
    data: jsonb("data").notNull(),
    createdAt: tz("created_at").notNull().defaultNow(),
    publishedAt: tz("published_at"),
  },
  (t) => [index("outbox_events_unpublished_idx").on(t.id).where(sql`published_at is null`)],
);
