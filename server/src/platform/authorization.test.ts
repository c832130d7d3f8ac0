/**
 * Enumerates every route of the app: anonymous callers get 401 (except the explicit
 * public list), a role without the route's permission gets 403, and a caller from a
 * sibling town gets 404 on a row of the other town, with nothing written.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, ROLES, type Permission } from "@yingji/contracts";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../test/helpers.ts";
import { escalateOverdue } from "../modules/warnings/warnings.tracking.ts";

const PUBLIC_ROUTES = ["GET /api/health", "POST /api/auth/login", "GET /api/openapi.json"];
const isDocs = (url: string) => url.startsWith("/api/docs");

let t: TestApp;
const clients = new Map<string, Client>();
const ids: Record<string, string> = {};
const ANY_ID = "00000000-0000-4000-8000-000000000001";

beforeAll(async () => {
  t = await buildTestApp();
  for (const role of ROLES) clients.set(role, await loginAs(t.app, role));
  const admin = clients.get("admin")!;
  ids.ownTown = await unitId(t.db, "湖塘镇");
  ids.siblingTown = await unitId(t.db, "牛塘镇");
  const { rows: p } = await t.db.execute<{ id: string }>(sql`select id from people where unit_id = ${ids.siblingTown} limit 1`);
  ids.siblingPerson = p[0].id;
  const { rows: r } = await t.db.execute<{ id: string }>(sql`select id from responsibilities limit 1`);
  ids.siblingResponsibility = r[0].id;
  const upload = await admin.request("POST", `/api/org/units/${ids.siblingTown}/checklist/body/evidence`, Buffer.from("evidence"), { "content-type": "text/plain", "x-file-name": "a.txt" });
  ids.siblingFile = upload.json().evidence[0].id;
  // An administrator of one town: every permission but audit.read, scoped to 湖塘镇.
  for (const [username, unit] of [["townadmin", ids.ownTown], ["niutang", ids.siblingTown]] as const) {
    const created = await admin.post("/api/users", { username, displayName: username, role: "admin", unitId: unit, password: "Scope#Test2030" });
    expect(created.statusCode).toBe(201);
    await t.db.execute(sql`update users set must_change_password = false where username = ${username}`);
  }
  ids.siblingUser = (await admin.get("/api/users?q=niutang")).json().items[0].id;
  clients.set("townadmin", await loginAs(t.app, "townadmin", { password: "Scope#Test2030" }));
  // A shift of the sibling town and a swap request on it.
  const { rows: sp } = await t.db.execute<{ id: string }>(sql`select id from people where unit_id = ${ids.siblingTown} and active limit 2`);
  const shift = await admin.post("/api/duty/shifts", { unitId: ids.siblingTown, startsAt: new Date(Date.now() + 86_400_000).toISOString(), officerIds: [sp[0].id] });
  ids.siblingShift = shift.json().id;
  ids.siblingSwap = (await admin.post(`/api/duty/shifts/${ids.siblingShift}/swaps`, { fromPersonId: sp[0].id, toPersonId: sp[1].id })).json().id;
  ids.siblingPeople = sp.map((r) => r.id).join(",");
  ids.siblingKeyPeriod = (await admin.post("/api/duty/key-periods", { unitId: ids.siblingTown, name: "庙会", kind: "major_event", startsAt: "2030-02-01T00:00:00+08:00", endsAt: "2030-02-02T00:00:00+08:00" })).json().id;
  // An incident of the sibling town, with its initial report.
  const { rows: ty } = await t.db.execute<{ id: string }>(sql`select id from incident_types where parent_id is not null limit 1`);
  ids.incidentType = ty[0].id;
  const at = new Date(Date.now() - 600_000).toISOString();
  const incident = await admin.post("/api/incidents", {
    title: "牛塘镇事件", typeId: ids.incidentType, unitId: ids.siblingTown, lat: 31.7, lon: 119.9, address: "牛塘镇", occurredAt: at, learnedAt: at, level: "IV",
    figures: { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 }, body: "x", reporterName: "x",
  });
  ids.siblingIncident = incident.json().id;
  ids.siblingReport = incident.json().reports[0].id;
  // resources (issue 5): one row of every registry owned by the sibling town.
  const place = { unitId: ids.siblingTown, lat: 31.70, lon: 119.90 };
  const rows: Record<string, Record<string, unknown>> = {
    teams: { ...place, name: "牛塘队", kind: "fire", readiness: "ready" },
    experts: { ...place, name: "牛塘专家", level: "district", availability: "available" },
    volunteers: { ...place, name: "牛塘志愿者", kind: "group", availability: "available" },
    warehouses: { ...place, name: "牛塘仓库", kind: "government" },
    "material-items": { unitId: ids.siblingTown, name: "牛塘物资", category: "other", measureUnit: "件" },
    requisitions: { unitId: ids.siblingTown, name: "牛塘征用", fromKind: "person", fromParty: "某人", requisitionedAt: "2026-07-01T08:00:00+08:00", outcome: "in_use" },
    shelters: { ...place, name: "牛塘场所", kind: "park", shelterClass: "III", usableArea: 300 },
  };
  for (const [key, body] of Object.entries(rows)) {
    const res = await admin.post(`/api/${key}`, body);
    expect(res.statusCode, key).toBe(201);
    ids[`sibling:${key}`] = res.json().id;
  }
  // warnings (feeds): a CAP feed of the sibling town's administrator (disabled: nothing is fetched).
  const niutang = await loginAs(t.app, "niutang", { password: "Scope#Test2030" });
  ids.siblingFeed = (await niutang.post("/api/warning-feeds", { name: "牛塘镇信息源", url: "http://127.0.0.1:9/cap.xml", enabled: false })).json().id;
});
// warnings: a draft and a released warning of the sibling town (drafted by its administrator, released by the district leader), one overdue call task.
beforeAll(async () => {
  const warning = (over: Record<string, unknown> = {}) => ({
    level: "blue", incidentTypeId: null, headline: "牛塘镇预警", description: "x", instruction: "x", area: { description: "牛塘镇", polygons: [], circles: [], unitIds: [] },
    effectiveAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 86_400_000).toISOString(), public: false,
    targets: { unitIds: [ids.siblingTown], inArea: false, roles: [], channels: ["inapp"] }, ...over,
  });
  const niutangAdmin = await loginAs(t.app, "niutang", { password: "Scope#Test2030" });
  ids.siblingDraft = (await niutangAdmin.post("/api/warnings", warning())).json().id;
  const toRelease = (await niutangAdmin.post("/api/warnings", warning())).json();
  const submitted = (await niutangAdmin.post(`/api/warnings/${toRelease.id}/submit`, { version: toRelease.version })).json();
  expect((await clients.get("leader")!.post(`/api/warnings/${toRelease.id}/approve`, { version: submitted.version })).statusCode).toBe(200);
  ids.siblingWarning = toRelease.id;
  await escalateOverdue(t.db, new Date(Date.now() + 3 * 3_600_000));
  ids.siblingCallTask = (await t.db.execute<{ id: string }>(sql`select id from warning_escalations where warning_id = ${ids.siblingWarning} limit 1`)).rows[0].id;
}, 120_000);
afterAll(() => t?.close());

const apiRoutes = () => t.app.routeList.filter((r) => r.url.startsWith("/api/") && !isDocs(r.url));
const fill = (url: string, id = ANY_ID) => url.replace(":id", id).replace(":item", "body").replace(":reportId", ids.siblingReport ?? ANY_ID);

describe("every route", () => {
  it("marks exactly the public list as public", () => {
    const pub = apiRoutes().filter((r) => r.public).map((r) => `${r.method} ${r.url}`).sort();
    expect(pub).toEqual([...PUBLIC_ROUTES].sort());
  });

  it("answers 401 to an anonymous caller on every other route", async () => {
    const routes = apiRoutes().filter((r) => !r.public);
    expect(routes.length).toBeGreaterThan(30);
    for (const r of routes) {
      const res = await t.app.inject({ method: r.method as "GET", url: fill(r.url) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it("answers 403 to a role without the route's permission", async () => {
    const guarded = apiRoutes().filter((r) => r.permission);
    for (const r of guarded) {
      const role = ROLES.find((x) => !can(x, r.permission as Permission));
      if (!role) continue;
      const res = await clients.get(role)!.request(r.method as "GET", fill(r.url), r.method === "GET" ? undefined : {});
      expect(res.statusCode, `${r.method} ${r.url} as ${role}`).toBe(403);
    }
  });

  it("lets the auditor read the audit log and nothing else", async () => {
    const auditor = clients.get("auditor")!;
    expect((await auditor.get("/api/audit")).statusCode).toBe(200);
    expect((await auditor.get("/api/org/people")).statusCode).toBe(403);
    expect((await auditor.get("/api/org/units")).statusCode).toBe(403);
    expect((await clients.get("admin")!.get("/api/audit")).statusCode).toBe(403);
  });
});

describe("data scope", () => {
  /** Every route with a row id, with a valid request for a row of the sibling town. */
  const cases = (): { method: string; url: string; id: string; body?: unknown; raw?: boolean }[] => [
    { method: "GET", url: "/api/org/units/:id", id: ids.siblingTown },
    { method: "PATCH", url: "/api/org/units/:id", id: ids.siblingTown, body: { version: 1, name: "改名" } },
    { method: "POST", url: "/api/org/units/:id/move", id: ids.siblingTown, body: { version: 1, parentId: ids.ownTown } },
    { method: "GET", url: "/api/org/units/:id/checklist", id: ids.siblingTown },
    { method: "PUT", url: "/api/org/units/:id/checklist/:item", id: ids.siblingTown, body: { done: true, version: 0 } },
    { method: "POST", url: "/api/org/units/:id/checklist/:item/evidence", id: ids.siblingTown, raw: true },
    { method: "GET", url: "/api/org/people/:id", id: ids.siblingPerson },
    { method: "PATCH", url: "/api/org/people/:id", id: ids.siblingPerson, body: { version: 1, name: "改名" } },
    { method: "POST", url: "/api/org/people/:id/unmask", id: ids.siblingPerson, body: {} },
    { method: "PATCH", url: "/api/org/responsibilities/:id", id: ids.siblingResponsibility, body: { version: 1, duties: "x" } },
    { method: "DELETE", url: "/api/org/responsibilities/:id", id: ids.siblingResponsibility, body: {} },
    { method: "GET", url: "/api/files/:id", id: ids.siblingFile },
    { method: "GET", url: "/api/users/:id", id: ids.siblingUser },
    { method: "PATCH", url: "/api/users/:id", id: ids.siblingUser, body: { version: 1, displayName: "x" } },
    { method: "GET", url: "/api/incidents/:id", id: ids.siblingIncident },
    { method: "GET", url: "/api/incidents/:id/reports", id: ids.siblingIncident },
    { method: "GET", url: "/api/incidents/:id/special-report.docx", id: ids.siblingIncident },
    { method: "POST", url: "/api/incidents/:id/reports", id: ids.siblingIncident, body: { kind: "followup", figures: { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 }, body: "x", reporterName: "x" } },
    { method: "POST", url: "/api/incidents/:id/reports/:reportId/forward", id: ids.siblingIncident, body: {} },
    { method: "PATCH", url: "/api/incidents/:id/reports/:reportId", id: ids.siblingIncident, body: {} },
    { method: "DELETE", url: "/api/incidents/:id/reports/:reportId", id: ids.siblingIncident, body: {} },
    { method: "POST", url: "/api/incidents/:id/reports/:reportId/attachments", id: ids.siblingIncident, raw: true },
    { method: "POST", url: "/api/incidents/:id/instructions", id: ids.siblingIncident, body: { text: "批示" } },
    { method: "PATCH", url: "/api/duty/key-periods/:id", id: ids.siblingKeyPeriod, body: { version: 1, minOfficers: 1 } },
    { method: "GET", url: "/api/duty/shifts/:id", id: ids.siblingShift },
    { method: "PATCH", url: "/api/duty/shifts/:id", id: ids.siblingShift, body: { version: 1, leaderId: null } },
    { method: "POST", url: "/api/duty/shifts/:id/swaps", id: ids.siblingShift, body: { fromPersonId: ids.siblingPeople.split(",")[0], toPersonId: ids.siblingPeople.split(",")[1] } },
    { method: "POST", url: "/api/duty/swaps/:id/approve", id: ids.siblingSwap, body: { version: 1 } },
    { method: "POST", url: "/api/duty/swaps/:id/reject", id: ids.siblingSwap, body: { version: 1 } },
    // resources (issue 5): every registry's row routes, then what some registries add.
    ...["teams", "experts", "volunteers", "warehouses", "material-items", "requisitions", "shelters"].flatMap((key) => [
      { method: "GET", url: `/api/${key}/:id`, id: ids[`sibling:${key}`] },
      { method: "GET", url: `/api/${key}/:id/history`, id: ids[`sibling:${key}`] },
      { method: "PATCH", url: `/api/${key}/:id`, id: ids[`sibling:${key}`], body: { version: 1, name: "改名" } },
      { method: "DELETE", url: `/api/${key}/:id`, id: ids[`sibling:${key}`], body: {} },
    ]),
    { method: "POST", url: "/api/shelters/:id/status", id: ids["sibling:shelters"], body: { status: "open", occupancy: 1 } },
    { method: "GET", url: "/api/shelters/:id/inspections", id: ids["sibling:shelters"] },
    { method: "POST", url: "/api/shelters/:id/inspections", id: ids["sibling:shelters"], body: { passed: true } },
    { method: "GET", url: "/api/warehouses/:id/inspections", id: ids["sibling:warehouses"] },
    { method: "POST", url: "/api/warehouses/:id/inspections", id: ids["sibling:warehouses"], body: { lines: [] } },
    { method: "POST", url: "/api/requisitions/:id/documents", id: ids["sibling:requisitions"], raw: true },
    // warnings (feeds)
    { method: "GET", url: "/api/warning-feeds/:id", id: ids.siblingFeed },
    { method: "PATCH", url: "/api/warning-feeds/:id", id: ids.siblingFeed, body: { version: 1, name: "改名" } },
    { method: "DELETE", url: "/api/warning-feeds/:id", id: ids.siblingFeed, body: {} },
    { method: "POST", url: "/api/warning-feeds/:id/poll", id: ids.siblingFeed, body: {} },
    // warnings
    { method: "GET", url: "/api/warnings/:id", id: ids.siblingWarning },
    { method: "PATCH", url: "/api/warnings/:id", id: ids.siblingDraft, body: { version: 1, headline: "改" } },
    { method: "POST", url: "/api/warnings/:id/submit", id: ids.siblingDraft, body: { version: 1 } },
    { method: "POST", url: "/api/warnings/:id/approve", id: ids.siblingWarning, body: { version: 1 } },
    { method: "POST", url: "/api/warnings/:id/reject", id: ids.siblingWarning, body: { version: 1, note: "x" } },
    { method: "POST", url: "/api/warnings/:id/revise", id: ids.siblingWarning, body: { version: 1, note: "x" } },
    { method: "POST", url: "/api/warnings/:id/cancel", id: ids.siblingWarning, body: { version: 1, note: "x" } },
    { method: "GET", url: "/api/warnings/:id/preview", id: ids.siblingDraft },
    { method: "GET", url: "/api/warnings/:id/cap", id: ids.siblingWarning },
    { method: "GET", url: "/api/warnings/:id/tracking", id: ids.siblingWarning },
    { method: "GET", url: "/api/warnings/:id/deliveries", id: ids.siblingWarning },
    { method: "GET", url: "/api/warnings/:id/feedback", id: ids.siblingWarning },
    { method: "POST", url: "/api/warnings/:id/ack", id: ids.siblingWarning, body: {} },
    { method: "POST", url: "/api/warnings/:id/feedback", id: ids.siblingWarning, body: { measures: "x", responseLevel: "none", peopleSent: 0, teamsSent: 0, watchers: "x" } },
    { method: "POST", url: "/api/warnings/:id/read", id: ids.siblingWarning, body: {} },
    { method: "POST", url: "/api/warnings/call-tasks/:id/done", id: ids.siblingCallTask, body: { note: "x" } },
  ];

  it("covers every route that takes a row id", () => {
    const withId = apiRoutes().filter((r) => r.url.includes(":id")).map((r) => `${r.method} ${r.url}`).sort();
    expect(cases().map((c) => `${c.method} ${c.url}`).sort()).toEqual(withId);
  });

  it("answers 404 to a caller from a sibling town and writes nothing", async () => {
    const c = clients.get("townadmin")!;
    const before = await countRows(t.db, "audit_log");
    for (const k of cases()) {
      const res = k.raw
        ? await c.request(k.method as "POST", fill(k.url, k.id), Buffer.from("x"), { "content-type": "text/plain" })
        : await c.request(k.method as "GET", fill(k.url, k.id), k.body);
      expect(res.statusCode, `${k.method} ${k.url}`).toBe(404);
      expect(res.json().error.code).toBe("not_found");
    }
    expect(await countRows(t.db, "audit_log")).toBe(before);
  });

  it("refuses to create rows under a sibling's unit and filters lists to the subtree", async () => {
    const c = clients.get("townadmin")!;
    expect((await c.post("/api/org/units", { parentId: ids.siblingTown, kind: "village", name: "越界村" })).statusCode).toBe(404);
    expect((await c.post("/api/org/people", { unitId: ids.siblingTown, name: "越界" })).statusCode).toBe(404);
    expect((await c.get(`/api/org/people?unitId=${ids.siblingTown}`)).statusCode).toBe(404);
    expect((await c.post("/api/duty/shifts", { unitId: ids.siblingTown, startsAt: "2030-01-01T08:00:00+08:00", officerIds: [ids.siblingPerson] })).statusCode).toBe(404);
    expect((await c.get(`/api/duty/shifts?unitId=${ids.siblingTown}`)).statusCode).toBe(404);
    expect((await c.post("/api/duty/logs", { shiftId: ids.siblingShift, kind: "event", content: "越界" })).statusCode).toBe(404);
    expect((await c.post("/api/duty/spot-checks", { unitId: ids.siblingTown, method: "phone", at: "2026-01-01T10:00:00+08:00", answered: true, officerPresent: true, leaderPresent: true, logComplete: true })).statusCode).toBe(404);
    expect((await c.get("/api/duty/swaps")).json().some((w: { id: string }) => w.id === ids.siblingSwap)).toBe(false);
    expect((await c.post("/api/incidents", {
      title: "越界", typeId: ids.incidentType, unitId: ids.siblingTown, lat: 31.7, lon: 119.9, address: "x", occurredAt: "2026-01-01T08:00:00+08:00", learnedAt: "2026-01-01T08:00:00+08:00", level: "IV",
      figures: { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 }, body: "x", reporterName: "x",
    })).statusCode).toBe(404);
    expect((await c.get(`/api/incidents?unitId=${ids.siblingTown}`)).statusCode).toBe(404);
    expect((await c.get("/api/incidents?pageSize=200")).json().items.some((x: { id: string }) => x.id === ids.siblingIncident)).toBe(false);
    const units = (await c.get("/api/org/units")).json() as { id: string; name: string }[];
    expect(units.some((u) => u.id === ids.siblingTown)).toBe(false);
    expect(units.some((u) => u.id === ids.ownTown)).toBe(true);
    const town = clients.get("town")!;
    const people = (await town.get("/api/org/people?pageSize=200")).json();
    const own = (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from people p join org_units u on u.id = p.unit_id
      where u.path <@ (select path from org_units where id = ${ids.ownTown}) and p.active`)).rows[0].n;
    expect(people.total).toBe(Number(own));
  });
});

// warnings: the public pages answer without login (outside /api, so not in the public list above).
describe("warnings public pages", () => {
  it("serve the Atom feed, the page and a public warning's CAP to an anonymous caller, and 404 for a restricted one", async () => {
    for (const url of ["/public/warnings.atom", "/public/warnings"]) expect((await t.app.inject({ method: "GET", url })).statusCode, url).toBe(200);
    expect((await t.app.inject({ method: "GET", url: `/public/warnings/${ids.siblingWarning}/cap` })).statusCode).toBe(404);
    const publicRoutes = t.app.routeList.filter((r) => r.url.startsWith("/public/")).map((r) => `${r.method} ${r.url}`).sort();
    expect(publicRoutes).toEqual(["GET /public/warnings", "GET /public/warnings.atom", "GET /public/warnings/:id/cap"]);
    expect(t.app.routeList.filter((r) => r.url.startsWith("/public/")).every((r) => r.public)).toBe(true);
  });
});
