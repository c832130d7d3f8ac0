import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ltree, standardColumns, tz } from "../../db/columns.ts";

/** Kinds of unit are data: an administrator can add one without a release. */
export const orgUnitKinds = pgTable("org_unit_kinds", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  level: integer("level").notNull(),
});

export const orgUnits = pgTable(
  "org_units",
  {
    ...standardColumns(),
    parentId: uuid("parent_id"),
    path: ltree("path").notNull(),
    name: text("name").notNull(),
    kind: text("kind").notNull().references(() => orgUnitKinds.code),
    code: text("code"),
    dutyPhone: text("duty_phone"),
    address: text("address"),
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    population: integer("population"),
    active: boolean("active").notNull().default(true),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [
    uniqueIndex("org_units_path_uq").on(t.path),
    index("org_units_path_gist").using("gist", t.path),
    index("org_units_parent_idx").on(t.parentId),
    index("org_units_name_trgm").using("gin", sql`${t.name} gin_trgm_ops`),
  ],
);

export const people = pgTable(
  "people",
  {
    ...standardColumns(),
    unitId: uuid("unit_id").notNull(),
    /** Copy of the unit's path, kept by triggers (0003), so scope and order come from one index. */
    unitPath: ltree("unit_path").notNull().default(sql`''::ltree`),
    name: text("name").notNull(),
    title: text("title"),
    emergencyRoles: text("emergency_roles").array().notNull().default(sql`'{}'::text[]`),
    duty: text("duty"),
    mobile: text("mobile"),
    officePhone: text("office_phone"),
    email: text("email"),
    isLiaison: boolean("is_liaison").notNull().default(false),
    active: boolean("active").notNull().default(true),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [
    index("people_unit_idx").on(t.unitId),
    index("people_path_order_idx").on(t.unitPath, t.sort, t.name),
    // Counting a subtree (the directory's total) needs `unit_path <@ scope` indexed; the btree above only orders.
    index("people_unit_path_gist").using("gist", t.unitPath),
    index("people_search_trgm").using("gin", sql`(${t.name} || ' ' || coalesce(${t.title}, '') || ' ' || coalesce(${t.duty}, '')) gin_trgm_ops`),
  ],
);

/** One row per unit and six-in-place item, created on first save. */
export const unitChecklist = pgTable(
  "unit_checklist",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    unitId: uuid("unit_id").notNull(),
    item: text("item").notNull(),
    done: boolean("done").notNull().default(false),
    note: text("note"),
    evidenceFileIds: uuid("evidence_file_ids").array().notNull().default(sql`'{}'::uuid[]`),
    updatedAt: tz("updated_at").notNull().defaultNow(),
    updatedBy: uuid("updated_by"),
    version: integer("version").notNull().default(1),
  },
  (t) => [uniqueIndex("unit_checklist_uq").on(t.unitId, t.item)],
);

/** The responsibility matrix: per incident type, the lead unit and member units with their duties. */
export const responsibilities = pgTable(
  "responsibilities",
  {
    ...standardColumns(),
    incidentTypeId: uuid("incident_type_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    role: text("role").notNull(),
    duties: text("duties").notNull(),
  },
  (t) => [uniqueIndex("responsibilities_uq").on(t.incidentTypeId, t.unitId), index("responsibilities_unit_idx").on(t.unitId)],
);
