/**
 * Columns every registry row carries (platform/registry.ts relies on them): the standard
 * columns, the owning unit and its path (kept by a trigger, migration resources_location),
 * name, location and the soft-delete flag.
 */
import { sql } from "drizzle-orm";
import { boolean, doublePrecision, index, text, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { ltree, standardColumns } from "../db/columns.ts";

export const registryColumns = () => ({
  ...standardColumns(),
  unitId: uuid("unit_id").notNull(),
  /** Copy of the owning unit's path, kept by a trigger: the row's data scope. */
  unitPath: ltree("unit_path").notNull().default(sql`''::ltree`),
  name: text("name").notNull(),
  /** WGS-84; the GiST index on ll_to_earth(lat, lon) serves the map and the nearest search. */
  lat: doublePrecision("lat"),
  lon: doublePrecision("lon"),
  address: text("address"),
  /** Deactivated rows stay (history, links) but leave lists, the map and searches. */
  active: boolean("active").notNull().default(true),
});

/** Indexes every registry table needs: scope subtree (GiST on the path) and the unit. */
export const registryIndexes = (name: string, t: { unitPath: AnyPgColumn; unitId: AnyPgColumn }) => [
  index(`${name}_unit_path_gist`).using("gist", t.unitPath),
  index(`${name}_unit_idx`).on(t.unitId),
];
