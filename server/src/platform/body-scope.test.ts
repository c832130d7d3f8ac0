/**
 * Ids inside a body are scope-checked like an id in the path (security notes, input finding 6):
 * every field of every JSON write route that holds an id — found by walking the route's body
 * schema for uuid fields, so a new route's fields are covered the day it is added — is sent a
 * row of the sibling town (牛塘镇) by a caller of 湖塘镇 (a town administrator, then the town
 * role), and must answer 404 or 422 with nothing written.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { can, type Permission, type Role } from "@yingji/contracts";
import { buildTestApp, countRows, loginAs, unitId, type Client, type TestApp } from "../../test/helpers.ts";
import { fieldName, fieldsOf, jsonSchemaOf, typeOf, withValueAt, type Field } from "../../test/schema-walk.ts";

let t: TestApp;
let admin: Client;
const callers = new Map<string, Client>();
/** own.* rows of 湖塘镇 (valid bodies), sibling.* rows of 牛塘镇 (what must be refused). */
const own: Record<string, string> = {};
const sibling: Record<string, string> = {};
const PASSWORD = "Scope#Test2030";

/** What each id-holding field refers to, by the field's name; reference data every unit reads is "shared". */
const REF_KIND: Record<string, string> = {
  unitId: "unit", parentId: "unit", unitIds: "unit", placeUnitId: "unit",
  personId: "person", officerIds: "person", leaderId: "person", officers: "person", leaders: "person", fromPersonId: "person", toPersonId: "person",
  documents: "file", incidentId: "incident", relayOfId: "warning", shiftId: "shift",
  warehouseId: "warehouse", toWarehouseId: "warehouse", itemId: "item",
  typeId: "shared", incidentTypeId: "shared", capabilities: "shared", specialties: "shared",
};
/** correctsId points at a row of the route's own chain: an incident report or a duty-log entry. */
const kindOf = (url: string, f: Field): string | undefined => {
  const name = f.path.filter((p) => typeof p === "string").at(-1) as string;
  if (name === "correctsId") return url.startsWith("/api/incidents") ? "report" : "dutyLog";
  return REF_KIND[name];
};

async function firstId(q: ReturnType<typeof sql>): Promise<string> {
  const { rows } = await t.db.execute<{ id: string }>(q);
  if (!rows[0]) throw new Error(`no row for ${JSON.stringify(q)}`);
  return rows[0].id;
}

const incidentBody = (unit: string, typeId: string) => ({
  title: "事件", typeId, unitId: unit, lat: 31.7, lon: 119.9, address: "x", occurredAt: new Date(Date.now() - 600_000).toISOString(),
  learnedAt: new Date(Date.now() - 600_000).toISOString(), level: "IV", figures: { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 }, body: "x", reporterName: "x",
});
const warningBody = (unit: string) => ({
  level: "blue", incidentTypeId: null, headline: "预警", description: "x", instruction: "x", area: { description: "x", polygons: [], circles: [], unitIds: [] },
  effectiveAt: new Date().toISOString(), expiresAt: new Date(Date.now() + 86_400_000).toISOString(), public: false,
  targets: { unitIds: [unit], inArea: false, roles: [], channels: ["inapp"] },
});

/** Rows of one town, created by the district administrator (or that town's own administrator where the row needs it). */
async function rowsOf(town: string, username: string, into: Record<string, string>) {
  into.unit = town;
  into.village = await firstId(sql`select id from org_units where parent_id = ${town} and active order by name limit 1`);
  const people = (await t.db.execute<{ id: string }>(sql`select id from people where unit_id = ${town} and active order by name limit 3`)).rows.map((r) => r.id);
  [into.person, into.person2, into.person3] = people;
  const created = await admin.post("/api/users", { username, displayName: username, role: "admin", unitId: town, password: PASSWORD });
  expect(created.statusCode, created.body).toBe(201);
  into.user = created.json().id;
  await t.db.execute(sql`update users set must_change_password = false where username = ${username}`);
  const upload = await admin.request("POST", `/api/org/units/${town}/checklist/funds/evidence`, Buffer.from("evidence"), { "content-type": "text/plain", "x-file-name": "a.txt" });
  into.file = upload.json().evidence[0].id;
  into.type = await firstId(sql`select id from incident_types where parent_id is not null order by code limit 1`);
  const incident = (await admin.post("/api/incidents", incidentBody(town, into.type))).json();
  [into.incident, into.report] = [incident.id, incident.reports[0].id];
  const shift = await admin.post("/api/duty/shifts", { unitId: town, startsAt: new Date(Date.now() + 5 * 86_400_000).toISOString(), officerIds: [people[0]] });
  into.shift = shift.json().id;
  into.dutyLog = (await admin.post("/api/duty/logs", { shiftId: into.shift, kind: "event", content: "x" })).json().id;
  const place = { unitId: town, lat: 31.7, lon: 119.9 };
  into.warehouse = (await admin.post("/api/warehouses", { ...place, name: `${username}仓库`, kind: "government" })).json().id;
  into.warehouse2 = (await admin.post("/api/warehouses", { ...place, name: `${username}二号仓库`, kind: "government" })).json().id;
  into.item = (await admin.post("/api/material-items", { unitId: town, name: `${username}物资`, category: "other", measureUnit: "件" })).json().id;
  expect((await admin.post("/api/stock-movements", { kind: "in", warehouseId: into.warehouse, itemId: into.item, quantity: 100 })).statusCode).toBe(201);
  into.requisition = (await admin.post("/api/requisitions", { unitId: town, name: `${username}征用`, fromKind: "person", fromParty: "某人", requisitionedAt: "2026-07-01T08:00:00+08:00", outcome: "in_use" })).json().id;
  for (const key of ["teams", "experts", "volunteers", "shelters"]) {
    const extra = { teams: { kind: "fire", readiness: "ready" }, experts: { level: "district", availability: "available" }, volunteers: { kind: "group", availability: "available" }, shelters: { kind: "park", shelterClass: "III", usableArea: 300 } }[key];
    const res = await admin.post(`/api/${key}`, { ...place, name: `${username}${key}`, ...extra });
    expect(res.statusCode, `${key} ${res.body}`).toBe(201);
    into[key] = res.json().id;
  }
  const townAdmin = await loginAs(t.app, username, { password: PASSWORD });
  const draft = (await townAdmin.post("/api/warnings", warningBody(town))).json();
  into.warning = draft.id;
  into.swapShift = (await admin.post("/api/duty/shifts", { unitId: town, startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString(), officerIds: [people[0]] })).json().id;
  return townAdmin;
}

beforeAll(async () => {
  t = await buildTestApp();
  admin = await loginAs(t.app, "admin");
  callers.set("townadmin", await rowsOf(await unitId(t.db, "湖塘镇"), "townadmin", own));
  await rowsOf(await unitId(t.db, "牛塘镇"), "niutang", sibling);
  callers.set("town", await loginAs(t.app, "town"));
}, 120_000);
afterAll(() => t?.close());

interface Case {
  method: string;
  url: string;
  /** A body the caller of 湖塘镇 could send (own ids); id fields are replaced one at a time. */
  valid: () => Record<string, unknown>;
}

const registryBodies: Record<string, Record<string, unknown>> = {
  teams: { kind: "fire", readiness: "ready", lat: 31.7, lon: 119.9 },
  experts: { level: "district", availability: "available", lat: 31.7, lon: 119.9 },
  volunteers: { kind: "group", availability: "available", lat: 31.7, lon: 119.9 },
  warehouses: { kind: "government", lat: 31.7, lon: 119.9 },
  "material-items": { category: "other", measureUnit: "件" },
  requisitions: { fromKind: "person", fromParty: "某人", requisitionedAt: "2026-07-01T08:00:00+08:00", outcome: "in_use" },
  shelters: { kind: "park", shelterClass: "III", usableArea: 300, lat: 31.7, lon: 119.9 },
};
const rowKey: Record<string, string> = { "material-items": "item", warehouses: "warehouse", requisitions: "requisition" };
const version = async (table: string, id: string) => (await t.db.execute<{ version: number }>(sql`select version from ${sql.identifier(table)} where id = ${id}`)).rows[0].version;

/** Every JSON write route with an id field in its body: the test below checks that this list is complete. */
const cases = async (): Promise<Case[]> => [
  { method: "POST", url: "/api/users", valid: () => ({ username: "scoped", displayName: "x", role: "town", unitId: own.unit, personId: own.person, password: PASSWORD }) },
  { method: "PATCH", url: `/api/users/${own.user}`, valid: () => ({ version: 1, unitId: own.unit, personId: own.person }) },
  { method: "POST", url: "/api/org/units", valid: () => ({ parentId: own.unit, kind: "village", name: "新村" }) },
  { method: "POST", url: `/api/org/units/${own.village}/move`, valid: () => ({ version: 1, parentId: own.unit }) },
  { method: "POST", url: "/api/org/responsibilities", valid: () => ({ incidentTypeId: own.type, unitId: own.unit, role: "member", duties: "x" }) },
  { method: "POST", url: "/api/org/people", valid: () => ({ unitId: own.unit, name: "张三" }) },
  { method: "PATCH", url: `/api/org/people/${own.person3}`, valid: () => ({ version: 1, unitId: own.unit }) },
  { method: "POST", url: "/api/incidents", valid: () => incidentBody(own.unit, own.type) },
  { method: "POST", url: `/api/incidents/${own.incident}/reports`, valid: () => ({ kind: "followup", figures: { dead: 0, missing: 0, injured: 0, seriouslyInjured: 0, trapped: 0, directLoss: 0 }, body: "x", reporterName: "x", correctsId: own.report }) },
  { method: "POST", url: "/api/duty/key-periods", valid: () => ({ unitId: own.unit, name: "国庆", kind: "holiday", startsAt: "2030-10-01T00:00:00+08:00", endsAt: "2030-10-08T00:00:00+08:00" }) },
  { method: "POST", url: "/api/duty/shifts", valid: () => ({ unitId: own.unit, startsAt: "2031-03-01T08:00:00+08:00", officerIds: [own.person], leaderId: own.person2 }) },
  { method: "POST", url: "/api/duty/shifts/generate", valid: () => ({ unitId: own.unit, month: "2031-05", officers: [own.person], leaders: [own.person2] }) },
  { method: "PATCH", url: `/api/duty/shifts/${own.shift}`, valid: () => ({ version: 1, officerIds: [own.person], leaderId: own.person2 }) },
  { method: "POST", url: `/api/duty/shifts/${own.swapShift}/swaps`, valid: () => ({ fromPersonId: own.person, toPersonId: own.person2 }) },
  { method: "POST", url: "/api/duty/logs", valid: () => ({ shiftId: own.shift, kind: "event", content: "x", correctsId: own.dutyLog }) },
  { method: "POST", url: "/api/duty/spot-checks", valid: () => ({ unitId: own.unit, method: "phone", at: "2026-01-01T10:00:00+08:00", answered: true, officerPresent: true, leaderPresent: true, logComplete: true }) },
  ...Object.entries(registryBodies).flatMap(([key, body]): Case[] => [
    { method: "POST", url: `/api/${key}`, valid: () => ({ unitId: own.unit, name: "新记录", ...body }) },
    { method: "PATCH", url: `/api/${key}/${own[rowKey[key] ?? key]}`, valid: () => ({ version: 1, unitId: own.unit }) },
  ]),
  { method: "POST", url: "/api/stock-movements", valid: () => ({ kind: "transfer", warehouseId: own.warehouse, toWarehouseId: own.warehouse2, itemId: own.item, quantity: 1, incidentId: own.incident }) },
  { method: "PUT", url: "/api/stock/minimum", valid: () => ({ warehouseId: own.warehouse, itemId: own.item, minimum: 3 }) },
  { method: "POST", url: `/api/warehouses/${own.warehouse}/inspections`, valid: () => ({ lines: [{ itemId: own.item, counted: 0 }] }) },
  { method: "POST", url: "/api/warnings", valid: () => warningBody(own.unit) },
  { method: "POST", url: "/api/warnings/preview", valid: () => ({ targets: warningBody(own.unit).targets, area: warningBody(own.unit).area }) },
  { method: "PATCH", url: `/api/warnings/${own.warning}`, valid: () => ({ version: 1, targets: warningBody(own.unit).targets }) },
];

const routeOf = (c: Case) => t.app.routeList.find((r) => r.method === c.method && new RegExp(`^${r.url.replace(/:[a-zA-Z]+/g, "[^/]+")}$`).test(c.url))!;
const idFields = (schema: NonNullable<ReturnType<typeof jsonSchemaOf>>) =>
  fieldsOf(schema).filter((f) => f.schema.format === "uuid" && !(typeOf(f.schema) === "array"));

describe("ids inside a body", () => {
  it("covers every JSON write route with an id in its body, and knows what each id field refers to", async () => {
    const withIds = t.app.routeList
      .filter((r) => r.url.startsWith("/api/") && ["POST", "PUT", "PATCH", "DELETE"].includes(r.method))
      .filter((r) => { const s = jsonSchemaOf(r.body); return s && idFields(s).length > 0; })
      .map((r) => `${r.method} ${r.url}`).sort();
    const list = await cases();
    expect(list.map((c) => `${routeOf(c)?.method} ${routeOf(c)?.url}`).sort()).toEqual(withIds);
    for (const c of list) {
      for (const f of idFields(jsonSchemaOf(routeOf(c).body)!)) expect(kindOf(c.url, f), `${c.method} ${c.url} ${fieldName(f.path)}: add it to REF_KIND`).toBeDefined();
    }
  });

  for (const callerName of ["townadmin", "town"] as const) {
    it(`answers 404 or 422 to a sibling town's id in any id field, with nothing written (${callerName})`, async () => {
      const caller = callers.get(callerName)!;
      const role = (callerName === "townadmin" ? "admin" : "town") as Role;
      let tried = 0;
      for (const c of await cases()) {
        const route = routeOf(c);
        if (route.permission && !can(role, route.permission as Permission)) continue;
        const schema = jsonSchemaOf(route.body)!;
        const before = await countRows(t.db, "audit_log");
        for (const f of idFields(schema)) {
          const kind = kindOf(c.url, f)!;
          if (kind === "shared") continue;
          const body = withValueAt(await freshVersions(c), schema, f.path, sibling[kind]);
          const res = await caller.request(c.method as "POST", c.url, body);
          expect.soft([404, 422], `${c.method} ${c.url} ${fieldName(f.path)} = sibling ${kind} as ${callerName}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
          tried++;
        }
        expect.soft(await countRows(t.db, "audit_log"), `${c.method} ${c.url} wrote something`).toBe(before);
      }
      expect(tried).toBeGreaterThan(callerName === "townadmin" ? 40 : 5);
    }, 120_000);
  }

  it("accepts the same bodies with the caller's own ids (the refusals above are about scope, not a bad body)", async () => {
    const caller = callers.get("townadmin")!;
    for (const c of await cases()) {
      const res = await caller.request(c.method as "POST", c.url, await freshVersions(c));
      expect(res.statusCode, `${c.method} ${c.url}: ${res.body}`).toBeLessThan(300);
    }
  }, 120_000);
});

/** The valid body with the current version of the row the path names (earlier cases may have changed it). */
async function freshVersions(c: Case): Promise<Record<string, unknown>> {
  const body = c.valid();
  if (!("version" in body)) return body;
  const m = /^\/api\/([a-z-/]+?)\/([0-9a-f-]{36})/.exec(c.url)!;
  const table = { users: "users", "org/units": "org_units", "org/people": "people", "duty/shifts": "duty_shifts", warnings: "warnings", "material-items": "material_items" }[m[1]] ?? m[1].replace("-", "_");
  return { ...body, version: await version(table, m[2]) };
}

describe("a unit's own kind and parent", () => {
  it("answers 422 when a unit changes its own kind, or is given a kind at or above the caller's level, and writes nothing", async () => {
    const caller = callers.get("townadmin")!;
    const before = await countRows(t.db, "audit_log");
    for (const [id, kind] of [[own.unit, "district"], [own.unit, "village"], [own.village, "district"], [own.village, "town"]] as const) {
      const res = await caller.patch(`/api/org/units/${id}`, { version: await version("org_units", id), kind });
      expect(res.statusCode, `${kind}: ${res.body}`).toBe(422);
    }
    const created = await caller.post("/api/org/units", { parentId: own.unit, kind: "district", name: "假区" });
    expect(created.statusCode, created.body).toBe(422);
    const moved = await caller.post(`/api/org/units/${own.unit}/move`, { version: await version("org_units", own.unit), parentId: own.village });
    expect([404, 422]).toContain(moved.statusCode);
    expect(await countRows(t.db, "audit_log")).toBe(before);
  });
});
