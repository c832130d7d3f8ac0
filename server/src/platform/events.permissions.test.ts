/**
 * Live events carry what reading their object needs: every kind emitted anywhere in the code
 * maps to a read permission; each role receives, live and on replay, exactly the kinds it may
 * read (the auditor none); and a stream ends within seconds of its session ending — logout,
 * logout everywhere, a disabled account, a changed role — also when another process ended it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, EVENT_PERMISSIONS, eventPermission, REGISTRIES, ROLES, type Role } from "@yingji/contracts";
import { buildApp } from "../app.ts";
import { openPostgres } from "../db/client.ts";
import { buildTestApp, loginAs, usePostgres, type Client, type TestApp } from "../../test/helpers.ts";
import { emitEvent, readableKinds } from "./events.ts";

let t: TestApp;
let base: string;

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
});
afterAll(() => t?.close());

/** An SSE stream over real HTTP: the events read so far, and whether the server ended it. */
async function openStream(origin: string, cookie: string, lastEventId?: number) {
  const ctrl = new AbortController();
  const res = await fetch(`${origin}/api/events${lastEventId !== undefined ? `?lastEventId=${lastEventId}` : ""}`, { headers: { cookie }, signal: ctrl.signal });
  const events: { id: number; type: string; data: unknown }[] = [];
  const state = { ended: false };
  if (res.status !== 200) return { status: res.status, events, state, close: async () => ctrl.abort() };
  const reader = res.body!.getReader();
  const pump = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const field = (k: string) => block.split("\n").find((l) => l.startsWith(`${k}: `))?.slice(k.length + 2);
        if (field("id")) events.push({ id: Number(field("id")), type: field("event")!, data: JSON.parse(field("data")!) });
      }
    }
    state.ended = true;
  })();
  return { status: res.status, events, state, close: () => { ctrl.abort(); return pump; } };
}

const waitUntil = async (ok: () => boolean, ms: number) => {
  const until = Date.now() + ms;
  while (!ok() && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
  return ok();
};

/** Every non-test source file under server/src. */
function sourceFiles(dir = fileURLToPath(new URL("..", import.meta.url))): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".test.ts") ? [path] : [];
  });
}

describe("event kinds", () => {
  it("maps every kind emitted anywhere in the code to a read permission", () => {
    const emitted = new Set<string>();
    for (const file of sourceFiles()) {
      const text = readFileSync(file, "utf8");
      if (!/\b(emitEvents?|announce)\(/.test(text)) continue;
      // `type: "x.y"` in an event, and the kinds passed to warnings' announce(tx, w, "x.y" | cond ? "a.b" : "c.d", …).
      for (const m of text.matchAll(/\btype: "([a-z-]+\.[a-z_]+)"/g)) emitted.add(m[1]);
      for (const m of text.matchAll(/\bannounce\([^)]*/g)) for (const k of m[0].matchAll(/"([a-z-]+\.[a-z_]+)"/g)) emitted.add(k[1]);
      // The registries' `${key}.changed`.
      if (/`\$\{(reg\.)?decl\.key\}\.changed`/.test(text)) for (const key of Object.keys(REGISTRIES)) emitted.add(`${key}.changed`);
    }
    expect(emitted.size).toBeGreaterThan(15);
    expect([...emitted].filter((k) => !eventPermission(k))).toEqual([]);
    // And nothing is mapped that no code emits (a renamed kind leaves no stale entry behind).
    expect(Object.keys(EVENT_PERMISSIONS).filter((k) => !emitted.has(k))).toEqual([]);
  });

  it("refuses to write an event of a kind without a read permission", async () => {
    await expect(t.db.transaction((tx) => emitEvent(tx, { type: "nobody.reads", unitPath: "d320412", data: {} }))).rejects.toThrow(/read permission/);
  });
});

describe("what each role receives", () => {
  const clients = new Map<Role, Client>();
  let firstId = 0;

  beforeAll(async () => {
    for (const role of ROLES) clients.set(role, await loginAs(t.app, role));
    const { rows } = await t.db.execute<{ n: number }>(sql`select coalesce(max(id), 0)::int as n from outbox_events`);
    firstId = Number(rows[0].n);
    // One event of every kind at the unit of every role's account: each is in that account's scope.
    const paths = new Set<string>();
    for (const c of clients.values()) {
      const { rows: p } = await t.db.execute<{ path: string }>(sql`select path::text as path from org_units where id = ${c.me.unitId}`);
      paths.add(p[0].path);
    }
    await t.db.transaction(async (tx) => {
      for (const path of paths) for (const type of Object.keys(EVENT_PERMISSIONS)) await emitEvent(tx, { type, unitPath: path, data: { probe: true } });
    });
    // Published by the relay (at most a tick).
    for (let i = 0; i < 100; i++) {
      const { rows: left } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from outbox_events where published_at is null`);
      if (Number(left[0].n) === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it("replays to every role exactly the kinds it may read, and nothing at all to the auditor", async () => {
    for (const role of ROLES) {
      const s = await openStream(base, clients.get(role)!.cookie, firstId);
      const may = readableKinds(role);
      if (may.length === 0) {
        expect(s.status, role).toBe(403);
        continue;
      }
      await waitUntil(() => new Set(s.events.map((e) => e.type)).size >= may.length, 3000);
      await new Promise((r) => setTimeout(r, 100));
      await s.close();
      const got = new Set(s.events.map((e) => e.type));
      expect([...got].sort(), role).toEqual([...may].sort());
      for (const k of got) expect(can(role, eventPermission(k)!), `${role} got ${k}`).toBe(true);
    }
    expect(readableKinds("auditor")).toEqual([]);
    expect(readableKinds("secadmin")).toEqual([]);
  });

  it("refuses the auditor a live stream and a replay from the start", async () => {
    const auditor = clients.get("auditor")!;
    for (const from of [undefined, 0]) {
      const s = await openStream(base, auditor.cookie, from);
      expect(s.status).toBe(403);
      expect(s.events).toEqual([]);
    }
  });
});

describe("a stream outlives no session", () => {
  const cases: [string, (c: Client, admin: Client) => Promise<unknown>][] = [
    ["logout", (c) => c.post("/api/auth/logout")],
    ["logout everywhere (from another session)", async (c) => (await loginAs(t.app, c.me.username, { password: "Stream#Test2030" })).post("/api/auth/logout-all")],
    ["a disabled account", async (c, admin) => {
      const u = (await admin.get(`/api/users/${c.me.id}`)).json();
      await admin.patch(`/api/users/${c.me.id}`, { version: u.version, active: false });
    }],
    ["a changed role", async (c, admin) => {
      const u = (await admin.get(`/api/users/${c.me.id}`)).json();
      await admin.patch(`/api/users/${c.me.id}`, { version: u.version, role: "leader" });
    }],
  ];

  for (const [what, end] of cases) {
    it(`ends within a few seconds after ${what}`, async () => {
      const admin = await loginAs(t.app, "admin");
      const username = `sse-${what.replace(/\W+/g, "-")}`.slice(0, 40);
      const made = await admin.post("/api/users", { username, displayName: "SSE", role: "duty", unitId: admin.me.unitId, password: "Stream#Test2030" });
      expect(made.statusCode).toBe(201);
      await t.db.execute(sql`update users set must_change_password = false where id = ${made.json().id}`);
      const c = await loginAs(t.app, username, { password: "Stream#Test2030" });
      const s = await openStream(base, c.cookie);
      expect(s.status).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
      expect(s.state.ended).toBe(false);
      const at = Date.now();
      await end(c, admin);
      expect(await waitUntil(() => s.state.ended, 5000), what).toBe(true);
      expect(Date.now() - at).toBeLessThan(5000);
      await s.close();
    });
  }

  it.runIf(usePostgres)("ends a stream of another app process when the session is revoked through this one", async () => {
    const database = await openPostgres(t.databaseUrl!, 5);
    const other = await buildApp({ config: t.config, database, db: database.db });
    await other.listen({ port: 0, host: "127.0.0.1" });
    try {
      const otherBase = `http://127.0.0.1:${(other.server.address() as { port: number }).port}`;
      const here = await loginAs(t.app, "town");
      const s = await openStream(otherBase, here.cookie);
      expect(s.status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      await here.post("/api/auth/logout-all");
      expect(await waitUntil(() => s.state.ended, 5000)).toBe(true);
      await s.close();
    } finally {
      await other.close();
      await database.close();
    }
  });
});
