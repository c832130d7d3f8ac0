import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.ts";
import { openPostgres } from "../db/client.ts";
import { buildTestApp, loginAs, unitId, usePostgres, type Client, type TestApp } from "../../test/helpers.ts";
import { emitEvent } from "./events.ts";

let t: TestApp;
let base: string;
let town: Client;
const paths: Record<string, string> = {};

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const { port } = t.app.server.address() as { port: number };
  base = `http://127.0.0.1:${port}`;
  town = await loginAs(t.app, "town");
  for (const name of ["马杭村", "牛塘镇"]) {
    const { rows } = await t.db.execute<{ path: string }>(sql`select path::text as path from org_units where id = ${await unitId(t.db, name)}`);
    paths[name] = rows[0].path;
  }
});
afterAll(() => t?.close());

/** Reads Server-Sent Events from a real HTTP stream. */
async function openStream(cookie: string, lastEventId?: number) {
  const ctrl = new AbortController();
  const res = await fetch(`${base}/api/events`, { headers: { cookie, ...(lastEventId ? { "last-event-id": String(lastEventId) } : {}) }, signal: ctrl.signal });
  const reader = res.body!.getReader();
  const events: { id: number; type: string; data: { data: unknown } }[] = [];
  let buffer = "";
  const pump = (async () => {
    const decoder = new TextDecoder();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const field = (k: string) => block.split("\n").find((l) => l.startsWith(`${k}: `))?.slice(k.length + 2);
        if (field("id")) events.push({ id: Number(field("id")), type: field("event")!, data: JSON.parse(field("data")!) });
      }
    }
  })();
  const waitFor = async (n: number, ms = 5000) => {
    const until = Date.now() + ms;
    while (events.length < n && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    return events;
  };
  return { status: res.status, type: res.headers.get("content-type"), events, waitFor, close: () => { ctrl.abort(); return pump; } };
}

async function emit(type: string, unitPath: string, data: unknown) {
  await t.db.transaction((tx) => emitEvent(tx, { type, unitPath, data }));
}

describe("live events", () => {
  it("refuses an anonymous stream", async () => {
    expect((await fetch(`${base}/api/events`)).status).toBe(401);
  });

  it("streams committed events in the caller's scope only, and resumes after Last-Event-ID", async () => {
    const s = await openStream(town.cookie);
    expect(s.status).toBe(200);
    expect(s.type).toContain("text/event-stream");
    await new Promise((r) => setTimeout(r, 100));
    await emit("incident.created", paths["马杭村"], { n: 1 });
    await emit("report.submitted", paths["牛塘镇"], { n: 2 });
    await emit("incident.created", paths["马杭村"], { n: 3 });
    // Rolled back: never published.
    await t.db.transaction(async (tx) => {
      await emitEvent(tx, { type: "flag.raised", unitPath: paths["马杭村"], data: {} });
      tx.rollback();
    }).catch(() => {});
    const got = await s.waitFor(2);
    await new Promise((r) => setTimeout(r, 300));
    expect(got.map((e) => [e.type, e.data.data])).toEqual([["incident.created", { n: 1 }], ["incident.created", { n: 3 }]]);
    await s.close();

    const resumed = await openStream(town.cookie, got[0].id);
    expect((await resumed.waitFor(1)).map((e) => e.data.data)).toEqual([{ n: 3 }]);
    await resumed.close();
  });

  it("delivers an event addressed to several subtrees once to each viewer who has any of them in scope, live and on resume", async () => {
    const district = await loginAs(t.app, "duty");
    const [s, d] = [await openStream(town.cookie), await openStream(district.cookie)];
    await new Promise((r) => setTimeout(r, 100));
    // Issued at the district (its own path), addressed to a village of 湖塘镇 and to 牛塘镇 as well.
    const root = paths["马杭村"].split(".")[0];
    await t.db.transaction((tx) => emitEvent(tx, { type: "warning.released", unitPath: root, alsoPaths: [paths["马杭村"], paths["牛塘镇"], paths["马杭村"]], data: { n: 6 } }));
    await emit("warning.acked", paths["马杭村"], { n: 7 });
    const townGot = (await s.waitFor(2)).filter((e) => e.type.startsWith("warning.released") || e.type === "warning.acked");
    expect(townGot.map((e) => e.type)).toEqual(["warning.released", "warning.acked"]);
    const districtGot = (await d.waitFor(2)).filter((e) => e.type === "warning.released" || e.type === "warning.acked");
    expect(districtGot.map((e) => e.type)).toEqual(["warning.released", "warning.acked"]);
    const replay = await openStream(town.cookie, townGot[0].id - 1);
    expect((await replay.waitFor(2)).map((e) => e.type)).toEqual(["warning.released", "warning.acked"]);
    await Promise.all([s.close(), d.close(), replay.close()]);
  });

  it("publishes an event whose wake-up was lost (a crash after commit) within the relay's tick", async () => {
    const s = await openStream(town.cookie);
    await new Promise((r) => setTimeout(r, 100));
    // Written as if the process had died right after commit: no NOTIFY, not yet published.
    await t.db.execute(sql`insert into outbox_events (type, unit_path, data) values ('stock.changed', ${paths["马杭村"]}::ltree, '{"n": 4}'::jsonb)`);
    const got = await s.waitFor(1, 4000);
    expect(got.map((e) => e.type)).toEqual(["stock.changed"]);
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from outbox_events where published_at is null`);
    expect(Number(rows[0].n)).toBe(0);
    await s.close();
  });

  it.runIf(usePostgres)("reaches clients of another app process on the same PostgreSQL, published once", async () => {
    const database = await openPostgres(t.databaseUrl!, 5);
    const other = await buildApp({ config: t.config, database, db: database.db });
    await other.listen({ port: 0, host: "127.0.0.1" });
    try {
      const otherBase = `http://127.0.0.1:${(other.server.address() as { port: number }).port}`;
      const viaOther = await loginAs(other, "town");
      const ctrl = new AbortController();
      const res = await fetch(`${otherBase}/api/events`, { headers: { cookie: viaOther.cookie }, signal: ctrl.signal });
      const reader = res.body!.getReader();
      let text = "";
      await new Promise((r) => setTimeout(r, 100));
      await emit("teams.changed", paths["马杭村"], { n: 5 });
      const until = Date.now() + 5000;
      while (!text.includes("teams.changed") && Date.now() < until) {
        const { value } = await reader.read();
        text += new TextDecoder().decode(value);
      }
      ctrl.abort();
      expect(text).toContain("event: teams.changed");
      const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from outbox_events where type = 'teams.changed' and published_at is not null`);
      expect(Number(rows[0].n)).toBe(1);
    } finally {
      await other.close();
      await database.close();
    }
  });
});
