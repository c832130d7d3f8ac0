/** Shelters (避难场所), their status while open and their inspections. */
import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { tz } from "../../db/columns.ts";
import { registryColumns, registryIndexes } from "../../platform/registry.columns.ts";

export const shelters = pgTable("shelters", {
  ...registryColumns(),
  kind: text("kind").notNull(),
  shelterClass: text("shelter_class").notNull(),
  category: text("category"),
  usableArea: doublePrecision("usable_area").notNull(),
  capacityOverride: integer("capacity_override"),
  /** capacityOverride, or usable area ÷ SHELTER_M2_PER_PERSON; stored so searches can filter on it. */
  capacity: integer("capacity").notNull(),
  facilities: text("facilities").array().notNull().default(sql`'{}'::text[]`),
  managerName: text("manager_name"),
  managerPhone: text("manager_phone"),
  note: text("note"),
  status: text("status").notNull().default("ready"),
  occupancy: integer("occupancy").notNull().default(0),
  statusSince: tz("status_since").notNull().defaultNow(),
  lastInspectedAt: tz("last_inspected_at"),
}, (t) => registryIndexes("shelters", t));

/** Inspections are records of what was found: append-only (migration resources_location). */
export const shelterInspections = pgTable("shelter_inspections", {
  id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
  shelterId: uuid("shelter_id").notNull().references(() => shelters.id),
  at: tz("at").notNull().defaultNow(),
  byId: uuid("by_id"),
  byName: text("by_name"),
  passed: boolean("passed").notNull(),
  findings: text("findings"),
  facilitiesOk: text("facilities_ok").array().notNull().default(sql`'{}'::text[]`),
}, (t) => [index("shelter_inspections_shelter_idx").on(t.shelterId, t.at)]);
