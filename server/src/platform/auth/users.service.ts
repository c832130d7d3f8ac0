import { and, count, eq, ilike, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { managesRole, SEPARATED_ROLES, type CreateUserInput, type Role, type UpdateUserInput, type UserSummary } from "@yingji/contracts";
import type { Db, Q } from "../../db/client.ts";
import { orgUnits } from "../../modules/org/org.table.ts";
import { auditBy, recordAudit } from "../audit.ts";
import { badRequest, conflict, forbidden, unprocessable } from "../errors.ts";
import { users } from "../platform.table.ts";
import { assertInScope, assertRefsInScope, PERSON_REF, scopeCondition, unitPath } from "../scope.ts";
import type { Actor, AuditActor } from "./actor.ts";
import { hashPassword, passwordProblem } from "./passwords.ts";
import { revokeUserSessions } from "./sessions.ts";

type UserRow = typeof users.$inferSelect;

const present = (u: UserRow, unitName: string): UserSummary => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role as UserSummary["role"], unitId: u.unitId, unitName,
  personId: u.personId, active: u.active, totpEnabled: u.totpEnabled, lastLoginAt: u.lastLoginAt?.toISOString() ?? null, version: u.version,
});

/** What the audit log keeps of a user: never the password hash or the TOTP secret. */
const auditView = (u: UserRow) => ({ username: u.username, displayName: u.displayName, role: u.role, unitId: u.unitId, personId: u.personId, active: u.active, totpEnabled: u.totpEnabled });

export async function listUsers(db: Db, actor: Actor, query: { page: number; pageSize: number; q?: string; role?: string }) {
  const where: (SQL | undefined)[] = [scopeCondition(orgUnits.path, actor)];
  if (query.q) where.push(or(ilike(users.username, `%${query.q}%`), ilike(users.displayName, `%${query.q}%`)));
  if (query.role) where.push(eq(users.role, query.role));
  const cond = and(...where);
  const [rows, [{ total }]] = await Promise.all([
    db.select({ u: users, unitName: orgUnits.name }).from(users).innerJoin(orgUnits, eq(orgUnits.id, users.unitId)).where(cond)
      .orderBy(users.username).limit(query.pageSize).offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(users).innerJoin(orgUnits, eq(orgUnits.id, users.unitId)).where(cond),
  ]);
  return { items: rows.map((r) => present(r.u, r.unitName)), total, page: query.page, pageSize: query.pageSize };
}

export async function getUser(db: Q, actor: Actor, id: string): Promise<UserSummary> {
  const [row] = await db.select({ u: users, unitName: orgUnits.name, path: sql<string>`${orgUnits.path}::text` })
    .from(users).innerJoin(orgUnits, eq(orgUnits.id, users.unitId)).where(eq(users.id, id));
  assertInScope(actor, row?.path, "用户");
  return present(row.u, row.unitName);
}

/** 三员管理: an account manager acts only on accounts of the roles it manages, and gives only those. */
function assertManages(manager: Role | undefined, role: string, what: string) {
  if (manager && !managesRole(manager, role as Role)) throw forbidden(`无权${what}此角色的账号（三员分立）`);
}

/**
 * One person, one of the three separated roles: an account of one of them may not be linked to a
 * person who already has an account of another (no one holds two of 系统管理员/安全管理员/审计管理员).
 */
async function assertSeparated(db: Q, role: string, personId: string | null | undefined, exceptUserId?: string) {
  if (!personId || !(SEPARATED_ROLES as readonly string[]).includes(role)) return;
  const others = await db.select({ role: users.role }).from(users)
    .where(and(eq(users.personId, personId), inArray(users.role, SEPARATED_ROLES.filter((r) => r !== role)), exceptUserId ? ne(users.id, exceptUserId) : undefined));
  if (others.length) throw unprocessable("separated_roles", "同一人员不能同时担任系统管理员、安全管理员和审计管理员中的两个角色", { field: "personId" });
}

/** Creates an account; also used by `npm run admin -- create` with the system as actor (no role given: any role). */
export async function createUser(db: Db, by: AuditActor & { unitPath?: string; role?: Role }, input: CreateUserInput, opts: { mustChangePassword?: boolean } = {}) {
  assertManages(by.role, input.role, "创建");
  const path = await unitPath(db, input.unitId);
  if (!path) throw badRequest("unitId", "单位不存在");
  if (by.unitPath) assertInScope({ unitPath: by.unitPath }, path, "单位");
  await assertSeparated(db, input.role, input.personId);
  // The account's person: its inbox shows what that person receives, so it must lie in scope too.
  if (by.unitPath) await assertRefsInScope(db, { unitPath: by.unitPath }, [["personId", PERSON_REF, input.personId]]);
  const problem = passwordProblem(input.password, input.username);
  if (problem) throw badRequest("password", problem);
  const [existing] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.username}) = ${input.username.toLowerCase()}`);
  if (existing) throw conflict("用户名已存在");
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [u] = await tx.insert(users).values({
      username: input.username, displayName: input.displayName, role: input.role, unitId: input.unitId, personId: input.personId ?? null,
      passwordHash, mustChangePassword: opts.mustChangePassword ?? true, passwordChangedAt: new Date(), createdBy: by.id, updatedBy: by.id,
    }).returning();
    await recordAudit(tx, { ...auditBy(by), action: "users.create", entity: "user", entityId: u.id, after: auditView(u) });
    return u;
  });
}

export async function updateUser(db: Db, actor: Actor, id: string, input: UpdateUserInput): Promise<UserSummary> {
  const current = await getUser(db, actor, id);
  // Whatever the change (name, unit, status, password, second factor, role): the account's role and the new one must both be the manager's.
  assertManages(actor.role, current.role, "修改");
  if (input.role) assertManages(actor.role, input.role, "授予");
  await assertSeparated(db, input.role ?? current.role, input.personId === undefined ? current.personId : input.personId, id);
  if (input.unitId) {
    const path = await unitPath(db, input.unitId);
    if (!path) throw badRequest("unitId", "单位不存在");
    assertInScope(actor, path, "单位");
  }
  await assertRefsInScope(db, actor, [["personId", PERSON_REF, input.personId]]);
  if (id === actor.id && (input.active === false || (input.role && input.role !== actor.role))) {
    throw badRequest(input.active === false ? "active" : "role", "不能停用自己的账号或修改自己的角色");
  }
  let passwordHash: string | undefined;
  if (input.password) {
    const [u] = await db.select({ username: users.username }).from(users).where(eq(users.id, id));
    const problem = passwordProblem(input.password, u.username);
    if (problem) throw badRequest("password", problem);
    passwordHash = await hashPassword(input.password);
  }
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, id)).for("update");
    if (before.version !== input.version) throw conflict();
    assertManages(actor.role, before.role, "修改");
    const [after] = await tx.update(users).set({
      displayName: input.displayName, role: input.role, unitId: input.unitId, personId: input.personId, active: input.active,
      ...(passwordHash ? { passwordHash, mustChangePassword: true, passwordChangedAt: new Date() } : {}),
      ...(input.resetTotp ? { totpEnabled: false, totpSecret: null, totpLastStep: null } : {}),
      updatedAt: new Date(), updatedBy: actor.id, version: before.version + 1,
    }).where(eq(users.id, id)).returning();
    // A disabled account, a new password or a changed role ends every session at once.
    if (input.active === false || passwordHash || (input.role && input.role !== before.role) || input.resetTotp) await revokeUserSessions(tx, id);
    await recordAudit(tx, { ...auditBy(actor), action: "users.update", entity: "user", entityId: id, before: auditView(before), after: { ...auditView(after), passwordReset: !!passwordHash } });
  });
  return getUser(db, actor, id);
}
