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

/** The ltree path of a unit, or undefined when there is no such unit. */
export async function unitPath(q: Q, unitId: string): Promise<string | undefined> {
  const [u] = await q.select({ path: orgUnits.path }).from(orgUnits).where(eq(orgUnits.id, unitId));
  return u?.path;
}
