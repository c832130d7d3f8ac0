import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, loginAs, type TestApp } from "../../test/helpers.ts";
import { verifyAuditChain } from "./audit.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  const admin = await loginAs(t.app, "admin");
  const village = (await admin.get("/api/org/units?q=马杭村")).json()[0];
  for (let i = 0; i < 5; i++) {
    const u = (await admin.get(`/api/org/units/${village.id}`)).json();
    await admin.patch(`/api/org/units/${village.id}`, { version: u.version, population: 3000 + i });
  }
});
afterAll(() => t?.close());

describe("audit log", () => {
  it("records who, when, from where, what, before and after", async () => {
    const auditor = await loginAs(t.app, "auditor", { ip: "10.9.0.1" });
    const page = (await auditor.get("/api/audit?action=org.unit.update&pageSize=1")).json();
    const e = page.items[0];
    expect(e).toMatchObject({ actorName: "admin", ip: "127.0.0.1", action: "org.unit.update", entity: "org_unit" });
    expect((e.before as { population: number }).population).toBe(3003);
    expect((e.after as { population: number }).population).toBe(3004);
    expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does find entries by an action's Chinese or English label as well as by its code", async () => {
    const auditor = await loginAs(t.app, "auditor");
    const actions = async (filter: string) =>
      new Set((await auditor.get(`/api/audit?pageSize=200&action=${encodeURIComponent(filter)}`)).json().items.map((e: { action: string }) => e.action));
    // Sign-ins happened (every loginAs): 登录 finds them, as does the code and the English label.
    for (const filter of ["登录", "auth.login", "signed in"]) expect([...(await actions(filter))], filter).toContain("auth.login");
    expect([...(await actions("修改单位"))]).toEqual(["org.unit.update"]);
    expect((await actions("没有这种操作")).size).toBe(0);
  });

  it("refuses UPDATE, DELETE and TRUNCATE at the database, even to its owner", async () => {
    const refusal = (p: Promise<unknown>) => p.then(() => "accepted", (e: Error & { cause?: Error }) => String(e.cause?.message ?? e.message));
    expect(await refusal(t.db.execute(sql`update audit_log set action = 'x' where seq = 1`))).toContain("append-only");
    expect(await refusal(t.db.execute(sql`delete from audit_log where seq = 1`))).toContain("append-only");
    expect(await refusal(t.db.execute(sql`truncate audit_log`))).toContain("append-only");
  });

  it("verifies an intact chain through the API", async () => {
    const auditor = await loginAs(t.app, "auditor");
    const res = (await auditor.get("/api/audit/verify")).json();
    expect(res.ok).toBe(true);
    expect(res.checked).toBeGreaterThan(5);
  });

  it("finds an entry changed behind the application's back, and a removed one", async () => {
    const { rows } = await t.db.execute<{ seq: number }>(sql`select seq from audit_log where action = 'org.unit.update' order by seq limit 2`);
    const [first, second] = rows.map((r) => Number(r.seq));
    // Someone with superuser rights disables the guard and edits the log.
    await t.db.execute(sql`alter table audit_log disable trigger user`);
    await t.db.execute(sql`update audit_log set after = '{"population": 1}'::jsonb where seq = ${first}`);
    let result = await verifyAuditChain(t.db, 3);
    expect(result).toMatchObject({ ok: false, brokenAt: first });
    expect(result.reason).toContain("hash");

    // Removing the changed entry leaves the next one pointing at a hash that is no longer there.
    await t.db.execute(sql`delete from audit_log where seq = ${first}`);
    result = await verifyAuditChain(t.db);
    expect(result).toMatchObject({ ok: false, brokenAt: second });
    expect(result.reason).toContain("prev_hash");
    await t.db.execute(sql`alter table audit_log enable trigger user`);
  });
});
