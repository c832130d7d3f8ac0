/**
 * Data scope: a user sees and changes only rows inside the org subtree of their own
 * unit. This file is the only place that decides it.
 */
import { eq, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Q } from "../db/client.ts";
// The org tree is what scope is made of: the platform reads a unit's path, nothing else of the org module.
import { orgUnits } from "../modules/org/org.table.ts";
import { notFound } from "./errors.ts";

export interface Scoped {
  unitPath: string;
}

export function inScope(actor: Scoped, path: string): boolean {
  return path === actor.unitPath || path.startsWith(`${actor.unitPath}.`);
}

/** A row outside the caller's scope does not exist for the caller: 404, not 403. */
export function assertInScope(actor: Scoped, path: string | null | undefined, what?: string): void {
  if (!path || !inScope(actor, path)) throw notFound(what);
}

/** SQL condition: the ltree column lies in the caller's subtree (uses the GiST index). */
export function scopeCondition(pathColumn: AnyPgColumn | SQL, actor: Scoped): SQL {
  return sql`${pathColumn} <@ ${actor.unitPath}::ltree`;
}

/** How a unit stands in the responsibility matrix for an incident type (org module, `responsibilities`). */
export type SectorRole = "lead" | "member";

/**
 * SQL subquery: the incident types (with every type below them) that the actor's unit holds in
 * the responsibility matrix in one of `roles`. A member department is responsible by sector:
 * it reads the incidents and warnings of these types district-wide, and changes them only
 * where it is the lead. The matrix is the one source of that rule.
 */
export function sectorTypes(actor: { unitId: string }, roles: readonly SectorRole[] = ["lead", "member"]): SQL {
  return sql`(with recursive s(id) as (
      select r.incident_type_id from responsibilities r where r.unit_id = ${actor.unitId}::uuid and r.role = any(${`{${roles.join(",")}}`}::text[])
      union select t.id from incident_types t join s on t.parent_id = s.id)
    select id from s)`;
}

/** SQL condition: the row's incident type is one of the actor's sector (see `sectorTypes`). */
export function sectorCondition(typeColumn: AnyPgColumn | SQL, actor: { unitId: string }, roles?: readonly SectorRole[]): SQL {
  return sql`${typeColumn} in ${sectorTypes(actor, roles)}`;
}

/** True when the incident type lies in the actor's sector with one of `roles`. */
export async function inSector(q: Q, actor: { unitId: string }, typeId: string | null, roles?: readonly SectorRole[]): Promise<boolean> {
  if (!typeId) return false;
  const { rows } = await q.execute<{ yes: boolean }>(sql`select ${typeId}::uuid in ${sectorTypes(actor, roles)} as yes`);
  return !!rows[0]?.yes;
}

/** The ltree path of a unit, or undefined when there is no such unit. */
export async function unitPath(q: Q, unitId: string): Promise<string | undefined> {
  const [u] = await q.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, unitId));
  return u?.path;
}
