import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, loginAs, unitId, type Client, type TestApp } from "../../../test/helpers.ts";

let t: TestApp;
let admin: Client;
let town: Client;
beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t.app, "admin");
  town = await loginAs(t.app, "town");
});
afterAll(() => t?.close());

describe("contact directory", () => {
  it("masks phones in lists and reveals them only through an audited unmask", async () => {
    const unit = await unitId(t.db, "马杭村");
    const p = (await admin.post("/api/org/people", { unitId: unit, name: "测试联络员", mobile: "13912345678", officePhone: "0519-86112233", isLiaison: true, emergencyRoles: ["liaison"] })).json();
    expect(p.mobile).toBe("139****5678");
    const found = (await town.get("/api/org/people?q=测试联络员")).json();
    expect(found.items[0].mobile).toBe("139****5678");
    expect(JSON.stringify(found)).not.toContain("13912345678");
    const un = await town.post(`/api/org/people/${p.id}/unmask`);
    expect(un.json()).toEqual({ mobile: "13912345678", officePhone: "0519-86112233" });
    const { rows } = await t.db.execute<{ actor_name: string }>(sql`select actor_name from audit_log where action = 'people.unmask' and entity_id = ${p.id}`);
    expect(rows).toEqual([{ actor_name: "town" }]);
    // The audit log is no second directory: it keeps the numbers masked.
    const created = await t.db.execute<{ after: { mobile: string } }>(sql`select after from audit_log where action = 'people.create' and entity_id = ${p.id}`);
    expect(created.rows[0].after.mobile).toBe("139****5678");
    // Someone without the permission cannot unmask.
    const enterprise = await loginAs(t.app, "enterprise");
    expect((await enterprise.post(`/api/org/people/${p.id}/unmask`)).statusCode).toBe(403);
  });

  it("searches by name, unit and duty, and filters liaison officers", async () => {
    const byUnit = (await admin.get("/api/org/people?q=马杭村")).json();
    expect(byUnit.total).toBeGreaterThan(0);
    expect(byUnit.items.every((p: { unitName: string }) => p.unitName === "马杭村")).toBe(true);
    const byDuty = (await admin.get(`/api/org/people?q=${encodeURIComponent("信息报送")}&liaison=true`)).json();
    expect(byDuty.items.length).toBeGreaterThan(0);
    expect(byDuty.items.every((p: { isLiaison: boolean }) => p.isLiaison)).toBe(true);
    const page = (await admin.get("/api/org/people?page=2&pageSize=10")).json();
    expect(page.items).toHaveLength(10);
    expect((await admin.get("/api/org/people?pageSize=500")).statusCode).toBe(400);
  });

  it("lists villages without a liaison officer, by town", async () => {
    const cov = (await admin.get("/api/org/liaison-coverage")).json();
    expect(cov.villages).toBeGreaterThan(0);
    expect(cov.covered).toBeLessThan(cov.villages);
    const missing = cov.towns.flatMap((x: { missing: { id: string }[] }) => x.missing);
    const { rows } = await t.db.execute<{ n: number }>(sql`select count(*)::int as n from org_units v where v.kind in ('village','community') and v.active
      and not exists (select 1 from people p where p.unit_id = v.id and p.is_liaison and p.active)`);
    expect(missing.length).toBe(Number(rows[0].n));
    // Naming a liaison officer takes the village off the list.
    const target = missing[0];
    await admin.post("/api/org/people", { unitId: target.id, name: "新联络员", isLiaison: true, mobile: "13700000001" });
    const again = (await admin.get("/api/org/liaison-coverage")).json();
    expect(again.covered).toBe(cov.covered + 1);
  });

  it("edits with optimistic locking", async () => {
    const p = (await admin.get("/api/org/people?pageSize=1")).json().items[0];
    const ok = await admin.patch(`/api/org/people/${p.id}`, { version: p.version, title: "副主任" });
    expect(ok.json().title).toBe("副主任");
    expect((await admin.patch(`/api/org/people/${p.id}`, { version: p.version, title: "主任" })).statusCode).toBe(409);
  });
});
