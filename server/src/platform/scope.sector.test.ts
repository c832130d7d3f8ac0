/**
 * Sector scope (responsibility by sector): a member department reads, district-wide, the
 * incidents of the incident types it leads or is a member for in the responsibility matrix,
 * and the warnings released for those types; it changes them only where it is the lead.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../test/helpers.ts";

let t: TestApp;
let admin: Client;
let dept: Client;
let police: Client;
const ids: Record<string, string> = {};
const ZERO = { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 };
const ANY = "00000000-0000-4000-8000-000000000001";

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t.app, "admin");
  dept = await loginAs(t.app, "dept");
  ids.niutang = await unitId(t.db, "牛塘镇");
  const type = async (code: string) => (await t.db.execute<{ id: string }>(sql`select id from incident_types where code = ${code}`)).rows[0].id;
  ids.road = await type("22100");
  ids.quake = await type("13000");
  // 区公安分局 leads road traffic accidents in the demo matrix; 区交通运输局 (the demo `dept`) is a member.
  const created = await admin.post("/api/users", { username: "police", displayName: "公安分局联络员", role: "dept", unitId: await unitId(t.db, "区公安分局"), password: "Scope#Test2030" });
  expect(created.statusCode).toBe(201);
  await t.db.execute(sql`update users set must_change_password = false where username = 'police'`);
  police = await loginAs(t.app, "police", { password: "Scope#Test2030" });
  const at = new Date(Date.now() - 3_600_000).toISOString();
  const incident = (typeId: string, title: string) => admin.post("/api/incidents", {
    title, typeId, unitId: ids.niutang, lat: 31.70, lon: 119.90, address: "牛塘镇", occurredAt: at, learnedAt: at, level: "III", figures: { ...ZERO, dead: 3 }, body: "x", reporterName: "x",
  });
  const road = (await incident(ids.road, "S232 省道三车相撞")).json();
  [ids.roadIncident, ids.roadReport] = [road.id, road.reports[0].id];
  ids.quakeIncident = (await incident(ids.quake, "牛塘镇地震")).json().id;
  const warning = async (incidentTypeId: string | null, headline: string) => {
    const duty = await loginAs(t.app, "duty");
    const leader = await loginAs(t.app, "leader");
    const w = (await duty.post("/api/warnings", {
      level: "orange", incidentTypeId, headline, description: "x", instruction: "x", area: { description: "牛塘镇", polygons: [], circles: [], unitIds: [] },
      effectiveAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 86_400_000).toISOString(), public: false,
      targets: { unitIds: [ids.niutang], inArea: false, roles: [], channels: ["inapp"] },
    })).json();
    const s = (await duty.post(`/api/warnings/${w.id}/submit`, { version: w.version })).json();
    expect((await leader.post(`/api/warnings/${w.id}/approve`, { version: s.version })).statusCode).toBe(200);
    return w.id as string;
  };
  ids.roadWarning = await warning(ids.road, "道路结冰橙色预警");
  ids.otherWarning = await warning(null, "牛塘镇大风预警");
}, 120_000);
afterAll(() => t?.close());

describe("a member department", () => {
  it("reads the incidents of its sector district-wide, and nothing else outside its subtree", async () => {
    const list = (await dept.get("/api/incidents?pageSize=200")).json();
    const listed = list.items.map((i: { id: string }) => i.id);
    expect(listed).toContain(ids.roadIncident);
    expect(listed).not.toContain(ids.quakeIncident);
    expect((await dept.get(`/api/incidents/${ids.roadIncident}`)).statusCode).toBe(200);
    expect((await dept.get(`/api/incidents/${ids.roadIncident}/reports`)).statusCode).toBe(200);
    expect((await dept.get(`/api/incidents/${ids.roadIncident}/special-report.docx`)).statusCode).toBe(200);
    expect((await dept.get(`/api/incidents/${ids.quakeIncident}`)).statusCode).toBe(404);
  });

  it("changes nothing of an incident it is only a member for: every write route on it answers 403 or 404 and writes nothing", async () => {
    const writes = t.app.routeList.filter((r) => r.url.startsWith("/api/incidents/:id") && r.method !== "GET");
    expect(writes.length).toBeGreaterThan(3);
    const before = await countRows(t.db, "audit_log");
    for (const r of writes) {
      const url = r.url.replace(":id", ids.roadIncident).replace(":reportId", ids.roadReport);
      const body = r.url.endsWith("/reports") ? { kind: "followup", figures: ZERO, body: "x", reporterName: "x" } : r.url.endsWith("/instructions") ? { text: "x" } : {};
      const res = r.url.endsWith("/attachments")
        ? await dept.request(r.method as "POST", url, Buffer.from("x"), { "content-type": "text/plain" })
        : await dept.request(r.method as "POST", url, body);
      expect([403, 404, 409], `${r.method} ${r.url}: ${res.body}`).toContain(res.statusCode);
    }
    expect(await countRows(t.db, "audit_log")).toBe(before);
  });

  it("adds a follow-up report where the matrix makes it the lead", async () => {
    const res = await police.post(`/api/incidents/${ids.roadIncident}/reports`, { kind: "followup", figures: ZERO, body: "交警已封闭路段", reporterName: "公安分局" });
    expect(res.statusCode).toBe(201);
    expect((await police.get(`/api/incidents/${ids.quakeIncident}`)).statusCode).toBe(404);
  });

  it("reads the warnings released for its sector, and not the others addressed elsewhere", async () => {
    const listed = (await dept.get("/api/warnings?pageSize=200")).json().items.map((w: { id: string }) => w.id);
    expect(listed).toContain(ids.roadWarning);
    expect(listed).not.toContain(ids.otherWarning);
    expect((await dept.get(`/api/warnings/${ids.roadWarning}`)).statusCode).toBe(200);
    expect((await dept.get(`/api/warnings/${ids.otherWarning}`)).statusCode).toBe(404);
    // Reading is not answering: the department is not a target unit.
    expect((await dept.post(`/api/warnings/${ids.roadWarning}/ack`, {})).statusCode).toBe(422);
  });

  it("follows the matrix: removed from it, the department no longer sees the sector", async () => {
    const unit = await unitId(t.db, "区交通运输局");
    const { rows } = await t.db.execute<{ id: string }>(sql`select id from responsibilities where unit_id = ${unit} and incident_type_id = ${ids.road}`);
    expect((await admin.delete(`/api/org/responsibilities/${rows[0].id}`)).statusCode).toBeLessThan(300);
    expect((await dept.get(`/api/incidents/${ids.roadIncident}`)).statusCode).toBe(404);
    expect((await dept.get(`/api/warnings/${ids.roadWarning}`)).statusCode).toBe(404);
    expect((await dept.get(`/api/incidents/${ANY}`)).statusCode).toBe(404);
  });
});
