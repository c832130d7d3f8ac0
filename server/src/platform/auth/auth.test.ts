import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DEMO_PASSWORD, login, loginAs, type TestApp } from "../../../test/helpers.ts";
import { forgetSessions } from "./sessions.ts";
import { totpAt, timeStep } from "./totp.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe("login", () => {
  it("signs in with the right password and sets an HttpOnly SameSite cookie", async () => {
    const res = await login(t.app, "duty");
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "yj_sid")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Lax");
    expect(res.json().role).toBe("duty");
    expect(res.json().csrfToken).toBeTruthy();
  });

  it("answers an unknown user exactly as a wrong password", async () => {
    const unknown = await login(t.app, "nobody-here", "Whatever#2030", "10.0.0.1");
    const wrong = await login(t.app, "leader", "Whatever#2030", "10.0.0.1");
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
  });

  it("locks an account for one address after five failures, but not for another address", async () => {
    for (let i = 0; i < 5; i++) expect((await login(t.app, "expert", "Wrong#pass1", "10.0.0.2")).statusCode).toBe(401);
    const locked = await login(t.app, "expert", DEMO_PASSWORD, "10.0.0.2");
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe("too_many_requests");
    // The named user still signs in from their own office.
    expect((await login(t.app, "expert", DEMO_PASSWORD, "10.0.0.3")).statusCode).toBe(200);
    // An unknown user is locked the same way, so lockout reveals nothing.
    for (let i = 0; i < 5; i++) await login(t.app, "ghost", "Wrong#pass1", "10.0.0.2");
    expect((await login(t.app, "ghost", "Wrong#pass1", "10.0.0.2")).statusCode).toBe(429);
  });

  it("records failures and successes in the audit log", async () => {
    await login(t.app, "village", "Wrong#pass1", "10.0.0.4");
    const { rows } = await t.db.execute<{ action: string; actor_name: string; ip: string }>(sql`select action, actor_name, ip from audit_log where ip = '10.0.0.4'`);
    expect(rows).toEqual([{ action: "auth.login_failed", actor_name: "village", ip: "10.0.0.4" }]);
  });

  it("refuses bad input with the field named", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "admin", password: "x", extra: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain("extra");
    const missing = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "admin" } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain("password");
  });
});

describe("sessions", () => {
  it("ends a session after the idle timeout and after the absolute timeout", async () => {
    const a = await loginAs(t.app, "leader");
    expect((await a.get("/api/auth/me")).statusCode).toBe(200);
    // 31 minutes pass: the process's looked-up sessions (kept seconds) are long gone by then.
    await t.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes' where id = ${(await sessionIdOf(a.me.id))}`);
    forgetSessions(t.db);
    expect((await a.get("/api/auth/me")).statusCode).toBe(401);
    const b = await loginAs(t.app, "leader");
    await t.db.execute(sql`update sessions set expires_at = now() - interval '1 second' where user_id = ${b.me.id} and revoked_at is null`);
    forgetSessions(t.db);
    expect((await b.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("logs out one session, or every session", async () => {
    const a = await loginAs(t.app, "dept");
    const b = await loginAs(t.app, "dept");
    expect((await a.post("/api/auth/logout")).statusCode).toBe(200);
    expect((await a.get("/api/auth/me")).statusCode).toBe(401);
    expect((await b.get("/api/auth/me")).statusCode).toBe(200);
    const c = await loginAs(t.app, "dept");
    expect((await c.post("/api/auth/logout-all")).statusCode).toBe(200);
    expect((await b.get("/api/auth/me")).statusCode).toBe(401);
  });

  it("ends every session of an account the administrator disables", async () => {
    const admin = await loginAs(t.app, "admin");
    const victim = await loginAs(t.app, "enterprise");
    const u = (await admin.get(`/api/users/${victim.me.id}`)).json();
    expect((await admin.patch(`/api/users/${victim.me.id}`, { version: u.version, active: false })).statusCode).toBe(200);
    expect((await victim.get("/api/auth/me")).statusCode).toBe(401);
    expect((await login(t.app, "enterprise")).statusCode).toBe(401);
    const again = (await admin.get(`/api/users/${victim.me.id}`)).json();
    await admin.patch(`/api/users/${victim.me.id}`, { version: again.version, active: true });
  });

  it("refuses a cookie-authenticated write without the CSRF token, and a foreign origin", async () => {
    const a = await loginAs(t.app, "admin");
    const noCsrf = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: a.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe("csrf");
    const foreign = await a.post("/api/auth/logout", {}, { origin: "https://evil.example" });
    expect(foreign.statusCode).toBe(403);
    expect((await a.get("/api/auth/me")).statusCode).toBe(200);
  });

  it("sends security headers", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/health" });
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBeDefined();
  });
});

describe("behind an HTTPS proxy, with a strict sign-in rate", () => {
  it("marks the cookie Secure and answers 429 past the rate", async () => {
    const t3 = await buildTestApp({ TRUST_PROXY: "true", LOGIN_RATE_PER_MINUTE: "3" });
    try {
      const https = { "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.9" };
      const ok = await t3.app.inject({ method: "POST", url: "/api/auth/login", headers: https, payload: { username: "duty", password: DEMO_PASSWORD } });
      expect(ok.statusCode).toBe(200);
      expect(ok.cookies.find((c) => c.name === "yj_sid")!.secure).toBe(true);
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) {
        codes.push((await t3.app.inject({ method: "POST", url: "/api/auth/login", headers: https, payload: { username: "duty", password: "Wrong#pass1" } })).statusCode);
      }
      expect(codes).toEqual([401, 401, 429, 429]);
      // Another address is not affected.
      const other = await t3.app.inject({ method: "POST", url: "/api/auth/login", headers: { ...https, "x-forwarded-for": "203.0.113.10" }, payload: { username: "duty", password: DEMO_PASSWORD } });
      expect(other.statusCode).toBe(200);
    } finally {
      await t3.close();
    }
  });
});

describe("two-factor authentication", () => {
  it("makes an administrator enrol TOTP before anything else when REQUIRE_2FA is on, then asks for the code", async () => {
    const t2 = await buildTestApp({ REQUIRE_2FA: "true" });
    try {
      const admin = await loginAs(t2.app, "admin");
      expect(admin.me.mustEnrollTotp).toBe(true);
      expect((await admin.get("/api/org/units")).json().error.code).toBe("totp_enrollment_required");
      // A village officer is not a warning issuer: no second factor needed.
      const village = await loginAs(t2.app, "village");
      expect((await village.get("/api/org/people")).statusCode).toBe(200);

      const setup = (await admin.post("/api/auth/totp/setup")).json();
      expect(setup.otpauthUrl).toContain("otpauth://totp/");
      expect((await admin.post("/api/auth/totp/enable", { code: "000000" })).statusCode).toBe(400);
      const code = totpAt(setup.secret, timeStep());
      expect((await admin.post("/api/auth/totp/enable", { code })).statusCode).toBe(200);
      expect((await admin.get("/api/org/units")).statusCode).toBe(200);

      const without = await login(t2.app, "admin", DEMO_PASSWORD, "10.1.0.1");
      expect(without.statusCode).toBe(401);
      expect(without.json().error.code).toBe("totp_required");
      const wrong = await login(t2.app, "admin", DEMO_PASSWORD, "10.1.0.1", "123456");
      expect(wrong.statusCode).toBe(401);
      // The code used at enrolment cannot be replayed; the next step's code works.
      const next = totpAt(setup.secret, timeStep() + 1);
      expect((await login(t2.app, "admin", DEMO_PASSWORD, "10.1.0.1", next)).statusCode).toBe(200);
    } finally {
      await t2.close();
    }
  });
});

describe("password change", () => {
  it("applies the password policy and keeps only the current session", async () => {
    const a = await loginAs(t.app, "town", { ip: "10.2.0.1" });
    const other = await loginAs(t.app, "town", { ip: "10.2.0.2" });
    const weak = await a.post("/api/auth/password", { currentPassword: DEMO_PASSWORD, newPassword: "password" });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.message).toContain("newPassword");
    const ok = await a.post("/api/auth/password", { currentPassword: DEMO_PASSWORD, newPassword: "Hutang#Duty2031" });
    expect(ok.statusCode).toBe(200);
    expect((await a.get("/api/auth/me")).statusCode).toBe(200);
    expect((await other.get("/api/auth/me")).statusCode).toBe(401);
    await a.post("/api/auth/password", { currentPassword: "Hutang#Duty2031", newPassword: DEMO_PASSWORD });
  });
});

async function sessionIdOf(userId: string): Promise<string> {
  const { rows } = await t.db.execute<{ id: string }>(sql`select id from sessions where user_id = ${userId} and revoked_at is null order by created_at desc limit 1`);
  return rows[0].id;
}
