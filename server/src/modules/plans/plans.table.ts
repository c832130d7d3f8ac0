/**
 * The plan catalogue (预案目录): plans of every unit, and their versions. A version is
 * immutable once published (the service refuses edits; a new version is a new row). The
 * structured summary (contracts `PlanSummary`) is stored whole on the version as jsonb; the
 * incident types and units it names are copied into arrays so that lists and revision triggers
 * can find them through an index.
 */
import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ltree, standardColumns, tz } from "../../db/columns.ts";

export const plans = pgTable(
  "plans",
  {
    ...standardColumns(),
    unitId: uuid("unit_id").notNull(),
    /** Copy of the owning unit's path, kept by a trigger: the row's data scope. */
    unitPath: ltree("unit_path").notNull().default(sql`''::ltree`),
    name: text("name").notNull(),
    /** contracts PLAN_TYPES */
    type: text("type").notNull(),
    /** Incident types the plan covers (copied from the current version's summary). */
    incidentTypeIds: uuid("incident_type_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** The catalogue entry the plan answers to, if any. */
    catalogueEntryId: uuid("catalogue_entry_id"),
    /** The current (latest published) version, null until the first is published. */
    currentVersionId: uuid("current_version_id"),
    /** active | retired */
    status: text("status").notNull().default("active"),
    /** The plan this one falls under (a town's flood plan under the district's). */
    parentPlanId: uuid("parent_plan_id"),
  },
  (t) => [
    index("plans_unit_path_gist").using("gist", t.unitPath),
    index("plans_unit_idx").on(t.unitId),
    index("plans_types_gin").using("gin", t.incidentTypeIds),
  ],
);

export const planVersions = pgTable(
  "plan_versions",
  {
    ...standardColumns(),
    planId: uuid("plan_id").notNull(),
    /** 1, 2, 3 … per plan. */
    number: integer("number").notNull(),
    /** contracts PLAN_VERSION_STATUSES */
    status: text("status").notNull().default("draft"),
    /** What changed and why (required from version 2 on). */
    changeNote: text("change_note"),
    /** contracts PlanSummary */
    summary: jsonb("summary").notNull().default(sql`'{}'::jsonb`),
    /** Units and people the summary names (for revision triggers). */
    unitIds: uuid("unit_ids").array().notNull().default(sql`'{}'::uuid[]`),
    personIds: uuid("person_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** The plan text (Word or PDF) and, for Word, its HTML rendering. */
    documentFileId: uuid("document_file_id"),
    documentHtml: text("document_html"),
    publishedAt: tz("published_at"),
    publishedBy: uuid("published_by"),
    /** The filing deadline (20 working days after publication) and the filing itself. */
    fileBy: date("file_by", { mode: "string" }),
    filedAt: tz("filed_at"),
    filedWithUnitId: uuid("filed_with_unit_id"),
  },
  (t) => [
    uniqueIndex("plan_versions_uq").on(t.planId, t.number),
    index("plan_versions_units_gin").using("gin", t.unitIds),
    index("plan_versions_people_gin").using("gin", t.personIds),
  ],
);
