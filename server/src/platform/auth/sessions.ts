import { createHmac, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { ROLES_REQUIRING_2FA, type Role } from "@yingji/contracts";
import type { Config } from "../../config.ts";
import type { Q } from "../../db/client.ts";
import { orgUnits } from "../../modules/org/org.table.ts";
import { sessions, users } from "../platform.table.ts";
import type { Actor } from "./actor.ts";

export const SESSION_COOKIE = "yj_sid";
/** Sessions are stored by an HMAC of the token: a leaked table gives no cookie, and a new SESSION_SECRET ends every session. */
const hashToken = (config: Config, token: string) => createHmac("sha256", config.SESSION_SECRET ?? "").update(token).digest("hex");
/** last_seen_at is written at most this often, so reads do not become writes. */
const TOUCH_EVERY_MS = 60_000;

export async function createSession(q: Q, config: Config, userId: string, ip: string, userAgent: string | undefined) {
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const now = new Date();
  await q.insert(sessions).values({
    id: hashToken(config, token),
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + config.SESSION_ABSOLUTE_HOURS * 3600_000),
    ip,
    userAgent: userAgent?.slice(0, 300),
  });
  return { token, csrfToken, sessionId: hashToken(config, token) };
}

type SessionRow = {
  session: typeof sessions.$inferSelect;
  user: typeof users.$inferSelect;
  unitPath: string;
  unitName: string;
};

/**
 * Sessions already looked up, per database handle, for SESSION_CACHE_MS at most: every request
 * of a duty screen carries the same cookie. Forgotten at once when this process answers a write
 * (http.ts) and when PostgreSQL announces a change to users, sessions' revocation or the org
 * tree from any process (trigger → NOTIFY yingji_sessions → events.ts), so a logout, a disabled
 * account or a moved unit takes effect everywhere within the time of a notification.
 */
const SESSION_CACHE_MS = 5_000;
const sessionCaches = new WeakMap<object, Map<string, { row: SessionRow; until: number }>>();

function sessionCache(handle: object) {
  let cache = sessionCaches.get(handle);
  if (!cache) sessionCaches.set(handle, (cache = new Map()));
  return cache;
}

/** Forget every session looked up through this handle (something about users or units changed). */
export function forgetSessions(handle: object): void {
  sessionCaches.get(handle)?.clear();
}

/** The actor behind a session cookie, or null when the session is unknown, ended, idle too long or the user disabled. */
export async function resolveSession(q: Q, config: Config, token: string, ip: string, opts: { touch?: boolean } = {}): Promise<Actor | null> {
  const id = hashToken(config, token);
  const cache = sessionCache(q);
  const kept = cache.get(id);
  let row = kept && kept.until > Date.now() ? kept.row : undefined;
  if (!row) {
    [row] = await q
      .select({
        session: sessions,
        user: users,
        unitPath: sql<string>`${orgUnits.path}::text`,
        unitName: orgUnits.name,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(orgUnits, eq(orgUnits.id, users.unitId))
      .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
      .limit(1);
    if (!row) return null;
    if (cache.size >= 10_000) cache.clear();
    cache.set(id, { row, until: Date.now() + SESSION_CACHE_MS });
  }
  if (!row.user.active) return null;
  const now = Date.now();
  if (row.session.expiresAt.getTime() <= now) return null;
  if (row.session.lastSeenAt.getTime() + config.SESSION_IDLE_MINUTES * 60_000 <= now) return null;
  if (opts.touch !== false && now - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    // Kept rows see it at once, so concurrent requests of one screen touch once.
    row.session.lastSeenAt = new Date(now);
    await q.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
  }
  const u = row.user;
  const role = u.role as Role;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role,
    unitId: u.unitId,
    unitName: row.unitName,
    unitPath: row.unitPath,
    personId: u.personId,
    totpEnabled: u.totpEnabled,
    mustChangePassword: u.mustChangePassword,
    mustEnrollTotp: config.require2fa && ROLES_REQUIRING_2FA.includes(role) && !u.totpEnabled,
    sessionId: id,
    csrfToken: row.session.csrfToken,
    ip,
  };
}

/**
 * Of the given sessions, those still live (not revoked, not expired, not idle too long, user
 * active), with their user's role and scope now: one query for every open event stream.
 */
export async function liveSessions(q: Q, config: Config, ids: string[]): Promise<Map<string, { role: Role; unitPath: string }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await q.execute<{ id: string; role: Role; unit_path: string }>(sql`
    select s.id, u.role, o.path::text as unit_path from sessions s join users u on u.id = s.user_id join org_units o on o.id = u.unit_id
    where s.id = any(${`{${ids.join(",")}}`}::text[]) and s.revoked_at is null and u.active and s.expires_at > now()
      and s.last_seen_at > now() - make_interval(mins => ${config.SESSION_IDLE_MINUTES})`);
  return new Map(rows.map((r) => [r.id, { role: r.role, unitPath: r.unit_path }]));
}

export async function revokeSession(q: Q, sessionId: string) {
  await q.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends every session of a user ("log out everywhere", disabled account, password reset). */
export async function revokeUserSessions(q: Q, userId: string) {
  await q.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}
