/**
 * One address failing across many accounts (a town office behind one NAT address, one attacker
 * among its users) is slowed down, never locked: the attacker's answers get slower while a
 * colleague's right password still signs in within a bounded wait. The (account, address) lock
 * still holds, and an unknown user and a wrong password still answer alike.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, DEMO_PASSWORD, login, type TestApp } from "../../../test/helpers.ts";
import { addressDelayMs, addressThrottle } from "./throttle.rules.ts";

let t: TestApp;
const MAX_SECONDS = 1;
beforeAll(async () => {
  t = await buildTestApp({ LOGIN_ADDRESS_DELAY_MAX_SECONDS: String(MAX_SECONDS), LOGIN_RATE_PER_MINUTE: "10" });
});
afterAll(() => t?.close());

const throttle = () => addressThrottle(t.config);

/** Failures already recorded from an address, as many attempts with as many usernames would leave them. */
async function failuresFrom(ip: string, n: number) {
  await t.db.execute(sql`insert into login_attempts (username, ip, success) select 'spray-' || (g % 97), ${ip}, false from generate_series(1, ${n}) g`);
}
async function failureCount(ip: string) {
  return Number((await t.db.execute<{ n: number }>(sql`select count(*)::int as n from login_attempts where ip = ${ip} and not success`)).rows[0].n);
}
async function timed(username: string, password: string, ip: string) {
  const at = performance.now();
  const res = await login(t.app, username, password, ip);
  return { status: res.statusCode, body: res.json(), ms: performance.now() - at };
}

describe("address throttle", () => {
  it("waits longer with more failures, up to the cap, and never refuses", () => {
    const th = addressThrottle({ LOGIN_MAX_FAILURES: 5, LOGIN_ADDRESS_DELAY_MAX_SECONDS: 10 });
    const waits = [0, 49, 50, 59, 60, 70, 80, 90, 100, 10_000].map((n) => addressDelayMs(n, th));
    expect(waits).toEqual([0, 0, 250, 250, 500, 1000, 2000, 4000, 8000, 10_000]);
  });

  it("lets a colleague's right password in from an address that failed for many usernames, while the attacker's answers slow down", async () => {
    const ip = "10.7.0.1";
    const th = throttle();
    // The attacker's attempts, for many usernames (each below its own lock), as real requests.
    const early: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await timed(`victim${i}`, "Wrong#pass1", ip);
      expect(r.status).toBe(401);
      early.push(r.ms);
    }
    // …and many more before them.
    await failuresFrom(ip, th.freeFailures + 3 * th.step - (await failureCount(ip)));
    const late = await timed("victim-late", "Wrong#pass1", ip);
    expect(late.status).toBe(401);
    expect(late.ms).toBeGreaterThanOrEqual(MAX_SECONDS * 1000 - 5);
    expect(early.length).toBe(8);
    // Far beyond: still only the cap, and still no refusal.
    await failuresFrom(ip, 500);
    const colleague = await timed("leader", DEMO_PASSWORD, ip);
    expect(colleague.status).toBe(200);
    expect(colleague.ms).toBeGreaterThanOrEqual(MAX_SECONDS * 1000 - 5);
    expect(colleague.ms).toBeLessThan(MAX_SECONDS * 1000 + 5000);
  });

  it("still locks one account at one address after five failures", async () => {
    const ip = "10.7.0.2";
    await failuresFrom(ip, throttle().freeFailures + 100);
    for (let i = 0; i < 5; i++) expect((await login(t.app, "expert", "Wrong#pass1", ip)).statusCode).toBe(401);
    expect((await login(t.app, "expert", DEMO_PASSWORD, ip)).statusCode).toBe(429);
    // Another account at that address is not locked by it.
    expect((await login(t.app, "duty", DEMO_PASSWORD, ip)).statusCode).toBe(200);
  });

  it("answers an unknown user and a wrong password alike at a slowed address", async () => {
    const ip = "10.7.0.3";
    await failuresFrom(ip, throttle().freeFailures + 100);
    const unknown: number[] = [];
    const wrong: number[] = [];
    let bodies: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const u = await timed(`nobody${i}`, "Wrong#pass1", ip);
      const w = await timed(i === 0 ? "village" : i === 1 ? "town" : "dept", "Wrong#pass1", ip);
      expect([u.status, w.status]).toEqual([401, 401]);
      bodies = [u.body, w.body];
      expect(bodies[0]).toEqual(bodies[1]);
      unknown.push(u.ms);
      wrong.push(w.ms);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1];
    for (const ms of [...unknown, ...wrong]) expect(ms).toBeGreaterThanOrEqual(MAX_SECONDS * 1000 - 5);
    expect(Math.abs(median(unknown) - median(wrong))).toBeLessThan(750);
  });

  it("keys the login rate limit by address and account, so a flood from one address refuses no colleague", async () => {
    const ip = "10.7.0.4";
    // More attempts than LOGIN_RATE_PER_MINUTE from one address, each for another username.
    for (let i = 0; i < 14; i++) expect((await login(t.app, `flood${i}`, "Wrong#pass1", ip)).statusCode).toBe(401);
    expect((await login(t.app, "leader", DEMO_PASSWORD, ip)).statusCode).toBe(200);
  });
});
