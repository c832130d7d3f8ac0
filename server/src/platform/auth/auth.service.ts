import { and, count, eq, gt, sql } from "drizzle-orm";
import { permissionsOf, type LoginInput, type Me } from "@yingji/contracts";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { recordAudit } from "../audit.ts";
import { AppError, badRequest, tooMany, unauthorized } from "../errors.ts";
import { loginAttempts, users } from "../platform.table.ts";
import type { Actor } from "./actor.ts";
import { DUMMY_HASH, hashPassword, passwordProblem, verifyPassword } from "./passwords.ts";
import { createSession, revokeUserSessions } from "./sessions.ts";
import { addressDelayMs, addressThrottle } from "./throttle.rules.ts";
import { newTotpSecret, otpauthUrl, verifyTotp } from "./totp.ts";

const WRONG_CREDENTIALS = "用户名或密码错误";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Lockout by (account, address): five failures lock that pair, so an attacker elsewhere cannot
 * lock a named user out of their own office. Failures from one address across many accounts
 * only slow that address down (throttle.rules.ts), never refuse it: colleagues behind the same
 * address still sign in. Unknown users count and wait the same as real ones.
 */
async function throttle(db: Db, config: Config, username: string, ip: string) {
  const since = new Date(Date.now() - config.LOGIN_LOCK_MINUTES * 60_000);
  const lastSuccess = sql`coalesce((select max(${loginAttempts.at}) from ${loginAttempts}
    where ${loginAttempts.username} = ${username} and ${loginAttempts.ip} = ${ip} and ${loginAttempts.success}), '-infinity'::timestamptz)`;
  const [pair] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.at, since), sql`${loginAttempts.at} > ${lastSuccess}`));
  if (pair.n >= config.LOGIN_MAX_FAILURES) {
    throw tooMany(`登录失败次数过多，请 ${config.LOGIN_LOCK_MINUTES} 分钟后再试`);
  }
  // Every attempt from the address waits alike, whoever it names: a shorter wait for some accounts would tell which exist.
  const [addr] = await db
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.at, since)));
  const wait = addressDelayMs(addr.n, addressThrottle(config));
  if (wait > 0) await sleep(wait);
}

async function recordFailure(db: Db, username: string, ip: string, userId: string | null, reason: string) {
  await db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ username, ip, success: false });
    await recordAudit(tx, { actorId: userId, actorName: username, ip, action: "auth.login_failed", after: { reason } });
  });
}

export async function login(db: Db, config: Config, input: LoginInput, ip: string, userAgent?: string) {
  const username = input.username.toLowerCase();
  await throttle(db, config, username, ip);
  const [user] = await db.select().from(users).where(sql`lower(${users.username}) = ${username}`).limit(1);
  // Always hash, so an unknown user answers in the same time as a wrong password.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !passwordOk || !user.active) {
    await recordFailure(db, username, ip, user?.id ?? null, !user ? "unknown_user" : !passwordOk ? "wrong_password" : "disabled");
    throw unauthorized(WRONG_CREDENTIALS);
  }
  let totpStep: number | null = null;
  if (user.totpEnabled && user.totpSecret) {
    if (!input.totp) throw new AppError(401, "totp_required", "请输入动态口令");
    totpStep = verifyTotp(user.totpSecret, input.totp, user.totpLastStep);
    if (totpStep === null) {
      await recordFailure(db, username, ip, user.id, "wrong_totp");
      throw new AppError(401, "totp_invalid", "动态口令错误");
    }
  }
  return db.transaction(async (tx) => {
    await tx.insert(loginAttempts).values({ username, ip, success: true });
    await tx
      .update(users)
      .set({ lastLoginAt: new Date(), ...(totpStep !== null ? { totpLastStep: totpStep } : {}) })
      .where(eq(users.id, user.id));
    const session = await createSession(tx, config, user.id, ip, userAgent);
    await recordAudit(tx, { actorId: user.id, actorName: user.username, ip, action: "auth.login", entity: "user", entityId: user.id });
    return session;
  });
}

export function presentMe(actor: Actor): Me {
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    role: actor.role,
    unitId: actor.unitId,
    unitName: actor.unitName,
    unitPath: actor.unitPath,
    personId: actor.personId,
    permissions: permissionsOf(actor.role),
    totpEnabled: actor.totpEnabled,
    mustEnrollTotp: actor.mustEnrollTotp,
    mustChangePassword: actor.mustChangePassword,
    csrfToken: actor.csrfToken,
  };
}

export async function changePassword(db: Db, actor: Actor, currentPassword: string, newPassword: string) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (!(await verifyPassword(currentPassword, user.passwordHash))) throw badRequest("currentPassword", "当前密码不正确");
  const problem = passwordProblem(newPassword, user.username);
  if (problem) throw badRequest("newPassword", problem);
  if (await verifyPassword(newPassword, user.passwordHash)) throw badRequest("newPassword", "新密码不能与当前密码相同");
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: new Date(), updatedAt: new Date(), updatedBy: actor.id, version: sql`${users.version} + 1` })
      .where(eq(users.id, actor.id));
    // Other sessions end; this one stays.
    await tx.execute(sql`update sessions set revoked_at = now() where user_id = ${actor.id} and id <> ${actor.sessionId} and revoked_at is null`);
    await recordAudit(tx, { actorId: actor.id, actorName: actor.username, ip: actor.ip, action: "auth.password_change", entity: "user", entityId: actor.id });
  });
}

/** Starts enrolment: a fresh secret, kept unconfirmed until a code from it is given back. */
export async function setupTotp(db: Db, actor: Actor) {
  if (actor.totpEnabled) throw new AppError(409, "conflict", "已启用动态口令；如需更换请联系管理员重置");
  const secret = newTotpSecret();
  await db.update(users).set({ totpSecret: secret, totpLastStep: null }).where(eq(users.id, actor.id));
  return { secret, otpauthUrl: otpauthUrl(secret, actor.username) };
}

export async function enableTotp(db: Db, actor: Actor, code: string) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.id));
  if (user.totpEnabled) throw new AppError(409, "conflict", "已启用动态口令");
  if (!user.totpSecret) throw badRequest("code", "请先获取密钥");
  const step = verifyTotp(user.totpSecret, code, null);
  if (step === null) throw badRequest("code", "动态口令错误");
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: true, totpLastStep: step, version: sql`${users.version} + 1` }).where(eq(users.id, actor.id));
    await recordAudit(tx, { actorId: actor.id, actorName: actor.username, ip: actor.ip, action: "auth.totp_enable", entity: "user", entityId: actor.id });
  });
}

export async function logoutEverywhere(db: Db, actor: Actor) {
  await db.transaction(async (tx) => {
    await revokeUserSessions(tx, actor.id);
    await recordAudit(tx, { actorId: actor.id, actorName: actor.username, ip: actor.ip, action: "auth.logout_all", entity: "user", entityId: actor.id });
  });
}

