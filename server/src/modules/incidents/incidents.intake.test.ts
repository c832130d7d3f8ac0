import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, countRows, loginAs, unitId, usePostgres, type Client, type TestApp } from "../../../test/helpers.ts";
import { buildApp } from "../../app.ts";
import { openPostgres } from "../../db/client.ts";
import { verifyAuditChain } from "../../platform/audit.ts";

let t: TestApp;
let village: Client, town: Client;
const ids: Record<string, string> = {};
const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const report = (n: number, over: Record<string, unknown> = {}) => ({
  title: `台风灾情 ${n}`, typeId: ids.type, unitId: ids.village, lat: 31.7, lon: 119.97, address: "村口", occurredAt: ago(30), learnedAt: ago(20), level: "IV",
  figures: { dead: 0, missing: 0, injured: n % 3, seriouslyInjured: 0, trapped: n % 5, directLoss: 10000 }, body: "房屋进水，已转移群众", reporterName: "联络员",
  ...over,
});

beforeAll(async () => {
  t = await buildTestApp();
  [village, town] = await Promise.all([loginAs(t.app, "village"), loginAs(t.app, "town")]);
  ids.village = await unitId(t.db, "马杭村");
  ids.sibling = await unitId(t.db, "卢家巷村");
  ids.type = (await t.db.execute<{ id: string }>(sql`select id from incident_types where parent_id is not null order by code limit 1`)).rows[0].id;
});
afterAll(() => t?.close());

const created = async (tag: string) =>
  (await t.db.execute<{ id: string; at: string }>(sql`
    select i.id, a.at::text as at from incidents i join audit_log a on a.entity_id = i.id::text and a.action = 'incidents.create'
    where i.title like ${`${tag}%`}`)).rows;

describe("the intake: initial reports arriving together", () => {
  it("writes a burst together, each report with its own incident, answer, event, audit entry and key, and replays each key", async () => {
    const [audit, events] = [await countRows(t.db, "audit_log"), await countRows(t.db, "outbox_events")];
    const sends = Array.from({ length: 40 }, (_, n) => village.post("/api/incidents", report(n, { title: `台风A ${n}` }), { "idempotency-key": `burst-a-${n}` }));
    const answers = await Promise.all(sends);
    expect(answers.map((r) => r.statusCode)).toEqual(Array(40).fill(201));
    const bodies = answers.map((r) => r.json());
    expect(new Set(bodies.map((b) => b.id)).size).toBe(40);
    bodies.forEach((b, n) => expect(b).toMatchObject({ title: `台风A ${n}`, figures: { injured: n % 3, trapped: n % 5 }, reports: [{ kind: "initial", number: 0 }] }));
    expect(await created("台风A")).toHaveLength(40);
    expect(await countRows(t.db, "audit_log")).toBe(audit + 40);
    expect(await countRows(t.db, "outbox_events")).toBe(events + 40);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);

    const again = await Promise.all(Array.from({ length: 40 }, (_, n) => village.post("/api/incidents", report(n, { title: `台风A ${n}` }), { "idempotency-key": `burst-a-${n}` })));
    expect(again.map((r) => r.headers["idempotency-replayed"])).toEqual(Array(40).fill("true"));
    expect(again.map((r) => r.json().id)).toEqual(bodies.map((b) => b.id));
    expect(await created("台风A")).toHaveLength(40);
  });

  it("keeps each report's refusal its own: an out-of-scope or unknown unit fails alone, the rest are written", async () => {
    const sends = Array.from({ length: 20 }, (_, n) => {
      const over = n === 7 ? { unitId: ids.sibling } : n === 11 ? { unitId: "00000000-0000-4000-8000-000000000000" } : {};
      return village.post("/api/incidents", report(n, { title: `台风B ${n}`, ...over }), { "idempotency-key": `burst-b-${n}` });
    });
    const codes = (await Promise.all(sends)).map((r) => r.statusCode);
    expect(codes[7]).toBe(404);
    expect(codes[11]).toBe(400);
    expect(codes.filter((c) => c === 201)).toHaveLength(18);
    expect(await created("台风B")).toHaveLength(18);
  });

  it("writes one incident for the same key sent twice in one burst, and answers both with it", async () => {
    const sends = [
      ...Array.from({ length: 10 }, (_, n) => village.post("/api/incidents", report(n, { title: `台风C ${n}` }), { "idempotency-key": `burst-c-${n}` })),
      village.post("/api/incidents", report(3, { title: "台风C 3" }), { "idempotency-key": "burst-c-3" }),
    ];
    const answers = await Promise.all(sends);
    expect(answers.map((r) => r.statusCode)).toEqual(Array(11).fill(201));
    expect(answers[10].json().id).toBe(answers[3].json().id);
    expect([answers[3].headers["idempotency-replayed"], answers[10].headers["idempotency-replayed"]].sort()).toEqual(["false", "true"]);
    expect(await created("台风C 3")).toHaveLength(1);
  });

  it.runIf(usePostgres)("writes the reports that arrive while a batch is written as one batch (one audit append)", async () => {
    // Hold the audit chain as a long transaction would: the first batches wait, the rest gather.
    const holder = await t.database.pool!.connect();
    try {
      await holder.query("begin");
      await holder.query("select pg_advisory_xact_lock(7240413)");
      const sends = Array.from({ length: 30 }, (_, n) => village.post("/api/incidents", report(n, { title: `台风E ${n}` })));
      await new Promise((r) => setTimeout(r, 500));
      await holder.query("commit");
      expect((await Promise.all(sends)).map((r) => r.statusCode)).toEqual(Array(30).fill(201));
    } finally {
      holder.release();
    }
    const rows = await created("台风E");
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.at)).size).toBeLessThanOrEqual(3);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it.runIf(usePostgres)("writes one incident for a key sent to two app processes at once, each in its own batch", async () => {
    const database = await openPostgres(t.databaseUrl!, 5);
    const other = await buildApp({ config: t.config, database, db: database.db });
    await other.ready();
    try {
      const there = Object.assign(Object.create(Object.getPrototypeOf(village)), village, { app: other }) as Client;
      const sends = [
        ...Array.from({ length: 8 }, (_, n) => village.post("/api/incidents", report(n, { title: `台风G ${n}` }), { "idempotency-key": `burst-g-${n}` })),
        ...Array.from({ length: 8 }, (_, n) => there.post("/api/incidents", report(n, { title: `台风G ${n}` }), { "idempotency-key": `burst-g-${n}` })),
      ];
      const answers = await Promise.all(sends);
      expect(answers.map((r) => r.statusCode)).toEqual(Array(16).fill(201));
      for (let n = 0; n < 8; n++) expect(answers[n + 8].json().id).toBe(answers[n].json().id);
      expect(await created("台风G")).toHaveLength(8);
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
    } finally {
      await other.close();
      await database.close();
    }
  });

  it("when the batch's transaction fails, writes each report alone: only the faulty one fails", async () => {
    // A fault of one row that only the database finds (a trigger standing in for any such fault).
    await t.db.execute(sql`create or replace function test_refuse_title() returns trigger language plpgsql as $$
      begin if new.title = '台风F 故障' then raise exception 'refused by test'; end if; return new; end $$`);
    await t.db.execute(sql`create trigger test_refuse_title before insert on incidents for each row execute function test_refuse_title()`);
    try {
      const before = await countRows(t.db, "incidents");
      const sends = Array.from({ length: 12 }, (_, n) => village.post("/api/incidents", report(n, { title: n === 5 ? "台风F 故障" : `台风F ${n}` })));
      const codes = (await Promise.all(sends)).map((r) => r.statusCode);
      expect(codes[5]).toBe(500);
      expect(codes.filter((c) => c === 201)).toHaveLength(11);
      expect(await countRows(t.db, "incidents")).toBe(before + 11);
      expect((await verifyAuditChain(t.db)).ok).toBe(true);
    } finally {
      await t.db.execute(sql`drop trigger test_refuse_title on incidents`);
    }
  });
});
