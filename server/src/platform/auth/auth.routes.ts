import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { ChangePasswordInput, EmptyBody, LoginInput, Me, Ok, TotpEnableInput, TotpSetup } from "@yingji/contracts";
import type { AppContext } from "../module.ts";
import { actorOf } from "../http.ts";
import { changePassword, enableTotp, login, logoutEverywhere, presentMe, setupTotp } from "./auth.service.ts";
import { resolveSession, revokeSession, SESSION_COOKIE } from "./sessions.ts";
import { recordAudit } from "../audit.ts";

export async function authRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db, config } = ctx;
  const secureCookie = (req: FastifyRequest) => req.protocol === "https" || !!config.PUBLIC_URL?.startsWith("https:");
  const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: secureCookie(req),
      maxAge: config.SESSION_ABSOLUTE_HOURS * 3600,
    });

  r.post("/api/auth/login", {
    schema: { tags: ["auth"], summary: "Sign in (登录)", body: LoginInput, response: { 200: Me } },
    config: {
      public: true,
      // Per address and account, once the body is read: a flood from one address must not refuse the colleagues behind it (throttle.rules.ts slows the address).
      rateLimit: { max: config.LOGIN_RATE_PER_MINUTE, timeWindow: "1 minute", hook: "preHandler", keyGenerator: (req) => `${req.ip}\n${String((req.body as { username?: unknown } | undefined)?.username ?? "").toLowerCase()}` },
    },
  }, async (req, reply) => {
    const session = await login(db, config, req.body, req.ip, req.headers["user-agent"]);
    setCookie(req, reply, session.token);
    const actor = await resolveSession(db, config, session.token, req.ip);
    return presentMe(actor!);
  });

  r.post("/api/auth/logout", {
    schema: { tags: ["auth"], summary: "Sign out of this session", body: EmptyBody, response: { 200: Ok } },
    config: { allowPending: true },
  }, async (req, reply) => {
    const actor = actorOf(req);
    await db.transaction(async (tx) => {
      await revokeSession(tx, actor.sessionId);
      await recordAudit(tx, { actorId: actor.id, actorName: actor.username, ip: actor.ip, action: "auth.logout", entity: "user", entityId: actor.id });
    });
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ok: true as const };
  });

  r.post("/api/auth/logout-all", {
    schema: { tags: ["auth"], summary: "Sign out everywhere (all sessions of this account)", body: EmptyBody, response: { 200: Ok } },
    config: { allowPending: true },
  }, async (req, reply) => {
    await logoutEverywhere(db, actorOf(req));
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return { ok: true as const };
  });

  r.get("/api/auth/me", {
    schema: { tags: ["auth"], summary: "The signed-in user, permissions and CSRF token", response: { 200: Me } },
    config: { allowPending: true },
  }, async (req) => presentMe(actorOf(req)));

  r.post("/api/auth/password", {
    schema: { tags: ["auth"], summary: "Change one's password", body: ChangePasswordInput, response: { 200: Ok } },
    config: { allowPending: true },
  }, async (req) => {
    await changePassword(db, actorOf(req), req.body.currentPassword, req.body.newPassword);
    return { ok: true as const };
  });

  r.post("/api/auth/totp/setup", {
    schema: { tags: ["auth"], summary: "Start enrolling a TOTP second factor", body: EmptyBody, response: { 200: TotpSetup } },
    config: { allowPending: true },
  }, async (req) => setupTotp(db, actorOf(req)));

  r.post("/api/auth/totp/enable", {
    schema: { tags: ["auth"], summary: "Confirm TOTP enrolment with a code", body: TotpEnableInput, response: { 200: Ok } },
    config: { allowPending: true },
  }, async (req) => {
    await enableTotp(db, actorOf(req), req.body.code);
    return { ok: true as const };
  });
}
