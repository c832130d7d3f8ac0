import { sql } from "drizzle-orm";
import { integer, pgTable, text, uuid } from "drizzle-orm/pg-core";

/** The incident-type tree (four categories and their subcategories), reference data with a code. */
export const incidentTypes = pgTable("incident_types", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  code: text("code").notNull().unique(),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  parentId: uuid("parent_id"),
  category: text("category").notNull(),
  sort: integer("sort").notNull().default(0),
  /** Casualty supplement window in days when not the rule's default (7 for road traffic and fire, 493号 Art. 13). */
  casualtySupplementDays: integer("casualty_supplement_days"),
});
