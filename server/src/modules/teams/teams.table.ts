/** Rescue teams (救援队伍), experts (专家) and volunteers (志愿者): registries of platform/registry.ts. */
import { sql } from "drizzle-orm";
import { date, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { tz } from "../../db/columns.ts";
import { registryColumns, registryIndexes } from "../../platform/registry.columns.ts";

export const teams = pgTable("teams", {
  ...registryColumns(),
  kind: text("kind").notNull(),
  readiness: text("readiness").notNull().default("ready"),
  /** When the readiness last changed (set by the service). */
  readinessSince: tz("readiness_since").notNull().defaultNow(),
  headcount: integer("headcount"),
  leaderName: text("leader_name"),
  leaderPhone: text("leader_phone"),
  dutyPhone: text("duty_phone"),
  /** Incident type ids the team can handle. */
  capabilities: uuid("capabilities").array().notNull().default(sql`'{}'::uuid[]`),
  /** Members with skills and certificates; validated by the contract, read whole with the team. */
  members: jsonb("members").notNull().default(sql`'[]'::jsonb`),
  equipment: jsonb("equipment").notNull().default(sql`'[]'::jsonb`),
  note: text("note"),
}, (t) => registryIndexes("teams", t));

export const experts = pgTable("experts", {
  ...registryColumns(),
  level: text("level").notNull(),
  specialties: uuid("specialties").array().notNull().default(sql`'{}'::uuid[]`),
  affiliation: text("affiliation"),
  title: text("title"),
  mobile: text("mobile"),
  availability: text("availability").notNull().default("available"),
  note: text("note"),
}, (t) => registryIndexes("experts", t));

export const volunteers = pgTable("volunteers", {
  ...registryColumns(),
  kind: text("kind").notNull(),
  groupName: text("group_name"),
  headcount: integer("headcount"),
  contactName: text("contact_name"),
  mobile: text("mobile"),
  skills: text("skills").array().notNull().default(sql`'{}'::text[]`),
  availability: text("availability").notNull().default("available"),
  training: text("training"),
  lastTrainedOn: date("last_trained_on", { mode: "string" }),
}, (t) => registryIndexes("volunteers", t));
