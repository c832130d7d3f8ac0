import { sql } from "drizzle-orm";
import { customType, integer, timestamp, uuid } from "drizzle-orm/pg-core";

/** PostgreSQL ltree: the org path (`u<id>.u<id>...`) that carries data scope. */
export const ltree = customType<{ data: string }>({ dataType: () => "ltree" });

export const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Standard columns (conventions 10): id, who and when, version for optimistic locking. */
export const standardColumns = () => ({
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  createdAt: tz("created_at").notNull().defaultNow(),
  createdBy: uuid("created_by"),
  updatedAt: tz("updated_at").notNull().defaultNow(),
  updatedBy: uuid("updated_by"),
  version: integer("version").notNull().default(1),
});
