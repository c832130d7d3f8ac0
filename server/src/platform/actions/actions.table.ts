/**
 * Corrective actions (纠正行动), one platform piece for drills, responses and inspections
 * (architecture "Owed work"): what is to be done, by which unit and person, by when; progress
 * and closure on evidence by someone other than the owner. An action may name a plan: it then
 * raises that plan's revision trigger. The platform holds no module's ids as foreign keys:
 * `source` + `sourceId` say where the action came from.
 */
import { sql } from "drizzle-orm";
import { date, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { ltree, standardColumns, tz } from "../../db/columns.ts";

export const correctiveActions = pgTable(
  "corrective_actions",
  {
    ...standardColumns(),
    /** contracts CORRECTIVE_ACTION_SOURCES */
    source: text("source").notNull(),
    sourceId: uuid("source_id").notNull(),
    /** Owning unit (who must act) and its path, kept by a trigger. */
    unitId: uuid("unit_id").notNull(),
    unitPath: ltree("unit_path").notNull().default(sql`''::ltree`),
    ownerPersonId: uuid("owner_person_id"),
    title: text("title").notNull(),
    detail: text("detail"),
    deadline: date("deadline", { mode: "string" }).notNull(),
    /** The plan the action names, if any: its revision trigger. */
    planId: uuid("plan_id"),
    /** contracts CORRECTIVE_ACTION_STATUSES */
    status: text("status").notNull().default("open"),
    doneAt: tz("done_at"),
    doneBy: uuid("done_by"),
    evidenceFileIds: uuid("evidence_file_ids").array().notNull().default(sql`'{}'::uuid[]`),
    closedAt: tz("closed_at"),
    closedBy: uuid("closed_by"),
    note: text("note"),
  },
  (t) => [
    index("corrective_actions_source_idx").on(t.source, t.sourceId),
    index("corrective_actions_unit_path_gist").using("gist", t.unitPath),
    index("corrective_actions_plan_idx").on(t.planId),
  ],
);
