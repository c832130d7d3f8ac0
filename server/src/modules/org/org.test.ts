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

describe("org tree", () => {
  it("creates, renames and deactivates a village under a town, each step audited", async () => {
    const parentId = await unitId(t.db, "湖塘镇");
    const created = await town.post("/api/org/units", { parentId, kind: "village", name: "新建村", dutyPhone: "0519-86001234", lat: 31.71, lon: 119.96 });
    expect(created.statusCode).toBe(201);
    const v = created.json();
    expect(v.path.startsWith((await admin.get(`/api/org/units/${parentId}`)).json().path + ".")).toBe(true);
    const renamed = await town.patch(`/api/org/units/${v.id}`, { version: v.version, name: "新建村(改)" });
    expect(renamed.json().name).toBe("新建村(改)");
    const stale = await town.patch(`/api/org/units/${v.id}`, { version: v.version, name: "晚到的修改" });
    expect(stale.statusCode).toBe(409);
    const off = await town.patch(`/api/org/units/${v.id}`, { version: renamed.json().version, active: false });
    expect(off.json().active).toBe(false);
    const listed = (await town.get(`/api/org/units?parentId=${parentId}`)).json() as { id: string }[];
    expect(listed.some((u) => u.id === v.id)).toBe(false);
    const { rows } = await t.db.execute<{ action: string }>(sql`select action from audit_log where entity_id = ${v.id} order by seq`);
    expect(rows.map((r) => r.action)).toEqual(["org.unit.create", "org.unit.update", "org.unit.deactivate"]);
  });

  it("refuses an unknown kind and deactivating a unit with active children", async () => {
    const parentId = await unitId(t.db, "湖塘镇");
    const bad = await admin.post("/api/org/units", { parentId, kind: "castle", name: "城堡" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain("kind");
    const townRow = (await admin.get(`/api/org/units/${parentId}`)).json();
    const off = await admin.patch(`/api/org/units/${parentId}`, { version: townRow.version, active: false });
    expect(off.statusCode).toBe(422);
    expect(off.json().error.code).toBe("has_active_children");
  });

  it("moves a village with its whole subtree to another town", async () => {
    const from = await unitId(t.db, "洛阳镇");
    const to = await unitId(t.db, "遥观镇");
    const v = (await admin.post("/api/org/units", { parentId: from, kind: "village", name: "搬迁村" })).json();
    const child = (await admin.post("/api/org/units", { parentId: v.id, kind: "enterprise", name: "搬迁村企业" })).json();
    const moved = await admin.post(`/api/org/units/${v.id}/move`, { version: v.version, parentId: to });
    expect(moved.statusCode).toBe(200);
    const toPath = (await admin.get(`/api/org/units/${to}`)).json().path;
    expect(moved.json().path.startsWith(`${toPath}.`)).toBe(true);
    const c = (await admin.get(`/api/org/units/${child.id}`)).json();
    expect(c.path).toBe(`${moved.json().path}.${child.path.split(".").at(-1)}`);
    // A unit cannot move under its own descendant.
    const loop = await admin.post(`/api/org/units/${v.id}/move`, { version: moved.json().version, parentId: child.id });
    expect(loop.statusCode).toBe(422);
  });
});

describe("unit lists", () => {
  it("counts active children and gives a village officer the duty phones above them", async () => {
    const units = (await admin.get("/api/org/units")).json() as { name: string; childCount: number }[];
    expect(units.find((u) => u.name === "湖塘镇")!.childCount).toBeGreaterThanOrEqual(5);
    expect(units.find((u) => u.name === "马杭村")!.childCount).toBe(0);
    const village = await loginAs(t.app, "village");
    const phones = (await village.get("/api/org/duty-phones")).json() as { name: string; relation: string }[];
    expect(phones.filter((p) => p.relation === "above").map((p) => p.name)).toEqual(["武进区", "湖塘镇"]);
    // Outside the duty phones, units above stay out of a village officer's scope.
    const district = phones[0] as unknown as { unitId: string };
    expect((await village.get(`/api/org/units/${district.unitId}`)).statusCode).toBe(404);
  });
});

describe("six in place", () => {
  it("saves an item with evidence and rolls the rate up to the town", async () => {
    const townId = await unitId(t.db, "湟里镇");
    const before = ((await admin.get("/api/org/checklist-rollup")).json() as { unitId: string; itemsDone: number; itemsTotal: number }[]).find((r) => r.unitId === townId)!;
    const items = (await admin.get(`/api/org/units/${townId}/checklist`)).json() as { item: string; done: boolean; version: number }[];
    expect(items.map((i) => i.item)).toEqual(["body", "function", "posts", "people", "funds", "premises"]);
    const open = items.find((i) => !i.done)!;
    const saved = await admin.put(`/api/org/units/${townId}/checklist/${open.item}`, { done: true, note: "已发文", version: open.version });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().done).toBe(true);
    const after = ((await admin.get("/api/org/checklist-rollup")).json() as { unitId: string; itemsDone: number; rate: number; itemsTotal: number }[]).find((r) => r.unitId === townId)!;
    expect(after.itemsDone).toBe(before.itemsDone + 1);
    expect(after.rate).toBeCloseTo(after.itemsDone / after.itemsTotal);

    const up = await admin.request("POST", `/api/org/units/${townId}/checklist/${open.item}/evidence`, Buffer.from("%PDF-1.4 scan"), { "content-type": "application/pdf", "x-file-name": encodeURIComponent("机构文件.pdf") });
    expect(up.statusCode).toBe(200);
    const file = up.json().evidence.at(-1);
    expect(file.name).toBe("机构文件.pdf");
    const dl = await admin.get(`/api/files/${file.id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.body).toBe("%PDF-1.4 scan");
    // Saved twice from the same read: the second is stale.
    expect((await admin.put(`/api/org/units/${townId}/checklist/${open.item}`, { done: false, version: open.version })).statusCode).toBe(409);
  });
});

describe("responsibility matrix", () => {
  it("keeps one lead unit per incident type", async () => {
    const rows = (await admin.get("/api/org/responsibilities")).json() as { incidentTypeId: string; role: string; id: string; unitId: string; version: number }[];
    const lead = rows.find((r) => r.role === "lead")!;
    const member = rows.find((r) => r.role === "member" && r.incidentTypeId === lead.incidentTypeId)!;
    const twoLeads = await admin.patch(`/api/org/responsibilities/${member.id}`, { version: member.version, role: "lead" });
    expect(twoLeads.statusCode).toBe(422);
    const dept = await unitId(t.db, "区教育局");
    const added = await admin.post("/api/org/responsibilities", { incidentTypeId: lead.incidentTypeId, unitId: dept, role: "member", duties: "组织学校师生疏散" });
    expect(added.statusCode).toBe(201);
    expect((await admin.post("/api/org/responsibilities", { incidentTypeId: lead.incidentTypeId, unitId: dept, role: "member", duties: "again" })).statusCode).toBe(409);
    expect((await admin.delete(`/api/org/responsibilities/${added.json().id}`)).statusCode).toBe(200);
  });

  it("lists the incident-type tree with its four categories", async () => {
    const types = (await town.get("/api/incident-types")).json() as { code: string; parentId: string | null; category: string }[];
    expect(types.filter((x) => !x.parentId).map((x) => x.category).sort()).toEqual(["accident", "health", "natural", "social"]);
    expect(types.find((x) => x.code === "21100")).toBeDefined();
  });
});
