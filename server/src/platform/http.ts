/**
 * Cross-cutting HTTP: errors in one shape, authentication from the session cookie,
 * permission checks named on each route, CSRF and origin checks, security headers and
 * rate limits. Every route declares `config.public` or `config.permission`; a route
 * that declares neither only needs a signed-in user.
 */
import cookie from "@fastify/cookie";
import rateLimit from "@fastify/rate-limit";
import helmet, { type HelmetOptions } from "helmet";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import { can, type Permission } from "@yingji/contracts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import type { Actor } from "./auth/actor.ts";
import { forgetSessions, resolveSession, SESSION_COOKIE } from "./auth/sessions.ts";
import { answerCache } from "./answer-cache.ts";
import { AppError, forbidden, unauthorized } from "./errors.ts";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
    /** The permission (contracts/permissions.ts) the caller's role must hold. */
    permission?: Permission;
    /** Reachable while the account must still change its password or enrol TOTP. */
    allowPending?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export interface RouteInfo {
  method: string;
  url: string;
  public: boolean;
  permission: Permission | null;
  /** The route's body schema (zod), for tests that enumerate every field of every write. */
  body?: unknown;
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function sendError(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply.status(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

function fieldOf(instancePath: string, params: Record<string, unknown>): string {
  const path = instancePath.replace(/^\//, "").replaceAll("/", ".");
  if (Array.isArray(params.keys) && params.keys.length) return params.keys.join(",");
  return path || "(body)";
}

/**
 * PostgreSQL errors that only bad input causes: invalid byte sequence / untranslatable character
 * (NUL), numeric out of range, datetime overflow or format, string too long, invalid text
 * representation (a malformed uuid or number), a null where a value is required.
 */
const BAD_VALUE_CODES = new Set(["22021", "22P05", "22003", "22008", "22007", "22001", "22P02", "23502"]);

/** The SQLSTATE of a database error, also when the driver or the ORM wrapped it. */
function databaseErrorCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 3; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export function errorHandler(this: FastifyInstance, err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) return sendError(reply, err.status, err.code, err.message, err.details);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const fields = err.validation.map((v) => ({
      field: fieldOf(v.instancePath, v.params as Record<string, unknown>),
      message: v.keyword === "unrecognized_keys" ? "不允许的字段 (unknown field)" : v.message,
    }));
    const where = err.validationContext === "body" ? "" : `${err.validationContext} `;
    return sendError(reply, 400, "bad_request", `${where}${fields[0].field}: ${fields[0].message}`, { fields });
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err: err.cause }, "response does not match its schema");
    return sendError(reply, 500, "internal", "服务器内部错误");
  }
  switch (err.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return sendError(reply, 413, "payload_too_large", "请求内容过大");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return sendError(reply, 415, "unsupported_media_type", "不支持的内容类型");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return sendError(reply, 400, "bad_request", "(body): 请求内容不是有效的 JSON");
  }
  const dbCode = databaseErrorCode(err);
  if (dbCode === "23505") return sendError(reply, 409, "conflict", "记录重复 (duplicate)");
  // Defence in depth behind the contracts (security notes, input finding 9): a value the database
  // cannot hold is the caller's bad input, not a server fault. The transaction has rolled back.
  if (dbCode && BAD_VALUE_CODES.has(dbCode)) {
    req.log.warn({ err }, "bad value reached the database");
    return sendError(reply, 400, "bad_request", "(body): 输入含无法保存的值（无效字符、超出范围的数字或日期）");
  }
  if (dbCode === "23503") return sendError(reply, 422, "reference_missing", "引用的记录不存在 (reference)");
  if (err.statusCode === 429) return sendError(reply, 429, "too_many_requests", "请求过于频繁，请稍后再试");
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return sendError(reply, err.statusCode, "bad_request", err.message);
  }
  req.log.error({ err }, "unhandled error");
  return sendError(reply, 500, "internal", "服务器内部错误");
}

function originAllowed(req: FastifyRequest, config: Config): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  if (host === req.headers.host) return true;
  return !!config.PUBLIC_URL && new URL(config.PUBLIC_URL).host === host;
}

/**
 * The CSP source of a configured map tile URL: its scheme and host, a `{s}` subdomain label
 * as a wildcard (https://t{s}.tianditu.gov.cn/… → https://*.tianditu.gov.cn).
 */
export function tileSource(url: string | undefined): string[] {
  if (!url) return [];
  const m = /^(https?):\/\/([^/?#]+)/.exec(url);
  if (!m) return [];
  const host = m[2].split(".").map((label) => (label.includes("{") ? "*" : label)).join(".");
  return [`${m[1]}://${host}`];
}

/** The headers helmet sets for these options (they do not depend on the request). */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

/** Writes that can change who a session's actor is: accounts, sessions, the org tree. */
const ACTOR_WRITES = /^\/api\/(auth|users|org\/units)(\/|$|\?)/;

export async function registerHttpPlatform(app: FastifyInstance, config: Config, db: Db, routes: RouteInfo[]) {
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((req, reply) => sendError(reply, 404, "not_found", `没有这个地址：${req.method} ${req.url.split("?")[0]}`));
  app.decorateRequest("actor", null);

  await app.register(cookie);
  // The security headers (helmet's), worked out once: @fastify/helmet rebuilt its middleware and
  // re-parsed the CSP on every request (measured: 7 % of a kept duty-board page's CPU).
  const security = securityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:", ...tileSource(config.MAP_TILE_URL)],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.PUBLIC_URL?.startsWith("https:") ? { maxAge: 15552000 } : false,
  });
  app.addHook("onRequest", (_req, reply, done) => {
    reply.headers(security);
    done();
  });
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: "1 minute",
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      error: { code: "too_many_requests", message: `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试` },
    }),
  });

  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD" || method === "OPTIONS") continue;
      const cfg = (route.config ?? {}) as { public?: boolean; permission?: Permission };
      routes.push({ method, url: route.url, public: !!cfg.public, permission: cfg.permission ?? null, body: (route.schema as { body?: unknown } | undefined)?.body });
    }
  });

  // A write this process answers has committed before its answer leaves: kept answers may be
  // wrong now. Kept sessions too when the write was to accounts or units (the database's
  // notification brings the same news a moment later, to every process).
  app.addHook("onSend", async (req, _reply, payload) => {
    if (UNSAFE.has(req.method)) {
      answerCache(db).changed();
      if (ACTOR_WRITES.test(req.url)) forgetSessions(db);
    }
    return payload;
  });

  app.addHook("onRequest", async (req, reply) => {
    const cfg = req.routeOptions.config;
    const unsafe = UNSAFE.has(req.method);
    if (unsafe && !originAllowed(req, config)) throw forbidden("跨站请求被拒绝 (origin)");
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      req.actor = await resolveSession(db, config, token, req.ip);
      if (!req.actor) reply.clearCookie(SESSION_COOKIE, { path: "/" });
    }
    if (cfg.public) return;
    if (!req.url.startsWith("/api/")) return;
    const actor = req.actor;
    if (!actor) throw unauthorized(token ? "会话已过期，请重新登录" : "请先登录");
    if (unsafe && req.headers["x-csrf-token"] !== actor.csrfToken) {
      throw new AppError(403, "csrf", "缺少或错误的 CSRF 令牌 (X-CSRF-Token)");
    }
    if (!cfg.allowPending) {
      if (actor.mustEnrollTotp) throw new AppError(403, "totp_enrollment_required", "请先绑定动态口令（双因素认证）");
      if (actor.mustChangePassword) throw new AppError(403, "password_change_required", "请先修改密码");
    }
    if (cfg.permission && !can(actor.role, cfg.permission)) throw forbidden();
  });
}

/** The actor of a route that required sign-in (the onRequest hook guarantees one). */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}
