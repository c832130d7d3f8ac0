/** The org tree: units, their kinds, moves of whole subtrees, deactivation. */
import { randomUUID } from "node:crypto";
import { and, asc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { anyId } from "../../db/any-of.ts";
import type { CreateUnitInput, Unit, UpdateUnitInput } from "@yingji/contracts";
import type { Db, Q } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { badRequest, conflict, unprocessable } from "../../platform/errors.ts";
import { assertInScope, scopeCondition } from "../../platform/scope.ts";
import { orgUnitKinds, orgUnits } from "./org.table.ts";

type UnitRow = typeof orgUnits.$inferSelect;

const unitColumns = {
  u: orgUnits,
  depth: sql<number>`nlevel(${orgUnits.path})`.mapWith(Number),
  // Written out in full: inside a subquery drizzle would render the outer column unqualified.
  childCount: sql<number>`(select count(*) from org_units c where c.parent_id = "org_units"."id" and c.active)`.mapWith(Number),
};

export function presentUnit(r: { u: UnitRow; depth: number; childCount: number }): Unit {
  const u = r.u;
  return {
    id: u.id, parentId: u.parentId, path: u.path, depth: r.depth, name: u.name, kind: u.kind, code: u.code, dutyPhone: u.dutyPhone,
    address: u.address, lat: u.lat, lon: u.lon, population: u.population, active: u.active, sort: u.sort, childCount: r.childCount,
    createdAt: u.createdAt.toISOString(), updatedAt: u.updatedAt.toISOString(), version: u.version,
  };
}

/** A fresh ltree label; labels never change, so a moved unit keeps its own. */
export const newLabel = () => `u${randomUUID().replaceAll("-", "")}`;

export async function listUnitKinds(q: Q) {
  return q.select().from(orgUnitKinds).orderBy(asc(orgUnitKinds.level), asc(orgUnitKinds.code));
}

export async function listUnits(q: Q, actor: Actor, query: { parentId?: string; kind?: string; q?: string; includeInactive?: string }): Promise<Unit[]> {
  const where: SQL[] = [scopeCondition(orgUnits.path, actor)];
  if (query.parentId) where.push(eq(orgUnits.parentId, query.parentId));
  if (query.kind) where.push(eq(orgUnits.kind, query.kind));
  if (query.q) where.push(ilike(orgUnits.name, `%${query.q}%`));
  if (query.includeInactive !== "true") where.push(eq(orgUnits.active, true));
  const rows = await q.select(unitColumns).from(orgUnits).where(and(...where)).orderBy(sql`nlevel(${orgUnits.path})`, asc(orgUnits.sort), asc(orgUnits.name));
  return rows.map(presentUnit);
}

/** The unit row, or 404 when it does not exist or lies outside the caller's scope. */
export async function unitInScope(q: Q, actor: { unitPath: string }, id: string, field?: string): Promise<UnitRow> {
  const [u] = await q.select().from(orgUnits).where(eq(orgUnits.id, id));
  if (field && !u) throw badRequest(field, "单位不存在");
  assertInScope(actor, u?.path, "单位");
  return u;
}

/**
 * Duty phones (值班电话) a user may always call: their own unit's, every unit above it and
 * the units directly below. They are office lines, not personal numbers, so they are shown
 * even outside the caller's data scope; nothing else of those units is.
 */
export async function listDutyPhones(q: Q, actor: Actor) {
  const rows = await q.execute<{ id: string; name: string; kind: string; duty_phone: string | null; relation: string; depth: number }>(sql`
    select id, name, kind, duty_phone, nlevel(path) as depth,
      case when path = ${actor.unitPath}::ltree then 'self' when path @> ${actor.unitPath}::ltree then 'above' else 'below' end as relation
    from org_units
    where active and duty_phone is not null
      and (path @> ${actor.unitPath}::ltree or parent_id = ${actor.unitId})
    order by nlevel(path), sort, name`);
  return rows.rows.map((r) => ({ unitId: r.id, name: r.name, kind: r.kind, dutyPhone: r.duty_phone!, relation: r.relation as "self" | "above" | "below", depth: Number(r.depth) }));
}

/**
 * Name, path, parent and duty phone of the given units, in or out of scope: for other modules'
 * own scope checks. `withParents` adds each unit's parent in the same query.
 */
export async function unitsByIds(q: Q, ids: string[], opts: { withParents?: boolean } = {}): Promise<Map<string, { id: string; parentId: string | null; name: string; path: string; dutyPhone: string | null }>> {
  if (ids.length === 0) return new Map();
  const wanted = [...new Set(ids)];
  const cond = opts.withParents
    ? or(anyId(orgUnits.id, wanted), inArray(orgUnits.id, q.select({ id: orgUnits.parentId }).from(orgUnits).where(anyId(orgUnits.id, wanted))))
    : anyId(orgUnits.id, wanted);
  const rows = await q.select({ id: orgUnits.id, parentId: orgUnits.parentId, name: orgUnits.name, path: orgUnits.path, dutyPhone: orgUnits.dutyPhone }).from(orgUnits).where(cond);
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * Where each unit lies: its own coordinates, or those of its nearest unit above that has them
 * (a village without a point of its own lies in its town). Units with none above are left out.
 */
export async function placesOf(q: Q, ids: string[]): Promise<Map<string, { name: string; lat: number; lon: number }>> {
  if (ids.length === 0) return new Map();
  const wanted = [...new Set(ids)];
  const { rows } = await q.execute<{ id: string; name: string; lat: number; lon: number }>(sql`
    select distinct on (u.id) u.id, u.name, a.lat, a.lon
    from org_units u join org_units a on a.path @> u.path and a.lat is not null and a.lon is not null
    where u.id in (${sql.join(wanted.map((id) => sql`${id}::uuid`), sql`, `)})
    order by u.id, nlevel(a.path) desc`);
  return new Map(rows.map((r) => [r.id, { name: r.name, lat: Number(r.lat), lon: Number(r.lon) }]));
}

export async function getUnit(q: Q, actor: Actor, id: string): Promise<Unit> {
  await unitInScope(q, actor, id);
  const [r] = await q.select(unitColumns).from(orgUnits).where(eq(orgUnits.id, id));
  return presentUnit(r);
}

/**
 * A kind the caller may give a unit: a known one, below the level of the caller's own unit — a
 * town's administrator makes villages and enterprises, never a district or another town
 * (security notes, input finding 6: a town once made itself a district).
 */
async function assertKind(q: Q, actor: Actor, kind: string) {
  const [k] = await q.select().from(orgUnitKinds).where(eq(orgUnitKinds.code, kind));
  if (!k) throw badRequest("kind", `未知的单位类型 ${kind}`);
  const [own] = await q.select({ level: orgUnitKinds.level }).from(orgUnits).innerJoin(orgUnitKinds, eq(orgUnitKinds.code, orgUnits.kind)).where(eq(orgUnits.id, actor.unitId));
  if (own && k.level <= own.level) throw unprocessable("kind_above_caller", `kind: 不能设为本级或更高级别的单位类型（${k.name}）`, { field: "kind" });
}

export async function insertUnit(tx: Q, actor: Actor, parent: UnitRow, input: CreateUnitInput): Promise<UnitRow> {
  const [row] = await tx.insert(orgUnits).values({
    parentId: parent.id, path: `${parent.path}.${newLabel()}`, name: input.name, kind: input.kind, code: input.code ?? null,
    dutyPhone: input.dutyPhone ?? null, address: input.address ?? null, lat: input.lat ?? null, lon: input.lon ?? null,
    population: input.population ?? null, sort: input.sort ?? 0, createdBy: actor.id, updatedBy: actor.id,
  }).returning();
  await recordAudit(tx, { ...auditBy(actor), action: "org.unit.create", entity: "org_unit", entityId: row.id, after: row });
  return row;
}

export async function createUnit(db: Db, actor: Actor, input: CreateUnitInput): Promise<Unit> {
  const parent = await unitInScope(db, actor, input.parentId, "parentId");
  if (!parent.active) throw unprocessable("parent_inactive", "上级单位已停用");
  await assertKind(db, actor, input.kind);
  const row = await db.transaction((tx) => insertUnit(tx, actor, parent, input));
  return getUnit(db, actor, row.id);
}

export async function updateUnit(db: Db, actor: Actor, id: string, input: UpdateUnitInput): Promise<Unit> {
  const current = await unitInScope(db, actor, id);
  if (input.kind !== undefined && input.kind !== current.kind) {
    // A unit's own kind (and parent: moveUnit) is decided above it, never by itself.
    if (id === actor.unitId) throw unprocessable("cannot_change_own_kind", "kind: 不能修改本级单位的类型", { field: "kind" });
    await assertKind(db, actor, input.kind);
  }
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(orgUnits).where(eq(orgUnits.id, id)).for("update");
    if (before.version !== input.version) throw conflict();
    if (input.active === false && before.active) {
      if (!before.parentId || before.id === actor.unitId) throw unprocessable("cannot_deactivate", "不能停用本级或根单位");
      const [child] = await tx.select({ id: orgUnits.id }).from(orgUnits).where(and(eq(orgUnits.parentId, id), eq(orgUnits.active, true))).limit(1);
      if (child) throw unprocessable("has_active_children", "该单位下还有启用的下级单位，请先停用或移走");
    }
    const { version: _v, ...changes } = input;
    const [after] = await tx.update(orgUnits).set({ ...changes, updatedAt: new Date(), updatedBy: actor.id, version: before.version + 1 }).where(eq(orgUnits.id, id)).returning();
    await recordAudit(tx, { ...auditBy(actor), action: input.active === false ? "org.unit.deactivate" : "org.unit.update", entity: "org_unit", entityId: id, before, after });
  });
  return getUnit(db, actor, id);
}

/** Moves a unit under another parent; its whole subtree moves with it (one UPDATE of the paths). */
export async function moveUnit(db: Db, actor: Actor, id: string, input: { version: number; parentId: string }): Promise<Unit> {
  const unit = await unitInScope(db, actor, id);
  const parent = await unitInScope(db, actor, input.parentId, "parentId");
  if (!unit.parentId || unit.id === actor.unitId) throw unprocessable("cannot_move", "不能移动根单位或本级单位");
  if (parent.path === unit.path || parent.path.startsWith(`${unit.path}.`)) {
    throw unprocessable("move_into_own_subtree", "不能移动到自身或其下级单位之下");
  }
  if (!parent.active) throw unprocessable("parent_inactive", "目标上级单位已停用");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(orgUnits).where(eq(orgUnits.id, id)).for("update");
    if (before.version !== input.version) throw conflict();
    const label = before.path.split(".").at(-1)!;
    const newPath = `${parent.path}.${label}`;
    await tx.execute(sql`update org_units set path = ${newPath}::ltree || subpath(path, nlevel(${before.path}::ltree))
      where path <@ ${before.path}::ltree and id <> ${id}`);
    const [after] = await tx.update(orgUnits).set({ parentId: parent.id, path: newPath, updatedAt: new Date(), updatedBy: actor.id, version: before.version + 1 }).where(eq(orgUnits.id, id)).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "org.unit.move", entity: "org_unit", entityId: id, before: { parentId: before.parentId, path: before.path }, after: { parentId: after.parentId, path: after.path } });
  });
  return getUnit(db, actor, id);
}

/** Id, name and path of the units at the given paths, in or out of scope (e.g. the town above an incident's unit). */
export async function unitsByPaths(q: Q, paths: string[]): Promise<Map<string, { id: string; name: string; path: string }>> {
  if (paths.length === 0) return new Map();
  const list = [...new Set(paths)];
  const rows = await q.select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path }).from(orgUnits)
    .where(sql`${orgUnits.path} = any(${sql.raw("array[")}${sql.join(list.map((p) => sql`${p}::ltree`), sql`, `)}${sql.raw("]")})`);
  return new Map(rows.map((r) => [r.path, r]));
}
