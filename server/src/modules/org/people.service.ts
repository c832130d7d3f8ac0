/** The contact directory (应急通讯录): people of every unit, liaison officers, masking and audited unmasking. */
import { and, count, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { can, PHONE_PATTERN, type BadPhoneList, type CreatePersonInput, type Person, type UpdatePersonInput } from "@yingji/contracts";
import type { Db, Q } from "../../db/client.ts";
import { auditBy, recordAudit } from "../../platform/audit.ts";
import type { Actor } from "../../platform/auth/actor.ts";
import { conflict, notFound } from "../../platform/errors.ts";
import { assertInScope, scopeCondition } from "../../platform/scope.ts";
import { orgUnits, people } from "./org.table.ts";
import { maskPhone } from "./people.rules.ts";
import { unitInScope } from "./units.service.ts";

type PersonRow = typeof people.$inferSelect;

export function presentPerson(p: PersonRow, unitName: string, unmasked = false): Person {
  return {
    id: p.id, unitId: p.unitId, unitName, name: p.name, title: p.title, emergencyRoles: p.emergencyRoles as Person["emergencyRoles"],
    duty: p.duty, mobile: unmasked ? p.mobile : maskPhone(p.mobile), officePhone: unmasked ? p.officePhone : maskPhone(p.officePhone),
    email: p.email, isLiaison: p.isLiaison, active: p.active, sort: p.sort,
    createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString(), version: p.version,
  };
}

/** What the audit log keeps of a person: phone numbers masked, so the log is no second directory. */
const auditView = (p: PersonRow) => ({ ...p, mobile: maskPhone(p.mobile), officePhone: maskPhone(p.officePhone) });

export interface PeopleQuery {
  page: number;
  pageSize: number;
  q?: string;
  unitId?: string;
  liaison?: "true" | "false";
  includeInactive?: "true" | "false";
}

/**
 * The directory's filter. Scope and order use people.unit_path (a trigger-kept copy of the
 * unit's path): a subtree is one contiguous range of the (unit_path, sort, name) index, so
 * the lower bound lets a page be read in order without sorting the whole subtree.
 */
async function peopleWhere(q: Q, actor: Actor, query: Omit<PeopleQuery, "page" | "pageSize">): Promise<{ cond: SQL | undefined; needsUnit: boolean }> {
  let scopePath = actor.unitPath;
  if (query.unitId) scopePath = (await unitInScope(q, actor, query.unitId)).path;
  const where: (SQL | undefined)[] = [sql`${people.unitPath} <@ ${scopePath}::ltree`, sql`${people.unitPath} >= ${scopePath}::ltree`];
  if (query.q) {
    const like = `%${query.q}%`;
    where.push(or(ilike(people.name, like), ilike(people.title, like), ilike(people.duty, like), ilike(orgUnits.name, like)));
  }
  if (query.liaison) where.push(eq(people.isLiaison, query.liaison === "true"));
  if (query.includeInactive !== "true") where.push(eq(people.active, true));
  return { cond: and(...where), needsUnit: !!query.q };
}

export async function listPeople(q: Q, actor: Actor, query: PeopleQuery) {
  const { cond, needsUnit } = await peopleWhere(q, actor, query);
  const counted = q.select({ total: count() }).from(people);
  const [rows, [{ total }]] = await Promise.all([
    q.select({ p: people, unitName: orgUnits.name }).from(people).innerJoin(orgUnits, eq(orgUnits.id, people.unitId)).where(cond)
      .orderBy(people.unitPath, people.sort, people.name).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    (needsUnit ? counted.innerJoin(orgUnits, eq(orgUnits.id, people.unitId)) : counted).where(cond),
  ]);
  return { items: rows.map((r) => presentPerson(r.p, r.unitName)), total, page: query.page, pageSize: query.pageSize };
}

/** Every person matching the filters, for the Excel export. */
export async function allPeople(q: Q, actor: Actor, query: Omit<PeopleQuery, "page" | "pageSize">) {
  const { cond } = await peopleWhere(q, actor, query);
  return q.select({ p: people, unitName: orgUnits.name }).from(people).innerJoin(orgUnits, eq(orgUnits.id, people.unitId)).where(cond).orderBy(people.unitPath, people.sort, people.name);
}

async function personRow(q: Q, actor: Actor, id: string) {
  const [row] = await q.select({ p: people, unitName: orgUnits.name }).from(people).innerJoin(orgUnits, eq(orgUnits.id, people.unitId)).where(eq(people.id, id));
  assertInScope(actor, row?.p.unitPath, "人员");
  return row;
}

export async function getPerson(q: Q, actor: Actor, id: string): Promise<Person> {
  const row = await personRow(q, actor, id);
  return presentPerson(row.p, row.unitName);
}

export async function insertPerson(tx: Q, actor: Actor, input: CreatePersonInput): Promise<PersonRow> {
  const [row] = await tx.insert(people).values({
    unitId: input.unitId, name: input.name, title: input.title ?? null, emergencyRoles: input.emergencyRoles ?? [], duty: input.duty ?? null,
    mobile: input.mobile ?? null, officePhone: input.officePhone ?? null, email: input.email ?? null, isLiaison: input.isLiaison ?? false,
    sort: input.sort ?? 0, createdBy: actor.id, updatedBy: actor.id,
  }).returning();
  await recordAudit(tx, { ...auditBy(actor), action: "people.create", entity: "person", entityId: row.id, after: auditView(row) });
  return row;
}

export async function createPerson(db: Db, actor: Actor, input: CreatePersonInput): Promise<Person> {
  await unitInScope(db, actor, input.unitId, "unitId");
  const row = await db.transaction((tx) => insertPerson(tx, actor, input));
  return getPerson(db, actor, row.id);
}

export async function updatePerson(db: Db, actor: Actor, id: string, input: UpdatePersonInput): Promise<Person> {
  await personRow(db, actor, id);
  if (input.unitId) await unitInScope(db, actor, input.unitId, "unitId");
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(people).where(eq(people.id, id)).for("update");
    if (before.version !== input.version) throw conflict();
    const { version: _v, ...changes } = input;
    const [after] = await tx.update(people).set({ ...changes, updatedAt: new Date(), updatedBy: actor.id, version: before.version + 1 }).where(eq(people.id, id)).returning();
    await recordAudit(tx, { ...auditBy(actor), action: "people.update", entity: "person", entityId: id, before: auditView(before), after: auditView(after) });
  });
  return getPerson(db, actor, id);
}

/** Reveals one person's numbers to a holder of people.unmask; every reveal is in the audit log. */
export async function unmaskPerson(db: Db, actor: Actor, id: string) {
  const row = await personRow(db, actor, id);
  if (!row) throw notFound("人员");
  await db.transaction((tx) =>
    recordAudit(tx, { ...auditBy(actor), action: "people.unmask", entity: "person", entityId: id, after: { name: row.p.name, unitName: row.unitName } }),
  );
  return { mobile: row.p.mobile, officePhone: row.p.officePhone };
}

/**
 * Stored numbers of people in scope that are no valid phone (saved before the contract checked
 * them), for an administrator to fix: the value itself only for a caller who may unmask.
 */
export async function badPhones(q: Q, actor: Actor): Promise<BadPhoneList> {
  // PostgreSQL's regular expressions read the contract's pattern as JavaScript does.
  const pattern = PHONE_PATTERN.source;
  const bad = sql`((${people.mobile} is not null and ${people.mobile} !~ ${pattern}) or (${people.officePhone} is not null and ${people.officePhone} !~ ${pattern}))`;
  const where = and(scopeCondition(people.unitPath, actor), bad);
  const [rows, [{ total }]] = await Promise.all([
    q.select({ p: people, unitName: orgUnits.name }).from(people).innerJoin(orgUnits, eq(orgUnits.id, people.unitId)).where(where)
      .orderBy(people.unitPath, people.name).limit(500),
    q.select({ total: count() }).from(people).where(where),
  ]);
  const reveal = can(actor.role, "people.unmask");
  const items = rows.flatMap(({ p, unitName }) => (["mobile", "officePhone"] as const)
    .filter((field) => p[field] !== null && !PHONE_PATTERN.test(p[field]!))
    .map((field) => ({ personId: p.id, name: p.name, unitId: p.unitId, unitName, field, value: reveal ? p[field] : null })));
  return { items, total };
}

/** Contacts of the given people for rosters: phones masked as in the directory, with the unit path for scope checks. */
export async function contactsByIds(q: Q, ids: string[]) {
  const rows = ids.length === 0 ? [] : await q.select({ id: people.id, name: people.name, title: people.title, mobile: people.mobile, officePhone: people.officePhone, unitPath: people.unitPath, active: people.active })
    .from(people).where(inArray(people.id, [...new Set(ids)]));
  return new Map(rows.map((p) => [p.id, { ...p, mobile: maskPhone(p.mobile), officePhone: maskPhone(p.officePhone) }]));
}

/** Villages and communities in scope, by town, and which of them have no liaison officer. */
export async function liaisonCoverage(q: Q, actor: Actor) {
  const { rows } = await q.execute<{ id: string; name: string; kind: string; town_id: string | null; town_name: string | null; covered: boolean }>(sql`
    select v.id, v.name, v.kind, t.id as town_id, t.name as town_name,
      exists (select 1 from people p where p.unit_id = v.id and p.is_liaison and p.active) as covered
    from org_units v left join org_units t on t.path = subpath(v.path, 0, 2) and nlevel(v.path) > 2
    where v.kind in ('village', 'community') and v.active and ${scopeCondition(sql`v.path`, actor)}
    order by t.sort, t.name, v.sort, v.name`);
  const towns = new Map<string, { townId: string | null; townName: string | null; villages: number; covered: number; missing: { id: string; name: string; kind: string }[] }>();
  for (const r of rows) {
    const key = r.town_id ?? "-";
    const t = towns.get(key) ?? { townId: r.town_id, townName: r.town_name, villages: 0, covered: 0, missing: [] };
    t.villages++;
    if (r.covered) t.covered++;
    else t.missing.push({ id: r.id, name: r.name, kind: r.kind });
    towns.set(key, t);
  }
  const covered = rows.filter((r) => r.covered).length;
  return { villages: rows.length, covered, rate: rows.length ? covered / rows.length : 1, towns: [...towns.values()] };
}
