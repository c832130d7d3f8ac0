import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.ts";
import { openPostgres } from "../db/client.ts";
import { buildTestApp, loginAs, unitId, usePostgres, type Client, type TestApp } from "../../test/helpers.ts";
import { AnswerCache } from "./answer-cache.ts";

describe("AnswerCache", () => {
  const json = async (a: Promise<{ body: Buffer }>) => JSON.parse((await a).body.toString());

  it("computes once for concurrent readers and keeps the answer until something changes", async () => {
    const cache = new AnswerCache();
    let computed = 0;
    const compute = async () => ({ value: { n: ++computed } });
    const [a, b] = await Promise.all([json(cache.answer("k", compute)), json(cache.answer("k", compute))]);
    expect([a.n, b.n, computed]).toEqual([1, 1, 1]);
    expect(await json(cache.answer("k", compute))).toEqual({ n: 1 });
    cache.changed();
    expect(await json(cache.answer("k", compute))).toEqual({ n: 2 });
    expect(await json(cache.answer("other", compute))).toEqual({ n: 3 });
  });

  it("does not keep an answer computed while a change arrived", async () => {
    const cache = new AnswerCache();
    let computed = 0;
    let release!: () => void;
    const slow = () => new Promise<{ value: number }>((r) => (release = () => r({ value: ++computed })));
    const first = cache.answer("k", slow);
    cache.changed();
    release();
    expect(await json(first)).toBe(1);
    const second = cache.answer("k", slow);
    release();
    expect(await json(second)).toBe(2);
  });

  it("forgets an answer when it says it changes (a deadline passes) and a failed computation at once", async () => {
    const cache = new AnswerCache();
    let computed = 0;
    const soon = async () => ({ value: ++computed, changesAt: new Date(Date.now() + 30) });
    expect(await json(cache.answer("k", soon))).toBe(1);
    expect(await json(cache.answer("k", soon))).toBe(1);
    await new Promise((r) => setTimeout(r, 40));
    expect(await json(cache.answer("k", soon))).toBe(2);
    await expect(cache.answer("bad", async () => { throw new Error("db down"); })).rejects.toThrow("db down");
    expect(await json(cache.answer("bad", async () => ({ value: "ok" })))).toBe("ok");
  });
});

describe("the duty board's kept first page and kept sessions", () => {
  let t: TestApp;
  let duty: Client, village: Client;
  let typeId: string, villageId: string;
  // Learned a moment ago: the newest on the board (learned time orders it).
  const incident = (title: string, at = new Date(Date.now() - 1000).toISOString()) => ({
    title, typeId, unitId: villageId, lat: 31.72, lon: 119.97, address: "村口", occurredAt: at, learnedAt: at, level: "IV",
    figures: { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 }, body: "测试", reporterName: "联络员",
  });
  const titles = (res: { json(): { items: { title: string }[] } }) => res.json().items.map((i) => i.title);

  beforeAll(async () => {
    t = await buildTestApp();
    [duty, village] = await Promise.all([loginAs(t.app, "duty"), loginAs(t.app, "village")]);
    villageId = await unitId(t.db, "马杭村");
    typeId = (await t.db.execute<{ id: string }>(sql`select id from incident_types where parent_id is not null order by code limit 1`)).rows[0].id;
  });
  afterAll(() => t?.close());

  it("answers 304 to a screen that holds the page, and the new page right after a write", async () => {
    const first = await duty.get("/api/incidents?pageSize=20");
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    expect((await duty.request("GET", "/api/incidents?pageSize=20", undefined, { "if-none-match": etag })).statusCode).toBe(304);
    expect((await village.post("/api/incidents", incident("写后即读"))).statusCode).toBe(201);
    const after = await duty.get("/api/incidents?pageSize=20");
    expect(after.headers.etag).not.toBe(etag);
    expect(titles(after)[0]).toBe("写后即读");
  });

  it.runIf(usePostgres)("learns of writes, logouts and disabled accounts in another process within a moment", async () => {
    const database = await openPostgres(t.databaseUrl!, 5);
    const other = await buildApp({ config: t.config, database, db: database.db });
    await other.ready();
    const until = async (check: () => Promise<boolean>) => {
      const end = Date.now() + 3000;
      while (!(await check())) {
        if (Date.now() > end) return false;
        await new Promise((r) => setTimeout(r, 20));
      }
      return true;
    };
    try {
      const dutyThere = await loginAs(other, "duty");
      expect((await dutyThere.get("/api/incidents?pageSize=20")).statusCode).toBe(200);
      // A report recorded through this process shows on the other's kept page.
      expect((await village.post("/api/incidents", incident("另一进程录入"))).statusCode).toBe(201);
      expect(await until(async () => titles(await dutyThere.get("/api/incidents?pageSize=20"))[0] === "另一进程录入"), "the other process's page shows the new incident").toBe(true);
      // A session kept by the other process ends there when it is logged out here (same cookie).
      const session = await loginAs(t.app, "leader");
      const sameThere = Object.assign(Object.create(Object.getPrototypeOf(session)), session, { app: other }) as Client;
      expect((await sameThere.get("/api/auth/me")).statusCode).toBe(200);
      expect((await session.post("/api/auth/logout")).statusCode).toBe(200);
      expect(await until(async () => (await sameThere.get("/api/auth/me")).statusCode === 401), "logged out here, refused there").toBe(true);
      // A change made outside any app process (the admin tool, SQL) reaches it too.
      expect((await dutyThere.get("/api/auth/me")).statusCode).toBe(200);
      await t.db.execute(sql`update users set active = false where username = 'duty'`);
      expect(await until(async () => (await dutyThere.get("/api/auth/me")).statusCode === 401), "disabled by SQL, refused there").toBe(true);
      await t.db.execute(sql`update users set active = true where username = 'duty'`);
    } finally {
      await other.close();
      await database.close();
    }
  });
});
