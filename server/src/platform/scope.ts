/**
 * Data scope: a user sees and changes only rows inside the org subtree of their own
 * unit. This file is the only place that decides it.
 */
import { eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Q } from "../db/client.ts";
// The org tree is what scope is made of: the platform reads a unit's (and a person's) path, nothing else of the org module.
import { orgUnits, people } from "../modules/org/org.table.ts";
import { notFound, refNotFound } from "./errors.ts";
import { files } from "./platform.table.ts";

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

// ---------------------------------------------------------------- ids inside a body

/** A kind of row a body may name by id, and how to read the org path that owns each one. */
export interface RefKind {
  /** The row in words, for the 404 message (人员, 文件…). */
  what: string;
  paths(q: Q, ids: string[]): Promise<Map<string, string>>;
}

/** Rows of `table` owned through an ltree path column, or through a unit-id column. */
export function refKind(what: string, table: PgTable, id: AnyPgColumn, owner: { path: AnyPgColumn } | { unitId: AnyPgColumn }): RefKind {
  return {
    what,
    async paths(q, ids) {
      const rows = "path" in owner
        ? await q.select({ id, path: sql<string>`${owner.path}::text` }).from(table).where(inArray(id, ids))
        : await q.select({ id, path: sql<string>`${orgUnits.path}::text` }).from(table).innerJoin(orgUnits, eq(orgUnits.id, owner.unitId)).where(inArray(id, ids));
      return new Map(rows.map((r) => [r.id as string, r.path]));
    },
  };
}

export const UNIT_REF = refKind("单位", orgUnits, orgUnits.id, { path: orgUnits.path });
export const PERSON_REF = refKind("人员", people, people.id, { path: people.unitPath });
export const FILE_REF = refKind("文件", files, files.id, { unitId: files.unitId });

export type RefCheck = [field: string, kind: RefKind, ids: string | readonly string[] | null | undefined];

/**
 * Every id a body names must be a row of its kind inside the caller's scope, exactly as an id in
 * the path: otherwise 404 naming the field, before anything is written. A row that does not
 * exist answers the same, so the answer tells nothing about rows outside scope.
 */
export async function assertRefsInScope(q: Q, actor: Scoped, refs: RefCheck[]): Promise<void> {
  for (const [field, kind, value] of refs) {
    const ids = value == null ? [] : typeof value === "string" ? [value] : [...new Set(value)];
    if (ids.length === 0) continue;
    const paths = await kind.paths(q, ids);
    for (const id of ids) {
      const path = paths.get(id);
      if (!path || !inScope(actor, path)) throw refNotFound(field, kind.what);
    }
  }
}
